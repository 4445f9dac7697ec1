"""The one place for test helpers: build a stack, synthesize it (lint + snapshot), look inside it, and the
stacks and flows the emulator tests use."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from cfnlint.config import ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.runner import Runner
from constructs import Construct
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAmazonLoginProvider,
    IdentityPoolAppleLoginProvider,
    IdentityPoolAuthenticationProviders,
    IdentityPoolCheck,
    IdentityPoolChecks,
    IdentityPoolFacebookLoginProvider,
    IdentityPoolGoogleLoginProvider,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    IdentityPoolTwitterLoginProvider,
    RoleMappingRule,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool.testing.emulator import MinistackEmulator
from cdk_identitypool.testing.flows import identity_credentials, sign_in_user

Template = dict[str, Any]

#: Every template is linted for this region (Cognito identity pools exist there).
LINT_REGIONS = ["us-east-1"]


def new_stack(name: str = "TestStack") -> cdk.Stack:
    """A stack in a fresh app, pinned to an account and region so ARNs are stable."""
    app = cdk.App()
    return cdk.Stack(app, name, env=cdk.Environment(account="123456789012", region="us-east-1"))


@cache
def _lint_runner() -> Runner:
    # Loading cfn-lint's rules takes longer than linting a template: do it once per test process.
    return Runner(ConfigMixIn(regions=LINT_REGIONS))


def lint_errors(template: Template) -> list[str]:
    """cfn-lint's errors (not warnings or informational findings) for a template."""
    decoded, decode_errors = decode_str(json.dumps(template))
    matches = decode_errors or list(_lint_runner().validate_template(decoded))
    return [
        f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path or []))})" for m in matches if m.rule.id.startswith("E")
    ]


def synth(stack: cdk.Stack, *, allow_errors: bool = False) -> Template:
    """Synthesize ``stack`` and assert its template passes cfn-lint with no error, and (unless
    ``allow_errors``) that no construct has an error annotation (which stops ``cdk synth``)."""
    template: Template = dict(cdk.assertions.Template.from_stack(stack).to_json())
    errors = lint_errors(template)
    assert not errors, "cfn-lint errors:\n" + "\n".join(errors)
    if not allow_errors:
        annotations = error_annotations(stack)
        assert not annotations, "error annotations:\n" + "\n".join(annotations)
    return template


def checked(stack: cdk.Stack) -> cdk.assertions.Annotations:
    """Add ``IdentityPoolChecks`` to the stack's app, synthesize (and lint), and read the stack's annotations."""
    cdk.Aspects.of(stack.node.root).add(IdentityPoolChecks())
    synth(stack, allow_errors=True)
    return cdk.assertions.Annotations.from_stack(stack)


def about(check: IdentityPoolCheck) -> cdk.assertions.Matcher:
    """Matches a finding of ``check`` (its message starts with the check's id)."""
    return cdk.assertions.Match.string_like_regexp(rf"\[{check.value}\]")


def error_annotations(stack: cdk.Stack) -> list[str]:
    """The error annotations of ``stack``'s constructs (``cdk synth`` stops on any), synthesizing it if needed."""
    found = cdk.assertions.Annotations.from_stack(stack).find_error("*", cdk.assertions.Match.any_value())
    return [f"{message.id}: {message.entry.data}" for message in found]


#: Snapshots are compared on the pinned (newest) aws-cdk-lib only: aws-cdk-lib's own resources (user pools,
#: clients, roles) change shape between versions. The floor run of ./run.sh test sets this to "skip"; every
#: other assertion still runs there.
COMPARE_SNAPSHOTS = os.environ.get("CDK_IDENTITYPOOL_SNAPSHOTS", "compare") != "skip"


def synth_and_snapshot(stack: cdk.Stack, snapshot: SnapshotAssertion) -> Template:
    """Synthesize, lint and pin the template's shape with a syrupy JSON snapshot."""
    template = synth(stack)
    if COMPARE_SNAPSHOTS:
        assert template == snapshot(extension_class=JSONSnapshotExtension)
    return template


def resources(template: Template, type_: str) -> dict[str, Any]:
    """The resources of one CloudFormation type, by logical id."""
    return {k: v for k, v in template.get("Resources", {}).items() if v["Type"] == type_}


