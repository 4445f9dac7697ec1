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

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from .._model.intrinsics import show
from .._model.mapping_shape import fallback_of
from .._model.template import TemplateModel
from .._model.tri import Tri
from .._model.values import get
from ._cdk import cdk_module, is_construct, is_stack
from ._request import Request
from ._resolver import (
    PoolLookup,
    select_pool,
)
from ._results import (
    AuthFlow,
    MatchedRule,
    Outcome,
    SimulatedRole,
    SimulationError,
    SimulationResult,
)
from ._role_selection import RoleSelection
from ._rules import (
    Undecidable,
    claim_name,
    model_of,
    role_arn_of,
    rule_matches,
)

# --- the simulator ----------------------------------------------------------------------------------------


class RoleResolutionSimulator:
    """Answers "which role would this identity get?" for one identity pool of a stack or template.

    ```python
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Outcome, RoleResolutionSimulator

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    simulator = RoleResolutionSimulator(pool)  # synthesizes the pool's stack
    simulator.guest().assert_role(pool.unauthenticated_role)
    simulator.sign_in("accounts.google.com", {"sub": "u-1"}).assert_denied(Outcome.PROVIDER_NOT_CONFIGURED)
    ```

    Args:
        source: A ``Stack`` (synthesized here), an :class:`~cdk_identitypool.IdentityPool` (its stack and
            that pool), or a template dict (e.g. ``Template.from_stack(stack).to_json()``).
        pool: Which pool, when the template has several: an ``IdentityPool`` or the pool's logical id.
            Default: the only pool of the template (several → :class:`SimulationError`).
        template: The stack's template when you already synthesized it (e.g. in a test that lints it).
            Default: ``source`` is synthesized with ``aws_cdk.assertions.Template.from_stack``.
    """

    def __init__(self, source: Any, *, pool: Any = None, template: Mapping[str, Any] | None = None) -> None:
        stack: Any = None
        model: TemplateModel | None = None
        cdk = cdk_module()
        if is_stack(source):
            stack = source
        elif is_construct(source) and hasattr(source, "cfn_identity_pool"):
            stack = cdk.Stack.of(source)
            pool = source if pool is None else pool
        elif isinstance(source, TemplateModel):
            model = source
        elif isinstance(source, Mapping):
            model = model_of(source)
        else:
            raise SimulationError(f"source={source!r}: give a Stack, an IdentityPool or a template dict")
        if stack is not None:
            if template is None:
                template = cdk.assertions.Template.from_stack(stack).to_json()
            account, region = stack.account, stack.region
            model = model_of(
                template,
                _paths(stack),
                None if cdk.Token.is_unresolved(account) else account,
                None if cdk.Token.is_unresolved(region) else region,
            )
        assert model is not None
        self._lookup = PoolLookup(model, select_pool(model, pool), stack)
        self._select = RoleSelection(self._lookup)

    # --- public API ---------------------------------------------------------------------------------

    @property
    def pool_logical_id(self) -> str:
        """The logical id of the identity pool being simulated."""
        return self._lookup.pool.logical_id

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
        requested = self._lookup.resolve(role_arn_of(requested_role)) if requested_role is not None else None
        if claims is not None and not isinstance(claims, Mapping):
            raise SimulationError(
                f"claims={claims!r}: must be a dict of claim name -> string or list of strings, not a "
                f"{type(claims).__name__}"
            )
        token = {claim_name(k): self._lookup.resolve_claim(k, v) for k, v in (claims or {}).items()}
        typed = [
            f"claim {k!r} is a JSON {type(v).__name__} ({v!r}); compared as the string {token[k]!r}, as Cognito "
            "reads claims"
            for k, v in (claims or {}).items()
            if isinstance(v, bool | int | float)
        ]
        if provider is None:
            try:
                return self._guest(Request("unauthenticated", flow, ("unauthenticated",), requested=requested))
            except Undecidable as unknown:
                return SimulationResult(Outcome.UNKNOWN, unknown.reason, identity_type="unauthenticated", flow=flow)
        login = self._lookup.login(provider, (claims or {}).get("aud"))
        request = Request(
            "authenticated", flow, ("authenticated", login.name), login=login, claims=token, requested=requested
        ).noted(*typed)
        try:
            return self._authenticated(request)
        except Undecidable as unknown:
            return SimulationResult(Outcome.UNKNOWN, unknown.reason, identity_type="authenticated", flow=flow)

    # --- guests -------------------------------------------------------------------------------------

    def _guest(self, request: Request) -> SimulationResult:
        # RBAC: guests get the unauthenticated role, only when the pool allows unauthenticated identities.
        allowed = self._lookup.view.guests
        if allowed is not None and not isinstance(allowed, bool):
            return request.answer(
                Outcome.UNKNOWN,
                f"pool {self._lookup.pool.logical_id}'s AllowUnauthenticatedIdentities is {show(allowed)}, known "
                "only at "
                f"deploy time ({self._lookup.model.unknown_reason(allowed) or 'an expression'})",
            )
        if allowed is not True:
            return request.answer(
                Outcome.GUEST_ACCESS_DISABLED,
                f"pool {self._lookup.pool.logical_id} does not allow unauthenticated identities "
                "(AllowUnauthenticatedIdentities is not true)",
            )
        if request.flow is AuthFlow.BASIC:
            return self._basic(request)
        if request.requested is not None:
            raise SimulationError("requested_role: a guest in the enhanced flow cannot request a role")
        arn = get(self._lookup.roles(), "unauthenticated")
        if arn is None:
            return request.answer(Outcome.NO_ROLE, f"pool {self._lookup.pool.logical_id} has no unauthenticated role")
        return self._select.assume(request, Outcome.GUEST_ROLE, "guests get the pool's unauthenticated role", arn)

    # --- signed-in users ----------------------------------------------------------------------------

    def _authenticated(self, request: Request) -> SimulationResult:
        assert request.login is not None
        login = request.login
        configured = self._lookup.configured(login)
        if configured is Tri.NO:
            return request.answer(
                Outcome.PROVIDER_NOT_CONFIGURED,
                f"{login.label()} is not a login provider of pool {self._lookup.pool.logical_id}",
            )
        if configured is Tri.UNKNOWN:
            return request.answer(
                Outcome.UNKNOWN,
                f"whether {login.label()} is a login provider of pool {self._lookup.pool.logical_id} cannot be told "
                "from the template (a provider of the pool is named by a value known only at deploy time)",
            )
        if request.flow is AuthFlow.BASIC:
            return self._basic(request)
        notes: list[str] = []
        tags = self._lookup.principal_tags(login, request.claims, notes)
        request = replace(request, tags=tags).noted(*notes)
        mapping_key, mapping = self._lookup.mapping(login)
        if mapping is None or mapping_key is None:
            return self._select.default_role(request)
        request = replace(request, mapping_key=mapping_key)
        fallback = fallback_of(self._lookup.model, mapping)  # known, or UNKNOWN if reached (refused: checked)
        if get(mapping, "Type") == "Token":
            return self._select.token(request, fallback)
        return self._select.rules(request, mapping, fallback)

    def _basic(self, request: Request) -> SimulationResult:
        # Flows: the basic (classic) flow must be allowed on the pool; the client calls GetOpenIdToken and STS
        # AssumeRoleWithWebIdentity itself, so role mappings do not apply: any role whose trust admits the
        # token (aud = this pool, amr) can be assumed.
        if self._lookup.view.classic_flow is not True:
            return request.answer(
                Outcome.CLASSIC_FLOW_DISABLED,
                f"pool {self._lookup.pool.logical_id} does not allow the basic (classic) flow (AllowClassicFlow is "
                "not true)",
            )
        if request.requested is None:
            raise SimulationError("requested_role is required in the basic flow: the client names the role")
        request = replace(request, tags={}).noted("basic flow: role mappings and principal tags are not applied")
        who = "guests" if request.login is None else request.login.label()
        return self._select.assume(
            request, Outcome.BASIC_FLOW_ROLE, f"basic flow: {who} assume the requested role directly", request.requested
        )

    # --- the last step: STS must accept the role ----------------------------------------------------


def _paths(stack: Any) -> dict[str, str]:
    cdk = cdk_module()
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
