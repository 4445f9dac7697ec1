"""Two stacks deployed in order: the pool's stack, then a stack with a role it maps (README's design)."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam

from cdk_identitypool import IdentityPool, IdentityPoolProviderUrl, IdentityPoolRoleMapping, RoleMappingRule
from cdk_identitypool.testing.emulator import MinistackEmulator, deploy_template
from tests.helpers import AMAZON, synth

pytestmark = pytest.mark.integ


def test_a_role_in_another_stack_deploys_after_the_pool_and_is_mapped(
    emulator: MinistackEmulator, stack_name: str
) -> None:
    app = cdk.App()
    env = cdk.Environment(account="000000000000", region="us-east-1")
    synthesizer = cdk.BootstraplessSynthesizer
    pool_stack = cdk.Stack(app, "PoolStack", stack_name=f"{stack_name}-pool", env=env, synthesizer=synthesizer())
    roles_stack = cdk.Stack(app, "RolesStack", stack_name=f"{stack_name}-roles", env=env, synthesizer=synthesizer())
    pool = IdentityPool(pool_stack, "Pool", authentication_providers=AMAZON)
    name = f"{stack_name}-admins"[:64]
    admins = iam.Role(roles_stack, "Admins", role_name=name, assumed_by=pool.federated_principal())
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[
                RoleMappingRule(
                    claim="custom:role",
                    claim_value="admin",
                    mapped_role=iam.Role.from_role_name(pool_stack, "Admins", name),
                )
            ],
        )
    )
    cdk.CfnOutput(pool_stack, "PoolId", value=pool.identity_pool_id)
    cdk.CfnOutput(roles_stack, "AdminsArn", value=admins.role_arn)

    pool_outputs = deploy_template(emulator, f"{stack_name}-pool", synth(pool_stack), timeout=60)
    roles_outputs = deploy_template(emulator, f"{stack_name}-roles", synth(roles_stack), timeout=60)

    roles = emulator.client("cognito-identity").get_identity_pool_roles(IdentityPoolId=pool_outputs["PoolId"])
    (rule,) = roles["RoleMappings"]["www.amazon.com"]["RulesConfiguration"]["Rules"]
    assert rule["RoleARN"] == roles_outputs["AdminsArn"]
    trust = emulator.client("iam").get_role(RoleName=name)["Role"]["AssumeRolePolicyDocument"]
    assert pool_outputs["PoolId"] in str(trust)
