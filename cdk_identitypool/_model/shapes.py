"""The shapes CloudFormation requires of the identity-pool parts of a template (the resources the analysis
reads), checked before anything reads them: a template CloudFormation would refuse is one clear error naming
the property path, never a traceback or a guess. Intrinsics are accepted anywhere a value may be computed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .intrinsics import is_intrinsic
from .template import (
    ATTACHMENT,
    MANAGED_POLICY,
    POLICY,
    POOL,
    PRINCIPAL_TAG,
    ROLE,
    USER_POOL_GROUP,
    MalformedTemplateError,
    TemplateModel,
)

Spec = Any  # "str" | "bool" | "int" | "any" | ("list", Spec) | ("map", Spec) | ("one", Spec, ...) | {key: Spec}

_STRINGS: Spec = ("one", "str", ("list", "str"))
_STATEMENT: Spec = {
    "Effect": "str",
    "Action": _STRINGS,
    "NotAction": _STRINGS,
    "Resource": _STRINGS,
    "NotResource": _STRINGS,
    "Principal": ("one", "str", ("map", _STRINGS)),
    "NotPrincipal": ("one", "str", ("map", _STRINGS)),
    "Condition": ("map", ("map", ("one", "str", "bool", "int", ("list", ("one", "str", "bool", "int"))))),
}
_DOCUMENT: Spec = {"Statement": ("one", _STATEMENT, ("list", _STATEMENT))}
_RULE: Spec = {"Claim": "str", "MatchType": "str", "Value": "str", "RoleARN": "str"}
_MAPPING: Spec = {
    "Type": "str",
    "AmbiguousRoleResolution": "str",
    "IdentityProvider": "str",
    "RulesConfiguration": {"Rules": ("list", _RULE)},
}
SHAPES: dict[str, Spec] = {
    POOL: {
        "AllowUnauthenticatedIdentities": "bool",
        "AllowClassicFlow": "bool",
        "SupportedLoginProviders": ("map", "str"),
        "CognitoIdentityProviders": (
            "list",
            {"ProviderName": "str", "ClientId": "str", "ServerSideTokenCheck": "bool"},
        ),
        "OpenIdConnectProviderARNs": ("list", "str"),
        "SamlProviderARNs": ("list", "str"),
        "DeveloperProviderName": "str",
    },
    ATTACHMENT: {"IdentityPoolId": "str", "Roles": ("map", "str"), "RoleMappings": ("map", _MAPPING)},
    PRINCIPAL_TAG: {"IdentityPoolId": "str", "IdentityProviderName": "str", "PrincipalTags": ("map", "str")},
    ROLE: {
        "AssumeRolePolicyDocument": _DOCUMENT,
        "Policies": ("list", {"PolicyName": "str", "PolicyDocument": _DOCUMENT}),
        "ManagedPolicyArns": ("list", "str"),
        "RoleName": "str",
    },
    POLICY: {"PolicyDocument": _DOCUMENT, "Roles": ("list", "str")},
    MANAGED_POLICY: {"PolicyDocument": _DOCUMENT, "Roles": ("list", "str")},
    USER_POOL_GROUP: {"GroupName": "str", "Precedence": "int", "RoleArn": "str", "UserPoolId": "str"},
}
_PYTHON = {"str": (str,), "bool": (bool,), "int": (int,)}
_WORDS = {"str": "a string", "bool": "true or false", "int": "a whole number"}


def check_shapes(model: TemplateModel, where: str) -> None:
    """Raise :class:`MalformedTemplateError` for the first identity-pool part not shaped as CloudFormation
    requires, naming ``where`` (the file) and the property path."""
    for resource in model.resources.values():
        spec = SHAPES.get(resource.type)
        if spec is not None:
            problem = _problem(resource.properties, spec, f"Resources.{resource.logical_id}.Properties")
            if problem is not None:
                raise MalformedTemplateError(f"{where}: {problem}")


def _problem(value: Any, spec: Spec, path: str) -> str | None:
    if value is None or spec == "any" or is_intrinsic(value):
        return None
    if isinstance(spec, str):
        if isinstance(value, _PYTHON[spec]) and not (spec == "int" and isinstance(value, bool)):
            return None
        if spec in ("bool", "int") and isinstance(value, str) and _numeric_or_boolean(value, spec):
            return None  # CloudFormation converts "true" and "5"
        return f"{path}: must be {_WORDS[spec]}, not {_kind(value)}"
    kind = spec[0] if isinstance(spec, tuple) else "struct"
    if kind == "one":
        problems = [_problem(value, option, path) for option in spec[1:]]
        return None if None in problems else problems[-1]
    if kind == "list":
        if not isinstance(value, list):
            return f"{path}: must be a list, not {_kind(value)}"
        return next((p for i, item in enumerate(value) if (p := _problem(item, spec[1], f"{path}[{i}]"))), None)
    if not isinstance(value, Mapping):
        return f"{path}: must be a mapping, not {_kind(value)}"
    if kind == "map":
        return next((p for key, item in value.items() if (p := _problem(item, spec[1], f"{path}.{key}"))), None)
    return next((p for key, sub in spec.items() if (p := _problem(value.get(key), sub, f"{path}.{key}"))), None)


def _numeric_or_boolean(text: str, spec: str) -> bool:
    return text.lower() in ("true", "false") if spec == "bool" else text.lstrip("-").isdigit()


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a mapping"}
    return names.get(type(value), type(value).__name__)


__all__ = ["SHAPES", "check_shapes"]
