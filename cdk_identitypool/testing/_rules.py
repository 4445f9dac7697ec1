"""Cognito's rule semantics for role mappings: claims, match types, token roles, provider names that may be
equal at deploy time, and the claims behind default principal tags (each cites its AWS page in
``_simulator``'s module docs)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._model.intrinsics import is_intrinsic, show
from .._model.kinds import CFN_MATCH_TYPES, RoleMappingMatchType
from .._model.mapping_shape import mapping_problems
from .._model.provider_kinds import SOCIAL_PROVIDERS
from .._model.template import MalformedTemplateError, TemplateModel
from .._model.tri import Tri
from .._model.values import get, getatt_logical_id, normalize, ref_logical_id
from ._results import (
    MatchedRule,
    SimulationError,
)

USER_POOL_PREFIX = "cognito-idp."
#: The role claims of a user pool ID token (role-based-access-control.html, "Using tokens to assign roles").
PREFERRED_ROLE_CLAIM = "cognito:preferred_role"
ROLES_CLAIM = "cognito:roles"
GROUPS_CLAIM = "cognito:groups"

# provider-mappings.html: the claims behind the default tags (tag "client" ← client id, "username" ← user id).
DEFAULT_TAG_CLAIMS: dict[str, tuple[str, str]] = {p.login_url: p.tag_claims for p in SOCIAL_PROVIDERS}


class Undecidable(Exception):
    """Raised inside a simulation when the template cannot decide it; becomes an UNKNOWN result."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def could_equal(left: Any, right: Any) -> bool:
    """Whether two provider names, one or both known only at deploy time, may be equal then.

    Two literals are equal or not; otherwise the literal start and end of each must fit the other's (a user
    pool's ``ProviderName`` attribute starts with ``cognito-idp.``).
    """
    if isinstance(left, str) and isinstance(right, str):
        return False  # compared exactly by the caller
    if not isinstance(left, str) and not isinstance(right, str):
        return False  # two expressions: compared by their normalized form only
    literal, expr = (left, right) if isinstance(left, str) else (right, left)
    parts = [p for p in _join_parts_of(expr) if p != ""]
    head = parts[0] if parts else None
    prefix = head if isinstance(head, str) else ("cognito-idp." if getatt_logical_id(head, "ProviderName") else "")
    tail = parts[-1] if parts and isinstance(parts[-1], str) and len(parts) > 1 else ""
    return literal.startswith(prefix) and literal.endswith(tail)


def _join_parts_of(expr: Any) -> list[Any]:
    join = get(expr, "Fn::Join")
    if isinstance(expr, Mapping) and set(expr) == {"Fn::Join"} and isinstance(join, list) and join[0] == "":
        return [q for p in join[1] for q in _join_parts_of(p)]
    return [expr]


def model_of(
    template: Any, paths: Mapping[str, str] | None = None, account: str | None = None, region: str | None = None
) -> TemplateModel:
    try:
        return TemplateModel.from_template(template, paths, account, region=region)
    except MalformedTemplateError as error:
        raise SimulationError(str(error)) from None


