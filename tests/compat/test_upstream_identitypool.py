"""aws-cdk's own unit tests of aws-cognito-identitypool (identitypool.test.ts), ported to pytest and run
against aws-cdk-lib's module and ours: the drop-in promise, checked case by case.

Where the two differ, the difference is a documented row of README's "Switching from aws-cdk-lib" table
and the test asserts each library's documented behaviour (see ``ours`` branches).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

import aws_cdk as cdk
import jsii
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Template

import cdk_identitypool

LIBS = {"aws-cdk-lib": upstream, "cdk_identitypool": cdk_identitypool}


@pytest.fixture(params=list(LIBS))
def lib(request: pytest.FixtureRequest) -> ModuleType:
    return LIBS[request.param]


@jsii.implements(cdk.IStableStringProducer)
class _Produces:
    """``Lazy.string({ produce: () => value })`` in Python."""

    def __init__(self, value: str) -> None:
        self.value = value

    def produce(self) -> str | None:
        return self.value


def lazy(value: str) -> str:
    return cdk.Lazy.string(_Produces(value))


def ours(lib: ModuleType) -> bool:
    return lib is cdk_identitypool


def _trust(pool_ref: str, amr: str) -> dict[str, Any]:
    return {
        "AssumeRolePolicyDocument": {
            "Statement": [
                {
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": {
                        "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": pool_ref}},
                        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
                    },
                    "Effect": "Allow",
                    "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                }
            ]
        }
    }


# --- identity pool ----------------------------------------------------------------------------------


def test_minimal_setup(lib: ModuleType) -> None:
    stack = cdk.Stack()
    lib.IdentityPool(stack, "TestIdentityPoolMinimal")
    template = Template.from_stack(stack)
    template.has_resource_properties("AWS::Cognito::IdentityPool", {"AllowUnauthenticatedIdentities": False})
    template.resource_count_is("AWS::IAM::Role", 2)
    template.resource_count_is("AWS::IAM::Policy", 0)
    template.has_resource_properties("AWS::IAM::Role", _trust("TestIdentityPoolMinimal44837852", "authenticated"))
    template.has_resource_properties("AWS::IAM::Role", _trust("TestIdentityPoolMinimal44837852", "unauthenticated"))


def _grants(pool: Any) -> None:
    pool.authenticated_role.add_to_principal_policy(
        iam.PolicyStatement(effect=iam.Effect.ALLOW, actions=["execute-api:*", "dynamodb:*"], resources=["*"])
    )
    pool.unauthenticated_role.add_to_principal_policy(
        iam.PolicyStatement(
            effect=iam.Effect.ALLOW,
            actions=["execute-api:*"],
            resources=["arn:aws:execute-api:us-east-1:*:my-api/prod"],
        )
    )


def _assert_grants(template: Template) -> None:
    template.resource_count_is("AWS::IAM::Role", 2)
    template.resource_count_is("AWS::IAM::Policy", 2)
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [
                    {
                        "Action": "execute-api:*",
                        "Effect": "Allow",
                        "Resource": "arn:aws:execute-api:us-east-1:*:my-api/prod",
                    }
                ]
            }
        },
    )
    template.has_resource_properties(
        "AWS::IAM::Policy",
        {
            "PolicyDocument": {
                "Statement": [{"Action": ["execute-api:*", "dynamodb:*"], "Effect": "Allow", "Resource": "*"}]
            }
        },
    )


def test_providing_default_roles_directly(lib: ModuleType) -> None:
    stack = cdk.Stack()
    authenticated_role = iam.Role(stack, "authRole", assumed_by=iam.ServicePrincipal("service.amazonaws.com"))
    unauthenticated_role = iam.Role(stack, "unauthRole", assumed_by=iam.ServicePrincipal("service.amazonaws.com"))
    pool = lib.IdentityPool(
        stack,
        "TestIdentityPoolActions",
        authenticated_role=authenticated_role,
        unauthenticated_role=unauthenticated_role,
        allow_unauthenticated_identities=True,
    )
    _grants(pool)
    template = Template.from_stack(stack)
    _assert_grants(template)
    template.has_resource_properties("AWS::Cognito::IdentityPool", {"AllowUnauthenticatedIdentities": True})
    template.has_resource_properties(
        "AWS::IAM::Role",
        {
            "AssumeRolePolicyDocument": {
                "Statement": [
                    {"Action": "sts:AssumeRole", "Effect": "Allow", "Principal": {"Service": "service.amazonaws.com"}}
                ]
            }
        },
    )


def test_adding_actions_and_resources_to_default_roles(lib: ModuleType) -> None:
    stack = cdk.Stack()
    _grants(lib.IdentityPool(stack, "TestIdentityPoolActions"))
    _assert_grants(Template.from_stack(stack))


def test_from_static(lib: ModuleType) -> None:
    stack = cdk.Stack(env=cdk.Environment(region="my-region", account="1234567891011"))
    # Messages differ; both libraries refuse the same ids (ours with IdentityPoolValidationError).
    with pytest.raises(Exception, match="<region>:<" if ours(lib) else "must follow the format <region>:<id>"):
        lib.IdentityPool.from_identity_pool_id(stack, "idPoolIdError", "idPool")
    with pytest.raises(Exception, match="this stack's region" if ours(lib) else "must match stack region"):
        lib.IdentityPool.from_identity_pool_id(stack, "idPoolIdRegionError", "your-region:idPool")
    with pytest.raises(Exception, match="identity_pool_arn" if ours(lib) else "must match stack region"):
        lib.IdentityPool.from_identity_pool_arn(
            stack, "idPoolArnError", "arn:aws:cognito-identity:my-region:1234567891011:identitypool/your-region:idPool/"
        )
    pool = lib.IdentityPool.from_identity_pool_id(stack, "staticIdPool", "my-region:idPool")
    assert pool.identity_pool_id == "my-region:idPool"
    assert "cognito-identity:my-region:1234567891011:identitypool/my-region:idPool" in pool.identity_pool_arn


def test_from_identity_pool_id_accepts_a_token(lib: ModuleType) -> None:
    stack = cdk.Stack()
    lib.IdentityPool.from_identity_pool_id(stack, "IdPool1", lazy("lazy-id"))
    lib.IdentityPool.from_identity_pool_id(stack, "IdPool2", "id-region:pool-id")


def test_from_identity_pool_arn_accepts_a_token(lib: ModuleType) -> None:
    stack = cdk.Stack()
    lazy_arn = lazy("lazy-arn")
    lib.IdentityPool.from_identity_pool_arn(stack, "IdPool1", lazy_arn)
    lib.IdentityPool.from_identity_pool_arn(
        stack, "IdPool2", f"arn:aws:cognito-identity:{stack.region}:{stack.account}:identitypool/id-region:pool-id"
    )
    region = lazy("lazy-region")
    lib.IdentityPool.from_identity_pool_arn(
        stack, "IdPool3", f"arn:aws:cognito-identity:arn-region:{stack.account}:identitypool/{region}:pool-id"
    )


def test_user_pools_are_properly_configured(lib: ModuleType) -> None:
    stack = cdk.Stack()
    pool_provider = cognito.UserPoolIdentityProvider.from_provider_name(stack, "poolProvider", "poolProvider")
    other_provider = cognito.UserPoolIdentityProvider.from_provider_name(
        stack, "otherPoolProvider", "otherPoolProvider"
    )
    pool = cognito.UserPool(stack, "Pool")
    other_pool = cognito.UserPool(stack, "OtherPool")
    pool.register_identity_provider(pool_provider)
    other_pool.register_identity_provider(other_provider)
    id_pool = lib.IdentityPool(
        stack,
        "TestIdentityPoolUserPools",
        authentication_providers=lib.IdentityPoolAuthenticationProviders(
            user_pools=[lib.UserPoolAuthenticationProvider(user_pool=pool)]
        ),
    )
    id_pool.add_user_pool_authentication(
        lib.UserPoolAuthenticationProvider(user_pool=other_pool, disable_server_side_token_check=True)
    )
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::Cognito::UserPool", 2)
    template.resource_count_is("AWS::Cognito::UserPoolClient", 2)
    for pool_id, provider in (("PoolD3F588B8", "poolProvider"), ("OtherPool7DA7F2F7", "otherPoolProvider")):
        template.has_resource_properties(
            "AWS::Cognito::UserPoolClient",
            {
                "UserPoolId": {"Ref": pool_id},
                "AllowedOAuthFlows": ["implicit", "code"],
                "AllowedOAuthFlowsUserPoolClient": True,
                "AllowedOAuthScopes": ["profile", "phone", "email", "openid", "aws.cognito.signin.user.admin"],
                "CallbackURLs": ["https://example.com"],
                "SupportedIdentityProviders": [provider, "COGNITO"],
            },
        )

    def provider_name(pool_id: str) -> Any:
        return {
            "Fn::Join": [
                "",
                ["cognito-idp.", {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"}, "/", {"Ref": pool_id}],
            ]
        }

    template.has_resource_properties(
        "AWS::Cognito::IdentityPool",
        {
            "AllowUnauthenticatedIdentities": False,
            "CognitoIdentityProviders": [
                {
                    "ClientId": {"Ref": "PoolUserPoolAuthenticationProviderClient20F2FFC4"},
                    "ProviderName": provider_name("PoolD3F588B8"),
                    "ServerSideTokenCheck": True,
                },
                {
                    "ClientId": {"Ref": "OtherPoolUserPoolAuthenticationProviderClient08F670F8"},
                    "ProviderName": provider_name("OtherPool7DA7F2F7"),
                    "ServerSideTokenCheck": False,
                },
            ],
        },
    )


def test_open_id_saml_classic_flow_custom_providers(lib: ModuleType) -> None:
    stack = cdk.Stack()
    open_id = iam.OpenIdConnectProvider(
        stack, "OpenId", url="https://example.com", client_ids=["client1", "client2"], thumbprints=["thumbprint"]
    )
    saml = iam.SamlProvider(stack, "Provider", metadata_document=iam.SamlMetadataDocument.from_xml("document"))
    lib.IdentityPool(
        stack,
        "TestIdentityPoolCustomProviders",
        authentication_providers=lib.IdentityPoolAuthenticationProviders(
            open_id_connect_providers=[open_id], saml_providers=[saml], custom_provider="my-custom-provider.com"
        ),
        allow_classic_flow=True,
    )
    template = Template.from_stack(stack)
    template.resource_count_is("Custom::AWSCDKOpenIdConnectProvider", 1)
    template.resource_count_is("AWS::IAM::SAMLProvider", 1)
    template.has_resource_properties(
        "AWS::Cognito::IdentityPool",
        {
            "AllowUnauthenticatedIdentities": False,
            "AllowClassicFlow": True,
            "DeveloperProviderName": "my-custom-provider.com",
            "OpenIdConnectProviderARNs": [{"Ref": "OpenId76D94D20"}],
            "SamlProviderARNs": [{"Ref": "Provider2281708E"}],
        },
    )


def test_cognito_authentication_providers(lib: ModuleType) -> None:
    stack = cdk.Stack()
    lib.IdentityPool(
        stack,
        "TestIdentityPoolauthproviders",
        identity_pool_name="my-id-pool",
        authentication_providers=lib.IdentityPoolAuthenticationProviders(
            amazon=lib.IdentityPoolAmazonLoginProvider(app_id="amzn1.application.12312k3j234j13rjiwuenf"),
            google=lib.IdentityPoolGoogleLoginProvider(client_id="12345678012.apps.googleusercontent.com"),
        ),
    )
    template = Template.from_stack(stack)
    template.resource_count_is("AWS::IAM::Role", 2)
    template.has_resource_properties(
        "AWS::Cognito::IdentityPool",
        {
            "IdentityPoolName": "my-id-pool",
            "SupportedLoginProviders": {
                "www.amazon.com": "amzn1.application.12312k3j234j13rjiwuenf",
                "accounts.google.com": "12345678012.apps.googleusercontent.com",
            },
        },
    )


# --- role mappings ----------------------------------------------------------------------------------

_DEFAULT_ROLES = {
    "authenticated": {"Fn::GetAtt": ["TestIdentityPoolRoleMappingTokenAuthenticatedRoleD99CE043", "Arn"]},
    "unauthenticated": {"Fn::GetAtt": ["TestIdentityPoolRoleMappingTokenUnauthenticatedRole1D86D800", "Arn"]},
}


def _attachment(stack: cdk.Stack, pool_ref: str, mappings: dict[str, Any], roles: bool = True) -> None:
    expected: dict[str, Any] = {"IdentityPoolId": {"Ref": pool_ref}, "RoleMappings": mappings}
    if roles:
        expected["Roles"] = _DEFAULT_ROLES
    Template.from_stack(stack).has_resource_properties("AWS::Cognito::IdentityPoolRoleAttachment", expected)


def test_mapping_key_respected_when_the_provider_is_not_a_token(lib: ModuleType) -> None:
    stack = cdk.Stack()
    lib.IdentityPool(
        stack,
        "TestIdentityPoolRoleMappingToken",
        role_mappings=[
            lib.IdentityPoolRoleMapping(
                mapping_key="amazon", provider_url=lib.IdentityPoolProviderUrl.AMAZON, use_token=True
            )
        ],
    )
    token_mapping = {"AmbiguousRoleResolution": "Deny", "IdentityProvider": "www.amazon.com", "Type": "Token"}
    _attachment(stack, "TestIdentityPoolRoleMappingToken0B11D690", {"amazon": token_mapping})


def test_mapping_key_required_when_the_provider_is_a_token(lib: ModuleType) -> None:
    stack = cdk.Stack()
    provider_url = lib.IdentityPoolProviderUrl.custom(cdk.Fn.import_value("ProviderUrl"))
    message = "mapping_key" if ours(lib) else "mappingKey must be provided when providerUrl.value is a token"
    with pytest.raises(Exception, match=message):
        lib.IdentityPool(
            stack,
            "TestIdentityPoolRoleMappingErrors",
            role_mappings=[lib.IdentityPoolRoleMapping(provider_url=provider_url, use_token=True)],
        )


def test_mapping_key_respected_when_the_provider_is_a_token(lib: ModuleType) -> None:
    stack = cdk.Stack()
    provider_url = lib.IdentityPoolProviderUrl.custom(cdk.Fn.import_value("ProviderUrl"))
    lib.IdentityPool(
        stack,
        "TestIdentityPoolRoleMappingToken",
        role_mappings=[lib.IdentityPoolRoleMapping(mapping_key="theKey", provider_url=provider_url, use_token=True)],
    )
    mapping = {
        "AmbiguousRoleResolution": "Deny",
        "IdentityProvider": {"Fn::ImportValue": "ProviderUrl"},
        "Type": "Token",
    }
    _attachment(stack, "TestIdentityPoolRoleMappingToken0B11D690", {"theKey": mapping})


def test_using_token(lib: ModuleType) -> None:
    stack = cdk.Stack()
    lib.IdentityPool(
        stack,
        "TestIdentityPoolRoleMappingToken",
        role_mappings=[lib.IdentityPoolRoleMapping(provider_url=lib.IdentityPoolProviderUrl.AMAZON, use_token=True)],
    )
    mapping = {"AmbiguousRoleResolution": "Deny", "IdentityProvider": "www.amazon.com", "Type": "Token"}
    _attachment(stack, "TestIdentityPoolRoleMappingToken0B11D690", {"www.amazon.com": mapping})


def test_rules_type_without_rules_throws(lib: ModuleType) -> None:
    stack = cdk.Stack()
    message = "IdentityPoolRoleMapping.rules" if ours(lib) else "rules is required when useToken is false"
    with pytest.raises(Exception, match=message):
        lib.IdentityPool(
            stack,
            "TestIdentityPoolRoleMappingErrors",
            role_mappings=[lib.IdentityPoolRoleMapping(provider_url=lib.IdentityPoolProviderUrl.AMAZON)],
        )


def _rules(claim: str, value: str, role: str, match: str = "Equals") -> dict[str, Any]:
    return {"Claim": claim, "MatchType": match, "RoleARN": {"Fn::GetAtt": [role, "Arn"]}, "Value": value}


def test_role_mapping_with_rules_configuration(lib: ModuleType) -> None:
    stack = cdk.Stack()
    pool = cognito.UserPool(stack, "Pool")
    client = pool.add_client("Client")
    admin_role = iam.Role(stack, "adminRole", assumed_by=iam.ServicePrincipal("admin.amazonaws.com"))
    non_admin_role = iam.Role(
        stack,
        "nonAdminRole",
        assumed_by=iam.AnyPrincipal(),
        inline_policies={
            "DenyAll": iam.PolicyDocument(
                statements=[
                    iam.PolicyStatement(
                        effect=iam.Effect.DENY, actions=["update:*", "put:*", "delete:*"], resources=["*"]
                    )
                ]
            )
        },
    )
    facebook_role = iam.Role(
        stack, "facebookRole", assumed_by=iam.ArnPrincipal("arn:aws:iam::123456789012:user/FacebookUser")
    )
    custom_role = iam.Role(
        stack, "customRole", assumed_by=iam.ArnPrincipal("arn:aws:iam::123456789012:user/CustomUser")
    )
    lib.IdentityPool(
        stack,
        "TestIdentityPoolRoleMappingRules",
        role_mappings=[
            lib.IdentityPoolRoleMapping(
                mapping_key="cognito", provider_url=lib.IdentityPoolProviderUrl.user_pool(pool, client), use_token=True
            ),
            lib.IdentityPoolRoleMapping(
                provider_url=lib.IdentityPoolProviderUrl.AMAZON,
                resolve_ambiguous_roles=True,
                rules=[
                    lib.RoleMappingRule(claim="custom:admin", claim_value="admin", mapped_role=admin_role),
                    lib.RoleMappingRule(
                        claim="custom:admin",
                        claim_value="admin",
                        match_type=lib.RoleMappingMatchType.NOTEQUAL,
                        mapped_role=non_admin_role,
                    ),
                ],
            ),
            lib.IdentityPoolRoleMapping(
                provider_url=lib.IdentityPoolProviderUrl.FACEBOOK,
                rules=[
                    lib.RoleMappingRule(
                        claim="iss", claim_value="https://graph.facebook.com", mapped_role=facebook_role
                    )
                ],
            ),
            lib.IdentityPoolRoleMapping(
                provider_url=lib.IdentityPoolProviderUrl.custom("example.com"),
                rules=[lib.RoleMappingRule(claim="iss", claim_value="https://example.com", mapped_role=custom_role)],
            ),
        ],
    )
    mappings = {
        "cognito": {
            "IdentityProvider": {
                "Fn::Join": ["", [{"Fn::GetAtt": ["PoolD3F588B8", "ProviderName"]}, ":", {"Ref": "PoolClient8A3E5EB7"}]]
            },
            "Type": "Token",
        },
        "www.amazon.com": {
            "AmbiguousRoleResolution": "AuthenticatedRole",
            "IdentityProvider": "www.amazon.com",
            "RulesConfiguration": {
                "Rules": [
                    _rules("custom:admin", "admin", "adminRoleC345D70B"),
                    _rules("custom:admin", "admin", "nonAdminRole43C19D5C", "NotEqual"),
                ]
            },
            "Type": "Rules",
        },
        "graph.facebook.com": {
            "AmbiguousRoleResolution": "Deny",
            "IdentityProvider": "graph.facebook.com",
            "RulesConfiguration": {"Rules": [_rules("iss", "https://graph.facebook.com", "facebookRole9D649CD8")]},
            "Type": "Rules",
        },
        "example.com": {
            "AmbiguousRoleResolution": "Deny",
            "IdentityProvider": "example.com",
            "RulesConfiguration": {"Rules": [_rules("iss", "https://example.com", "customRole4C920FF0")]},
            "Type": "Rules",
        },
    }
    _attachment(stack, "TestIdentityPoolRoleMappingRulesC8C07BC3", mappings, roles=False)


def test_role_mapping_with_an_imported_user_pool_and_client(lib: ModuleType) -> None:
    stack = cdk.Stack()
    imported_pool = cognito.UserPool.from_user_pool_arn(
        stack, "ImportedPool", "arn:aws:cognito-idp:us-east-1:0123456789012:userpool/test-user-pool"
    )
    imported_client = cognito.UserPoolClient.from_user_pool_client_id(stack, "ImportedPoolClient", "client-id")
    lib.IdentityPool(
        stack,
        "TestIdentityPoolRoleMappingRules",
        role_mappings=[
            lib.IdentityPoolRoleMapping(
                mapping_key="cognito",
                provider_url=lib.IdentityPoolProviderUrl.user_pool(imported_pool, imported_client),
                use_token=True,
            )
        ],
    )
    Template.from_stack(stack).resource_count_is("AWS::Cognito::IdentityPoolRoleAttachment", 1)
    provider = {"Fn::Join": ["", ["cognito-idp.us-east-1.", {"Ref": "AWS::URLSuffix"}, "/test-user-pool:client-id"]]}
    _attachment(
        stack,
        "TestIdentityPoolRoleMappingRulesC8C07BC3",
        {"cognito": {"IdentityProvider": provider, "Type": "Token"}},
        roles=False,
    )
