"""A misuse mypy --strict must report (tests/unit/test_typing.py); excluded from the project's own mypy run."""

from __future__ import annotations

import aws_cdk as cdk

from cdk_identitypool import IdentityPool

stack = cdk.Stack(cdk.App(), "S")
imported = IdentityPool.from_identity_pool_id(stack, "I", "us-east-1:0a1b2c3d-1111-2222-3333-444455556666")
imported.grant("not a grantee", "cognito-identity:GetId")
