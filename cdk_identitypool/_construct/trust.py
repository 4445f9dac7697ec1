"""How the trust policies of the roles a pool hands out are built: one pool (``aud``), one identity type or
the providers named (``amr``). Evaluation of any trust policy is in ``_model.trust``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._errors import IdentityPoolValidationError
from .._model.trust import AMR_KEY, AUD_KEY
from .provider_url import IdentityPoolProviderType, IdentityPoolProviderUrl, provider_name_of
from .upstream import from_upstream
from .validation import check_bool, check_sequence, check_str, has_attr, is_token


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


def check_amr_provider(prop: str, name: str) -> str:
    """Refuse an ``amr`` value that would not name one provider: the trust compares with ``StringLike``,
    where ``*`` and ``?`` are wildcards, and Cognito also puts ``authenticated`` / ``unauthenticated``
    in ``amr``."""
    if is_token(name):
        return name
    if "*" in name or "?" in name:
        raise IdentityPoolValidationError(
            prop,
            name,
            "must name one provider: the trust compares amr with StringLike, where '*' and '?' are wildcards "
            "that would let users of other providers in",
        )
    if name.lower() in ("authenticated", "unauthenticated"):
        raise IdentityPoolValidationError(
            prop,
            name,
            f"is not a provider: Cognito puts {name.lower()!r} in amr for every identity of that type; use "
            "identity_type (and providers=None) to trust them all",
        )
    return name


def federated_amr(identity_type: str, session_tags: bool, providers: Sequence[Any] | None) -> list[str]:
    """The ``amr`` values of ``IdentityPool.federated_principal``'s trust (empty: any provider), its arguments
    checked."""
    if identity_type not in ("authenticated", "unauthenticated"):
        raise IdentityPoolValidationError(
            "identity_type", identity_type, "must be 'authenticated' or 'unauthenticated'"
        )
    check_bool("session_tags", session_tags)
    if providers is not None and not check_sequence("providers", providers):
        raise IdentityPoolValidationError(
            "providers",
            providers,
            "give at least one provider, or None for any provider: an empty list would trust no provider "
            "in words but any provider in the policy",
        )
    amr = [amr_name(f"providers[{i}]", p) for i, p in enumerate(providers or [])]
    for i, name in enumerate(amr):
        check_amr_provider(f"providers[{i}]", name)
    if amr and identity_type != "authenticated":
        raise IdentityPoolValidationError(
            "providers", providers, "only authenticated identities sign in through a provider"
        )
    return amr
