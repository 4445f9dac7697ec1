"""Role mappings: token-based and rule-based, given at construction or added later."""

from __future__ import annotations

import dataclasses

import pytest
from aws_cdk import Token
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from syrupy.assertion import SnapshotAssertion

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolProviderType,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    IdentityPoolValidationError,
    RoleMappingMatchType,
    RoleMappingRule,
    UserPoolAuthenticationProvider,
)
from tests.helpers import SOCIAL, attachment_props, new_stack, only, synth, synth_and_snapshot


def _role(stack: object, name: str) -> iam.Role:
    return iam.Role(stack, name, assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))  # type: ignore[arg-type]


def test_token_based_mapping(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=SOCIAL,
        role_mappings=[IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.AMAZON, use_token=True)],
    )
    template = synth_and_snapshot(stack, snapshot)
    assert attachment_props(template)["RoleMappings"] == {
        "www.amazon.com": {"Type": "Token", "AmbiguousRoleResolution": "Deny", "IdentityProvider": "www.amazon.com"},
    }


def test_rule_based_mapping_keeps_rule_order(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    admin_role, non_admin_role = _role(stack, "AdminRole"), _role(stack, "NonAdminRole")
    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=SOCIAL,
        role_mappings=[
            IdentityPoolRoleMapping(
                provider_url=IdentityPoolProviderUrl.AMAZON,
                rules=[
                    RoleMappingRule(claim="custom:admin", claim_value="admin", mapped_role=admin_role),
                    RoleMappingRule(
                        claim="custom:admin",
                        claim_value="admin",
                        match_type=RoleMappingMatchType.NOTEQUAL,
                        mapped_role=non_admin_role,
                    ),
                ],
            )
        ],
    )
    template = synth_and_snapshot(stack, snapshot)
    mapping = attachment_props(template)["RoleMappings"]["www.amazon.com"]
    assert mapping["Type"] == "Rules" and mapping["AmbiguousRoleResolution"] == "Deny"
    rules = mapping["RulesConfiguration"]["Rules"]
    assert [(r["Claim"], r["MatchType"], r["Value"]) for r in rules] == [
        ("custom:admin", "Equals", "admin"),
        ("custom:admin", "NotEqual", "admin"),
    ]
    assert rules[0]["RoleARN"]["Fn::GetAtt"][0].startswith("AdminRole")
    assert rules[1]["RoleARN"]["Fn::GetAtt"][0].startswith("NonAdminRole")


@pytest.mark.parametrize(
    "url",
    [
        IdentityPoolProviderUrl.FACEBOOK,
        IdentityPoolProviderUrl.GOOGLE,
        IdentityPoolProviderUrl.APPLE,
        IdentityPoolProviderUrl.TWITTER,
        IdentityPoolProviderUrl.custom("my-custom-provider.com"),
        IdentityPoolProviderUrl.open_id("oidc.example.com"),
    ],
)
def test_static_provider_urls_are_the_mapping_keys(url: IdentityPoolProviderUrl) -> None:
    stack = new_stack()
    oidc = iam.OpenIdConnectProvider.from_open_id_connect_provider_arn(
        stack, "Oidc", "arn:aws:iam::123456789012:oidc-provider/oidc.example.com"
    )
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=dataclasses.replace(
            SOCIAL, open_id_connect_providers=[oidc], custom_provider="my-custom-provider.com"
        ),
        role_mappings=[IdentityPoolRoleMapping(provider_url=url, use_token=True)],
    )
    assert list(attachment_props(synth(stack))["RoleMappings"]) == [url.value]


def test_provider_url_constants() -> None:
    assert (IdentityPoolProviderUrl.AMAZON.type, IdentityPoolProviderUrl.AMAZON.value) == (
        IdentityPoolProviderType.AMAZON,
        "www.amazon.com",
    )
    assert IdentityPoolProviderUrl.FACEBOOK.value == "graph.facebook.com"
    assert IdentityPoolProviderUrl.GOOGLE.value == "accounts.google.com"
    assert IdentityPoolProviderUrl.APPLE.value == "appleid.apple.com"
    assert IdentityPoolProviderUrl.TWITTER.value == "api.twitter.com"
    saml = IdentityPoolProviderUrl.saml("arn:aws:iam::123456789012:saml-provider/x")
    assert saml.type is IdentityPoolProviderType.SAML