def claim_name(name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise SimulationError(f"claims: a claim name is a non-empty string, not {name!r}")
    return name


def checked_mapping(key: str, mapping: Any, model: TemplateModel) -> Mapping[str, Any]:
    """A RoleMappings entry as Cognito takes it, or a SimulationError naming what Cognito refuses (the first
    problem ``mapping_problems`` finds); Undecidable when a part that decides is known only at deploy time."""
    if is_intrinsic(mapping):
        raise Undecidable(f"role mapping {key!r} is {show(mapping)}, computed at deploy time")
    problems = mapping_problems(model, key, mapping)  # a mapping that is not a dict is one of them
    if problems or not isinstance(mapping, Mapping):
        raise SimulationError(f"template: {problems[0]}")
    if get(mapping, "Type") == "Rules":
        rules = get(get(mapping, "RulesConfiguration"), "Rules")
        if is_intrinsic(rules) or is_intrinsic(get(mapping, "RulesConfiguration")):
            raise Undecidable(f"the rules of role mapping {key!r} are computed at deploy time ({show(rules)})")
        for i, rule in enumerate(rules):
            computed = [f for f in ("Claim", "MatchType", "Value") if is_intrinsic(rule) or is_intrinsic(get(rule, f))]
            if computed:
                raise Undecidable(
                    f"the {' and '.join(computed)} of rule #{i} of role mapping {key!r} "
                    f"{'is' if len(computed) == 1 else 'are'} computed at deploy time"
                )
    elif is_intrinsic(get(mapping, "Type")):
        raise Undecidable(f"the Type of role mapping {key!r} is {show(get(mapping, 'Type'))}, computed at deploy time")
    return mapping


def compare(configured: Any, given: Any) -> Tri:
    """Equal values match; two literals, or two references to resources, that differ do not; else unknown."""
    if normalize(configured) == normalize(given):
        return Tri.YES
    if isinstance(configured, str) and isinstance(given, str):
        return Tri.NO
    if _resource_of(configured) is not None and _resource_of(given) is not None:
        return Tri.NO
    return Tri.UNKNOWN


def _resource_of(expr: Any) -> str | None:
    target = get(expr, "Fn::GetAtt")
    if isinstance(expr, Mapping) and len(expr) == 1 and target is not None:
        return str(target[0] if isinstance(target, list) else str(target).split(".")[0])
    return ref_logical_id(expr)


def rule_matches(
    match_type: RoleMappingMatchType, claim: Any, value: str, notes: list[str] | None = None, claim_name: str = ""
) -> bool:
    """Does a token claim satisfy one rule?

    RBAC ("Using rules to assign roles to users"): EQUALS, NOTEQUAL, STARTS_WITH, CONTAINS compare the claim
    with the rule's value; a rule whose claim is absent from the token does not match (also NOTEQUAL: "if the
    claim doesn't exist, the rule is not evaluated"). Multi-valued claims such as ``cognito:groups``: CONTAINS
    matches when one of the values contains the rule's value; the other match types are compared per value
    (EQUALS / STARTS_WITH: some value; NOTEQUAL: no value equals), which the simulator records in ``notes``.
    """
    if claim is None:
        return False
    if isinstance(claim, list | tuple):
        values = [str(v) for v in claim]
        if match_type is RoleMappingMatchType.CONTAINS:
            return any(value in v for v in values)
        if notes is not None:
            notes.append(f"claim {claim_name!r} is multi-valued: {CFN_MATCH_TYPES[match_type]} was compared per value")
        if match_type is RoleMappingMatchType.NOTEQUAL:
            return all(v != value for v in values)
        return any(rule_matches(match_type, v, value) for v in values)
    text = str(claim)
    if match_type is RoleMappingMatchType.EQUALS:
        return text == value
    if match_type is RoleMappingMatchType.NOTEQUAL:
        return text != value
    if match_type is RoleMappingMatchType.STARTS_WITH:
        return text.startswith(value)
    return value in text


def rule_text(rule: MatchedRule) -> str:
    return f"#{rule.index} ({rule.claim} {CFN_MATCH_TYPES[rule.match_type]} {rule.value!r})"


def joined_ref(expr: Any) -> str | None:
    """The logical id ``X`` of the one ``{"Ref": X}`` inside an ``Fn::Join`` (aws-cdk-lib's provider name)."""
    parts = get(expr, "Fn::Join")
    if isinstance(parts, list) and len(parts) == 2 and isinstance(parts[1], list):
        refs = [
            ref_logical_id(p) for p in parts[1] if ref_logical_id(p) and not str(ref_logical_id(p)).startswith("AWS::")
        ]
        if len(refs) == 1:
            return refs[0]
    return None


def token_roles(value: Any) -> list[Any]:
    """``cognito:roles``: a list of ARNs, or one comma-separated string of ARNs."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value) if isinstance(value, list | tuple) else [value]


def role_arn_of(role: Any) -> Any:
    arn = getattr(role, "role_arn", None)
    return arn if arn is not None else role
