"""How Cognito selects a signed-in identity's role: the default role, rules and token mappings (with user
pool groups), ambiguous results, and the role's trust and session tags at AssumeRoleWithWebIdentity."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from .._model.intrinsics import show
from .._model.kinds import MATCH_TYPES_BY_CFN, AmbiguousRoleResolution
from .._model.mapping_shape import Fallback
from .._model.tri import Tri
from .._model.trust import AUD_KEY, TAG_SESSION_ACTION, cognito_statements, condition_values, trust_allows
from .._model.values import as_list, as_text, get, getatt_logical_id, normalize, ref_logical_id, ref_of
from ._request import Request
from ._resolver import (
    Login,
    PoolLookup,
)
from ._results import (
    MatchedRule,
    Outcome,
    SimulationResult,
)
from ._rules import (
    GROUPS_CLAIM,
    PREFERRED_ROLE_CLAIM,
    ROLES_CLAIM,
    Undecidable,
    joined_ref,
    rule_matches,
    rule_text,
    token_roles,
)


class RoleSelection:
    """The role-selection steps of :class:`RoleResolutionSimulator`, over one pool's lookups.

    Args:
        lookup: The pool.
    """

    def __init__(self, lookup: PoolLookup) -> None:
        self.lookup = lookup

    def default_role(
        self, request: Request, *, outcome: Outcome = Outcome.DEFAULT_AUTHENTICATED_ROLE, why: str = ""
    ) -> SimulationResult:
        # RBAC: without a role mapping (or when it resolves ambiguity to the authenticated role), signed-in
        # users get the pool's authenticated role.
        assert request.login is not None
        arn = get(self.lookup.roles(), "authenticated")
        why = why or f"no role mapping for {request.login.label()}: the pool's authenticated role"
        if arn is None:
            return request.answer(Outcome.NO_ROLE, f"{why}, but pool {self.lookup.pool.logical_id} has none")
        if request.requested is not None and not self.lookup.same_role(request.requested, arn):
            return request.answer(
                Outcome.REQUESTED_ROLE_NOT_ALLOWED,
                f"{why} is {self.lookup.role(arn)}; the requested role {show(request.requested)} is not allowed",
                role=self.lookup.role(arn),
            )
        return self.assume(request, outcome, why, arn)

    def rules(self, request: Request, mapping: Mapping[str, Any], ambiguous: Fallback) -> SimulationResult:
        # RBAC "Using rules to assign roles to users": rules are evaluated in order and the role of the first
        # matching rule is used, unless CustomRoleArn is specified to override the order (then it must be the
        # role of a matching rule). When no rule matches, AmbiguousRoleResolution decides.
        key, requested = request.mapping_key, request.requested
        matches: list[MatchedRule] = []
        arns: list[Any] = []
        notes: list[str] = []
        for index, rule in enumerate(as_list(get(get(mapping, "RulesConfiguration"), "Rules"))):
            match_type = MATCH_TYPES_BY_CFN[get(rule, "MatchType")]
            claim, value = as_text(get(rule, "Claim")), as_text(get(rule, "Value"))  # a number is its text
            if rule_matches(match_type, request.claims.get(claim), value, notes, claim):
                matches.append(MatchedRule(index, claim, match_type, value))
                arns.append(get(rule, "RoleARN"))
        request = request.noted(*notes)
        if requested is not None:
            for matched, arn in zip(matches, arns, strict=True):
                if self.lookup.same_role(requested, arn):
                    return self.assume(
                        replace(request, matched_rule=matched),
                        Outcome.RULE_MATCHED,
                        f"the requested role is the role of matching rule {rule_text(matched)} of mapping {key!r}",
                        arn,
                    )
            if matches or ambiguous.resolution is AmbiguousRoleResolution.DENY:
                return request.answer(
                    Outcome.REQUESTED_ROLE_NOT_ALLOWED,
                    f"the requested role {show(requested)} is not the role of any rule of mapping {key!r} "
                    "that matches the token",
                )
        if matches:
            return self.assume(
                replace(request, matched_rule=matches[0]),
                Outcome.RULE_MATCHED,
                f"rule {rule_text(matches[0])} of mapping {key!r} is the first that matches",
                arns[0],
            )
        return self.ambiguous(request, ambiguous, f"no rule of mapping {key!r} matches the token")

    def token(self, request: Request, ambiguous: Fallback) -> SimulationResult:
        # RBAC "Using tokens to assign roles to users": CustomRoleArn is used if it matches a role in
        # cognito:roles (else access is denied); otherwise cognito:preferred_role; otherwise
        # AmbiguousRoleResolution.
        assert request.login is not None
        claims, key, requested = request.claims, request.mapping_key, request.requested
        roles = token_roles(claims.get(ROLES_CLAIM))
        preferred = claims.get(PREFERRED_ROLE_CLAIM)
        if ROLES_CLAIM not in claims and PREFERRED_ROLE_CLAIM not in claims and GROUPS_CLAIM in claims:
            notes: list[str] = []
            roles, preferred = self.group_roles(request.login, claims[GROUPS_CLAIM], notes)
            request = request.noted(*notes)
        if requested is not None:
            for arn in roles:
                if self.lookup.same_role(requested, arn):
                    return self.assume(
                        request,
                        Outcome.TOKEN_REQUESTED_ROLE,
                        f"the requested role is in the token's {ROLES_CLAIM} (mapping {key!r} takes roles from the "
                        "token)",
                        arn,
                    )
            return request.answer(
                Outcome.REQUESTED_ROLE_NOT_ALLOWED,
                f"the requested role {show(requested)} is not in the token's {ROLES_CLAIM} {[show(r) for r in roles]}",
            )
        if preferred is not None:
            return self.assume(
                request,
                Outcome.TOKEN_PREFERRED_ROLE,
                f"the token's {PREFERRED_ROLE_CLAIM} (mapping {key!r} takes roles from the token)",
                preferred,
            )
        why = f"the token has no {PREFERRED_ROLE_CLAIM} ({len(roles)} {ROLES_CLAIM}) and no role was requested"
        return self.ambiguous(replace(request, requested=None), ambiguous, why)

    def group_roles(self, login: Login, groups: Any, notes: list[str]) -> tuple[list[Any], Any]:
        """``cognito:roles`` and ``cognito:preferred_role`` as the user pool would issue them for ``groups``:
        the roles of the user's groups, and the role of the one with the lowest precedence (none on a tie)."""
        user_pool = getatt_logical_id(login.name, "ProviderName") or joined_ref(login.name)
        if user_pool is None or user_pool not in self.lookup.model.resources:
            raise Undecidable(
                f"the roles of {GROUPS_CLAIM} come from the groups of user pool {login.label()}, which this "
                "template does not define (imported, or in another or a nested stack)"
            )
        names = [groups] if isinstance(groups, str) else list(groups)
        ranked: list[tuple[Any, Any]] = []
        for group in self.lookup.model.of_type("AWS::Cognito::UserPoolGroup"):
            props = group.properties
            mine = ref_logical_id(get(props, "UserPoolId")) == user_pool and get(props, "GroupName") in names
            if mine and get(props, "RoleArn") is not None:
                ranked.append((get(props, "Precedence"), get(props, "RoleArn")))
        roles = [arn for _, arn in ranked]
        preferred = _preferred_role(ranked)
        notes.append(
            f"{ROLES_CLAIM} and {PREFERRED_ROLE_CLAIM} derived from {GROUPS_CLAIM} {names} and the groups of "
            f"user pool {user_pool} in the template"
        )
        return roles, preferred

    def ambiguous(self, request: Request, ambiguous: Fallback, why: str) -> SimulationResult:
        # RoleMapping.AmbiguousRoleResolution: Deny, or the pool's authenticated role.
        if ambiguous.resolution is None:
            return request.answer(Outcome.UNKNOWN, f"{why}; {ambiguous.unknown}")
        if ambiguous.resolution is AmbiguousRoleResolution.DENY:
            return request.answer(Outcome.AMBIGUOUS_DENY, f"{why}; AmbiguousRoleResolution is Deny")
        return self.default_role(
            request,
            outcome=Outcome.AMBIGUOUS_AUTHENTICATED_ROLE,
            why=f"{why}; AmbiguousRoleResolution is AuthenticatedRole: the pool's authenticated role",
        )

    def assume(self, request: Request, outcome: Outcome, why: str, arn: Any) -> SimulationResult:
        # Trust: Cognito (or the client, in the basic flow) calls AssumeRoleWithWebIdentity with a token whose
        # aud is the pool id and whose amr holds authenticated/unauthenticated and the provider; a role that
        # does not trust it fails. ABAC: principal tags need sts:TagSession in the trust policy as well.
        role = self.lookup.role(arn)
        resource = self.lookup.model.role_for_arn(arn)
        tags = request.tags
        if resource is None:
            return request.answer(
                Outcome.UNKNOWN,
                f"{why}: {role}, which is not a role of this template (another stack or account), so whether its "
                "trust policy lets this pool assume it is unknown",
                role=role,
                principal_tags=tags,
            )
        trust = get(resource.properties, "AssumeRolePolicyDocument")
        pool_ref = ref_of(self.lookup.pool.logical_id)
        amr = list(request.amr)
        if any(condition_values(s, AUD_KEY) is None for s in cognito_statements(trust)):
            return request.answer(
                Outcome.ROLE_NOT_DEPLOYABLE,
                f"{why}: {role}, whose trust policy admits cognito-identity.amazonaws.com without an aud "
                "condition (any identity pool); IAM refuses such a trust policy, so the stack does not deploy",
                role=role,
                principal_tags=tags,
            )
        verdict = trust_allows(trust, pool_ref, amr, parameters=self.lookup.model.parameters)
        if verdict is Tri.NO:
            return request.answer(
                Outcome.ROLE_DOES_NOT_TRUST_POOL,
                f"{why}, but the trust policy of {role} does not let pool {self.lookup.pool.logical_id} "
                f"({'/'.join(show(a) for a in amr)}) assume it",
                role=role,
                principal_tags=tags,
            )
        if verdict is Tri.UNKNOWN:
            return request.answer(
                Outcome.UNKNOWN,
                f"{why}: {role}, whose trust policy has conditions (or Fn::If) the simulator cannot evaluate",
                role=role,
                principal_tags=tags,
            )
        if tags and trust_allows(trust, pool_ref, amr, TAG_SESSION_ACTION, self.lookup.model.parameters) is Tri.NO:
            return request.answer(
                Outcome.TAG_SESSION_NOT_TRUSTED,
                f"{why}, but principal tags {sorted(tags)} are set and the trust policy of {role} does not "
                "allow sts:TagSession",
                role=role,
                principal_tags=tags,
            )
        return request.answer(outcome, why, role=role, principal_tags=tags)

    # --- template lookups ---------------------------------------------------------------------------


def _preferred_role(ranked: list[tuple[Any, Any]]) -> Any:
    """``cognito:preferred_role`` for groups of (precedence, role ARN): the role of the lowest precedence (a
    null precedence loses to any number); on a tie, the role only when the tied groups share it (Cognito's
    CreateGroup and the developer guide's "Adding groups to a user pool")."""
    if any(p is not None and not isinstance(p, int) for p, _ in ranked):
        raise Undecidable("a group's Precedence is known only at deploy time, so cognito:preferred_role is unknown")
    numbered = [(p, arn) for p, arn in ranked if isinstance(p, int)]
    pool = [arn for p, arn in numbered if p == min(p for p, _ in numbered)] if numbered else [a for _, a in ranked]
    if pool and all(normalize(arn) == normalize(pool[0]) for arn in pool):
        return pool[0]
    return None
