"""Small CDK apps for the emulator tests: a user pool, its client, an identity pool, a table, outputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct

from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, UserPoolAuthenticationProvider

Template = dict[str, Any]

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
    stack = cdk.Stack(app, name, synthesizer=cdk.BootstraplessSynthesizer(),
                      env=cdk.Environment(region="us-east-1"))
    user_pool = cognito.UserPool(stack, "Users", removal_policy=cdk.RemovalPolicy.DESTROY)
    client = user_pool.add_client("Client", auth_flows=cognito.AuthFlow(user_password=True), generate_secret=False)
    table = dynamodb.Table(
        stack, "Notes",
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
    template: Template = dict(cdk.assertions.Template.from_stack(stack).to_json())
    return template


def user_pool_pool(scope: Construct, parts: PoolStack, **props: Any) -> IdentityPool:
    """An identity pool whose provider is the stack's user pool and client."""
    return IdentityPool(
        scope, "IdentityPool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=parts.user_pool, user_pool_client=parts.client)],
        ),
        **props,
    )
