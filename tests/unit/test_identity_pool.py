"""The IdentityPool construct: the scenarios of aws-cdk-lib's module docs, with this library's import."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from syrupy.assertion import SnapshotAssertion

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAmazonLoginProvider,
    IdentityPoolAppleLoginProvider,
    IdentityPoolAuthenticationProviders,
    IdentityPoolFacebookLoginProvider,
    IdentityPoolGoogleLoginProvider,
    IdentityPoolProviderUrl,
    IdentityPoolTwitterLoginProvider,
    IdentityPoolValidationError,
    UserPoolAuthenticationProvider,
    UserPoolAuthenticationProviderBindConfig,
)
from tests.helpers import (
    attachment_props,
    iter_policy_statements,
    new_stack,
    only,
    pool_props,
    resources,
    role_logical_id,
    synth,
    synth_and_snapshot,
    trust_statements,
)


def test_minimal_pool_has_locked_down_default_roles(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(stack, "myIdentityPool")
    template = synth_and_snapshot(stack, snapshot)

    pool_id, pool = only(template, "AWS::Cognito::IdentityPool")
    assert pool["Properties"]["AllowUnauthenticatedIdentities"] is False
    assert "AllowClassicFlow" not in pool["Properties"]
    # Identities are user data: the pool is retained unless the user says otherwise.
    assert pool["DeletionPolicy"] == "Retain" and pool["UpdateReplacePolicy"] == "Retain"

    roles = attachment_props(template)["Roles"]
    for kind in ("authenticated", "unauthenticated"):
        [statement] = trust_statements(template, role_logical_id(template, roles[kind]))
        assert statement["Principal"] == {"Federated": "cognito-identity.amazonaws.com"}
        assert statement["Action"] == "sts:AssumeRoleWithWebIdentity"
        assert statement["Condition"] == {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": pool_id}},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": kind},
        }
        # No permissions by default.
        assert list(iter_policy_statements(template, role_logical_id(template, roles[kind]))) == []
    assert attachment_props(template)["IdentityPoolId"] == {"Ref": pool_id}
    assert "RoleMappings" not in attachment_props(template)


def test_logical_ids_match_aws_cdk_lib_so_swapping_the_import_keeps_the_pool() -> None:
    from aws_cdk import aws_cognito_identitypool as upstream

    ours, theirs = new_stack("Ours"), new_stack("Theirs")
    IdentityPool(ours, "myIdentityPool")
    upstream.IdentityPool(theirs, "myIdentityPool")
    ours_ids = set(synth(ours)["Resources"])
    theirs_ids = set(synth(theirs)["Resources"])
    assert ours_ids == theirs_ids


def test_grants_to_default_roles(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    table = dynamodb.Table(
        stack, "Table", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)
    )
    identity_pool = IdentityPool(stack, "myIdentityPool")
    table.grant_read_write_data(identity_pool.authenticated_role)
    table.grant_read_data(identity_pool.unauthenticated_role)
    identity_pool.authenticated_role.add_to_principal_policy(
        iam.PolicyStatement(effect=iam.Effect.ALLOW, actions=["dynamodb:UpdateItem"], resources=[table.table_arn])
    )
    template = synth_and_snapshot(stack, snapshot)

    roles = attachment_props(template)["Roles"]
    auth_actions = {
        a
        for s in iter_policy_statements(template, role_logical_id(template, roles["authenticated"]))
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    guest_actions = {
        a
        for s in iter_policy_statements(template, role_logical_id(template, roles["unauthenticated"]))
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    assert "dynamodb:PutItem" in auth_actions and "dynamodb:UpdateItem" in auth_actions
    assert "dynamodb:PutItem" not in guest_actions and "dynamodb:GetItem" in guest_actions


def test_supplied_roles_are_attached_and_no_default_roles_are_made(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    authenticated_role = iam.Role(stack, "authRole", assumed_by=iam.ServicePrincipal("service.amazonaws.com"))
    unauthenticated_role = iam.Role(stack, "unauthRole", assumed_by=iam.ServicePrincipal("service.amazonaws.com"))
    pool = IdentityPool(
        stack,
        "TestIdentityPoolActions",
        authenticated_role=authenticated_role,
        unauthenticated_role=unauthenticated_role,
    )
    template = synth_and_snapshot(stack, snapshot)
    assert pool.authenticated_role is authenticated_role
    assert len(resources(template, "AWS::IAM::Role")) == 2
    roles = attachment_props(template)["Roles"]
    assert role_logical_id(template, roles["authenticated"]).startswith("authRole")
    assert role_logical_id(template, roles["unauthenticated"]).startswith("unauthRole")


def test_user_pool_provider_creates_a_client(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Pool")
    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool)]
        ),
    )
    template = synth_and_snapshot(stack, snapshot)
    client_id, _ = only(template, "AWS::Cognito::UserPoolClient")
    pool_logical_id, _ = only(template, "AWS::Cognito::UserPool")
    assert pool_props(template)["IdentityPoolName"] == "myidentitypool"
    assert pool_props(template)["CognitoIdentityProviders"] == [
        {
            "ClientId": {"Ref": client_id},
            "ProviderName": {
                "Fn::Join": [
                    "",
                    ["cognito-idp.us-east-1.", {"Ref": "AWS::URLSuffix"}, "/", {"Ref": pool_logical_id}],
                ]
            },
            "ServerSideTokenCheck": True,
        }
    ]


def test_add_user_pool_authentication_returns_the_client(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    identity_pool = IdentityPool(stack, "myIdentityPool")
    user_pool = cognito.UserPool(stack, "Pool")
    client = identity_pool.add_user_pool_authentication(UserPoolAuthenticationProvider(user_pool=user_pool))
    other = cognito.UserPool(stack, "Other")
    given = other.add_client("Mine")
    returned = identity_pool.add_user_pool_authentication(
        UserPoolAuthenticationProvider(user_pool=other, user_pool_client=given, disable_server_side_token_check=True)
    )
    template = synth_and_snapshot(stack, snapshot)
    assert returned is given
    assert stack.resolve(client.user_pool_client_id) in [
        p["ClientId"] for p in pool_props(template)["CognitoIdentityProviders"]
    ]
    assert [p["ServerSideTokenCheck"] for p in pool_props(template)["CognitoIdentityProviders"]] == [True, False]


def test_all_social_providers(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            amazon=IdentityPoolAmazonLoginProvider(app_id="amzn1.application.12312k3j234j13rjiwuenf"),
            facebook=IdentityPoolFacebookLoginProvider(app_id="1234567890123"),
            google=IdentityPoolGoogleLoginProvider(client_id="12345678012.apps.googleusercontent.com"),
            apple=IdentityPoolAppleLoginProvider(services_id="com.myappleapp.auth"),
            twitter=IdentityPoolTwitterLoginProvider(consumer_key="my-twitter-id", consumer_secret="my-twitter-secret"),
        ),
    )
    template = synth_and_snapshot(stack, snapshot)
    assert pool_props(template)["SupportedLoginProviders"] == {
        "www.amazon.com": "amzn1.application.12312k3j234j13rjiwuenf",
        "graph.facebook.com": "1234567890123",
        "accounts.google.com": "12345678012.apps.googleusercontent.com",
        "appleid.apple.com": "com.myappleapp.auth",
        "api.twitter.com": "my-twitter-id;my-twitter-secret",
    }


SAML_METADATA = (
    "<EntityDescriptor xmlns='urn:oasis:names:tc:SAML:2.0:metadata' entityID='https://idp.example.com'>"
    "<IDPSSODescriptor protocolSupportEnumeration='urn:oasis:names:tc:SAML:2.0:protocol'>"
    "<KeyDescriptor use='signing'><KeyInfo xmlns='http://www.w3.org/2000/09/xmldsig#'><X509Data>"
    f"<X509Certificate>{'MIIC' + 'A' * 900}</X509Certificate></X509Data></KeyInfo></KeyDescriptor>"
    "<SingleSignOnService Binding='urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect' "
    "Location='https://idp.example.com/sso'/></IDPSSODescriptor></EntityDescriptor>"
)


def _oidc(stack: cdk.Stack, name: str, url: str) -> iam.OpenIdConnectProvider:
    return iam.OpenIdConnectProvider(stack, name, url=url, client_ids=["myclient"])


def _saml(stack: cdk.Stack, name: str) -> iam.SamlProvider:
    return iam.SamlProvider(stack, name, metadata_document=iam.SamlMetadataDocument.from_xml(SAML_METADATA))


def test_open_id_connect_and_saml_providers(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            open_id_connect_providers=[
                _oidc(stack, "Oidc", "https://oidc.example.com"),
                _oidc(stack, "Oidc2", "https://login.example.org"),
            ],
            saml_providers=[_saml(stack, "Saml")],
        ),
    )
    template = synth_and_snapshot(stack, snapshot)
    assert len(pool_props(template)["OpenIdConnectProviderARNs"]) == 2
    [saml_arn] = pool_props(template)["SamlProviderARNs"]
    assert saml_arn == {"Ref": only(template, "AWS::IAM::SAMLProvider")[0]}


def test_custom_developer_provider(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(
        stack,
        "myidentitypool",
        identity_pool_name="myidentitypool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            google=IdentityPoolGoogleLoginProvider(client_id="12345678012.apps.googleusercontent.com"),
            open_id_connect_providers=[_oidc(stack, "Oidc", "https://oidc.example.com")],
            custom_provider="my-custom-provider.example.com",
        ),
    )
    template = synth_and_snapshot(stack, snapshot)
    assert pool_props(template)["DeveloperProviderName"] == "my-custom-provider.example.com"


def test_classic_flow(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    IdentityPool(stack, "myidentitypool", identity_pool_name="myidentitypool", allow_classic_flow=True)
    template = synth_and_snapshot(stack, snapshot)
    assert pool_props(template)["AllowClassicFlow"] is True


def test_guest_access_is_opt_in(snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Guests", allow_unauthenticated_identities=True)
    template = synth_and_snapshot(stack, snapshot)
    assert pool.allow_unauthenticated_identities is True
    assert pool_props(template)["AllowUnauthenticatedIdentities"] is True


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (cdk.RemovalPolicy.DESTROY, "Delete"),
        (cdk.RemovalPolicy.SNAPSHOT, None),
    ],
)
def test_removal_policy_prop(policy: cdk.RemovalPolicy, expected: str | None) -> None:
    stack = new_stack()
    if expected is None:
        with pytest.raises(IdentityPoolValidationError, match=r"removal_policy=.*SNAPSHOT"):
            IdentityPool(stack, "Pool", removal_policy=policy)
        return
    IdentityPool(stack, "Pool", removal_policy=policy)
    _, pool = only(synth(stack), "AWS::Cognito::IdentityPool")
    assert pool["DeletionPolicy"] == expected


def test_apply_removal_policy_overrides_the_default() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    pool.apply_removal_policy(cdk.RemovalPolicy.DESTROY)
    _, resource = only(synth(stack), "AWS::Cognito::IdentityPool")
    assert resource["DeletionPolicy"] == "Delete"


def test_tags_reach_the_pool() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool")
    cdk.Tags.of(stack).add("team", "identity")
    assert pool_props(synth(stack))["IdentityPoolTags"] == [{"Key": "team", "Value": "identity"}]


def test_attributes_are_tokens_that_resolve_to_the_pool() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", identity_pool_name="named")
    template = synth(stack)
    pool_id, _ = only(template, "AWS::Cognito::IdentityPool")
    assert stack.resolve(pool.identity_pool_id) == {"Ref": pool_id}
    assert stack.resolve(pool.identity_pool_name) == {"Fn::GetAtt": [pool_id, "Name"]}
    assert stack.resolve(pool.identity_pool_arn) == {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":cognito-identity:us-east-1:123456789012:identitypool/",
                {"Ref": pool_id},
            ],
        ]
    }
    attachment_id, _ = only(template, "AWS::Cognito::IdentityPoolRoleAttachment")
    assert stack.resolve(pool.role_attachment.ref) == {"Ref": attachment_id}


def test_pool_exposes_an_identity_pool_reference() -> None:
    # aws-cdk-lib L1s take ``identity_pool_id: str | IIdentityPoolRef``; jsii's Python type check rejects
    # any object there today (aws-cdk-lib's own IdentityPool too), so pass ``pool.identity_pool_id``.
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    pool_id, _ = only(synth(stack), "AWS::Cognito::IdentityPool")
    assert stack.resolve(pool.identity_pool_ref.identity_pool_id) == {"Ref": pool_id}


def test_props_given_as_dicts_work_as_with_aws_cdk_lib() -> None:
    # jsii lets aws-cdk-lib users pass structs as dicts of their keyword props; so does this library.
    stack = new_stack()
    IdentityPool(
        stack,
        "Pool",
        authentication_providers={
            "google": {"client_id": "123.apps.googleusercontent.com"},
            "custom_provider": "login.example.com",
        },
        role_mappings=[{"provider_url": IdentityPoolProviderUrl.GOOGLE, "use_token": True}],
    )
    template = synth(stack)
    assert pool_props(template)["SupportedLoginProviders"] == {"accounts.google.com": "123.apps.googleusercontent.com"}
    assert pool_props(template)["DeveloperProviderName"] == "login.example.com"
    assert list(attachment_props(template)["RoleMappings"]) == ["accounts.google.com"]
    with pytest.raises(IdentityPoolValidationError, match="not valid for IdentityPoolAuthenticationProviders"):
        IdentityPool(stack, "Bad", authentication_providers={"gogle": {"client_id": "x"}})


def test_a_pool_with_a_non_latin_1_id_has_role_descriptions_iam_accepts() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "身份池")
    template = synth(stack)  # cfn-lint checks IAM's description pattern (Latin-1), as for aws-cdk-lib's pool
    role_id = stack.resolve(pool.authenticated_role.node.default_child.logical_id)  # type: ignore[union-attr]
    description = template["Resources"][role_id]["Properties"]["Description"]
    # aws-cdk-lib's description: the pool's name, generated by CloudFormation from the (ASCII) logical id
    pool_id = stack.resolve(pool.cfn_identity_pool.logical_id)
    assert description == {
        "Fn::Join": ["", ["Default Authenticated Role for Identity Pool ", {"Fn::GetAtt": [pool_id, "Name"]}]]
    }


@pytest.mark.parametrize("name", ["form\x0cfeed", cdk.Aws.STACK_NAME], ids=["form-feed", "token"])
def test_a_pool_named_with_letters_iam_refuses_or_a_token_has_literal_role_descriptions(name: str) -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", identity_pool_name=name)
    template = synth(stack)
    for role in (pool.authenticated_role, pool.unauthenticated_role):
        role_id = stack.resolve(role.node.default_child.logical_id)  # type: ignore[union-attr]
        description = template["Resources"][role_id]["Properties"]["Description"]
        assert isinstance(description, str) and description.startswith("Default ") and "Pool" in description


def test_a_pool_outside_any_stack_is_a_clear_error() -> None:
    with pytest.raises(
        IdentityPoolValidationError, match=r"scope='the App': must be a Stack or a construct inside one"
    ):
        IdentityPool(cdk.App(), "Pool")


class _PythonProvider:
    """A user pool provider written in Python (ours is a plain class too): the pool binds it in Python."""

    def __init__(self, client_id: str) -> None:
        self.client_id = client_id

    def bind(self, scope: Any, identity_pool: Any) -> UserPoolAuthenticationProviderBindConfig:
        return UserPoolAuthenticationProviderBindConfig(
            client_id=self.client_id,
            provider_name="cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI",
            server_side_token_check=False,
        )


def test_providers_bound_in_python_and_in_node_keep_their_order() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[_PythonProvider("first"), UserPoolAuthenticationProvider(user_pool=users)]
        ),
    )
    pool.add_user_pool_authentication(_PythonProvider("third"))
    entries = pool_props(synth(stack))["CognitoIdentityProviders"]
    assert [e["ClientId"] for e in entries][::2] == ["first", "third"]
    client = users.node.find_child("UserPoolAuthenticationProviderClient").node.default_child
    assert entries[1]["ClientId"] == {"Ref": stack.resolve(client.logical_id)}  # type: ignore[union-attr]
    assert [e["ServerSideTokenCheck"] for e in entries] == [False, True, False]


def test_a_python_providers_own_error_comes_through_as_it_is() -> None:
    class Failing:
        def bind(self, scope: Any, identity_pool: Any) -> Any:
            raise LookupError("no such user pool in this account")

    with pytest.raises(LookupError, match="no such user pool"):
        IdentityPool(
            new_stack(), "Pool", authentication_providers=IdentityPoolAuthenticationProviders(user_pools=[Failing()])
        )


def test_a_python_provider_sees_the_pool_it_is_bound_to() -> None:
    seen: list[Any] = []

    class Curious(_PythonProvider):
        def bind(self, scope: Any, identity_pool: Any) -> UserPoolAuthenticationProviderBindConfig:
            seen.append(identity_pool.authentication_providers)  # the pool's own state, already there
            return super().bind(scope, identity_pool)

    IdentityPool(
        new_stack(),
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(user_pools=[Curious("web")]),
    )
    assert len(seen) == 1 and isinstance(seen[0], IdentityPoolAuthenticationProviders)
