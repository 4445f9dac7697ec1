"""Drop-in: every public name of aws-cdk-lib's module is here with the same values, aws-cdk-lib's own structs
and enums are accepted (a partial swap of the import), and token ARNs import as they do upstream."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import jsii
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam
from constructs import Construct

import cdk_identitypool
from cdk_identitypool import IdentityPool
from tests.helpers import SOCIAL, new_stack, pool_props, resources, synth

UPSTREAM_NAMES = sorted(n for n in dir(upstream) if not n.startswith("_"))


def test_every_public_name_of_aws_cdk_lib_is_here() -> None:
    missing = [name for name in UPSTREAM_NAMES if not hasattr(cdk_identitypool, name)]
    assert not missing


def test_enums_have_aws_cdk_libs_members_and_values() -> None:
    for name in UPSTREAM_NAMES:
        theirs = getattr(upstream, name)
        if isinstance(theirs, type) and issubclass(theirs, enum.Enum):
            ours = getattr(cdk_identitypool, name)
            assert [m.name for m in ours] == [m.name for m in theirs], name
            # jsii's Python enums carry the member name as value: code reading .value sees the same on both.
            assert [m.value for m in ours] == [m.value for m in theirs], name
    assert cdk_identitypool.IdentityPoolProviderType.FACEBOOK.value == upstream.IdentityPoolProviderType.FACEBOOK.value


def test_match_types_are_spelled_as_cloudformation_does_in_templates() -> None:
    stack = new_stack()
    rules = [
        cdk_identitypool.RoleMappingRule(
            claim="hd",
            claim_value=f"v{i}",
            mapped_role=iam.Role(stack, f"R{i}", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")),
            match_type=match_type,
        )
        for i, match_type in enumerate(cdk_identitypool.RoleMappingMatchType)
    ]
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=SOCIAL,
        role_mappings=[
            cdk_identitypool.IdentityPoolRoleMapping(
                provider_url=cdk_identitypool.IdentityPoolProviderUrl.GOOGLE, rules=rules
            )
        ],
    )
    (attachment,) = resources(synth(stack), "AWS::Cognito::IdentityPoolRoleAttachment").values()
    written = attachment["Properties"]["RoleMappings"]["accounts.google.com"]["RulesConfiguration"]["Rules"]
    assert [rule["MatchType"] for rule in written] == ["Equals", "Contains", "StartsWith", "NotEqual"]


def test_add_role_mappings_takes_aws_cdk_libs_struct_as_the_constructor_does() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=SOCIAL)
    admins = iam.Role(stack, "Admins", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    pool.add_role_mappings(
        upstream.IdentityPoolRoleMapping(
            provider_url=upstream.IdentityPoolProviderUrl.GOOGLE,
            rules=[upstream.RoleMappingRule(claim="hd", claim_value="example.com", mapped_role=admins)],
        ),
        upstream.IdentityPoolRoleMapping(provider_url=upstream.IdentityPoolProviderUrl.AMAZON, use_token=True),
    )
    (attachment,) = resources(synth(stack), "AWS::Cognito::IdentityPoolRoleAttachment").values()
    mappings = attachment["Properties"]["RoleMappings"]
    assert mappings["www.amazon.com"]["Type"] == "Token"
    (rule,) = mappings["accounts.google.com"]["RulesConfiguration"]["Rules"]
    assert rule["MatchType"] == "Equals" and rule["Claim"] == "hd"
    assert all(isinstance(m, cdk_identitypool.IdentityPoolRoleMapping) for m in pool.role_mappings)


def test_aws_cdk_libs_own_structs_and_enums_are_accepted() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    admins = iam.Role(stack, "Admins", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=upstream.IdentityPoolAuthenticationProviders(
            user_pools=[upstream.UserPoolAuthenticationProvider(user_pool=users)],
            google=upstream.IdentityPoolGoogleLoginProvider(client_id="app.apps.googleusercontent.com"),
        ),
        role_mappings=[
            upstream.IdentityPoolRoleMapping(
                provider_url=upstream.IdentityPoolProviderUrl.GOOGLE,
                rules=[
                    upstream.RoleMappingRule(
                        claim="hd",
                        claim_value="example.com",
                        mapped_role=admins,
                        match_type=upstream.RoleMappingMatchType.STARTS_WITH,
                    )
                ],
            )
        ],
    )
    template = synth(stack)
    pool = pool_props(template)
    assert pool["SupportedLoginProviders"] == {"accounts.google.com": "app.apps.googleusercontent.com"}
    assert len(pool["CognitoIdentityProviders"]) == 1
    (attachment,) = resources(template, "AWS::Cognito::IdentityPoolRoleAttachment").values()
    (rule,) = attachment["Properties"]["RoleMappings"]["accounts.google.com"]["RulesConfiguration"]["Rules"]
    assert rule["MatchType"] == "StartsWith"


def test_our_pool_is_an_aws_cdk_lib_identity_pool_to_jsii() -> None:
    # aws-cdk-lib's UserPoolAuthenticationProvider.bind takes an aws_cognito_identitypool.IIdentityPool.
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    config = upstream.UserPoolAuthenticationProvider(user_pool=cognito.UserPool(stack, "Users")).bind(stack, pool)
    assert config.server_side_token_check is True


def test_our_pool_is_aws_cdk_libs_identity_pool_subclass() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Stack")
    pool = IdentityPool(stack, "Pool")
    assert isinstance(pool, upstream.IdentityPool)
    assert IdentityPool.PROPERTY_INJECTION_ID == upstream.IdentityPool.PROPERTY_INJECTION_ID
    tree = json.loads((Path(app.synth().directory) / "tree.json").read_text())
    info = tree["tree"]["children"]["Stack"]["children"]["Pool"]["constructInfo"]
    assert info["fqn"] == "aws-cdk-lib.aws_cognito_identitypool.IdentityPool"


@jsii.implements(cdk.IPropertyInjector)
class _ClassicFlowEverywhere:
    """A property injector aimed at aws-cdk-lib's IdentityPool, as a platform team would write one."""

    @property
    def construct_unique_id(self) -> str:
        return upstream.IdentityPool.PROPERTY_INJECTION_ID

    def inject(self, original_props: Any, *, id: str, scope: Construct) -> Any:
        return {**original_props, "allowClassicFlow": True}


def test_property_injectors_aimed_at_aws_cdk_libs_pool_apply_to_ours() -> None:
    app = cdk.App(property_injectors=[_ClassicFlowEverywhere()])
    stack = cdk.Stack(app, "Stack")
    IdentityPool(stack, "Pool")
    (pool,) = resources(synth(stack), "AWS::Cognito::IdentityPool").values()
    assert pool["Properties"]["AllowClassicFlow"] is True


def test_token_arns_import_as_upstream_does() -> None:
    stack = new_stack()
    from_export = IdentityPool.from_identity_pool_arn(stack, "FromExport", cdk.Fn.import_value("PoolArn"))
    built = IdentityPool.from_identity_pool_arn(
        stack,
        "Built",
        f"arn:aws:cognito-identity:{stack.region}:{stack.account}:identitypool/" + cdk.Fn.import_value("PoolId"),
    )
    role = iam.Role(stack, "Backend", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    from_export.grant(role, "cognito-identity:GetId")
    built.grant(role, "cognito-identity:DescribeIdentityPool")
    template = synth(stack)
    (policy,) = resources(template, "AWS::IAM::Policy").values()
    statements = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statements[0]["Resource"] == {"Fn::ImportValue": "PoolArn"}
    assert "Fn::Join" in statements[1]["Resource"]
    assert stack.resolve(from_export.identity_pool_id) != ""
