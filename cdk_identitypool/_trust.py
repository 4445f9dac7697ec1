"""The trust-policy vocabulary of roles that an identity pool hands out."""

from __future__ import annotations

from typing import Any

#: The federated principal Cognito identity pools assume roles as.
COGNITO_IDENTITY = "cognito-identity.amazonaws.com"
AUD_KEY = f"{COGNITO_IDENTITY}:aud"
AMR_KEY = f"{COGNITO_IDENTITY}:amr"
ASSUME_ACTION = "sts:AssumeRoleWithWebIdentity"
TAG_SESSION_ACTION = "sts:TagSession"


def trust_conditions(identity_pool_id: str, identity_type: str) -> dict[str, Any]:
    """The trust conditions that lock a role to one pool (aud) and one identity type (amr)."""
    return {
        "StringEquals": {AUD_KEY: identity_pool_id},
        "ForAnyValue:StringLike": {AMR_KEY: identity_type},
    }
