"""What the simulator answers: outcomes, the role handed out, the rule that matched, and its errors."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .._model.kinds import RoleMappingMatchType
from .._model.values import normalize
from ._cdk import cdk_module, is_construct


class SimulationError(ValueError):
    """The simulator was asked something it cannot answer (bad input, several pools, unresolvable tokens).

    ```python
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import RoleResolutionSimulator, SimulationError

    IdentityPool(self, "First")
    IdentityPool(self, "Second")
    try:
        RoleResolutionSimulator(self)  # two pools: name one with pool=
    except SimulationError as error:
        reason = str(error)
    ```
    """


class AuthFlow(enum.Enum):
    """Which authentication flow the client uses (authentication-flow.html).

    ```python
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import AuthFlow, Outcome, RoleResolutionSimulator

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    RoleResolutionSimulator(pool).guest(flow=AuthFlow.BASIC).assert_denied(Outcome.CLASSIC_FLOW_DISABLED)
    ```
    """

    ENHANCED = "enhanced"
    """``GetId`` + ``GetCredentialsForIdentity``: Cognito picks the role (default roles, role mappings)."""
    BASIC = "basic"
    """``GetId`` + ``GetOpenIdToken`` + STS ``AssumeRoleWithWebIdentity``: the client names the role; role
    mappings are not applied and only the role's trust policy decides. Needs ``AllowClassicFlow``."""


class Outcome(enum.Enum):
    """Why a role was granted or the request denied.

    ```python
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Outcome, RoleResolutionSimulator

    pool = IdentityPool(self, "Pool")  # guest access is off by default
    result = RoleResolutionSimulator(pool).guest()
    assert result.outcome is Outcome.GUEST_ACCESS_DISABLED and not result.outcome.granted
    ```
    """

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
    ROLE_NOT_DEPLOYABLE = "role-not-deployable"
    """The chosen role trusts ``cognito-identity.amazonaws.com`` without an ``aud`` condition (any pool could
    hand it out): IAM refuses such a trust policy, so the stack does not deploy."""
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

    ```python
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import RoleResolutionSimulator

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    role = RoleResolutionSimulator(pool).guest().role
    assert role is not None and role.matches(pool.unauthenticated_role)
    assert role.path is not None and role.path.endswith("/Pool/UnauthenticatedRole")
    ```

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
        if is_construct(role):
            cdk = cdk_module()
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

    ```python
    from cdk_identitypool.testing import RoleResolutionSimulator

    template = {
        "Resources": {
            "Pool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {"SupportedLoginProviders": {"accounts.google.com": "client"}},
            },
            "Staff": {"Type": "AWS::IAM::Role", "Properties": {}},
            "Attachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": {"Ref": "Pool"},
                    "RoleMappings": {
                        "google": {
                            "Type": "Rules",
                            "AmbiguousRoleResolution": "Deny",
                            "IdentityProvider": "accounts.google.com",
                            "RulesConfiguration": {
                                "Rules": [
                                    {"Claim": "hd", "MatchType": "Equals", "Value": "example.com",
                                     "RoleARN": {"Fn::GetAtt": ["Staff", "Arn"]}}
                                ]
                            },
                        }
                    },
                },
            },
        }
    }
    result = RoleResolutionSimulator(template).sign_in("accounts.google.com", {"hd": "example.com"})
    assert result.matched_rule is not None and (result.matched_rule.index, result.matched_rule.claim) == (0, "hd")
    ```

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

    ```python
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import RoleResolutionSimulator

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    result = RoleResolutionSimulator(pool).guest()
    assert result.granted and result.identity_type == "unauthenticated"
    result.assert_role(pool.unauthenticated_role)  # fails with result.reason otherwise
    ```

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
        verdict = "unknown" if self.outcome is Outcome.UNKNOWN else "granted" if self.granted else "denied"
        role = f" role {self.role}" if self.role is not None else ""
        return f"{verdict}{role} [{self.outcome.value}]: {self.reason}"


def _describe(role: Any) -> str:
    return str(role.node.path) if is_construct(role) else repr(role)
