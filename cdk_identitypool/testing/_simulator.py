"""Role-resolution simulator: which IAM role would Cognito hand out, for whom, and why.

It reads the synthesized template (so it works for pools built with :class:`~cdk_identitypool.IdentityPool`
or with the L1 ``CfnIdentityPool`` / ``CfnIdentityPoolRoleAttachment``) and follows the documented rules of
Amazon Cognito identity pools. Each rule below cites the page it comes from:

- RBAC: https://docs.aws.amazon.com/cognito/latest/developerguide/role-based-access-control.html
- Trust: https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
- Flows: https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html
- ABAC: https://docs.aws.amazon.com/cognito/latest/developerguide/attributes-for-access-control.html and
  https://docs.aws.amazon.com/cognito/latest/developerguide/provider-mappings.html
- API: https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html
  and https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_RoleMapping.html

What it does not model: Cognito's scope-down session policy for guests in the enhanced flow, the SAML
``https://aws.amazon.com/SAML/Attributes/Role`` attribute, default principal tags of SAML providers,
the permissions policies of the role (see :class:`cdk_identitypool.IdentityPoolChecks`), token validation
(signatures, expiry, ``aud`` of the IdP token) and service quotas.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import aws_cdk as cdk
from constructs import Construct

from .._role_mapping import AmbiguousRoleResolution, RoleMappingMatchType
from .._template import (
    ATTACHMENT,
    POOL,
    PRINCIPAL_TAG,
    MalformedTemplateError,
    Resource,
    TemplateModel,
    Tri,
    as_list,
    get,
    getatt_logical_id,
    normalize,
    ref_logical_id,
    ref_of,
    split_provider_client,
    trust_allows,
)
from .._trust import TAG_SESSION_ACTION

_USER_POOL_PREFIX = "cognito-idp."
#: The role claims of a user pool ID token (role-based-access-control.html, "Using tokens to assign roles").
PREFERRED_ROLE_CLAIM = "cognito:preferred_role"
ROLES_CLAIM = "cognito:roles"
GROUPS_CLAIM = "cognito:groups"

# provider-mappings.html: the claims behind the default tags (tag "client" ← client id, "username" ← user id).
_DEFAULT_TAG_CLAIMS: dict[str, tuple[str, str]] = {
    "www.amazon.com": ("aud", "user_id"),
    "graph.facebook.com": ("aud", "sub"),
    "accounts.google.com": ("aud", "sub"),
    "appleid.apple.com": ("aud", "sub"),
    "api.twitter.com": ("aud", "sub"),
}


class SimulationError(ValueError):
    """The simulator was asked something it cannot answer (bad input, several pools, unresolvable tokens)."""


class AuthFlow(enum.Enum):
    """Which authentication flow the client uses (authentication-flow.html)."""

    ENHANCED = "enhanced"
    """``GetId`` + ``GetCredentialsForIdentity``: Cognito picks the role (default roles, role mappings)."""
    BASIC = "basic"
    """``GetId`` + ``GetOpenIdToken`` + STS ``AssumeRoleWithWebIdentity``: the client names the role; role
    mappings are not applied and only the role's trust policy decides. Needs ``AllowClassicFlow``."""


class Outcome(enum.Enum):
    """Why a role was granted or the request denied."""

    # granted
    GUEST_ROLE = "guest-role"
    """A guest got the pool's unauthenticated role."""
    DEFAULT_AUTHENTICATED_ROLE = "default-authenticated-role"
    """No role mapping for the provider: the pool's authenticated role."""
    RULE_MATCHED = "rule-matched"
    """A rule of the provider's rules mapping matched (the first one, or the one of the requested role)."""
    AMBIGUOUS_AUTHENTICATED_ROLE = "ambiguous-authenticated-role"
    """No rule / no usable token role, and AmbiguousRoleResolution is AuthenticatedRole."""
    TOKEN_PREFERRED_ROLE = "token-preferred-role"
    """Token mapping: the ``cognito:preferred_role`` claim."""
    TOKEN_REQUESTED_ROLE = "token-requested-role"
    """Token mapping: the requested ``CustomRoleArn`` is one of the ``cognito:roles``."""
    BASIC_FLOW_ROLE = "basic-flow-role"
    """Basic flow: the role the client asked STS for trusts this pool."""
    # denied
    GUEST_ACCESS_DISABLED = "guest-access-disabled"
    """A guest asked for credentials, but the pool does not allow unauthenticated identities."""
    PROVIDER_NOT_CONFIGURED = "provider-not-configured"
    """The login names a provider the pool is not configured with."""
    CLASSIC_FLOW_DISABLED = "classic-flow-disabled"
    """The basic (classic) flow was used, but the pool does not allow it."""
    NO_ROLE = "no-role"
    """The pool has no default role of the needed kind."""
    AMBIGUOUS_DENY = "ambiguous-deny"
    """No rule / no usable token role, and AmbiguousRoleResolution is Deny."""
    REQUESTED_ROLE_NOT_ALLOWED = "requested-role-not-allowed"
    """The requested ``CustomRoleArn`` is not a role the mapping allows for this token."""
    ROLE_DOES_NOT_TRUST_POOL = "role-does-not-trust-pool"
    """The chosen role's trust policy does not let this pool's identities assume it."""
    TAG_SESSION_NOT_TRUSTED = "tag-session-not-trusted"
    """Principal tags would be set but the role's trust policy lacks ``sts:TagSession``."""
    # neither
    UNKNOWN = "unknown"
    """The template does not say: a value known only at deploy time (a parameter, a condition, a role of
    another stack or account, a provider name the simulator cannot evaluate). The reason says which."""

    @property
    def granted(self) -> bool:
        return self in _GRANTED