def test_user_pool_provider_url_needs_a_mapping_key(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "UserPool")
    client = user_pool.add_client("Client")
    url = IdentityPoolProviderUrl.user_pool(user_pool, client)
    assert Token.is_unresolved(url.value)
    with pytest.raises(IdentityPoolValidationError, match="mapping_key") as info:
        IdentityPoolRoleMapping(provider_url=url, use_token=True)
    assert "CDK token" in info.value.rule

    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=client)]
        ),
        role_mappings=[IdentityPoolRoleMapping(mapping_key="cognito", provider_url=url, use_token=True)],
    )
    template = synth_and_snapshot(stack, snapshot)
    mapping = attachment_props(template)["RoleMappings"]["cognito"]
    pool_id, _ = only(template, "AWS::Cognito::UserPool")
    client_id, _ = only(template, "AWS::Cognito::UserPoolClient")
    assert mapping["IdentityProvider"] == {
        "Fn::Join": ["", [{"Fn::GetAtt": [pool_id, "ProviderName"]}, ":", {"Ref": client_id}]]
    }


def test_add_role_mappings_after_construction_renders_one_attachment(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=SOCIAL,
        role_mappings=[IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True)],
    )
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.FACEBOOK,
            resolve_ambiguous_roles=True,
            rules=[
                RoleMappingRule(
                    claim="email",
                    claim_value="@example.com",
                    match_type=RoleMappingMatchType.CONTAINS,
                    mapped_role=_role(stack, "Staff"),
                )
            ],
        ),
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[
                RoleMappingRule(
                    claim="user_id",
                    claim_value="amzn1.",
                    match_type=RoleMappingMatchType.STARTS_WITH,
                    mapped_role=_role(stack, "Shoppers"),
                )
            ],
        ),
    )
    template = synth_and_snapshot(stack, snapshot)
    only(template, "AWS::Cognito::IdentityPoolRoleAttachment")
    mappings = attachment_props(template)["RoleMappings"]
    assert list(mappings) == ["accounts.google.com", "graph.facebook.com", "www.amazon.com"]
    assert mappings["graph.facebook.com"]["AmbiguousRoleResolution"] == "AuthenticatedRole"
    assert mappings["www.amazon.com"]["RulesConfiguration"]["Rules"][0]["MatchType"] == "StartsWith"
    assert [m.key for m in pool.role_mappings] == list(mappings)


def test_duplicate_mapping_keys_are_rejected() -> None:
    stack = new_stack()
    pool = IdentityPool(
        stack,
        "Pool",
        role_mappings=[IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True)],
    )
    with pytest.raises(IdentityPoolValidationError, match="duplicate mapping key") as info:
        pool.add_role_mappings(IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True))
    assert info.value.prop == "role_mappings" and info.value.value == "accounts.google.com"


def test_rules_and_use_token_together_are_rejected() -> None:
    stack = new_stack()
    rule = RoleMappingRule(claim="c", claim_value="v", mapped_role=_role(stack, "R"))
    with pytest.raises(IdentityPoolValidationError, match="cannot be combined with use_token"):
        IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True, rules=[rule])


def test_neither_rules_nor_use_token_is_rejected() -> None:
    with pytest.raises(IdentityPoolValidationError, match=r"required for 'accounts\.google\.com' unless use_token"):
        IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE)


def test_more_than_25_rules_are_rejected() -> None:
    stack = new_stack()
    role = _role(stack, "R")
    rules = [RoleMappingRule(claim="c", claim_value=str(i), mapped_role=role) for i in range(26)]
    with pytest.raises(IdentityPoolValidationError, match="at most 25 rules") as info:
        IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, rules=rules)
    assert info.value.value == "26 rules"
    IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, rules=rules[:25])


@pytest.mark.parametrize("claim", ["", "   ", "has space"])
def test_empty_or_blank_claims_are_rejected(claim: str) -> None:
    stack = new_stack()
    with pytest.raises(IdentityPoolValidationError, match=r"RoleMappingRule\.claim=") as info:
        RoleMappingRule(claim=claim, claim_value="v", mapped_role=_role(stack, "R"))
    assert info.value.value == claim


def test_a_user_pool_url_reads_its_value_only_when_asked_and_equals_the_literal_form() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    web = users.add_client("Web")
    url = IdentityPoolProviderUrl.user_pool(users, web)
    spelled = IdentityPoolProviderUrl(
        IdentityPoolProviderType.USER_POOL, f"{users.user_pool_provider_name}:{web.user_pool_client_id}"
    )
    assert url == spelled and hash(url) == hash(spelled)
    assert repr(url).startswith("IdentityPoolProviderUrl(type=")
    assert url.type is IdentityPoolProviderType.USER_POOL and url.value == spelled.value
