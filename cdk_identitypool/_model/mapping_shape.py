"""What Cognito refuses in an attachment's role mappings, and what it does when no rule of one matches (its
fallback), read from a template: the API model's ``RoleMapping`` and ``MappingRule`` shapes and the service's
quotas. SetIdentityPoolRoles refuses the pool's roles for any of it, so the attachment does not deploy
(cfn-lint passes most of it).

One reading for the checks (each problem a finding), the simulator (the first problem is a SimulationError)
and the constructs (the limits and the claim-name pattern). A part that is an intrinsic is not judged here:
each reader says what it makes of a value known only at deploy time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .intrinsics import is_intrinsic, show
from .kinds import MATCH_TYPES_BY_CFN, AmbiguousRoleResolution
from .values import get

if TYPE_CHECKING:
    from .template import TemplateModel

#: Role mappings per identity pool (the API model's RoleMappingMap).
MAX_ROLE_MAPPINGS = 10
#: Rules per role mapping (a service quota: the API model's list would allow 400).
MAX_RULES_PER_MAPPING = 25
#: A rule's claim name and claim value: 1-64 and 1-128 characters (ClaimName, ClaimValue).
MAX_CLAIM_LENGTH = 64
MAX_CLAIM_VALUE_LENGTH = 128
#: A mapping's key, the provider it is for (IdentityProviderName).
MAX_PROVIDER_NAME_LENGTH = 128
_MATCH_TYPES = ", ".join(MATCH_TYPES_BY_CFN)
#: ClaimName's pattern ``[\p{L}\p{M}\p{S}\p{N}\p{P}]+``: Java's Unicode categories, read with ``unicodedata``.
_CLAIM_CATEGORIES = ("L", "M", "S", "N", "P")


@dataclass(frozen=True)
class Fallback:
    """What Cognito does when no rule of a role mapping matches (or its token names no usable role).

    Attributes:
        resolution: The mapping's ``AmbiguousRoleResolution``; None when the template does not tell.
        unknown: Why it does not (empty when ``resolution`` is known).
        refused: Whether Cognito refuses the mapping itself for it (the value is missing, or not one Cognito
            knows): the attachment does not deploy.
    """

    resolution: AmbiguousRoleResolution | None
    unknown: str = ""
    refused: bool = False


def fallback_of(model: TemplateModel, mapping: Any) -> Fallback:
    """The fallback of role mapping ``mapping``, as its ``AmbiguousRoleResolution`` gives it. Cognito requires one
    of ``Token`` and ``Rules`` mappings (SetIdentityPoolRoles refuses a mapping without it)."""
    value = get(mapping, "AmbiguousRoleResolution")
    if value is None:
        return Fallback(
            None, "AmbiguousRoleResolution is missing: Cognito requires it of Token and Rules mappings", refused=True
        )
    if is_intrinsic(value):
        why = model.unknown_reason(value) or "an expression"
        return Fallback(None, f"AmbiguousRoleResolution comes from {show(value)}: {why}")
    try:
        return Fallback(AmbiguousRoleResolution(value))
    except ValueError:
        return Fallback(
            None, f"AmbiguousRoleResolution is {value!r}: Cognito knows only 'AuthenticatedRole' and 'Deny'", True
        )


def claim_name_problem(value: str) -> str | None:
    """Why ``value`` is not a claim name (ClaimName; a user pool group name has the same pattern): letters,
    marks, symbols, numbers and punctuation only, so no spaces or invisible characters (a no-break or
    zero-width space too). None when it is one."""
    for char in value:
        if not unicodedata.category(char).startswith(_CLAIM_CATEGORIES):
            return (
                "letters, digits, marks, symbols and punctuation only, not "
                f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed')})"
            )
    return None


def role_mappings_problems(model: TemplateModel, role_mappings: Any) -> list[str]:
    """Every problem Cognito refuses in an attachment's ``RoleMappings`` (none when it is absent, an intrinsic
    or not a dict: the readers say so themselves), each ``<where>: <what>``."""
    if not isinstance(role_mappings, Mapping) or is_intrinsic(role_mappings):
        return []
    found: list[str] = []
    if len(role_mappings) > MAX_ROLE_MAPPINGS:
        found.append(f"RoleMappings: {len(role_mappings)} mappings; Cognito allows at most {MAX_ROLE_MAPPINGS}")
    for key, mapping in role_mappings.items():
        found += mapping_problems(model, key, mapping)
    return found


def mapping_problems(model: TemplateModel, key: Any, mapping: Any) -> list[str]:
    """Every problem Cognito refuses in role mapping ``key`` (a part that is an intrinsic is not judged)."""
    where = f"RoleMappings[{key!r}]"
    if is_intrinsic(mapping):
        return []
    if not isinstance(mapping, Mapping):
        return [f"{where}: must be a dict, not {type(mapping).__name__}"]
    found: list[str] = []
    if isinstance(key, str) and len(key) > MAX_PROVIDER_NAME_LENGTH:
        found.append(f"{where}: the key names the provider in at most {MAX_PROVIDER_NAME_LENGTH} characters")
    kind = get(mapping, "Type")
    if not is_intrinsic(kind) and kind not in ("Token", "Rules"):
        found.append(f"{where}.Type={kind!r}: must be 'Token' or 'Rules'")
    fallback = fallback_of(model, mapping)
    if fallback.refused:
        found.append(f"{where}: {fallback.unknown}")
    if kind == "Rules":
        found += _rules_problems(f"{where}.RulesConfiguration.Rules", get(mapping, "RulesConfiguration"))
    return found


def _rules_problems(where: str, configuration: Any) -> list[str]:
    rules = get(configuration, "Rules")
    if is_intrinsic(configuration) or is_intrinsic(rules):
        return []
    if not isinstance(rules, list) or not rules:
        return [f"{where}: a Rules mapping needs a list of rules"]
    found: list[str] = []
    if len(rules) > MAX_RULES_PER_MAPPING:
        found.append(f"{where}: {len(rules)} rules; Cognito evaluates at most {MAX_RULES_PER_MAPPING} per mapping")
    for i, rule in enumerate(rules):
        found += _rule_problems(f"{where}[{i}]", rule)
    return found


def _rule_problems(at: str, rule: Any) -> list[str]:
    if is_intrinsic(rule):
        return []
    if not isinstance(rule, Mapping):
        return [f"{at}: must be a dict"]
    found: list[str] = []
    match_type = get(rule, "MatchType")
    if match_type is not None and not is_intrinsic(match_type) and str(match_type) not in MATCH_TYPES_BY_CFN:
        found.append(f"{at}.MatchType={match_type!r}: must be one of {_MATCH_TYPES}")
    for field in ("Claim", "Value"):
        given = get(rule, field)
        if isinstance(given, list | Mapping) and not is_intrinsic(given):  # a number is taken as its text
            found.append(f"{at}.{field}={given!r}: must be a string")
    found += [
        f"{at}: has no {field} (CloudFormation requires it)" for field in _RULE_FIELDS if get(rule, field) is None
    ]
    claim, value = get(rule, "Claim"), get(rule, "Value")
    if isinstance(claim, str):
        problem = claim_name_problem(claim) if claim else "empty"
        if len(claim) > MAX_CLAIM_LENGTH:
            problem = f"{len(claim)} characters; a claim name has at most {MAX_CLAIM_LENGTH}"
        if problem is not None:
            found.append(f"{at}.Claim={claim!r}: must be a claim name: {problem}")
    if isinstance(value, str) and not 1 <= len(value) <= MAX_CLAIM_VALUE_LENGTH:
        found.append(f"{at}.Value: {len(value)} characters; a claim value has 1-{MAX_CLAIM_VALUE_LENGTH}")
    return found


_RULE_FIELDS = ("Claim", "MatchType", "Value", "RoleARN")

__all__ = [
    "MAX_CLAIM_LENGTH",
    "MAX_CLAIM_VALUE_LENGTH",
    "MAX_PROVIDER_NAME_LENGTH",
    "MAX_ROLE_MAPPINGS",
    "MAX_RULES_PER_MAPPING",
    "Fallback",
    "claim_name_problem",
    "fallback_of",
    "mapping_problems",
    "role_mappings_problems",
]