_GRANTED = {
    Outcome.GUEST_ROLE,
    Outcome.DEFAULT_AUTHENTICATED_ROLE,
    Outcome.RULE_MATCHED,
    Outcome.AMBIGUOUS_AUTHENTICATED_ROLE,
    Outcome.TOKEN_PREFERRED_ROLE,
    Outcome.TOKEN_REQUESTED_ROLE,
    Outcome.BASIC_FLOW_ROLE,
}


@dataclass(frozen=True)
class SimulatedRole:
    """A role as the template names it.

    Args:
        arn_expression: The ARN as written in the template (a string or an intrinsic).
        logical_id: The logical id of the AWS::IAM::Role, when the role is in the template.
        path: The construct path of the role (``Stack/AdminRole`` for an ``iam.Role``), when known.
        arn: The ARN, when it is a literal string.
    """

    arn_expression: Any
    logical_id: str | None = None
    path: str | None = None
    arn: str | None = None

    def matches(self, role: Any) -> bool:
        """True when ``role`` (an ``iam.IRole``, a construct, a logical id, a construct path or an ARN) is this role."""
        if isinstance(role, str):
            return role in {self.logical_id, self.path, self.arn} - {None}
        if isinstance(role, Construct):
            stack = cdk.Stack.of(role)
            child = role.node.default_child
            target = child if isinstance(child, cdk.CfnResource) else role
            if isinstance(target, cdk.CfnResource) and self.logical_id is not None:
                return bool(stack.resolve(target.logical_id) == self.logical_id)
            arn = getattr(role, "role_arn", None)
            if arn is not None:
                return bool(normalize(stack.resolve(arn)) == normalize(self.arn_expression))
        return False

    def __str__(self) -> str:
        return self.path or self.logical_id or self.arn or str(self.arn_expression)


@dataclass(frozen=True)
class MatchedRule:
    """The rule of a rules mapping that decided the role.

    Args:
        index: Its position in the mapping's rules (0-based).
        claim: The claim it tests.
        match_type: How it compares.
        value: The value it compares with.
    """

    index: int
    claim: str
    match_type: RoleMappingMatchType
    value: str


@dataclass(frozen=True)
class SimulationResult:
    """What Cognito would do for one request.

    Args:
        outcome: Why the role was granted or the request denied.
        reason: The same, in words, naming the pool, mapping, rule and role.
        role: The role handed out; for some denials the role that was picked but could not be assumed.
        identity_type: ``authenticated`` or ``unauthenticated``.
        flow: The authentication flow simulated.
        mapping_key: The key of the role mapping that applied, if any.
        matched_rule: The rule that decided, if any.
        principal_tags: The session tags the credentials would carry (tag key → value).
        notes: What the simulator could not verify, or modelled by assumption.
    """

    outcome: Outcome
    reason: str
    role: SimulatedRole | None = None
    identity_type: str = "authenticated"
    flow: AuthFlow = AuthFlow.ENHANCED
    mapping_key: str | None = None
    matched_rule: MatchedRule | None = None
    principal_tags: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def granted(self) -> bool:
        """True when credentials would be issued."""
        return self.outcome.granted

    @property
    def denied(self) -> bool:
        return not self.granted

    def assert_role(self, role: Any) -> None:
        """Fail (AssertionError with the reason) unless credentials for ``role`` would be issued."""
        if not self.granted or self.role is None or not self.role.matches(role):
            raise AssertionError(f"expected credentials for {_describe(role)}, got: {self}")

    def assert_denied(self, outcome: Outcome | None = None) -> None:
        """Fail unless the request is denied (for ``outcome``, when given)."""
        if self.granted or self.outcome is Outcome.UNKNOWN or (outcome is not None and self.outcome is not outcome):
            want = f"denied ({outcome.value})" if outcome else "denied"
            raise AssertionError(f"expected {want}, got: {self}")

    def __str__(self) -> str:
        verdict = "granted" if self.granted else "denied"
        role = f" role {self.role}" if self.role is not None else ""
        return f"{verdict}{role} [{self.outcome.value}]: {self.reason}"


def _describe(role: Any) -> str:
    return role.node.path if isinstance(role, Construct) else repr(role)


# --- the login a request is made with ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Login:
    """A login provider as the template would name it."""

    name: Any  # Logins-map name: literal or intrinsic
    client: Any = None  # user pools: the app client id
    mapping_names: tuple[Any, ...] = ()  # what a role mapping's IdentityProvider may equal
    tag_names: tuple[Any, ...] = ()  # what a principal tag's IdentityProviderName may equal
    arn: Any = None  # OIDC / SAML provider ARN, when known
    oidc_host: str | None = None

    @property
    def is_user_pool(self) -> bool:
        return self.client is not None

    def label(self) -> str:
        if self.is_user_pool:
            return f"user pool {_show(self.name)} (client {_show(self.client)})"
        return _show(self.name)


def _show(expr: Any) -> str:
    if isinstance(expr, str):
        return expr
    ref = get(expr, "Ref")
    if isinstance(ref, str):
        return ref
    target = get(expr, "Fn::GetAtt")
    if isinstance(target, list):
        return ".".join(map(str, target))
    return str(expr)


# --- the simulator ----------------------------------------------------------------------------------------


