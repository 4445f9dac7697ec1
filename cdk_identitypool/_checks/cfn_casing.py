"""One key casing: the resolved properties of an L1 (camelCase, as a construct tree holds them) spelled as
CloudFormation spells them in a template (PascalCase), so the analysis reads one form only.

Property and struct-field names get their first letter capitalized, except where CloudFormation spells an
acronym (``SamlProviderARNs``, a mapping rule's ``RoleARN``). Values that are not property structs are kept
as they are: IAM policy documents (already in IAM's own casing, with condition keys that must not change),
maps whose keys are data (``SupportedLoginProviders``, an attachment's ``Roles``, ``PrincipalTags``) and
intrinsic functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: camelCase names whose CloudFormation spelling is not the capitalized form.
_ACRONYMS = {
    "samlProviderArns": "SamlProviderARNs",
    "openIdConnectProviderArns": "OpenIdConnectProviderARNs",
}
#: Values kept exactly: policy documents and maps keyed by data.
_KEPT = frozenset({"assumeRolePolicyDocument", "policyDocument", "supportedLoginProviders", "roles", "principalTags"})


def cfn_properties(props: Mapping[str, Any]) -> dict[str, Any]:
    """``props`` (resolved, camelCase) with CloudFormation's property names."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        name = _ACRONYMS.get(key, _capitalized(key))
        if key in _KEPT:
            out[name] = value
        elif key == "roleMappings" and isinstance(value, Mapping) and not _is_intrinsic(value):
            # A map keyed by provider (kept) of RoleMapping structs, whose rules spell RoleARN.
            out[name] = {k: _struct(v, {"roleArn": "RoleARN"}) for k, v in value.items()}
        else:
            out[name] = _struct(value, {})
    return out


def _struct(value: Any, renames: Mapping[str, str]) -> Any:
    if isinstance(value, list):
        return [_struct(item, renames) for item in value]
    if not isinstance(value, Mapping) or _is_intrinsic(value):
        return value
    return {renames.get(k, _capitalized(k)): (v if k in _KEPT else _struct(v, renames)) for k, v in value.items()}


def _is_intrinsic(value: Mapping[str, Any]) -> bool:
    return len(value) == 1 and any(k == "Ref" or k.startswith("Fn::") or k == "Condition" for k in value)


def _capitalized(key: str) -> str:
    return key[:1].upper() + key[1:]


__all__ = ["cfn_properties"]
