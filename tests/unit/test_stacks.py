"""Pools and the roles they map across stacks: what deploys, and in which order."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    IdentityPoolValidationError,
    RoleMappingRule,
)
from tests.helpers import AMAZON, attachment_props, synth

ENV = cdk.Environment(account="123456789012", region="us-east-1")


def two_stacks() -> tuple[cdk.Stack, cdk.Stack, IdentityPool]:
    app = cdk.App()
    pool_stack = cdk.Stack(app, "PoolStack", env=ENV)
    roles_stack = cdk.Stack(app, "RolesStack", env=ENV)
    return pool_stack, roles_stack, IdentityPool(pool_stack, "Pool", authentication_providers=AMAZON)


def map_admins(pool: IdentityPool, role: iam.IRole) -> None:
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[RoleMappingRule(claim="custom:role", claim_value="admin", mapped_role=role)],
        )
    )


def test_a_role_of_another_stack_referenced_directly_is_a_clear_error() -> None:
    # The role's trust refers to the pool (RolesStack -> PoolStack) and the mapping to the role
    # (PoolStack -> RolesStack): a cycle aws-cdk-lib reports at synth with a trace; we name both stacks and
    # the way out when the role is mapped.
    _, roles_stack, pool = two_stacks()
    admins = iam.Role(roles_stack, "Admins", assumed_by=pool.federated_principal())
    with pytest.raises(IdentityPoolValidationError, match=r"RolesStack.*PoolStack.*dependency cycle.*from_role_name"):
        map_admins(pool, admins)


def test_a_role_of_another_stack_that_does_not_trust_the_pool_by_reference_is_mapped() -> None:
    _, roles_stack, pool = two_stacks()
    admins = iam.Role(roles_stack, "Admins", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_admins(pool, admins)
    synth(roles_stack)
    assert roles_stack.dependencies == []


def test_a_role_of_another_stack_mapped_by_name_deploys_after_the_pool() -> None:
    # The design README documents: the role has a literal name, and the pool's stack maps it by name.
    pool_stack, roles_stack, pool = two_stacks()
    iam.Role(roles_stack, "Admins", role_name="app-admins", assumed_by=pool.federated_principal())
    map_admins(pool, iam.Role.from_role_name(pool_stack, "Admins", "app-admins"))
    template = synth(pool_stack)
    (rule,) = attachment_props(template)["RoleMappings"]["www.amazon.com"]["RulesConfiguration"]["Rules"]
    assert rule["RoleARN"] == {
        "Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":iam::123456789012:role/app-admins"]]
    }
    synth(roles_stack)
    assert [s.stack_name for s in roles_stack.dependencies] == ["PoolStack"]
    assert pool_stack.dependencies == []


def test_a_role_of_a_nested_stack_of_the_pools_stack_that_trusts_the_pool_is_mapped() -> None:
    # No cycle: the nested stack's resource follows the pool (a parameter), the attachment follows it (an output).
    app = cdk.App()
    pool_stack = cdk.Stack(app, "PoolStack", env=ENV)
    pool = IdentityPool(pool_stack, "Pool", authentication_providers=AMAZON)
    nested = cdk.NestedStack(cdk.NestedStack(pool_stack, "Roles"), "Deeper")
    map_admins(pool, iam.Role(nested, "Admins", assumed_by=pool.federated_principal()))
    template = synth(pool_stack)
    (rule,) = attachment_props(template)["RoleMappings"]["www.amazon.com"]["RulesConfiguration"]["Rules"]
    assert "Outputs." in str(rule["RoleARN"]), rule


def test_a_role_of_the_parent_that_trusts_a_pool_of_its_nested_stack_is_a_cycle_named_by_paths() -> None:
    # The parent's role follows the nested stack's resource (the pool's id), which follows the role (the
    # attachment's parameter). The nested stack's name is known only at deploy time: the message uses its path.
    app = cdk.App()
    parent = cdk.Stack(app, "Parent", env=ENV)
    pool = IdentityPool(cdk.NestedStack(parent, "Auth"), "Pool", authentication_providers=AMAZON)
    admins = iam.Role(parent, "Admins", assumed_by=pool.federated_principal())
    with pytest.raises(
        IdentityPoolValidationError, match=r"in stack 'Parent' and trusts this pool of stack 'Parent/Auth'"
    ):
        map_admins(pool, admins)


def test_a_user_pool_of_a_stack_with_a_region_in_an_agnostic_stack_is_a_clear_error() -> None:
    from aws_cdk import aws_cognito as cognito

    from cdk_identitypool import (
        IdentityPoolAuthenticationProviders,
        IdentityPoolValidationError,
        UserPoolAuthenticationProvider,
    )

    app = cdk.App()
    users_stack = cdk.Stack(app, "UsersStack", env=ENV)
    pool_stack = cdk.Stack(app, "PoolStack")  # no env: aws-cdk-lib would fail at synth with a trace
    users = cognito.UserPool(users_stack, "Users")
    with pytest.raises(IdentityPoolValidationError, match=r"user_pools\[0\]=.*stack 'UsersStack' \(region us-east-1\)"):
        IdentityPool(
            pool_stack,
            "Pool",
            authentication_providers=IdentityPoolAuthenticationProviders(
                user_pools=[UserPoolAuthenticationProvider(user_pool=users)]
            ),
        )