class RoleResolutionSimulator:
    """Answers "which role would this identity get?" for one identity pool of a stack or template.

    Args:
        source: A ``Stack`` (synthesized here), an :class:`~cdk_identitypool.IdentityPool` (its stack and
            that pool), or a template dict (e.g. ``Template.from_stack(stack).to_json()``).
        pool: Which pool, when the template has several: an ``IdentityPool`` or the pool's logical id.
            Default: the only pool of the template (several → :class:`SimulationError`).
        template: The stack's template when you already synthesized it (e.g. in a test that lints it).
            Default: ``source`` is synthesized with ``aws_cdk.assertions.Template.from_stack``.
    """

    def __init__(self, source: Any, *, pool: Any = None, template: Mapping[str, Any] | None = None) -> None:
        self._stack: cdk.Stack | None = None
        if isinstance(source, cdk.Stack):
            self._stack = source
        elif isinstance(source, Construct) and hasattr(source, "cfn_identity_pool"):
            self._stack = cdk.Stack.of(source)
            pool = source if pool is None else pool
        elif isinstance(source, Mapping):
            self._model = _model_of(source)
        else:
            raise SimulationError(f"source={source!r}: give a Stack, an IdentityPool or a template dict")
        if self._stack is not None:
            if template is None:
                template = cdk.assertions.Template.from_stack(self._stack).to_json()
            account = self._stack.account
            self._model = _model_of(
                template, _paths(self._stack), None if cdk.Token.is_unresolved(account) else account
            )
        self._pool = self._select_pool(pool)
        self._attachment = self._single_attachment()

    # --- public API ---------------------------------------------------------------------------------

    @property
    def pool_logical_id(self) -> str:
        """The logical id of the identity pool being simulated."""
        return self._pool.logical_id

    def guest(self, *, flow: AuthFlow = AuthFlow.ENHANCED, requested_role: Any = None) -> SimulationResult:
        """A guest (unauthenticated identity): the pool's unauthenticated role, if guests are allowed.

        ``requested_role`` is only for the basic flow, where the client names the role.
        """
        return self.simulate(provider=None, flow=flow, requested_role=requested_role)

    def sign_in(
        self,
        provider: Any,
        claims: Mapping[str, Any] | None = None,
        *,
        requested_role: Any = None,
        flow: AuthFlow = AuthFlow.ENHANCED,
    ) -> SimulationResult:
        """A user signed in with ``provider`` whose token carries ``claims``.

        Args:
            provider: The login provider: a provider name (``"accounts.google.com"``, an OIDC issuer host, a
                SAML provider ARN, ``"cognito-idp.<region>.amazonaws.com/<pool id>:<client id>"``, the developer
                provider name), an ``IdentityPoolProviderUrl`` (e.g. ``IdentityPoolProviderUrl.user_pool(pool,
                client)``), a ``UserPoolAuthenticationProvider``, an ``iam.OpenIdConnectProvider`` or an
                ``iam.SamlProvider``.
            claims: The token's claims. Values are strings, lists of strings (multi-valued claims such as
                ``cognito:groups``), or for ``cognito:roles`` / ``cognito:preferred_role`` roles or ARNs.
                Default: no claims.
            requested_role: The ``CustomRoleArn`` of ``GetCredentialsForIdentity`` (enhanced flow), or the
                role the client asks STS for (basic flow): an ``iam.IRole`` or an ARN. Default: none.
            flow: The authentication flow. Default: ``AuthFlow.ENHANCED``.
        """
        if provider is None:
            raise SimulationError("provider=None: use guest() for unauthenticated identities")
        return self.simulate(provider=provider, claims=claims, requested_role=requested_role, flow=flow)

    def simulate(
        self,
        *,
        provider: Any = None,
        claims: Mapping[str, Any] | None = None,
        requested_role: Any = None,
        flow: AuthFlow = AuthFlow.ENHANCED,
    ) -> SimulationResult:
        """One request; ``provider=None`` is a guest. See :meth:`sign_in` for the arguments."""
        if not isinstance(flow, AuthFlow):
            raise SimulationError(f"flow={flow!r}: must be an AuthFlow")
        requested = self._resolve(_role_arn(requested_role)) if requested_role is not None else None
        if claims is not None and not isinstance(claims, Mapping):
            raise SimulationError(
                f"claims={claims!r}: must be a dict of claim name -> string or list of strings, not a "
                f"{type(claims).__name__}"
            )
        token = {_claim_name(k): self._resolve_claim(k, v) for k, v in (claims or {}).items()}
        if provider is None:
            return self._guest(flow, requested)
        login = self._login(provider)
        try:
            return self._authenticated(login, token, requested, flow)
        except _Unknown as unknown:
            return SimulationResult(Outcome.UNKNOWN, unknown.reason, identity_type="authenticated", flow=flow)

    # --- guests -------------------------------------------------------------------------------------

    def _guest(self, flow: AuthFlow, requested: Any) -> SimulationResult:
        common: dict[str, Any] = {"identity_type": "unauthenticated", "flow": flow}
        # RBAC: guests get the unauthenticated role, only when the pool allows unauthenticated identities.
        allowed = get(self._pool.properties, "AllowUnauthenticatedIdentities")
        if allowed is not None and not isinstance(allowed, bool):
            return SimulationResult(
                Outcome.UNKNOWN,
                f"pool {self._pool.logical_id}'s AllowUnauthenticatedIdentities is {_show(allowed)}, known only at "
                "deploy time",
                **common,
            )
        if allowed is not True:
            return SimulationResult(
                Outcome.GUEST_ACCESS_DISABLED,
                f"pool {self._pool.logical_id} does not allow unauthenticated identities "
                "(AllowUnauthenticatedIdentities is not true)",
                **common,
            )
        if flow is AuthFlow.BASIC:
            return self._basic(None, requested, ["unauthenticated"], common)
        if requested is not None:
            raise SimulationError("requested_role: a guest in the enhanced flow cannot request a role")
        arn = get(self._roles(), "unauthenticated")
        if arn is None:
            return SimulationResult(
                Outcome.NO_ROLE, f"pool {self._pool.logical_id} has no unauthenticated role", **common
            )
        return self._assume(
            Outcome.GUEST_ROLE, "guests get the pool's unauthenticated role", arn, ["unauthenticated"], {}, common
        )

    # --- signed-in users ----------------------------------------------------------------------------

    def _authenticated(
        self, login: _Login, claims: Mapping[str, Any], requested: Any, flow: AuthFlow
    ) -> SimulationResult:
        common: dict[str, Any] = {"identity_type": "authenticated", "flow": flow}
        notes: list[str] = []
        configured = self._configured(login)
        if configured is Tri.NO:
            return SimulationResult(
                Outcome.PROVIDER_NOT_CONFIGURED,
                f"{login.label()} is not a login provider of pool {self._pool.logical_id}",
                **common,
            )
        if configured is Tri.UNKNOWN:
            notes.append(f"could not tell from the template whether {login.label()} is a provider of the pool")
        amr = ["authenticated", login.name]
        if flow is AuthFlow.BASIC:
            return self._basic(login, requested, amr, common, notes)
        tags = self._principal_tags(login, claims, notes)
        mapping_key, mapping = self._mapping(login)
        if mapping is None or mapping_key is None:
            return self._default_role(login, requested, amr, tags, common, notes, mapping_key=None)
        common["mapping_key"] = mapping_key
        ambiguous = AmbiguousRoleResolution(get(mapping, "AmbiguousRoleResolution") or "Deny")
        if get(mapping, "Type") == "Token":
            return self._token(login, mapping_key, ambiguous, claims, requested, amr, tags, common, notes)
        return self._rules(login, mapping_key, mapping, ambiguous, claims, requested, amr, tags, common, notes)

    def _default_role(
        self,
        login: _Login,
        requested: Any,
        amr: list[Any],
        tags: dict[str, str],
        common: dict[str, Any],
        notes: list[str],
        *,
        mapping_key: str | None,
        outcome: Outcome = Outcome.DEFAULT_AUTHENTICATED_ROLE,
        why: str = "",
    ) -> SimulationResult:
        # RBAC: without a role mapping (or when it resolves ambiguity to the authenticated role), signed-in
        # users get the pool's authenticated role.
        arn = get(self._roles(), "authenticated")
        why = why or f"no role mapping for {login.label()}: the pool's authenticated role"
        if arn is None:
            return SimulationResult(
                Outcome.NO_ROLE, f"{why}, but pool {self._pool.logical_id} has none", notes=tuple(notes), **common
            )
        if requested is not None and not self._same_role(requested, arn):
            return SimulationResult(
                Outcome.REQUESTED_ROLE_NOT_ALLOWED,
                f"{why} is {self._role(arn)}; the requested role {_show(requested)} is not allowed",
                role=self._role(arn),
                notes=tuple(notes),
                **common,
            )
        return self._assume(outcome, why, arn, amr, tags, common, notes)

    def _rules(
        self,
        login: _Login,
        mapping_key: str,
        mapping: Mapping[str, Any],
        ambiguous: AmbiguousRoleResolution,
        claims: Mapping[str, Any],
        requested: Any,
        amr: list[Any],
        tags: dict[str, str],
        common: dict[str, Any],
        notes: list[str],
    ) -> SimulationResult:
        # RBAC "Using rules to assign roles to users": rules are evaluated in order and the role of the first
        # matching rule is used, unless CustomRoleArn is specified to override the order (then it must be the
        # role of a matching rule). When no rule matches, AmbiguousRoleResolution decides.
        rules = as_list(get(get(mapping, "RulesConfiguration"), "Rules"))
        matches: list[MatchedRule] = []
        arns: list[Any] = []
        for index, rule in enumerate(rules):
            match_type = RoleMappingMatchType(get(rule, "MatchType"))
            claim, value = get(rule, "Claim"), get(rule, "Value")
            if rule_matches(match_type, claims.get(claim), value, notes, claim):
                matches.append(MatchedRule(index, claim, match_type, value))
                arns.append(get(rule, "RoleARN"))
        if requested is not None:
            for matched, arn in zip(matches, arns, strict=True):
                if self._same_role(requested, arn):
                    common["matched_rule"] = matched
                    return self._assume(
                        Outcome.RULE_MATCHED,
                        f"the requested role is the role of matching rule "
                        f"{_rule_text(matched)} of mapping {mapping_key!r}",
                        arn,
                        amr,
                        tags,
                        common,
                        notes,
                    )
            if matches or ambiguous is AmbiguousRoleResolution.DENY:
                return SimulationResult(
                    Outcome.REQUESTED_ROLE_NOT_ALLOWED,
                    f"the requested role {_show(requested)} is not the role of any rule of mapping {mapping_key!r} "
                    "that matches the token",
                    notes=tuple(notes),
                    **common,
                )
        if matches:
            common["matched_rule"] = matches[0]
            return self._assume(
                Outcome.RULE_MATCHED,
                f"rule {_rule_text(matches[0])} of mapping {mapping_key!r} is the first that matches",
                arns[0],
                amr,
                tags,
                common,
                notes,
            )
        why = f"no rule of mapping {mapping_key!r} matches the token"
        return self._ambiguous(ambiguous, why, login, requested, amr, tags, common, notes, mapping_key)

    def _token(
        self,
        login: _Login,
        mapping_key: str,
        ambiguous: AmbiguousRoleResolution,
        claims: Mapping[str, Any],
        requested: Any,
        amr: list[Any],
        tags: dict[str, str],
        common: dict[str, Any],
        notes: list[str],
    ) -> SimulationResult:
        # RBAC "Using tokens to assign roles to users": CustomRoleArn is used if it matches a role in
        # cognito:roles (else access is denied); otherwise cognito:preferred_role; otherwise
        # AmbiguousRoleResolution.
        roles = _token_roles(claims.get(ROLES_CLAIM))
        preferred = claims.get(PREFERRED_ROLE_CLAIM)
        if ROLES_CLAIM not in claims and PREFERRED_ROLE_CLAIM not in claims and GROUPS_CLAIM in claims:
            roles, preferred = self._group_roles(login, claims[GROUPS_CLAIM], notes)
        if requested is not None:
            for arn in roles:
                if self._same_role(requested, arn):
                    return self._assume(
                        Outcome.TOKEN_REQUESTED_ROLE,
                        f"the requested role is in the token's "
                        f"{ROLES_CLAIM} (mapping {mapping_key!r} takes roles from the token)",
                        arn,
                        amr,
                        tags,
                        common,
                        notes,
                    )
            return SimulationResult(
                Outcome.REQUESTED_ROLE_NOT_ALLOWED,
                f"the requested role {_show(requested)} is not in the token's {ROLES_CLAIM} "
                f"{[_show(r) for r in roles]}",
                notes=tuple(notes),
                **common,
            )
        if preferred is not None:
            return self._assume(
                Outcome.TOKEN_PREFERRED_ROLE,
                f"the token's {PREFERRED_ROLE_CLAIM} (mapping {mapping_key!r} takes roles from the token)",
                preferred,
                amr,
                tags,
                common,
                notes,
            )
        why = f"the token has no {PREFERRED_ROLE_CLAIM} ({len(roles)} {ROLES_CLAIM}) and no role was requested"
        return self._ambiguous(ambiguous, why, login, None, amr, tags, common, notes, mapping_key)

    def _group_roles(self, login: _Login, groups: Any, notes: list[str]) -> tuple[list[Any], Any]:
        """``cognito:roles`` and ``cognito:preferred_role`` as the user pool would issue them for ``groups``:
        the roles of the user's groups, and the role of the one with the lowest precedence (none on a tie)."""
        user_pool = getatt_logical_id(login.name, "ProviderName") or _joined_ref(login.name)
        if user_pool is None:
            notes.append(f"could not tell which user pool {login.label()} is, so {GROUPS_CLAIM} gave no roles")
            return [], None
        names = [groups] if isinstance(groups, str) else list(groups)
        ranked: list[tuple[Any, Any]] = []
        for group in self._model.of_type("AWS::Cognito::UserPoolGroup"):
            props = group.properties
            mine = ref_logical_id(get(props, "UserPoolId")) == user_pool and get(props, "GroupName") in names
            if mine and get(props, "RoleArn") is not None:
                ranked.append((get(props, "Precedence"), get(props, "RoleArn")))
        roles = [arn for _, arn in ranked]
        known = [p for p, _ in ranked if isinstance(p, int)]
        preferred = None
        if known and len(known) == len(ranked) and known.count(min(known)) == 1:
            preferred = next(arn for p, arn in ranked if p == min(known))
        notes.append(
            f"{ROLES_CLAIM} and {PREFERRED_ROLE_CLAIM} derived from {GROUPS_CLAIM} {names} and the groups of "
            f"user pool {user_pool} in the template"
        )
        return roles, preferred

    def _ambiguous(
        self,
        ambiguous: AmbiguousRoleResolution,
        why: str,
        login: _Login,
        requested: Any,
        amr: list[Any],
        tags: dict[str, str],
        common: dict[str, Any],
        notes: list[str],
        mapping_key: str,
    ) -> SimulationResult:
        # RoleMapping.AmbiguousRoleResolution: Deny, or the pool's authenticated role.
        if ambiguous is AmbiguousRoleResolution.DENY:
            return SimulationResult(
                Outcome.AMBIGUOUS_DENY, f"{why}; AmbiguousRoleResolution is Deny", notes=tuple(notes), **common
            )
        return self._default_role(
            login,
            requested,
            amr,
            tags,
            common,
            notes,
            mapping_key=mapping_key,
            outcome=Outcome.AMBIGUOUS_AUTHENTICATED_ROLE,
            why=f"{why}; AmbiguousRoleResolution is AuthenticatedRole: the pool's authenticated role",
        )

    def _basic(
        self,
        login: _Login | None,
        requested: Any,
        amr: list[Any],
        common: dict[str, Any],
        notes: list[str] | None = None,
    ) -> SimulationResult:
        # Flows: the basic (classic) flow must be allowed on the pool; the client calls GetOpenIdToken and STS
        # AssumeRoleWithWebIdentity itself, so role mappings do not apply: any role whose trust admits the
        # token (aud = this pool, amr) can be assumed.
        notes = list(notes or [])
        if get(self._pool.properties, "AllowClassicFlow") is not True:
            return SimulationResult(
                Outcome.CLASSIC_FLOW_DISABLED,
                f"pool {self._pool.logical_id} does not allow the basic (classic) flow (AllowClassicFlow is not true)",
                notes=tuple(notes),
                **common,
            )
        if requested is None:
            raise SimulationError("requested_role is required in the basic flow: the client names the role")
        notes.append("basic flow: role mappings and principal tags are not applied")
        who = "guests" if login is None else login.label()
        return self._assume(
            Outcome.BASIC_FLOW_ROLE,
            f"basic flow: {who} assume the requested role directly",
            requested,
            amr,
            {},
            common,
            notes,
        )

    # --- the last step: STS must accept the role ----------------------------------------------------

    def _assume(
        self,
        outcome: Outcome,
        why: str,
        arn: Any,
        amr: list[Any],
        tags: dict[str, str],
        common: dict[str, Any],
        notes: list[str] | None = None,
    ) -> SimulationResult:
        # Trust: Cognito (or the client, in the basic flow) calls AssumeRoleWithWebIdentity with a token whose
        # aud is the pool id and whose amr holds authenticated/unauthenticated and the provider; a role that
        # does not trust it fails. ABAC: principal tags need sts:TagSession in the trust policy as well.
        notes = list(notes or [])
        role = self._role(arn)
        resource = self._model.role_for_arn(arn)
        result: dict[str, Any] = {"role": role, "principal_tags": dict(tags), **common}
        if resource is None:
            return SimulationResult(
                Outcome.UNKNOWN,
                f"{why}: {role}, which is not a role of this template (another stack or account), so whether its "
                "trust policy lets this pool assume it is unknown",
                notes=tuple(notes),
                **result,
            )
        trust = get(resource.properties, "AssumeRolePolicyDocument")
        pool_ref = ref_of(self._pool.logical_id)
        verdict = trust_allows(trust, pool_ref, amr)
        if verdict is Tri.NO:
            return SimulationResult(
                Outcome.ROLE_DOES_NOT_TRUST_POOL,
                f"{why}, but the trust policy of {role} does not let pool {self._pool.logical_id} "
                f"({'/'.join(_show(a) for a in amr)}) assume it",
                notes=tuple(notes),
                **result,
            )
        if verdict is Tri.UNKNOWN:
            return SimulationResult(
                Outcome.UNKNOWN,
                f"{why}: {role}, whose trust policy has conditions (or Fn::If) the simulator cannot evaluate",
                notes=tuple(notes),
                **result,
            )
        if tags:
            tag_verdict = trust_allows(trust, pool_ref, amr, TAG_SESSION_ACTION)
            if tag_verdict is Tri.NO:
                return SimulationResult(
                    Outcome.TAG_SESSION_NOT_TRUSTED,
                    f"{why}, but principal tags {sorted(tags)} are set and the trust policy of {role} does not "
                    "allow sts:TagSession",
                    notes=tuple(notes),
                    **result,
                )
        return SimulationResult(outcome, why, notes=tuple(notes), **result)

    # --- template lookups ---------------------------------------------------------------------------

    def _select_pool(self, pool: Any) -> Resource:
        pools = {r.logical_id: r for r in self._model.of_type(POOL)}
        if pool is None:
            if len(pools) != 1:
                raise SimulationError(f"the template has {len(pools)} identity pools {sorted(pools)}: pass pool=")
            return next(iter(pools.values()))
        if isinstance(pool, str):
            logical_id = pool
        elif isinstance(pool, Construct) and hasattr(pool, "cfn_identity_pool"):
            logical_id = cdk.Stack.of(pool).resolve(pool.cfn_identity_pool.logical_id)
        elif isinstance(pool, cdk.CfnResource):
            logical_id = cdk.Stack.of(pool).resolve(pool.logical_id)
        else:
            raise SimulationError(f"pool={pool!r}: give an IdentityPool or a logical id")
        if logical_id not in pools:
            raise SimulationError(f"pool={logical_id!r}: no such identity pool; the template has {sorted(pools)}")
        return pools[logical_id]

    def _single_attachment(self) -> Resource | None:
        attachments = self._model.for_pool(ATTACHMENT, self._pool.logical_id)
        if len(attachments) > 1:
            raise SimulationError(
                f"pool {self._pool.logical_id} has {len(attachments)} role attachments; Cognito keeps only one"
            )
        return attachments[0] if attachments else None

    def _roles(self) -> Mapping[str, Any]:
        return get(self._attachment.properties, "Roles") or {} if self._attachment else {}

    def _mapping(self, login: _Login) -> tuple[str | None, Mapping[str, Any] | None]:
        # RBAC / RoleMapping: role mappings are per identity provider; the key is a label (CloudFormation) and
        # IdentityProvider names the provider ("<user pool provider name>:<client id>" for user pools).
        mappings = (get(self._attachment.properties, "RoleMappings") or {}) if self._attachment else {}
        if not isinstance(mappings, Mapping):
            raise SimulationError(
                f"template: RoleMappings must be a dict keyed by provider, not {type(mappings).__name__}"
            )
        wanted = {normalize(n) for n in login.mapping_names}
        undecided = []
        for key, mapping in mappings.items():
            provider = self._model.literal(get(_checked_mapping(key, mapping), "IdentityProvider", key))
            if normalize(provider) in wanted:
                return key, mapping
            if any(_could_equal(provider, name) for name in login.mapping_names):
                undecided.append(key)
        if undecided:
            raise _Unknown(
                f"whether role mapping {undecided[0]!r} (IdentityProvider known only at deploy time) is for "
                f"{login.label()} cannot be told from the template"
            )
        return None, None

    def _configured(self, login: _Login) -> Tri:
        props = self._pool.properties
        if login.is_user_pool:
            entries = as_list(get(props, "CognitoIdentityProviders"))
            return Tri.any_of(
                Tri.all_of(
                    [
                        _compare(self._model.literal(get(e, "ProviderName")), login.name),
                        _compare(get(e, "ClientId"), login.client),
                    ]
                )
                for e in entries
            )
        results: list[Tri] = []
        names = {normalize(n) for n in (login.name, *login.mapping_names)}
        logins = get(props, "SupportedLoginProviders")
        if isinstance(logins, Mapping):
            results.append(Tri.YES if any(normalize(k) in names for k in logins) else Tri.NO)
        developer = get(props, "DeveloperProviderName")
        if developer is not None:
            results.append(Tri.YES if normalize(developer) in names else _compare(developer, login.name))
        for arn in as_list(get(props, "OpenIdConnectProviderARNs")):
            host = self._model.oidc_host(arn)
            if login.arn is not None and normalize(arn) == normalize(login.arn):
                results.append(Tri.YES)
            elif host is not None:
                results.append(Tri.YES if host in (login.oidc_host, login.name) else Tri.NO)
            else:
                results.append(Tri.UNKNOWN)
        for arn in as_list(get(props, "SamlProviderARNs")):
            target = login.arn if login.arn is not None else login.name
            if isinstance(target, str) and not target.startswith("arn:"):
                results.append(Tri.NO)  # a SAML provider is named by its ARN
            else:
                results.append(_compare(arn, target))
        return Tri.any_of(results)

    def _principal_tags(self, login: _Login, claims: Mapping[str, Any], notes: list[str]) -> dict[str, str]:
        # ABAC: per provider, PrincipalTags maps tag key → claim; UseDefaults uses the provider's default
        # mappings (provider-mappings.html). A claim absent from the token sets no tag.
        wanted = {normalize(n) for n in login.tag_names}
        tags: dict[str, str] = {}
        for resource in self._model.for_pool(PRINCIPAL_TAG, self._pool.logical_id):
            name = self._model.literal(get(resource.properties, "IdentityProviderName"))
            if normalize(name) not in wanted:
                continue
            mapping: dict[str, str] = {}
            if get(resource.properties, "UseDefaults") is True:
                defaults = self._default_tag_claims(login)
                if defaults is None:
                    notes.append(f"the default principal tags of {login.label()} are not modelled")
                else:
                    mapping.update(defaults)
            mapping.update(get(resource.properties, "PrincipalTags") or {})
            for tag, claim in mapping.items():
                value = claims.get(claim)
                if isinstance(value, str):
                    tags[tag] = value
                elif value is not None:
                    notes.append(f"principal tag {tag!r}: claim {claim!r} is not a single string, not modelled")
        return tags

    def _default_tag_claims(self, login: _Login) -> dict[str, str] | None:
        if login.is_user_pool or login.oidc_host is not None:
            return {"client": "aud", "username": "sub"}
        if isinstance(login.name, str) and login.name in _DEFAULT_TAG_CLAIMS:
            client, username = _DEFAULT_TAG_CLAIMS[login.name]
            return {"client": client, "username": username}
        return None

    def _role(self, arn: Any) -> SimulatedRole:
        resource = self._model.role_for_arn(arn)
        path = resource.path if resource else None
        if path is not None and path.endswith("/Resource"):
            path = path[: -len("/Resource")]
        return SimulatedRole(
            arn_expression=arn,
            logical_id=resource.logical_id if resource else None,
            path=path,
            arn=arn if isinstance(arn, str) else None,
        )

    def _same_role(self, left: Any, right: Any) -> bool:
        if normalize(left) == normalize(right):
            return True
        a, b = self._model.role_for_arn(left), self._model.role_for_arn(right)
        return a is not None and a is b

    # --- inputs -------------------------------------------------------------------------------------

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, str) and cdk.Token.is_unresolved(value):
            if self._stack is None:
                raise SimulationError(f"{value!r} is a CDK token: pass the Stack (not a template) to resolve it")
            return self._stack.resolve(value)
        return value

    def _resolve_claim(self, name: str, value: Any) -> Any:
        if name in (ROLES_CLAIM, PREFERRED_ROLE_CLAIM):
            if isinstance(value, list | tuple):
                return [self._resolve(_role_arn(v)) for v in value]
            return self._resolve(_role_arn(value))
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, list | tuple):
            if any(isinstance(v, list | tuple | Mapping) for v in value):
                raise SimulationError(f"claims[{name!r}]={value!r}: a multi-valued claim is a list of strings")
            return [self._resolve_claim(name, v) for v in value]
        if not isinstance(value, str):
            raise SimulationError(
                f"claims[{name!r}]={value!r}: a claim value is a string or a list of strings, not a "
                f"{type(value).__name__}"
            )
        return self._resolve(value)

    def _login(self, provider: Any) -> _Login:
        if hasattr(provider, "user_pool") and hasattr(provider, "user_pool_client"):  # UserPoolAuthenticationProvider
            name = self._resolve(provider.user_pool.user_pool_provider_name)
            client = self._resolve(provider.user_pool_client.user_pool_client_id)
            return self._user_pool_login(name, client)
        if hasattr(provider, "open_id_connect_provider_arn"):  # iam.OpenIdConnectProvider
            arn = self._resolve(provider.open_id_connect_provider_arn)
            host = self._model.oidc_host(arn)
            issuer = self._resolve(provider.open_id_connect_provider_issuer)
            names = tuple(n for n in (host, issuer) if n is not None)
            return _Login(name=host or issuer, mapping_names=names, tag_names=names, arn=arn, oidc_host=host)
        if hasattr(provider, "saml_provider_arn"):  # iam.SamlProvider
            arn = self._resolve(provider.saml_provider_arn)
            return _Login(name=arn, mapping_names=(arn,), tag_names=(arn,), arn=arn)
        value = getattr(provider, "value", provider)  # IdentityPoolProviderUrl
        value = self._resolve(value)
        if isinstance(value, str) and ":oidc-provider/" in value:
            host = value.split(":oidc-provider/", 1)[1]
            return _Login(name=host, mapping_names=(host,), tag_names=(host, value), arn=value, oidc_host=host)
        if isinstance(value, str) and value.startswith(_USER_POOL_PREFIX) and ":" in value:
            name, client = value.rsplit(":", 1)
            return self._user_pool_login(name, client)
        if not isinstance(value, str):
            split = split_provider_client(value)
            if split is not None:
                return self._user_pool_login(*split)
        if not isinstance(value, str | Mapping):
            raise SimulationError(
                f"provider={provider!r}: give a provider name, an IdentityPoolProviderUrl, a "
                "UserPoolAuthenticationProvider, an OpenIdConnectProvider or a SamlProvider"
            )
        return _Login(
            name=value,
            mapping_names=(value,),
            tag_names=(value,),
            oidc_host=value if isinstance(value, str) and self._is_oidc_host(value) else None,
        )

    def _user_pool_login(self, name: Any, client: Any) -> _Login:
        joined = (
            name + ":" + client
            if isinstance(name, str) and isinstance(client, str)
            else {"Fn::Join": ["", [name, ":", client]]}
        )
        return _Login(name=name, client=client, mapping_names=(joined,), tag_names=(name,))

    def _is_oidc_host(self, name: str) -> bool:
        return any(
            self._model.oidc_host(arn) == name
            for arn in as_list(get(self._pool.properties, "OpenIdConnectProviderARNs"))
        )


