"""One key casing: the checks' model of a construct tree spells every property as the synthesized template does."""

from __future__ import annotations

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    RoleMappingRule,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool._checks.cfn_casing import cfn_properties
from cdk_identitypool._checks.tree_model import model_of_stack
from cdk_identitypool._model.template import TemplateModel
from tests.helpers import new_stack, synth

COMPARED = (
    "AWS::Cognito::IdentityPool",
    "AWS::Cognito::IdentityPoolRoleAttachment",
    "AWS::Cognito::IdentityPoolPrincipalTag",
    "AWS::Cognito::UserPoolGroup",
    "AWS::IAM::Role",
    "AWS::IAM::Policy",
)


def test_the_construct_tree_model_reads_like_the_template() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    saml = iam.SamlProvider.from_saml_provider_arn(stack, "Saml", "arn:aws:iam::123456789012:saml-provider/corp")
    oidc = iam.OpenIdConnectProvider.from_open_id_connect_provider_arn(
        stack, "Oidc", "arn:aws:iam::123456789012:oidc-provider/login.example.com"
    )
    provider = UserPoolAuthenticationProvider(user_pool=users)
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[provider],
            saml_providers=[saml],
            open_id_connect_providers=[oidc],
        ),
        principal_tags=[IdentityPoolPrincipalTags.user_pool(users, tags={"team": "custom:team"})],
    )
    admins = iam.Role(stack, "Admins", assumed_by=pool.federated_principal("authenticated", session_tags=True))
    admins.add_to_policy(iam.PolicyStatement(actions=["s3:GetObject"], resources=["*"]))
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.saml(saml.saml_provider_arn),
            mapping_key="corp",
            rules=[RoleMappingRule(claim="department", claim_value="it", mapped_role=admins)],
        )
    )
    pool.add_user_pool_group_roles(provider, groups={"editors": 1})
    template = synth(stack)
    model = model_of_stack(stack)
    read = TemplateModel.from_template(template, region=stack.region)  # the same canonical forms
    compared = 0
    for logical_id, body in template["Resources"].items():
        if body["Type"] in COMPARED:
            assert model.resources[logical_id].properties == read.resources[logical_id].properties, logical_id
            compared += 1
    assert compared >= 9


def test_role_mappings_chosen_by_a_condition_are_kept_as_they_are() -> None:
    mappings = {"Fn::If": ["Prod", {"www.amazon.com": {"type": "Token"}}, {"Ref": "AWS::NoValue"}]}
    assert cfn_properties({"roleMappings": mappings}) == {"RoleMappings": mappings}
