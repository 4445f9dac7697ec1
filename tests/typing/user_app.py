"""A user-style app: what must type-check with mypy --strict (tests/unit/test_typing.py checks it)."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk.interfaces.aws_cognito import IIdentityPoolRef

from cdk_identitypool import IdentityPool, UserPoolAuthenticationProvider


def wants_ref(ref: IIdentityPoolRef) -> str:
    return ref.identity_pool_ref.identity_pool_id


stack = cdk.Stack(cdk.App(), "S")
role = iam.Role(stack, "R", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
imported = IdentityPool.from_identity_pool_id(stack, "I", "us-east-1:0a1b2c3d-1111-2222-3333-444455556666")
imported.grant(role, "cognito-identity:GetId")
imported.grant_developer_authentication(role)
wants_ref(imported)
pool = IdentityPool(stack, "P")
wants_ref(pool)
client_id: str = pool.add_user_pool_authentication(
    UserPoolAuthenticationProvider(user_pool=cognito.UserPool(stack, "U"))
).user_pool_client_id