def only(template: Template, type_: str) -> tuple[str, dict[str, Any]]:
    """The single resource of a type (fails when there are none or several)."""
    found = resources(template, type_)
    assert len(found) == 1, f"expected one {type_}, found {sorted(found)}"
    return next(iter(found.items()))


def props(template: Template, type_: str) -> dict[str, Any]:
    """The Properties of the single resource of a type."""
    return dict(only(template, type_)[1].get("Properties", {}))


def pool_props(template: Template) -> dict[str, Any]:
    return props(template, "AWS::Cognito::IdentityPool")


def attachment_props(template: Template) -> dict[str, Any]:
    return props(template, "AWS::Cognito::IdentityPoolRoleAttachment")


def role_logical_id(template: Template, arn_expr: Any) -> str:
    """The logical id of the role behind ``{"Fn::GetAtt": [id, "Arn"]}``."""
    assert isinstance(arn_expr, dict) and "Fn::GetAtt" in arn_expr, arn_expr
    logical_id: str = arn_expr["Fn::GetAtt"][0]
    return logical_id


def trust_statements(template: Template, role_id: str) -> list[dict[str, Any]]:
    role = template["Resources"][role_id]
    statements: list[dict[str, Any]] = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    return statements


def iter_policy_statements(template: Template, role_id: str) -> Iterator[dict[str, Any]]:
    """Statements of every AWS::IAM::Policy attached to ``role_id``."""
    for policy in resources(template, "AWS::IAM::Policy").values():
        if {"Ref": role_id} in policy["Properties"].get("Roles", []):
            yield from policy["Properties"]["PolicyDocument"]["Statement"]


# --- roles and pools the simulator and check tests share -----------------------------------------------

#: Login with Amazon as the pool's only provider.
AMAZON = IdentityPoolAuthenticationProviders(amazon=IdentityPoolAmazonLoginProvider(app_id="amzn1.application.abc"))
#: Every social login configured (a role mapping must name a provider the pool has).
SOCIAL = IdentityPoolAuthenticationProviders(
    amazon=IdentityPoolAmazonLoginProvider(app_id="amzn1.application.abc"),
    facebook=IdentityPoolFacebookLoginProvider(app_id="1234567890"),
    google=IdentityPoolGoogleLoginProvider(client_id="123-abc.apps.googleusercontent.com"),
    apple=IdentityPoolAppleLoginProvider(services_id="com.example.app"),
    twitter=IdentityPoolTwitterLoginProvider(consumer_key="key", consumer_secret="secret"),
)


def map_amazon_users_to(pool: IdentityPool, role: iam.IRole) -> None:
    """A rules mapping that hands ``role`` to Amazon users whose ``custom:team`` is ``a``."""
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[RoleMappingRule(claim="custom:team", claim_value="a", mapped_role=role)],
        )
    )


def cognito_trusted_role(scope: Construct, id: str, pool_id: str, amr: str) -> iam.Role:
    """A role whose trust is written out by hand: Cognito federated, this ``aud``, this ``amr``."""
    return iam.Role(
        scope,
        id,
        assumed_by=iam.FederatedPrincipal(
            "cognito-identity.amazonaws.com",
            {
                "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
            },
            "sts:AssumeRoleWithWebIdentity",
        ),
    )


def tagged_pool_with_plain_and_tagged_roles(stack: cdk.Stack) -> tuple[IdentityPool, iam.Role, iam.Role]:
    """An Amazon pool with principal tags (``dept`` from ``custom:dept``) and a rule mapping: ``custom:dept``
    ``sales`` → ``Plain`` (trust without sts:TagSession), ``hr`` → ``Tagged`` (trust with it)."""
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=AMAZON,
        principal_tags=[IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.AMAZON, tags={"dept": "custom:dept"})],
    )
    plain = iam.Role(stack, "Plain", assumed_by=pool.federated_principal("authenticated"))
    tagged = iam.Role(stack, "Tagged", assumed_by=pool.federated_principal("authenticated", session_tags=True))
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[
                RoleMappingRule(claim="custom:dept", claim_value="sales", mapped_role=plain),
                RoleMappingRule(claim="custom:dept", claim_value="hr", mapped_role=tagged),
            ],
        )
    )
    return pool, plain, tagged


# --- stacks for the emulator tests (tests/integ): a user pool, its client, an identity pool, a table -----

