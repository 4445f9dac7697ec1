"""The props of :class:`~cdk_identitypool.IdentityPool`, checked in Python before aws-cdk-lib sees them (so a bad
one is a clear error naming the prop), and aws-cdk-lib's structs converted to ours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aws_cdk import RemovalPolicy

from .providers import IdentityPoolAuthenticationProviders
from .role_mapping import IdentityPoolRoleMapping, check_unique_keys
from .validation import (
    POOL_NAME_PATTERN,
    check_bool,
    check_instance,
    check_removal_policy,
    check_sequence,
    check_str,
    check_unique_arns,
    coerce_struct,
    has_attr,
)


@dataclass(frozen=True)
class CheckedProps:
    """The pool's props once checked: those that need more than a check converted, defaulted or derived, the
    others as given.

    Attributes:
        guests: ``allow_unauthenticated_identities`` (default False).
        providers: ``authentication_providers`` as ours (default: none).
        role_mappings: ``role_mappings`` as ours.
        oidc_arns: The OIDC providers' ARNs (unique).
        saml_arns: The SAML providers' ARNs (unique).
        name: ``identity_pool_name``, as given.
        classic_flow: ``allow_classic_flow``, as given.
        authenticated_role: ``authenticated_role``, as given.
        unauthenticated_role: ``unauthenticated_role``, as given.
        removal_policy: ``removal_policy``, as given.
    """

    guests: bool
    providers: IdentityPoolAuthenticationProviders
    role_mappings: list[IdentityPoolRoleMapping]
    oidc_arns: list[str]
    saml_arns: list[str]
    name: Any
    classic_flow: Any
    authenticated_role: Any
    unauthenticated_role: Any
    removal_policy: RemovalPolicy


def check_pool_props(
    *,
    identity_pool_name: Any,
    allow_unauthenticated_identities: Any,
    allow_classic_flow: Any,
    authenticated_role: Any,
    unauthenticated_role: Any,
    authentication_providers: Any,
    role_mappings: Sequence[Any] | None,
    removal_policy: RemovalPolicy,
) -> CheckedProps:
    """Check every prop (raising ``IdentityPoolValidationError`` naming it) and convert those that need it."""
    if identity_pool_name is not None:
        check_str(
            "identity_pool_name",
            identity_pool_name,
            max_len=128,
            pattern=POOL_NAME_PATTERN,
            pattern_words="letters, digits, spaces and + = , . @ -",
        )
    guests = check_bool(
        "allow_unauthenticated_identities",
        False if allow_unauthenticated_identities is None else allow_unauthenticated_identities,
    )
    if allow_classic_flow is not None:
        check_bool("allow_classic_flow", allow_classic_flow)
    for prop, role in (("authenticated_role", authenticated_role), ("unauthenticated_role", unauthenticated_role)):
        if role is not None:
            has_attr(prop, role, "role_arn", "an iam.IRole")
    providers = (
        coerce_struct("authentication_providers", authentication_providers, IdentityPoolAuthenticationProviders)
        or IdentityPoolAuthenticationProviders()
    )
    check_instance(
        "authentication_providers",
        providers,
        IdentityPoolAuthenticationProviders,
        "an IdentityPoolAuthenticationProviders",
    )
    mappings = _check_role_mappings(role_mappings)
    check_removal_policy(removal_policy)
    oidc_arns, saml_arns = _provider_arns(providers)
    return CheckedProps(
        guests,
        providers,
        mappings,
        oidc_arns,
        saml_arns,
        name=identity_pool_name,
        classic_flow=allow_classic_flow,
        authenticated_role=authenticated_role,
        unauthenticated_role=unauthenticated_role,
        removal_policy=removal_policy,
    )


def _check_role_mappings(role_mappings: Sequence[Any] | None) -> list[IdentityPoolRoleMapping]:
    """``role_mappings`` as ours, each checked, their keys unique."""
    mappings = [
        coerce_struct(f"role_mappings[{i}]", m, IdentityPoolRoleMapping)
        for i, m in enumerate(check_sequence("role_mappings", role_mappings or []))
    ]
    for i, mapping in enumerate(mappings):
        check_instance(f"role_mappings[{i}]", mapping, IdentityPoolRoleMapping, "an IdentityPoolRoleMapping")
    check_unique_keys(mappings)
    return mappings


def _provider_arns(providers: IdentityPoolAuthenticationProviders) -> tuple[list[str], list[str]]:
    """The ARNs of the OIDC and of the SAML providers, each list checked for duplicates."""
    oidc_arns = check_unique_arns(
        "authentication_providers.open_id_connect_providers",
        [p.oidc_provider_ref.oidc_provider_arn for p in providers.open_id_connect_providers or ()],
    )
    saml_arns = check_unique_arns(
        "authentication_providers.saml_providers",
        [p.saml_provider_ref.saml_provider_arn for p in providers.saml_providers or ()],
    )
    return oidc_arns, saml_arns


__all__ = ["CheckedProps", "check_pool_props"]
