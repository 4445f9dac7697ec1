"""Bad inputs: every prop rejects what CloudFormation or Cognito would reject, at construction.

Each row builds one bad thing in a fresh stack and expects an IdentityPoolValidationError that names the
prop, the value and the rule: never a jsii (JavaScript) stack trace, never a template that fails at deploy
time. docs/bad-inputs.md is this table as markdown; regenerate it with
``.venv/bin/python -m tests.unit.test_bad_inputs > docs/bad-inputs.md``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAmazonLoginProvider,
    IdentityPoolAppleLoginProvider,
    IdentityPoolAuthenticationProviders,
    IdentityPoolFacebookLoginProvider,
    IdentityPoolGoogleLoginProvider,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    IdentityPoolTwitterLoginProvider,
    IdentityPoolValidationError,
    RoleMappingRule,
    UserPoolAuthenticationProvider,
)
from tests.helpers import new_stack

Build = Callable[[cdk.Stack], object]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "bad-inputs.md"
GOOD_ID = "us-east-1:0a1b2c3d-1111-2222-3333-444455556666"


# --- small builders the rows share ------------------------------------------------------------------


def bad(value: object) -> Any:
    """A value of the wrong type, on purpose (mypy would reject it; the library must too)."""
    return value


def role(stack: cdk.Stack, name: str | None = None) -> iam.Role:
    name = name or f"Role{len(stack.node.children)}"
    return iam.Role(stack, name, assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))


def rule(stack: cdk.Stack, **overrides: Any) -> RoleMappingRule:
    props: dict[str, Any] = {"claim": "cognito:groups", "claim_value": "admins", "mapped_role": role(stack)}
    return RoleMappingRule(**{**props, **overrides})


def google_mapping(stack: cdk.Stack, **overrides: Any) -> IdentityPoolRoleMapping:
    props: dict[str, Any] = {"provider_url": IdentityPoolProviderUrl.GOOGLE, "rules": [rule(stack)]}
    return IdentityPoolRoleMapping(**{**props, **overrides})


def user_pool(stack: cdk.Stack, name: str = "Users") -> cognito.UserPool:
    return cognito.UserPool(stack, name)


def oidc(stack: cdk.Stack, name: str = "Oidc") -> iam.OpenIdConnectProvider:
    return iam.OpenIdConnectProvider(stack, name, url="https://login.example.com", client_ids=["app"])


def pool(stack: cdk.Stack, **props: Any) -> IdentityPool:
    return IdentityPool(stack, "Pool", **props)


def providers(**props: Any) -> IdentityPoolAuthenticationProviders:
    return IdentityPoolAuthenticationProviders(**props)


def tags(**props: Any) -> IdentityPoolPrincipalTags:
    return IdentityPoolPrincipalTags(**{"provider_name": "accounts.google.com", **props})


class _ReturnsNothing:
    """A user pool provider written in Python whose bind() forgets to return its configuration."""

    def bind(self, scope: Any, identity_pool: Any) -> Any:
        return None


def twice_the_same_user_pool(stack: cdk.Stack) -> IdentityPool:
    users = user_pool(stack)
    client = users.add_client("App")
    provider = UserPoolAuthenticationProvider(user_pool=users, user_pool_client=client)
    same = UserPoolAuthenticationProvider(user_pool=users, user_pool_client=client)
    return pool(stack, authentication_providers=providers(user_pools=[provider, same]))


def twice_the_same_oidc_provider(stack: cdk.Stack) -> IdentityPool:
    provider = oidc(stack)
    return pool(stack, authentication_providers=providers(open_id_connect_providers=[provider, provider]))


def user_pool_mapping_without_key(stack: cdk.Stack) -> IdentityPoolRoleMapping:
    users = user_pool(stack)
    url = IdentityPoolProviderUrl.user_pool(users, users.add_client("App"))
    return IdentityPoolRoleMapping(provider_url=url, rules=[rule(stack)])


def mapping_added_twice(stack: cdk.Stack) -> None:
    identity_pool = pool(stack, role_mappings=[google_mapping(stack)])
    identity_pool.add_role_mappings(
        IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True)
    )


def eleven_mappings(stack: cdk.Stack) -> IdentityPool:
    mappings = [
        IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.open_id(f"login{i}.example.com"), use_token=True)
        for i in range(11)
    ]
    return pool(stack, role_mappings=mappings)


def principal_tags_twice(stack: cdk.Stack) -> IdentityPool:
    return pool(
        stack,
        principal_tags=[
            IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, use_defaults=True),
            IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, tags={"team": "hd"}),
        ],
    )


def principal_tags_for_a_token(stack: cdk.Stack) -> IdentityPool:
    # A token provider name without a factory: the resource id could not stay stable.
    return pool(stack, principal_tags=[tags(provider_name=user_pool(stack).user_pool_provider_name, use_defaults=True)])


def own_objects_for_guests(stack: cdk.Stack) -> iam.Grant:
    guests = pool(stack, allow_unauthenticated_identities=True)
    return guests.grant_own_objects(guests.unauthenticated_role, s3.Bucket(stack, "Bucket"))


def table(stack: cdk.Stack) -> dynamodb.Table:
    key = dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING)
    return dynamodb.Table(stack, "Table", partition_key=key)


def group_roles(stack: cdk.Stack, groups: dict[str, int]) -> object:
    provider = UserPoolAuthenticationProvider(user_pool=cognito.UserPool(stack, "Users"))
    grouped = pool(stack, authentication_providers=IdentityPoolAuthenticationProviders(user_pools=[provider]))
    return grouped.add_user_pool_group_roles(provider, groups=groups)


def _grouped(stack: cdk.Stack, users: cognito.IUserPool) -> tuple[IdentityPool, UserPoolAuthenticationProvider]:
    provider = UserPoolAuthenticationProvider(user_pool=users)
    return pool(stack, authentication_providers=providers(user_pools=[provider])), provider


def group_twice(stack: cdk.Stack) -> object:
    users = user_pool(stack)
    grouped, provider = _grouped(stack, users)
    first = cognito.UserPoolGroup(stack, "First", user_pool=users, group_name="admins")
    second = cognito.UserPoolGroup(stack, "Second", user_pool=users, group_name="admins")
    return grouped.add_user_pool_group_roles(provider, groups=[first, second])


def group_of_another_user_pool(stack: cdk.Stack) -> object:
    grouped, provider = _grouped(stack, user_pool(stack))
    other = cognito.UserPoolGroup(stack, "Other", user_pool=user_pool(stack, "Others"), group_name="admins")
    return grouped.add_user_pool_group_roles(provider, groups=[other])


def groups_of_an_imported_user_pool_elsewhere(stack: cdk.Stack) -> object:
    arn = "arn:aws:cognito-idp:eu-west-1:210987654321:userpool/eu-west-1_AbCdEf"
    grouped, provider = _grouped(stack, cognito.UserPool.from_user_pool_arn(stack, "Users", arn))
    return grouped.add_user_pool_group_roles(provider, groups={"admins": 0})


def group_in_the_user_pools_stack(stack: cdk.Stack) -> object:
    identity = cdk.Stack(cdk.App.of(stack), "Identity", env=cdk.Environment(account=stack.account, region=stack.region))
    users = user_pool(stack)
    admins = cognito.UserPoolGroup(stack, "Admins", user_pool=users, group_name="admins")
    grouped, provider = _grouped(identity, users)
    return grouped.add_user_pool_group_roles(provider, groups=[admins])


def mapping_after_synth(stack: cdk.Stack) -> None:
    amazon = IdentityPoolAuthenticationProviders(amazon=IdentityPoolAmazonLoginProvider(app_id="amzn1.application.abc"))
    synthesized = pool(stack, authentication_providers=amazon)
    cdk.assertions.Template.from_stack(stack)
    synthesized.add_role_mappings(IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.AMAZON, use_token=True))


def grant_developer_authentication_without_developer_provider(stack: cdk.Stack) -> iam.Grant:
    return pool(stack).grant_developer_authentication(role(stack, "Backend"))


# --- the table ----------------------------------------------------------------------------------------

#: (what is wrong, how to build it, the prop the error names, a fragment of the rule it states)
BAD_INPUTS: list[tuple[str, Build, str, str]] = [
    # IdentityPool props
    ("empty pool name", lambda s: pool(s, identity_pool_name=""), "identity_pool_name", "must not be empty"),
    ("pool name with '!'", lambda s: pool(s, identity_pool_name="my pool!"), "identity_pool_name", "must match"),
    # Cognito's patterns are Java regexes: \w and \s are ASCII only.
    (
        "pool name with a non-ASCII letter",
        lambda s: pool(s, identity_pool_name="café"),
        "identity_pool_name",
        "must match",
    ),
    (
        "pool name with a no-break space",
        lambda s: pool(s, identity_pool_name="my\u00a0pool"),
        "identity_pool_name",
        "must match",
    ),
    (
        "pool name, part token, with '!' in its literal part",
        lambda s: pool(s, identity_pool_name=f"app-{cdk.Aws.REGION}!"),
        "identity_pool_name",
        "'!' does not",
    ),
    (
        "pool name, part token, whose literal part alone is 129 characters",
        lambda s: pool(s, identity_pool_name=f"{'p' * 129}{cdk.Aws.REGION}"),
        "identity_pool_name",
        "its literal parts alone are longer",
    ),
    (
        "pool name of 129 characters",
        lambda s: pool(s, identity_pool_name="p" * 129),
        "identity_pool_name",
        "at most 128 characters",
    ),
    ("pool name that is not a str", lambda s: pool(s, identity_pool_name=42), "identity_pool_name", "must be a str"),
    (
        "guest access as a string",
        lambda s: pool(s, allow_unauthenticated_identities="yes"),
        "allow_unauthenticated_identities",
        "must be a bool",
    ),
    ("classic flow as an int", lambda s: pool(s, allow_classic_flow=1), "allow_classic_flow", "must be a bool"),
    (
        "authenticated role as an ARN string",
        lambda s: pool(s, authenticated_role="arn:aws:iam::123456789012:role/signed-in"),
        "authenticated_role",
        "an iam.IRole",
    ),
    (
        "unauthenticated role that is a user pool",
        lambda s: pool(s, unauthenticated_role=user_pool(s)),
        "unauthenticated_role",
        "an iam.IRole",
    ),
    (
        "providers of the wrong class",
        lambda s: pool(s, authentication_providers=[providers()]),
        "authentication_providers",
        "an IdentityPoolAuthenticationProviders",
    ),
    (
        "Google client id where the provider belongs",
        lambda s: pool(s, authentication_providers={"google": "123.apps.googleusercontent.com"}),
        "authentication_providers.google",
        "must be an IdentityPoolGoogleLoginProvider",
    ),
    (
        "role mappings not in a list",
        lambda s: pool(s, role_mappings=google_mapping(s)),
        "role_mappings",
        "must be a list or tuple",
    ),
    (
        "role mapping that is a string",
        lambda s: pool(s, role_mappings=["accounts.google.com"]),
        "role_mappings[0]",
        "an IdentityPoolRoleMapping",
    ),
    (
        "role mapping whose provider URL is a plain string",
        lambda s: pool(s, role_mappings=[{"provider_url": "accounts.google.com", "use_token": True}]),
        "IdentityPoolRoleMapping.provider_url",
        "an IdentityPoolProviderUrl",
    ),
    (
        "two mappings for one provider",
        lambda s: pool(s, role_mappings=[google_mapping(s), google_mapping(s, rules=None, use_token=True)]),
        "role_mappings",
        "duplicate mapping key",
    ),
    ("a mapping added again later", mapping_added_twice, "role_mappings", "duplicate mapping key"),
    ("eleven role mappings", eleven_mappings, "role_mappings", "at most 10 role mappings"),
    (
        "SNAPSHOT removal policy",
        lambda s: pool(s, removal_policy=cdk.RemovalPolicy.SNAPSHOT),
        "removal_policy",
        "identity pools have no snapshots",
    ),
    (
        "removal policy as a string",
        lambda s: pool(s, removal_policy="retain"),
        "removal_policy",
        "an aws_cdk.RemovalPolicy",
    ),
    (
        "principal tags not in a list",
        lambda s: pool(
            s, principal_tags=IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, use_defaults=True)
        ),
        "principal_tags",
        "must be a list or tuple",
    ),
    (
        "principal tags that are a dict",
        lambda s: pool(s, principal_tags=[{"team": "custom:team"}]),
        "principal_tags[0]",
        "an IdentityPoolPrincipalTags",
    ),
    ("two principal-tag mappings for one provider", principal_tags_twice, "principal_tags", "duplicate provider"),
    (
        "principal tags for a token provider name, without a factory",
        principal_tags_for_a_token,
        "IdentityPoolPrincipalTags.provider_name",
        "use the factories",
    ),
    # authentication providers
    ("empty Amazon app id", lambda s: IdentityPoolAmazonLoginProvider(app_id=""), "amazon.app_id", "must not be empty"),
    (
        "Facebook app id with a space",
        lambda s: IdentityPoolFacebookLoginProvider(app_id="12 34"),
        "facebook.app_id",
        "must match",
    ),
    (
        "Google client id of None",
        lambda s: IdentityPoolGoogleLoginProvider(client_id=bad(None)),
        "google.client_id",
        "must be a str",
    ),
    (
        "Apple services id of 129 characters",
        lambda s: IdentityPoolAppleLoginProvider(services_id="a" * 129),
        "apple.services_id",
        "at most 128 characters",
    ),
    (
        "Twitter secret with ';'",
        lambda s: IdentityPoolTwitterLoginProvider(consumer_key="key", consumer_secret="se;cret"),
        "twitter.consumer_secret",
        "no ';'",
    ),
    (
        "Twitter key and secret of 129 characters together",
        lambda s: IdentityPoolTwitterLoginProvider(consumer_key="k" * 64, consumer_secret="s" * 64),
        "twitter",
        "at most 128 characters together",
    ),
    (
        "developer provider name with a non-ASCII letter",
        lambda s: providers(custom_provider="login.exämple.com"),
        "authentication_providers.custom_provider",
        "must match",
    ),
    (
        "developer provider name with spaces",
        lambda s: providers(custom_provider="my provider"),
        "authentication_providers.custom_provider",
        "must match",
    ),
    (
        "Amazon login given as a Google login",
        lambda s: providers(google=IdentityPoolAmazonLoginProvider(app_id="amzn1.application.abc")),
        "authentication_providers.google",
        "must be an IdentityPoolGoogleLoginProvider",
    ),
    (
        "OpenID Connect provider as an ARN string",
        lambda s: providers(open_id_connect_providers=["arn:aws:iam::123456789012:oidc-provider/login.example.com"]),
        "authentication_providers.open_id_connect_providers[0]",
        "an iam.IOIDCProviderRef",
    ),
    (
        "OpenID Connect providers not in a list",
        lambda s: providers(open_id_connect_providers=oidc(s)),
        "authentication_providers.open_id_connect_providers",
        "must be a list or tuple",
    ),
    (
        "SAML provider that is a user pool",
        lambda s: providers(saml_providers=[user_pool(s)]),
        "authentication_providers.saml_providers[0]",
        "an iam.ISAMLProviderRef",
    ),
    (
        "user pool given without UserPoolAuthenticationProvider",
        lambda s: providers(user_pools=[user_pool(s)]),
        "authentication_providers.user_pools[0]",
        "an IUserPoolAuthenticationProvider",
    ),
    (
        "the same OpenID Connect provider twice",
        twice_the_same_oidc_provider,
        "authentication_providers.open_id_connect_providers",
        "duplicate provider",
    ),
    (
        "the same user pool and client twice",
        twice_the_same_user_pool,
        "authentication_providers.user_pools[1]",
        "duplicate provider",
    ),
    (
        "a provider whose bind() returns None",
        lambda s: pool(s, authentication_providers=providers(user_pools=[_ReturnsNothing()])),
        "authentication_providers.user_pools[0].bind()",
        "must return a UserPoolAuthenticationProviderBindConfig",
    ),
    (
        "user pool as an id string",
        lambda s: UserPoolAuthenticationProvider(user_pool=bad("us-east-1_AbCdEf")),
        "user_pool",
        "a cognito.IUserPool",
    ),
    (
        "app client as an id string",
        lambda s: UserPoolAuthenticationProvider(user_pool=user_pool(s), user_pool_client=bad("4f1kr0m8ol0example")),
        "user_pool_client",
        "a cognito.IUserPoolClient",
    ),
    (
        "server-side token check as a string",
        lambda s: UserPoolAuthenticationProvider(user_pool=user_pool(s), disable_server_side_token_check=bad("no")),
        "disable_server_side_token_check",
        "must be a bool",
    ),
    # role mappings and rules
    (
        "provider URL as a plain string",
        lambda s: IdentityPoolRoleMapping(provider_url=bad("accounts.google.com"), use_token=True),
        "IdentityPoolRoleMapping.provider_url",
        "an IdentityPoolProviderUrl",
    ),
    (
        "mapping key that is a token (it must be a literal)",
        lambda s: google_mapping(s, mapping_key=cdk.Aws.REGION),
        "IdentityPoolRoleMapping.mapping_key",
        "not a CDK token",
    ),
    (
        "mapping_key '__proto__' (jsii cannot carry it in a map)",
        lambda s: pool(s, role_mappings=[google_mapping(s, mapping_key="__proto__")]),
        "role_mappings key (mapping_key or provider_url)",
        "does not support the key '__proto__'",
    ),
    (
        "user pool provider URL (a token) without mapping_key",
        user_pool_mapping_without_key,
        "IdentityPoolRoleMapping.mapping_key",
        "must be literal strings",
    ),
    (
        "empty mapping key",
        lambda s: google_mapping(s, mapping_key=""),
        "IdentityPoolRoleMapping.mapping_key",
        "must not be empty",
    ),
    (
        "use_token together with rules",
        lambda s: google_mapping(s, use_token=True),
        "IdentityPoolRoleMapping.rules",
        "cannot be combined with use_token=True",
    ),
    (
        "neither use_token nor rules",
        lambda s: google_mapping(s, rules=None),
        "IdentityPoolRoleMapping.rules",
        "unless use_token=True",
    ),
    (
        "26 rules for one provider",
        lambda s: google_mapping(s, rules=[rule(s)] * 26),
        "IdentityPoolRoleMapping.rules",
        "at most 25 rules",
    ),
    (
        "rules not in a list",
        lambda s: google_mapping(s, rules=rule(s)),
        "IdentityPoolRoleMapping.rules",
        "must be a list or tuple",
    ),
    (
        "rule that is a dict",
        lambda s: google_mapping(s, rules=[{"claim": "cognito:groups"}]),
        "IdentityPoolRoleMapping.rules[0]",
        "a RoleMappingRule",
    ),
    (
        "use_token as a string",
        lambda s: google_mapping(s, rules=None, use_token="true"),
        "IdentityPoolRoleMapping.use_token",
        "must be a bool",
    ),
    (
        "resolve_ambiguous_roles as an int",
        lambda s: google_mapping(s, resolve_ambiguous_roles=1),
        "IdentityPoolRoleMapping.resolve_ambiguous_roles",
        "must be a bool",
    ),
    ("empty claim", lambda s: rule(s, claim=""), "RoleMappingRule.claim", "must be a claim name"),
    ("claim with a space", lambda s: rule(s, claim="cognito groups"), "RoleMappingRule.claim", "without spaces"),
    (
        "claim with a zero-width space",
        lambda s: rule(s, claim="cognito:\u200bgroups"),
        "RoleMappingRule.claim",
        "not U+200B (ZERO WIDTH SPACE)",
    ),
    (
        "claim with a no-break space",
        lambda s: rule(s, claim="custom:\u00a0dept"),
        "RoleMappingRule.claim",
        "without spaces",
    ),
    (
        "provider URL of 129 characters as a mapping key",
        lambda s: pool(
            s,
            role_mappings=[
                IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.custom("p" * 129), use_token=True)
            ],
        ),
        "IdentityPoolRoleMapping.provider_url",
        "at most 128 characters to name a role mapping",
    ),
    ("claim of 65 characters", lambda s: rule(s, claim="c" * 65), "RoleMappingRule.claim", "at most 64 characters"),
    ("empty claim value", lambda s: rule(s, claim_value=""), "RoleMappingRule.claim_value", "must not be empty"),
    (
        "claim value of 129 characters",
        lambda s: rule(s, claim_value="v" * 129),
        "RoleMappingRule.claim_value",
        "at most 128 characters",
    ),
    (
        "mapped role as an ARN string",
        lambda s: rule(s, mapped_role="arn:aws:iam::123456789012:role/admins"),
        "RoleMappingRule.mapped_role",
        "an iam.IRole",
    ),
    (
        "match type as a string",
        lambda s: rule(s, match_type="Equals"),
        "RoleMappingRule.match_type",
        "a RoleMappingMatchType",
    ),
    (
        "empty OpenID Connect issuer",
        lambda s: IdentityPoolProviderUrl.open_id(""),
        "IdentityPoolProviderUrl.value",
        "must not be empty",
    ),
    (
        "provider type as a string",
        lambda s: IdentityPoolProviderUrl(bad("GOOGLE"), "accounts.google.com"),
        "IdentityPoolProviderUrl.type",
        "an IdentityPoolProviderType",
    ),
    # principal tags
    (
        "use_defaults together with tags",
        lambda s: tags(use_defaults=True, tags={"team": "custom:team"}),
        "IdentityPoolPrincipalTags.tags",
        "cannot be combined with use_defaults=True",
    ),
    ("neither use_defaults nor tags", lambda s: tags(), "IdentityPoolPrincipalTags.tags", "at least one tag mapping"),
    (
        "51 principal tags",
        lambda s: tags(tags={f"tag{i}": "sub" for i in range(51)}),
        "IdentityPoolPrincipalTags.tags",
        "at most 50 principal tags",
    ),
    ("principal tags as a list", lambda s: tags(tags=["team"]), "IdentityPoolPrincipalTags.tags", "must be a dict"),
    (
        "tag key starting with 'aws:'",
        lambda s: tags(tags={"aws:team": "custom:team"}),
        "IdentityPoolPrincipalTags.tags key",
        "must not start with 'aws:'",
    ),
    (
        "tag key with '!'",
        lambda s: tags(tags={"team!": "custom:team"}),
        "IdentityPoolPrincipalTags.tags key",
        "must match",
    ),
    (
        "tag key '__proto__' (jsii cannot carry it in a map)",
        lambda s: tags(tags={"__proto__": "sub"}),
        "IdentityPoolPrincipalTags.tags key",
        "does not support the key '__proto__'",
    ),
    (
        "tag key of 129 characters",
        lambda s: tags(tags={"k" * 129: "custom:team"}),
        "IdentityPoolPrincipalTags.tags key",
        "at most 128 characters",
    ),
    (
        "tag key that is a token",
        lambda s: tags(tags={cdk.Aws.REGION: "custom:team"}),
        "IdentityPoolPrincipalTags.tags key",
        "not a CDK token",
    ),
    (
        "empty claim for a tag",
        lambda s: tags(tags={"team": ""}),
        "IdentityPoolPrincipalTags.tags['team']",
        "must not be empty",
    ),
    (
        "claim of 257 characters for a tag",
        lambda s: tags(tags={"team": "c" * 257}),
        "IdentityPoolPrincipalTags.tags['team']",
        "at most 256 characters",
    ),
    (
        "use_defaults as a string",
        lambda s: tags(use_defaults="yes"),
        "IdentityPoolPrincipalTags.use_defaults",
        "must be a bool",
    ),
    (
        "empty provider name",
        lambda s: tags(provider_name="", use_defaults=True),
        "IdentityPoolPrincipalTags.provider_name",
        "must not be empty",
    ),
    # imports, grants and principals
    (
        "pool id without a region",
        lambda s: IdentityPool.from_identity_pool_id(s, "Imported", "0a1b2c3d"),
        "identity_pool_id",
        "must be '<region>:<uuid>'",
    ),
    (
        "pool ARN with a token region, of another service",
        lambda s: IdentityPool.from_identity_pool_arn(
            s, "Imported", f"arn:aws:cognito-idp:{cdk.Aws.REGION}:123456789012:identitypool/{GOOD_ID}"
        ),
        "identity_pool_arn",
        "not 'cognito-identity'",
    ),
    (
        "pool ARN with a token region, of another resource type",
        lambda s: IdentityPool.from_identity_pool_arn(
            s, "Imported", f"arn:aws:cognito-identity:{cdk.Aws.REGION}:123456789012:userpool/{GOOD_ID}"
        ),
        "identity_pool_arn",
        "not 'identitypool/<id>'",
    ),
    (
        "pool ARN of another service",
        lambda s: IdentityPool.from_identity_pool_arn(
            s, "Imported", f"arn:aws:cognito-idp:us-east-1:123456789012:identitypool/{GOOD_ID}"
        ),
        "identity_pool_arn",
        "must be 'arn:<partition>:cognito-identity",
    ),
    (
        "pool ARN whose id names another region",
        lambda s: IdentityPool.from_identity_pool_arn(
            s, "Imported", f"arn:aws:cognito-identity:eu-west-1:123456789012:identitypool/{GOOD_ID}"
        ),
        "identity_pool_arn",
        "the pool id's region must be the ARN's region",
    ),
    ("grant with no actions", lambda s: pool(s).grant(role(s, "Backend")), "actions", "grant at least one action"),
    (
        "grant of another service's action",
        lambda s: pool(s).grant(role(s, "Backend"), "s3:GetObject"),
        "actions[0]",
        "cognito-identity",
    ),
    (
        "developer grant without a developer provider",
        grant_developer_authentication_without_developer_provider,
        "authentication_providers.custom_provider",
        "needs a developer provider",
    ),
    (
        "principal for an unknown identity type",
        lambda s: pool(s).federated_principal("admins"),
        "identity_type",
        "must be 'authenticated' or 'unauthenticated'",
    ),
    (
        "provider-scoped trust for guests",
        lambda s: pool(s).federated_principal("unauthenticated", providers=[IdentityPoolProviderUrl.GOOGLE]),
        "providers",
        "only authenticated identities sign in through a provider",
    ),
    (
        "provider-scoped trust naming a number",
        lambda s: pool(s).federated_principal(providers=[bad(42)]),
        "providers[0]",
        "must be an IdentityPoolProviderUrl, a cognito.IUserPool or a str",
    ),
    (
        "provider-scoped trust for an empty list of providers",
        lambda s: pool(s).federated_principal(providers=[]),
        "providers",
        "give at least one provider, or None for any provider",
    ),
    (
        "provider-scoped trust for the provider '*'",
        lambda s: pool(s).federated_principal(providers=["*"]),
        "providers[0]",
        "'*' and '?' are wildcards",
    ),
    (
        "provider-scoped trust for a provider URL with a wildcard",
        lambda s: pool(s).federated_principal(providers=[IdentityPoolProviderUrl.open_id("login.example.*")]),
        "providers[0]",
        "'*' and '?' are wildcards",
    ),
    (
        "provider-scoped trust for the provider 'authenticated'",
        lambda s: pool(s).federated_principal(providers=["authenticated"]),
        "providers[0]",
        "is not a provider",
    ),
    (
        "provider-scoped trust for the provider 'unauthenticated'",
        lambda s: pool(s).federated_principal(providers=["login.example.com", "unauthenticated"]),
        "providers[1]",
        "is not a provider",
    ),
    (
        "per-identity objects for guests",
        own_objects_for_guests,
        "grantee",
        "identity id changes when the guest signs in",
    ),
    (
        "per-identity objects under '/'",
        lambda s: pool(s).grant_own_objects(role(s), s3.Bucket(s, "Bucket"), prefix="/private/"),
        "prefix",
        "object keys do not start with '/'",
    ),
    (
        "per-identity items with an S3 action",
        lambda s: pool(s).grant_own_items(role(s), table(s), actions=["s3:GetObject"]),
        "actions[0]",
        "a dynamodb: action",
    ),
    (
        "per-identity items with a Scan (no dynamodb:LeadingKeys)",
        lambda s: pool(s).grant_own_items(role(s), table(s), actions=["dynamodb:GetItem", "dynamodb:Scan"]),
        "actions",
        "ForAllValues:StringEquals is true when the key is absent",
    ),
    (
        "per-identity items with a wildcard action",
        lambda s: pool(s).grant_own_items(role(s), table(s), actions=["dynamodb:*"]),
        "actions",
        "no wildcards",
    ),
    (
        "per-identity items with a PartiQL SELECT",
        lambda s: pool(s).grant_own_items(role(s), table(s), actions=["dynamodb:PartiQLSelect"]),
        "actions",
        "a PartiQL SELECT reads other partitions",
    ),
    (
        "per-identity items with no actions",
        lambda s: pool(s).grant_own_items(role(s), table(s), actions=[]),
        "actions",
        "grant at least one action",
    ),
    (
        "per-identity objects with no actions",
        lambda s: pool(s).grant_own_objects(role(s), s3.Bucket(s, "Bucket"), actions=()),
        "actions",
        "grant at least one action",
    ),
    (
        "per-identity items on indexes given as a string",
        lambda s: pool(s).grant_own_items(role(s), table(s), include_indexes=bad("yes")),
        "include_indexes",
        "must be a bool",
    ),
    (
        "per-identity objects under a wildcard prefix",
        lambda s: pool(s).grant_own_objects(role(s), s3.Bucket(s, "Bucket"), prefix="*/"),
        "prefix",
        "must be a literal folder",
    ),
    (
        "per-identity objects under a policy variable",
        lambda s: pool(s).grant_own_objects(role(s), s3.Bucket(s, "Bucket"), prefix="${aws:username}/"),
        "prefix",
        "'${' as a policy variable",
    ),
    (
        "group roles for a user pool the pool lacks",
        lambda s: pool(s).add_user_pool_group_roles(
            UserPoolAuthenticationProvider(user_pool=cognito.UserPool(s, "Users")), groups={"admins": 0}
        ),
        "user_pool",
        "must be one of this pool's user pool providers",
    ),
    (
        "group role with a negative precedence",
        lambda s: group_roles(s, {"admins": -1}),
        "groups['admins']",
        "from 0 to 2^31-1",
    ),
    (
        "group role with a precedence past 2^31-1",
        lambda s: group_roles(s, {"admins": 2**31}),
        "groups['admins']",
        "from 0 to 2^31-1",
    ),
    ("group name with a space", lambda s: group_roles(s, {"my group": 0}), "groups['my group']", "not U+0020"),
    ("group name of 129 characters", lambda s: group_roles(s, {"g" * 129: 0}), f"groups[{'g' * 129!r}]", "at most 128"),
    (
        "group name that is a token",
        lambda s: group_roles(s, {cdk.Aws.STACK_NAME: 0}),
        "groups key",
        "not a CDK token",
    ),
    (
        "the same existing group twice",
        group_twice,
        "groups[1]",
        "duplicate group name",
    ),
    (
        "an existing group of another user pool",
        group_of_another_user_pool,
        "groups[0]",
        "a group of another user pool",
    ),
    (
        "groups of a user pool imported from another region",
        groups_of_an_imported_user_pool_elsewhere,
        "user_pool",
        "but the groups would be created in stack",
    ),
    (
        "an existing group in the user pool's stack, the identity pool in another",
        group_in_the_user_pools_stack,
        "groups[0]",
        "a dependency cycle",
    ),
    ("group roles for no group", lambda s: group_roles(s, {}), "groups", "give at least one group"),
    (
        "client outputs with a '-' in the prefix",
        lambda s: pool(s).add_client_outputs(prefix="my-app"),
        "prefix",
        "must match",
    ),
    (
        "a pool directly under the App",
        lambda s: IdentityPool(cdk.App.of(s), "Pool"),  # type: ignore[arg-type]
        "scope",
        "must be a Stack or a construct inside one",
    ),
    (
        "a pool directly under a Stage",
        lambda s: IdentityPool(cdk.Stage(cdk.App.of(s), "Prod"), "Pool"),  # type: ignore[arg-type]
        "scope",
        "Stage 'Prod' is in no stack",
    ),
    (
        "a pool imported directly under the App",
        lambda s: IdentityPool.from_identity_pool_id(cdk.App.of(s), "Pool", GOOD_ID),  # type: ignore[arg-type]
        "scope",
        "must be a Stack or a construct inside one",
    ),
    ("role mapping added after synth", mapping_after_synth, "add_role_mappings", "already been synthesized"),
]


@pytest.mark.parametrize(("build", "prop", "rule_fragment"), [pytest.param(b, p, r, id=d) for d, b, p, r in BAD_INPUTS])
def test_bad_input_is_rejected_at_construction_naming_prop_value_and_rule(
    build: Build, prop: str, rule_fragment: str
) -> None:
    stack = new_stack()
    with pytest.raises(IdentityPoolValidationError) as caught:
        build(stack)
    error = caught.value
    assert error.prop == prop
    assert rule_fragment in error.rule
    message = str(error)
    # "<prop>=<value>: <rule>", in Python words only: no jsii / JavaScript stack frames.
    assert message.startswith(f"{prop}={repr(error.value)[:150]}") and message.endswith(f": {error.rule}")
    assert "jsii" not in message.lower()
    assert re.search(r"^\s*at \S", message, re.MULTILINE) is None
    assert "\n" not in message


def test_the_table_covers_every_prop_with_at_least_forty_cases() -> None:
    props = {prop.split("[")[0].split(".")[0] for _, _, prop, _ in BAD_INPUTS}
    assert len(BAD_INPUTS) >= 40
    assert {
        "identity_pool_name",
        "allow_unauthenticated_identities",
        "allow_classic_flow",
        "authenticated_role",
        "unauthenticated_role",
        "authentication_providers",
        "role_mappings",
        "removal_policy",
        "principal_tags",
        "IdentityPoolRoleMapping",
        "RoleMappingRule",
        "IdentityPoolPrincipalTags",
    } <= props
    assert len({d for d, _, _, _ in BAD_INPUTS}) == len(BAD_INPUTS), "descriptions must be unique"


# --- docs/bad-inputs.md ----------------------------------------------------------------------------------


def _stable(text: str) -> str:
    """Token numbers and object addresses change from run to run; the docs show neither."""
    text = re.sub(r"\$\{Token\[[\w.:-]+\]\}", "${Token[…]}", text)
    return re.sub(r" object at 0x[0-9a-f]+", " object", text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_markdown() -> str:
    """docs/bad-inputs.md: each row's prop, the value as the error shows it, and the rule it states."""
    lines = [
        "# Bad inputs and their errors",
        "",
        "Every row is a test in `tests/unit/test_bad_inputs.py`: building it raises",
        "`cdk_identitypool.IdentityPoolValidationError` at construction (synth time), with `.prop`, `.value`",
        "and `.rule`, and a message `<prop>=<value>: <rule>`. aws-cdk-lib's L2 accepts most of these and",
        "fails later: with a jsii stack trace, or when CloudFormation deploys the template.",
        "",
        "Regenerate with `.venv/bin/python -m tests.unit.test_bad_inputs > docs/bad-inputs.md`.",
        "",
        "| case | prop | bad value | error rule |",
        "|---|---|---|---|",
    ]
    for description, build, _, _ in BAD_INPUTS:
        try:
            build(new_stack())
        except IdentityPoolValidationError as error:
            value = _stable(str(error)[len(error.prop) + 1 : -len(error.rule) - 2])
            value = value if len(value) <= 80 else f"{value[:60]}…"
            lines.append(
                f"| {_cell(description)} | `{_cell(error.prop)}` | `{_cell(value)}` | {_cell(_stable(error.rule))} |"
            )
        else:  # pragma: no cover - the parametrized test fails first
            raise AssertionError(f"{description}: no error")
    return "\n".join(lines) + "\n"


def test_docs_table_is_up_to_date() -> None:
    assert DOCS.read_text() == render_markdown(), (
        "docs/bad-inputs.md is stale: .venv/bin/python -m tests.unit.test_bad_inputs > docs/bad-inputs.md"
    )


if __name__ == "__main__":
    sys.stdout.write(render_markdown())
