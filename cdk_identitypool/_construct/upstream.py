"""aws-cdk-lib's own structs and enums, accepted wherever ours are (a partial swap of the import).

An app that switches the import of ``IdentityPool`` may still build its props with
``aws_cdk.aws_cognito_identitypool``'s classes. :func:`from_upstream` turns each such value into ours
(same names, same fields); anything else comes back unchanged for the usual checks.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Sequence
from typing import Any

from aws_cdk import aws_cognito_identitypool as upstream

from .._model.provider_kinds import SOCIAL_PROVIDERS

#: Upstream struct classes converted field by field into our dataclass of the same name.
_STRUCTS = (
    "IdentityPoolAuthenticationProviders",
    "IdentityPoolRoleMapping",
    "RoleMappingRule",
    *(social.struct for social in SOCIAL_PROVIDERS),
)
_ENUMS = ("IdentityPoolProviderType", "RoleMappingMatchType")


#: Our class of each name above, registered by the module that defines it (:func:`accept_upstream`).
_OURS: dict[str, Any] = {}


def accept_upstream(*classes: type) -> None:
    """Make each of ``classes`` what aws-cdk-lib's class of the same name converts to. The modules that define
    them (``providers``, ``role_mapping``, ``provider_url``) call this when they load, and the package
    ``_construct`` loads them all first, so every name is known before any check meets an aws-cdk-lib value;
    this module imports none of them (they import the checks, which convert through it)."""
    for cls in classes:
        _OURS[cls.__name__] = cls


def _ours(name: str) -> Any:
    ours = _OURS.get(name)
    if ours is None:  # pragma: no cover - _STRUCTS and _ENUMS name ours
        raise AssertionError(f"no class {name} of ours")
    return ours


def from_upstream(value: Any) -> Any:
    """Ours for an aws-cdk-lib ``aws_cognito_identitypool`` struct, enum member or provider URL."""
    if isinstance(value, enum.Enum):
        name = type(value).__name__
        if name in _ENUMS and isinstance(value, getattr(upstream, name)):
            return _ours(name)[value.name]
        return value
    if isinstance(value, upstream.IdentityPoolProviderUrl):
        return _ours("IdentityPoolProviderUrl")(from_upstream(value.type), value.value)
    for name in _STRUCTS:
        if isinstance(value, getattr(upstream, name)):
            ours = _ours(name)
            props = {}
            for field in dataclasses.fields(ours):
                item = getattr(value, field.name, None)
                if item is not None:
                    props[field.name] = from_upstream_all(item)
            return ours(**props)
    return value


def from_upstream_all(value: Any) -> Any:
    """:func:`from_upstream` on a value, or on each item of a list or tuple."""
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [from_upstream(item) for item in value]
    return from_upstream(value)


def to_upstream_logins(
    providers: Any, user_pools: Sequence[upstream.IUserPoolAuthenticationProvider] = ()
) -> upstream.IdentityPoolAuthenticationProviders | None:
    """aws-cdk-lib's struct for our providers; ``user_pools``: the user pool providers as aws-cdk-lib binds
    them (see ``user_pool_binding``)."""
    props: dict[str, Any] = {}
    for name in (social.field for social in SOCIAL_PROVIDERS):
        login = getattr(providers, name)
        if login is not None:
            props[name] = getattr(upstream, type(login).__name__)(**dataclasses.asdict(login))
    for name in ("open_id_connect_providers", "saml_providers"):
        if getattr(providers, name):
            props[name] = list(getattr(providers, name))
    if providers.custom_provider is not None:
        props["custom_provider"] = providers.custom_provider
    if user_pools:
        props["user_pools"] = list(user_pools)
    return upstream.IdentityPoolAuthenticationProviders(**props) if props else None


def _upstream_url(url: Any) -> upstream.IdentityPoolProviderUrl:
    """aws-cdk-lib's provider URL for ours. A user pool of this app (``IdentityPoolProviderUrl.user_pool``) is
    named by aws-cdk-lib (its own ``ProviderName``, the name ours gives it too), without reading it from Node."""
    from aws_cdk import aws_cognito as cognito

    pair = getattr(url, "pair", None)
    if pair is not None and isinstance(pair[0], cognito.UserPool):
        return upstream.IdentityPoolProviderUrl.user_pool(pair[0], pair[1])
    return upstream.IdentityPoolProviderUrl(upstream.IdentityPoolProviderType[url.type.name], url.value)


def to_upstream_mapping(mapping: Any) -> upstream.IdentityPoolRoleMapping:
    """aws-cdk-lib's struct for one of our (checked) role mappings. aws-cdk-lib renders it as ours renders it
    (``IdentityPoolRoleMapping.render``); the key is always given, so aws-cdk-lib never derives one."""
    url = mapping.provider_url
    rules = None
    if not mapping.use_token:
        rules = [
            upstream.RoleMappingRule(
                claim=rule.claim,
                claim_value=rule.claim_value,
                mapped_role=rule.mapped_role,
                match_type=upstream.RoleMappingMatchType[rule.match_type.name],
            )
            for rule in mapping.rules or ()
        ]
    return upstream.IdentityPoolRoleMapping(
        provider_url=_upstream_url(url),
        mapping_key=mapping.key,
        use_token=bool(mapping.use_token),
        resolve_ambiguous_roles=bool(mapping.resolve_ambiguous_roles),
        rules=rules,
    )
