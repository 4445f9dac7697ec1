"""The trust policies of roles that an identity pool hands out: their vocabulary, and how any trust policy
(ours, aws-cdk-lib's or hand-written) is evaluated for a pool and an identity type. Ours are built in
``_construct.trust``."""

from __future__ import annotations

import fnmatch
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from .tri import Tri
from .values import as_list, get, has_intrinsic, normalize, ref_logical_id

#: The federated principal Cognito identity pools assume roles as.
COGNITO_IDENTITY = "cognito-identity.amazonaws.com"
AUD_KEY = f"{COGNITO_IDENTITY}:aud"
AMR_KEY = f"{COGNITO_IDENTITY}:amr"
ASSUME_ACTION = "sts:AssumeRoleWithWebIdentity"
TAG_SESSION_ACTION = "sts:TagSession"
#: How a trust policy may name Cognito identity as its federated principal (also with a region or partition).
COGNITO_FEDERATED_PREFIX = "cognito-identity."


# --- evaluation ----------------------------------------------------------------------------------------


def _action_matches(actions: Any, wanted: str) -> bool:
    return any(isinstance(a, str) and fnmatch.fnmatchcase(wanted.lower(), a.lower()) for a in as_list(actions))


def _trusts_cognito(statement: Mapping[str, Any]) -> bool:
    principal = get(statement, "Principal")
    if principal == "*":
        return True
    federated = as_list(get(principal, "Federated"))
    return any(literal_start(f).startswith(COGNITO_FEDERATED_PREFIX) for f in federated)


def literal_start(value: Any) -> str:
    """The literal text a value starts with: the value, or the first part of a join
    (``!Sub "cognito-identity.${AWS::URLSuffix}"`` starts with ``cognito-identity.``)."""
    if isinstance(value, str):
        return value
    parts = get(value, "Fn::Join")
    if isinstance(parts, list) and len(parts) == 2 and parts[0] == "" and isinstance(parts[1], list) and parts[1]:
        return parts[1][0] if isinstance(parts[1][0], str) else ""
    return ""


def amr_form(provider: Any) -> Any:
    """How ``amr`` names a role mapping's provider: a user pool without its ``:<client id>`` (a literal, or the
    provider-name part of ``<name> ":" <client>`` joined by intrinsics); anything else as it is."""
    if isinstance(provider, str) and provider.startswith("cognito-idp.") and ":" in provider:
        return provider.rsplit(":", 1)[0]
    if not isinstance(provider, str):
        parts = get(provider, "Fn::Join")
        if isinstance(parts, list) and len(parts) == 2 and isinstance(parts[1], list) and len(parts[1]) == 3:
            return parts[1][0]
    return provider


def cognito_statements(policy: Any, action: str = ASSUME_ACTION, effect: str = "Allow") -> list[Mapping[str, Any]]:
    """Statements of a trust policy with ``effect`` for the Cognito federated principal and ``action``."""
    return [
        s
        for s in as_list(get(policy, "Statement"))
        if isinstance(s, Mapping)
        and get(s, "Effect") == effect
        and _trusts_cognito(s)
        and _action_matches(get(s, "Action"), action)
    ]


def _string_test(operator: str, expected: Any, actual: Any, parameters: Collection[str] = ()) -> Tri:
    """Does one actual value satisfy a string operator against the condition's value(s)?"""
    like = operator.endswith("StringLike")
    results = []
    for pattern in as_list(expected):
        if isinstance(pattern, str) and isinstance(actual, str):
            ok = fnmatch.fnmatchcase(actual, pattern) if like else actual == pattern
            results.append(Tri.YES if ok else Tri.NO)
        elif isinstance(pattern, str) and like and pattern == "*":
            results.append(Tri.YES)
        elif not isinstance(pattern, str) and not isinstance(actual, str):
            if normalize(pattern) == normalize(actual):
                results.append(Tri.YES)
            elif _resource_ref(pattern, parameters) and _resource_ref(actual, parameters):
                results.append(Tri.NO)  # two resources of one template: two different ids
            else:
                results.append(Tri.UNKNOWN)
        else:
            results.append(Tri.UNKNOWN)
    return Tri.any_of(results)


_STRING_OPERATORS = {
    "StringEquals",
    "StringLike",
    "ForAnyValue:StringEquals",
    "ForAnyValue:StringLike",
    "ForAllValues:StringEquals",
    "ForAllValues:StringLike",
}


def condition_result(conditions: Any, context: Mapping[str, Sequence[Any]], parameters: Collection[str] = ()) -> Tri:
    """Evaluate a statement's Condition block for the context keys ``aud`` and ``amr``.

    Operators other than the string ones, or keys other than ``aud`` / ``amr``, make the answer UNKNOWN.
    """
    results = []
    for operator, block in (conditions or {}).items():
        for name, expected in (block or {}).items():
            key = next((k for k in context if isinstance(name, str) and k.lower() == name.lower()), name)
            if operator not in _STRING_OPERATORS or key not in context:
                results.append(Tri.UNKNOWN)
                continue
            actual = list(context[key])
            per_value = [_string_test(operator, expected, value, parameters) for value in actual]
            if operator.startswith("ForAllValues:"):
                results.append(Tri.all_of(per_value))
            else:
                results.append(Tri.any_of(per_value))
    return Tri.all_of(results)


def trust_allows(
    policy: Any, pool_ref: Any, amr: Sequence[Any], action: str = ASSUME_ACTION, parameters: Collection[str] = ()
) -> Tri:
    """Would this trust policy let Cognito assume the role for this pool (``aud``) and these ``amr`` values?

    A policy shaped by a CloudFormation condition (``Fn::If``) is UNKNOWN unless it allows in every case.
    """
    verdict = _trust_allows(policy, pool_ref, amr, action, parameters)
    if verdict is Tri.NO and has_intrinsic(policy, "Fn::If"):
        return Tri.UNKNOWN
    return verdict


def _trust_allows(policy: Any, pool_ref: Any, amr: Sequence[Any], action: str, parameters: Collection[str]) -> Tri:
    context = {AUD_KEY: [pool_ref], AMR_KEY: list(amr)}
    allowed = Tri.any_of(
        condition_result(get(s, "Condition"), context, parameters) for s in cognito_statements(policy, action)
    )
    denied = Tri.any_of(
        condition_result(get(s, "Condition"), context, parameters) for s in cognito_statements(policy, action, "Deny")
    )
    if denied is Tri.YES:
        return Tri.NO
    if allowed is Tri.YES and denied is Tri.UNKNOWN:
        return Tri.UNKNOWN
    return allowed


def _resource_ref(value: Any, parameters: Collection[str]) -> bool:
    """A ``Ref`` of a resource (not of a parameter, whose value is chosen at deploy time)."""
    name = ref_logical_id(value)
    return name is not None and name not in parameters and not name.startswith("AWS::")


def condition_values(statement: Mapping[str, Any], key: str) -> list[Any] | None:
    """All values a statement's conditions give ``key`` (None when no condition names it)."""
    found: list[Any] | None = None
    conditions = get(statement, "Condition")
    for block in conditions.values() if isinstance(conditions, Mapping) else ():
        for name, value in block.items() if isinstance(block, Mapping) else ():
            if isinstance(name, str) and name.lower() == key.lower():  # IAM condition keys ignore case
                found = [*(found or []), *as_list(value)]
    return found
