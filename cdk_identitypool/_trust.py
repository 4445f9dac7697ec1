"""The trust-policy vocabulary of roles that an identity pool hands out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._provider_url import IdentityPoolProviderType, IdentityPoolProviderUrl, provider_name_of
from ._upstream import from_upstream
from ._validation import check_str, has_attr

#: The federated principal Cognito identity pools assume roles as.
COGNITO_IDENTITY = "cognito-identity.amazonaws.com"
AUD_KEY = f"{COGNITO_IDENTITY}:aud"
AMR_KEY = f"{COGNITO_IDENTITY}:amr"
ASSUME_ACTION = "sts:AssumeRoleWithWebIdentity"
TAG_SESSION_ACTION = "sts:TagSession"


def trust_conditions(
    identity_pool_id: str, identity_type: str, providers: Sequence[str] | None = None
) -> dict[str, Any]:
    """The trust conditions that lock a role to one pool (aud) and one identity type (amr).

    With ``providers`` (amr values: ``graph.facebook.com``, a user pool's provider name, a developer
    provider name), only identities signed in through one of them qualify: Cognito puts
    ``authenticated`` and the names of the providers used in the ``amr`` claim.
    """
    amr: str | list[str] = identity_type if not providers else list(providers)
    return {
        "StringEquals": {AUD_KEY: identity_pool_id},
        "ForAnyValue:StringLike": {AMR_KEY: amr},
    }


def amr_name(prop: str, provider: Any) -> str:
    """How the ``amr`` claim names a provider."""
    provider = from_upstream(provider)
    if isinstance(provider, IdentityPoolProviderUrl):
        if provider.type is IdentityPoolProviderType.USER_POOL:
            # "<provider name>:<client id>" in mappings; amr names the user pool alone.
            return provider.value.rsplit(":", 1)[0]
        return provider.value
    if isinstance(provider, str):
        return check_str(prop, provider, max_len=2048)
    has_attr(prop, provider, "user_pool_provider_name", "an IdentityPoolProviderUrl, a cognito.IUserPool or a str")
    return provider_name_of(provider)