class _Unknown(Exception):
    """Raised inside a simulation when the template cannot decide it; becomes an UNKNOWN result."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _could_equal(left: Any, right: Any) -> bool:
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


def _model_of(template: Any, paths: Mapping[str, str] | None = None, account: str | None = None) -> TemplateModel:
    try:
        return TemplateModel.from_template(template, paths, account)
    except MalformedTemplateError as error:
        raise SimulationError(str(error)) from None


def _claim_name(name: Any) -> str:
    if not isinstance(name, str) or not name:
        raise SimulationError(f"claims: a claim name is a non-empty string, not {name!r}")
    return name


_MATCH_TYPES = ", ".join(t.value for t in RoleMappingMatchType)


def _checked_mapping(key: str, mapping: Any) -> Mapping[str, Any]:
    """A RoleMappings entry as CloudFormation requires it, or a SimulationError naming what is wrong."""
    where = f"template: RoleMappings[{key!r}]"
    if not isinstance(mapping, Mapping):
        raise SimulationError(f"{where}: must be a dict, not {type(mapping).__name__}")
    kind = get(mapping, "Type")
    if kind not in ("Token", "Rules"):
        raise SimulationError(f"{where}.Type={kind!r}: must be 'Token' or 'Rules'")
    ambiguous = get(mapping, "AmbiguousRoleResolution")
    if ambiguous is not None and ambiguous not in ("AuthenticatedRole", "Deny"):
        raise SimulationError(f"{where}.AmbiguousRoleResolution={ambiguous!r}: must be 'AuthenticatedRole' or 'Deny'")
    if kind == "Rules":
        rules = get(get(mapping, "RulesConfiguration"), "Rules")
        if not isinstance(rules, list) or not rules:
            raise SimulationError(f"{where}.RulesConfiguration.Rules: a Rules mapping needs a list of rules")
        for i, rule in enumerate(rules):
            at = f"{where}.RulesConfiguration.Rules[{i}]"
            if not isinstance(rule, Mapping):
                raise SimulationError(f"{at}: must be a dict")
            match_type = get(rule, "MatchType")
            if match_type not in {t.value for t in RoleMappingMatchType}:
                raise SimulationError(f"{at}.MatchType={match_type!r}: must be one of {_MATCH_TYPES}")
            for field in ("Claim", "Value", "RoleARN"):
                if get(rule, field) is None:
                    raise SimulationError(f"{at}: has no {field} (CloudFormation requires it)")
    return mapping


def _compare(configured: Any, given: Any) -> Tri:
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
            notes.append(f"claim {claim_name!r} is multi-valued: {match_type.value} was compared per value")
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


def _rule_text(rule: MatchedRule) -> str:
    return f"#{rule.index} ({rule.claim} {rule.match_type.value} {rule.value!r})"


def _joined_ref(expr: Any) -> str | None:
    """The logical id ``X`` of the one ``{"Ref": X}`` inside an ``Fn::Join`` (aws-cdk-lib's provider name)."""
    parts = get(expr, "Fn::Join")
    if isinstance(parts, list) and len(parts) == 2 and isinstance(parts[1], list):
        refs = [
            ref_logical_id(p) for p in parts[1] if ref_logical_id(p) and not str(ref_logical_id(p)).startswith("AWS::")
        ]
        if len(refs) == 1:
            return refs[0]
    return None


def _token_roles(value: Any) -> list[Any]:
    """``cognito:roles``: a list of ARNs, or one comma-separated string of ARNs."""
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value) if isinstance(value, list | tuple) else [value]


