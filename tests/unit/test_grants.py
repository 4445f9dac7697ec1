"""Grants on the pool itself: scoped to the pool's ARN."""

from __future__ import annotations

import pytest
from aws_cdk import aws_iam as iam
from aws_cdk import aws_lambda as lambda_
from constructs import Construct

from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, IdentityPoolValidationError
from tests.helpers import Template, new_stack, only, resources, synth


def backend(stack: Construct) -> lambda_.Function:
    return lambda_.Function(
        stack,
        "Backend",
        runtime=lambda_.Runtime.PYTHON_3_12,
        handler="index.handler",
        code=lambda_.Code.from_inline("def handler(e, c): pass"),
    )


def statements_of(template: Template) -> list[dict[str, object]]:
    _, policy = only(template, "AWS::IAM::Policy")
    statements: list[dict[str, object]] = policy["Properties"]["PolicyDocument"]["Statement"]
    return statements


def pool_arn(pool_logical_id: str) -> dict[str, object]:
    return {
        "Fn::Join": [
            "",
            [
                "arn:",
                {"Ref": "AWS::Partition"},
                ":cognito-identity:us-east-1:123456789012:identitypool/",
                {"Ref": pool_logical_id},
            ],
        ]
    }


def test_grant_is_scoped_to_the_pool() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    fn = backend(stack)
    grant = pool.grant(fn, "cognito-identity:DescribeIdentityPool", "cognito-identity:ListIdentities")
    template = synth(stack)
    assert grant.success
    pool_id, _ = only(template, "AWS::Cognito::IdentityPool")
    assert statements_of(template) == [
        {
            "Action": ["cognito-identity:DescribeIdentityPool", "cognito-identity:ListIdentities"],
            "Effect": "Allow",
            "Resource": pool_arn(pool_id),
        }
    ]


def test_grant_developer_authentication() -> None:
    stack = new_stack()
    pool = IdentityPool(
        stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(custom_provider="login.example.com")
    )
    fn = backend(stack)
    pool.grant_developer_authentication(fn)
    template = synth(stack)
    pool_id, _ = only(template, "AWS::Cognito::IdentityPool")
    assert statements_of(template) == [
        {
            "Action": [
                "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
                "cognito-identity:LookupDeveloperIdentity",
                "cognito-identity:MergeDeveloperIdentities",
                "cognito-identity:UnlinkDeveloperIdentity",
            ],
            "Effect": "Allow",
            "Resource": pool_arn(pool_id),
        }
    ]


def test_grant_developer_authentication_needs_a_developer_provider() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    with pytest.raises(IdentityPoolValidationError) as error:
        pool.grant_developer_authentication(backend(stack))
    assert error.value.prop == "authentication_providers.custom_provider"
    assert "custom_provider='login.example.com'" in str(error.value)
    assert resources(synth(stack), "AWS::IAM::Policy") == {}


def test_imported_pools_can_be_granted_on() -> None:
    stack = new_stack()
    pool_id = "us-west-2:0a1b2c3d-1111-2222-3333-444455556666"
    pool = IdentityPool.from_identity_pool_id(stack, "Imported", pool_id)
    role = iam.Role(stack, "Backend", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    pool.grant_developer_authentication(role)
    template = synth(stack)
    [statement] = statements_of(template)
    assert statement["Resource"] == {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, f":cognito-identity:us-west-2:123456789012:identitypool/{pool_id}"],
        ]
    }
    assert len(statement["Action"]) == 4  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("actions", "message"),
    [
        ((), "grant at least one action"),
        (("dynamodb:GetItem",), r"actions\[0\]='dynamodb:GetItem': must match"),
        (("cognito-identity:GetId", "*"), r"actions\[1\]='\*'"),
    ],
)
def test_grant_rejects_actions_of_other_services(actions: tuple[str, ...], message: str) -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    with pytest.raises(IdentityPoolValidationError, match=message):
        pool.grant(backend(stack), *actions)
