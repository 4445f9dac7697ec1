"""Stack outputs a web or mobile client reads its identity pool settings from."""

from __future__ import annotations

import re

from aws_cdk import Aws, CfnOutput, Stack, Token
from constructs import Construct

from .validation import check_str


def client_outputs(pool: Construct, pool_id: str, prefix: str | None) -> tuple[CfnOutput, CfnOutput]:
    """``<prefix>IdentityPoolId`` and ``<prefix>Region`` outputs, with those exact logical ids."""
    if prefix is None:
        prefix = re.sub(r"[^A-Za-z0-9]", "", pool.node.id)
    check_str("prefix", prefix, min_len=0, max_len=200, pattern=r"[A-Za-z0-9]*", pattern_words="letters and digits")
    region = Stack.of(pool).region
    outputs = (
        CfnOutput(
            pool,
            "IdentityPoolIdOutput",
            value=pool_id,
            description="Cognito identity pool id (Amplify: aws_cognito_identity_pool_id, auth.identity_pool_id)",
        ),
        CfnOutput(
            pool,
            "RegionOutput",
            value=region if not Token.is_unresolved(region) else Aws.REGION,
            description="The identity pool's region (Amplify: aws_cognito_region, auth.aws_region)",
        ),
    )
    outputs[0].override_logical_id(f"{prefix}IdentityPoolId")
    outputs[1].override_logical_id(f"{prefix}Region")
    return outputs
