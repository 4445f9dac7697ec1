"""Attributes for access control: principal tags per provider, and sts:TagSession on the trust."""

from __future__ import annotations

import json

import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from syrupy.assertion import SnapshotAssertion

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolValidationError,
    UserPoolAuthenticationProvider,
)
from tests.helpers import (
    attachment_props,
    imported_user_pool_pool,
    new_stack,
    pool_props,
    resources,
    role_logical_id,
    synth,
    synth_and_snapshot,
)
from tests.unit.test_identity_pool import SAML_METADATA


def _trust_actions(template: dict[str, object], kind: str) -> list[str]:
    """The actions a default role's trust allows; every statement is locked to the same pool and type."""
    roles = attachment_props(template)["Roles"]
    role = template["Resources"][role_logical_id(template, roles[kind])]  # type: ignore[index]
    statements = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    assert len({repr((s["Principal"], s["Condition"])) for s in statements}) == 1
    return [a for s in statements for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])]


def test_user_pool_default_mappings_and_tag_session(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool)]
        ),
        principal_tags=[IdentityPoolPrincipalTags.user_pool(user_pool, use_defaults=True)],
    )
    template = synth_and_snapshot(stack, snapshot)
    [tag] = resources(template, "AWS::Cognito::IdentityPoolPrincipalTag").values()
    pool_id = next(iter(resources(template, "AWS::Cognito::IdentityPool")))
    user_pool_id = next(iter(resources(template, "AWS::Cognito::UserPool")))
    assert tag["Properties"] == {
        "IdentityPoolId": {"Ref": pool_id},
        "IdentityProviderName": {"Fn::GetAtt": [user_pool_id, "ProviderName"]},
        "UseDefaults": True,
    }
    for kind in ("authenticated", "unauthenticated"):
        assert _trust_actions(template, kind) == ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]


def test_custom_mappings_on_oidc_and_saml_added_after_construction(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    oidc = iam.OpenIdConnectProvider(stack, "Oidc", url="https://login.example.com", client_ids=["app"])
    saml = iam.SamlProvider(stack, "Saml", metadata_document=iam.SamlMetadataDocument.from_xml(SAML_METADATA))
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            open_id_connect_providers=[oidc], saml_providers=[saml]
        ),
    )

    pool.add_principal_tags(
        IdentityPoolPrincipalTags.open_id(oidc, tags={"department": "custom:dept", "team": "groups"}),
        IdentityPoolPrincipalTags.saml(saml, tags={"cost-center": "https://aws.amazon.com/SAML/Attributes/cc"}),
    )
    template = synth_and_snapshot(stack, snapshot)
    tags = {
        str(t["Properties"]["IdentityProviderName"]): t["Properties"]
        for t in resources(template, "AWS::Cognito::IdentityPoolPrincipalTag").values()
    }
    assert len(tags) == 2
    principal_tags = [t["PrincipalTags"] for t in tags.values()]
    assert {"department": "custom:dept", "team": "groups"} in principal_tags
    assert all(t["UseDefaults"] is False for t in tags.values())
    assert _trust_actions(template, "authenticated") == ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
    assert stack.resolve(pool.principal_tags[0].provider_name) == stack.resolve(oidc.open_id_connect_provider_issuer)


def test_social_and_literal_provider_names(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(
        stack,
        "Pool",
        principal_tags=[
            IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, use_defaults=True),
            IdentityPoolPrincipalTags.open_id("login.example.org", tags={"org": "org_id"}),
        ],
    )
    template = synth_and_snapshot(stack, snapshot)
    names = sorted(
        t["Properties"]["IdentityProviderName"]
        for t in resources(template, "AWS::Cognito::IdentityPoolPrincipalTag").values()
    )
    assert names == ["accounts.google.com", "login.example.org"]


def test_logical_ids_stay_put_when_another_provider_is_added() -> None:
    def build(extra: bool) -> set[str]:
        stack = new_stack()
        user_pool = cognito.UserPool(stack, "Users")
        tags = [IdentityPoolPrincipalTags.user_pool(user_pool, use_defaults=True)]
        if extra:
            tags.insert(0, IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, use_defaults=True))
        IdentityPool(stack, "Pool", principal_tags=tags)
        return set(resources(synth(stack), "AWS::Cognito::IdentityPoolPrincipalTag"))

    assert build(False) < build(True)


def test_no_principal_tags_no_tag_session() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool")
    assert _trust_actions(synth(stack), "authenticated") == ["sts:AssumeRoleWithWebIdentity"]


def test_roles_you_bring_can_trust_tag_session() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    admin = iam.Role(stack, "Admin", assumed_by=pool.federated_principal("authenticated", session_tags=True))
    template = synth(stack)
    [statement] = template["Resources"][stack.get_logical_id(admin.node.default_child)][  # type: ignore[arg-type]
        "Properties"
    ]["AssumeRolePolicyDocument"]["Statement"]
    assert statement["Action"] == ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]
    assert statement["Condition"]["ForAnyValue:StringLike"] == {"cognito-identity.amazonaws.com:amr": "authenticated"}


def test_principal_tag_validation() -> None:
    with pytest.raises(IdentityPoolValidationError, match="cannot be combined with use_defaults"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", use_defaults=True, tags={"a": "sub"})
    with pytest.raises(IdentityPoolValidationError, match="give at least one tag mapping"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com")
    with pytest.raises(IdentityPoolValidationError, match="must not start with 'aws:'"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", tags={"aws:foo": "sub"})
    with pytest.raises(IdentityPoolValidationError, match="at most 128 characters"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", tags={"k" * 129: "sub"})
    with pytest.raises(IdentityPoolValidationError, match="at most 256 characters"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", tags={"k": "c" * 257})
    with pytest.raises(IdentityPoolValidationError, match="at most 50 principal tags"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", tags={f"k{i}": "sub" for i in range(51)})
    with pytest.raises(IdentityPoolValidationError, match=r"tags key='bad\*key': must match"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", tags={"bad*key": "sub"})
    with pytest.raises(IdentityPoolValidationError, match="must name a claim"):
        IdentityPoolPrincipalTags(provider_name="accounts.google.com", tags={"k": "  "})


def test_duplicate_provider_and_token_names_are_rejected() -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    pool = IdentityPool(
        stack, "Pool", principal_tags=[IdentityPoolPrincipalTags.user_pool(user_pool, use_defaults=True)]
    )
    with pytest.raises(IdentityPoolValidationError, match="duplicate provider"):
        pool.add_principal_tags(IdentityPoolPrincipalTags.user_pool(user_pool, tags={"u": "sub"}))
    with pytest.raises(IdentityPoolValidationError, match="is a CDK token: use the factories"):
        pool.add_principal_tags(
            IdentityPoolPrincipalTags(provider_name=user_pool.user_pool_provider_name, use_defaults=True)
        )


def test_a_user_pool_imported_from_another_region_is_tagged_under_the_name_the_pool_gives_it() -> None:
    stack = new_stack()  # us-east-1
    imported_user_pool_pool(stack, tagged=True)
    template = synth(stack)
    (tag,) = resources(template, "AWS::Cognito::IdentityPoolPrincipalTag").values()
    (provider,) = pool_props(template)["CognitoIdentityProviders"]
    assert tag["Properties"]["IdentityProviderName"] == provider["ProviderName"]
    assert "cognito-idp.eu-west-1." in json.dumps(tag["Properties"]["IdentityProviderName"])