def _role_arn(role: Any) -> Any:
    arn = getattr(role, "role_arn", None)
    return arn if arn is not None else role


def _paths(stack: cdk.Stack) -> dict[str, str]:
    """Logical id → construct path of every L1 resource of ``stack`` (templates in tests carry no Metadata)."""
    return {
        stack.resolve(node.logical_id): node.node.path
        for node in stack.node.find_all()
        if isinstance(node, cdk.CfnResource) and cdk.Stack.of(node) is stack
    }


def simulate(
    source: Any,
    *,
    provider: Any = None,
    claims: Mapping[str, Any] | None = None,
    requested_role: Any = None,
    pool: Any = None,
    flow: AuthFlow = AuthFlow.ENHANCED,
) -> SimulationResult:
    """One-shot :class:`RoleResolutionSimulator`: ``provider=None`` simulates a guest.

    Args:
        source: A ``Stack``, an ``IdentityPool`` or a template dict.
        provider: The login provider (see :meth:`RoleResolutionSimulator.sign_in`). Default: a guest.
        claims: The token's claims. Default: none.
        requested_role: ``CustomRoleArn`` (enhanced flow) or the role asked of STS (basic flow). Default: none.
        pool: Which pool when there are several (an ``IdentityPool`` or logical id). Default: the only one.
        flow: ``AuthFlow.ENHANCED`` or ``AuthFlow.BASIC``. Default: ``AuthFlow.ENHANCED``.
    """
    return RoleResolutionSimulator(source, pool=pool).simulate(
        provider=provider, claims=claims, requested_role=requested_role, flow=flow
    )


__all__: Sequence[str] = [
    "AuthFlow",
    "MatchedRule",
    "Outcome",
    "RoleResolutionSimulator",
    "SimulatedRole",
    "SimulationError",
    "SimulationResult",
    "rule_matches",
    "simulate",
]