#: A password the CDK user pool's default policy accepts (8+ characters, upper, lower, digit, symbol).
PASSWORD = "Integ-Passw0rd!"


@dataclass
class PoolStack:
    """What a test builds on: the stack and its constructs, before synthesis."""

    stack: cdk.Stack
    user_pool: cognito.UserPool
    client: cognito.UserPoolClient
    table: dynamodb.Table


def build(
    configure: Callable[[PoolStack], IdentityPool],
    *,
    name: str = "IntegStack",
) -> Template:
    """Synthesize a bootstrapless stack with a user pool, a client and a table, plus what ``configure`` adds.

    ``configure`` returns the identity pool; its id, name and default role ARNs become outputs.
    """
    app = cdk.App()
    stack = cdk.Stack(app, name, synthesizer=cdk.BootstraplessSynthesizer(), env=cdk.Environment(region="us-east-1"))
    user_pool = cognito.UserPool(stack, "Users", removal_policy=cdk.RemovalPolicy.DESTROY)
    client = user_pool.add_client("Client", auth_flows=cognito.AuthFlow(user_password=True), generate_secret=False)
    table = dynamodb.Table(
        stack,
        "Notes",
        partition_key=dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING),
        billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
        removal_policy=cdk.RemovalPolicy.DESTROY,
    )
    pool = configure(PoolStack(stack, user_pool, client, table))
    outputs: dict[str, str] = {
        "IdentityPoolId": pool.identity_pool_id,
        "IdentityPoolName": pool.identity_pool_name,
        "AuthenticatedRoleArn": pool.authenticated_role.role_arn,
        "UnauthenticatedRoleArn": pool.unauthenticated_role.role_arn,
        "UserPoolId": user_pool.user_pool_id,
        "UserPoolProviderName": user_pool.user_pool_provider_name,
        "ClientId": client.user_pool_client_id,
        "TableName": table.table_name,
    }
    for key, value in outputs.items():
        cdk.CfnOutput(stack, key, value=value)
    return synth(stack)


def imported_user_pool_pool(stack: cdk.Stack, *, tagged: bool = False) -> IdentityPool:
    """A pool whose only provider is a user pool imported by id from eu-west-1 (app client ``abc123``), with
    the default principal tags for it when ``tagged``."""
    users = cognito.UserPool.from_user_pool_id(stack, "Users", "eu-west-1_AbCdEfGhI")
    client = cognito.UserPoolClient.from_user_pool_client_id(stack, "Client", "abc123")
    return IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=client)]
        ),
        principal_tags=[IdentityPoolPrincipalTags.user_pool(users, use_defaults=True)] if tagged else None,
    )


def user_pool_pool(scope: Construct, parts: PoolStack, **props: Any) -> IdentityPool:
    """An identity pool whose provider is the stack's user pool and client."""
    return IdentityPool(
        scope,
        "IdentityPool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=parts.user_pool, user_pool_client=parts.client)],
        ),
        **props,
    )


# --- identity pool flows against the emulator: sign in, get credentials, ask STS who they are ------------


def sign_in(emulator: MinistackEmulator, outputs: dict[str, str], username: str = "alice") -> dict[str, str]:
    """Create a confirmed user in the stack's user pool, sign in, and return the identity pool ``Logins`` map."""
    return sign_in_user(
        emulator,
        user_pool_id=outputs["UserPoolId"],
        client_id=outputs["ClientId"],
        username=username,
        password=PASSWORD,
        provider_name=outputs["UserPoolProviderName"],
    )


credentials = identity_credentials


def assumed_role_arn(role_arn: str) -> str:
    """``arn:aws:iam::<acct>:role/<name>`` → the ARN GetCallerIdentity reports for Cognito credentials."""
    account = role_arn.split(":")[4]
    name = role_arn.rsplit("/", 1)[-1]
    return f"arn:aws:sts::{account}:assumed-role/{name}/CognitoIdentityCredentials"


def cognito_trust(amr: str = "authenticated", aud: Any = None) -> dict[str, Any]:
    """A role trust policy, as a template writes it, for the Cognito identity pool ``aud`` (default:
    ``Ref Pool``) and identity type or provider ``amr``."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "Pool"} if aud is None else aud},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
                },
            }
        ],
    }
