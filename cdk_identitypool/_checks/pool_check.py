"""The checks of one identity pool: its settings and every role it hands out, read from the resolved
properties of its stack's L1 resources (and of other stacks' roles it references). Pure: it returns
findings; the Aspect and the cdk-nag pack report them."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct, IConstruct

from .._model.pool_view import PoolView
from .._model.template import (
    USER_POOL_GROUP,
    Resource,
    as_list,
    get,
    getatt_logical_id,
    has_intrinsic,
    normalize,
    ref_logical_id,
    ref_of,
    split_provider_client,
)
from .._model.tri import Tri
from .._model.trust import AMR_KEY, AUD_KEY, TAG_SESSION_ACTION, cognito_statements, condition_values, trust_allows
from .catalog import (
    ENHANCED_FLOW_GUEST_SERVICES,
    FIX_TRUST,
    IDENTITY_ID_VARIABLE,
    Finding,
    IdentityPoolCheck,
    read_only,
)
from .role_lookup import LocatedRole, RoleLocator
from .tree_model import model_of_stack


def pool_findings(cfn_pool: cognito.CfnIdentityPool) -> list[Finding]:
    """Every finding about one pool and the roles it hands out, unreported and unfiltered."""
    check = _PoolCheck(cfn_pool)
    check.run()
    return check.findings


@dataclass(frozen=True)
class _RoleUse:
    arn: Any
    kind: str  # "authenticated" | "unauthenticated"
    what: str  # how the pool uses it, for messages
    provider: Any = None  # the provider (as amr names it) whose users get it; None: users of any provider


class _PoolCheck:
    """The checks of one pool, on the resolved properties of its stack's L1 resources."""

    def __init__(self, cfn_pool: cognito.CfnIdentityPool) -> None:
        self.findings: list[Finding] = []
        self.stack = cdk.Stack.of(cfn_pool)
        self.model = model_of_stack(self.stack)
        self.pool_id = self.stack.resolve(cfn_pool.logical_id)
        self.pool_ref = ref_of(self.pool_id)
        owner = cfn_pool.node.scope
        self.l2_pool: Any = owner if owner is not None and hasattr(owner, "cfn_identity_pool") else None
        self.pool_construct: IConstruct = self.l2_pool if self.l2_pool is not None else cfn_pool
        self.pool_path = self.pool_construct.node.path
        self.pool = PoolView.of(self.model, self.pool_id)
        self.constructs = {c.node.path: c for c in self.stack.node.find_all()}
        self.roles = RoleLocator(self.stack, self.model, self.constructs)

    def run(self) -> None:
        if self.pool.classic_flow is True:
            self.report(
                IdentityPoolCheck.CLASSIC_FLOW,
                self.pool_construct,
                f"Identity pool {self.pool_path} allows the basic (classic) flow: clients can assume any role "
                "that trusts the pool, bypassing role mappings. Fix: allow_classic_flow=False unless a "
                "client needs it.",
            )
        if self.pool.guests is True:
            self.report(
                IdentityPoolCheck.GUEST_ACCESS,
                self.pool_construct,
                f"Identity pool {self.pool_path} gives credentials to guests (unauthenticated identities); "
                "keep its unauthenticated role read-only and narrow.",
            )
        for entry in self.pool.user_pool_providers:
            if get(entry, "ServerSideTokenCheck") is not True and not isinstance(
                get(entry, "ServerSideTokenCheck"), Mapping
            ):
                self.report(
                    IdentityPoolCheck.SERVER_SIDE_TOKEN_CHECK_OFF,
                    self.pool_construct,
                    f"Identity pool {self.pool_path} does not check user pool {_show(get(entry, 'ProviderName'))}'s "
                    "tokens with the user pool (ServerSideTokenCheck is off), so users who signed out globally or "
                    "were deleted keep getting credentials until their ID token expires. Fix: leave "
                    "disable_server_side_token_check unset (UserPoolAuthenticationProvider), or set "
                    "ServerSideTokenCheck: true.",
                )
        if not hasattr(self.l2_pool, "_synthesized"):  # IdentityPool's own synth-time check reports these
            self.check_mapped_providers()
        tags_configured = bool(self.pool.principal_tags)
        self.roles.watch([*self.pool.attachments, *self.model.of_type(USER_POOL_GROUP)])
        for use in self.role_uses():
            self.check_role(use, tags_configured)

    def check_mapped_providers(self) -> None:
        """Each role mapping's provider must be one the pool has; decided only when every name is literal."""
        names = self.pool.provider_names(self.model)
        if not all(isinstance(n, str) for n in names):
            return  # some provider is known only at deploy time: cannot tell
        for attachment in self.pool.attachments:
            mappings = self.pool.role_mappings(attachment)
            for key, mapping in mappings.items() if isinstance(mappings, Mapping) else ():
                provider = self.model.literal(get(mapping, "IdentityProvider", key))
                if isinstance(provider, str) and provider not in names:
                    self.report(
                        IdentityPoolCheck.UNCONFIGURED_PROVIDER,
                        self.pool_construct,
                        f"Role mapping {key!r} of identity pool {self.pool_path} is for {provider}, which the pool "
                        f"is not configured with ({sorted(names)}), so Cognito refuses the pool's roles. Fix: add "
                        "the provider to the pool, or remove the mapping.",
                    )

    def report(self, check: IdentityPoolCheck, target: IConstruct, message: str) -> None:
        self.findings.append(Finding(check, target, message, (self.pool_construct,)))

    # --- which roles the pool hands out -----------------------------------------------------------------

    def role_uses(self) -> list[_RoleUse]:
        uses: list[_RoleUse] = []
        for attachment in self.pool.attachments:
            roles = self.pool.roles(attachment)
            if get(roles, "authenticated") is not None:
                uses.append(_RoleUse(get(roles, "authenticated"), "authenticated", "the authenticated role"))
            if get(roles, "unauthenticated") is not None and self.pool.guests:
                uses.append(_RoleUse(get(roles, "unauthenticated"), "unauthenticated", "the unauthenticated role"))
            mappings = self.pool.role_mappings(attachment)
            for key, mapping in mappings.items() if isinstance(mappings, Mapping) else ():
                if get(mapping, "Type") == "Token":
                    uses.extend(self.token_roles(key, mapping))
                provider = _amr_form(self.model.literal(get(mapping, "IdentityProvider", key)))
                for i, rule in enumerate(as_list(get(get(mapping, "RulesConfiguration"), "Rules"))):
                    uses.append(
                        _RoleUse(
                            get(rule, "RoleARN"),
                            "authenticated",
                            f"the role of rule #{i} of role mapping {key!r}",
                            provider,
                        )
                    )
        return uses

    def token_roles(self, key: str, mapping: Mapping[str, Any]) -> list[_RoleUse]:
        """Token mappings of a user pool in this stack hand out the roles of the user pool's groups."""
        split = split_provider_client(get(mapping, "IdentityProvider", key))
        user_pool = getatt_logical_id(split[0], "ProviderName") if split else None
        if user_pool is None:
            return []
        return [
            _RoleUse(
                get(group.properties, "RoleArn"),
                "authenticated",
                f"the role of user pool group {get(group.properties, 'GroupName') or group.logical_id!r} "
                f"(token role mapping {key!r})",
            )
            for group in self.model.of_type(USER_POOL_GROUP)
            if ref_logical_id(get(group.properties, "UserPoolId")) == user_pool
            and get(group.properties, "RoleArn") is not None
        ]

    # --- one role ---------------------------------------------------------------------------------------

    def check_role(self, use: _RoleUse, tags_configured: bool) -> None:
        located = self.roles.find(use.arn)
        where = f"{use.what} of identity pool {self.pool_path}"
        if located is None:
            self.report(
                IdentityPoolCheck.UNVERIFIABLE_ROLE,
                self.pool_construct,
                f"Role {_show(use.arn)} ({where}) is not defined in this app (or in an account other than the "
                "pool's), so its trust policy cannot be checked. Fix: make sure it trusts only this pool; "
                + FIX_TRUST.format(kind=use.kind)
                + ".",
            )
            return
        role = located.resource
        target = self.role_construct(located)
        name = f"Role {target.node.path} ({where})"
        trust = get(role.properties, "AssumeRolePolicyDocument")
        statements = cognito_statements(trust)
        aud = Tri.any_of(self.aud_result(s) for s in statements)
        if aud is Tri.NO and has_intrinsic(trust, "Fn::If"):
            self.report(
                IdentityPoolCheck.UNVERIFIABLE_ROLE,
                target,
                f"{name} has a trust policy shaped by a CloudFormation condition (Fn::If), so whether it trusts "
                "this pool is known only at deploy time. Fix: make sure every branch trusts the pool; "
                + FIX_TRUST.format(kind=use.kind)
                + ".",
            )
            return
        if aud is Tri.NO:
            self.report(
                IdentityPoolCheck.UNTRUSTED_ROLE,
                target,
                f"{name} does not trust cognito-identity.amazonaws.com with this pool's id as aud, so "
                f"Cognito cannot hand it out (or, without an aud condition, every pool can). Fix: "
                + FIX_TRUST.format(kind=use.kind)
                + ".",
            )
            return
        if aud is Tri.UNKNOWN:
            self.report(
                IdentityPoolCheck.UNVERIFIABLE_ROLE,
                target,
                f"{name} trusts an identity pool named by a literal id or an expression, which cannot be "
                "compared with this pool at synth time. Fix: reference the pool's id, e.g. "
                + FIX_TRUST.format(kind=use.kind)
                + ".",
            )
        trusting = [s for s in statements if self.aud_result(s) is not Tri.NO]
        amr = [v for s in trusting for v in (condition_values(s, AMR_KEY) or [])]
        if any(condition_values(s, AMR_KEY) is None for s in trusting):
            self.report(
                IdentityPoolCheck.MISSING_AMR,
                target,
                f"{name} trusts the pool without an amr condition, so both guests and signed-in users "
                "may assume it (in the basic flow). Fix: add ForAnyValue:StringLike "
                f"cognito-identity.amazonaws.com:amr = '{use.kind}'; " + FIX_TRUST.format(kind=use.kind) + ".",
            )
        elif use.kind == "unauthenticated":
            if trust_allows(trust, self.pool_ref, ["unauthenticated"]) is Tri.NO:
                self.report(
                    IdentityPoolCheck.UNTRUSTED_ROLE,
                    target,
                    f"{name} does not admit unauthenticated identities (its amr condition is {amr}), so "
                    "guests get no credentials. Fix: " + FIX_TRUST.format(kind=use.kind) + ".",
                )
        elif trust_allows(trust, self.pool_ref, ["unauthenticated"]) is Tri.YES:
            if amr and all(a == "unauthenticated" for a in amr):
                self.report(
                    IdentityPoolCheck.UNTRUSTED_ROLE,
                    target,
                    f"{name} admits only unauthenticated identities (amr {amr}), so signed-in users get no "
                    "credentials. Fix: " + FIX_TRUST.format(kind=use.kind) + ".",
                )
            else:
                self.report(
                    IdentityPoolCheck.MISSING_AMR,
                    target,
                    f"{name} is for signed-in users but its amr condition {amr} also admits guests. Fix: "
                    + FIX_TRUST.format(kind=use.kind)
                    + ".",
                )
        self.check_trusted_provider(use, amr, target, name)
        if tags_configured and use.kind == "authenticated" and not self.trusts_tag_session(role, trust):
            self.report(
                IdentityPoolCheck.TAG_SESSION_NOT_TRUSTED,
                target,
                f"{name} lacks sts:TagSession in its trust policy, but the pool sets principal tags, so "
                "credentials would fail. Fix: assumed_by=pool.federated_principal('authenticated', "
                "session_tags=True) (or wrap the principal in iam.SessionTagsPrincipal).",
            )
        if use.kind == "unauthenticated":
            self.check_guest_permissions(located, target, name)

    def check_trusted_provider(self, use: _RoleUse, amr: list[Any], target: IConstruct, name: str) -> None:
        """A role restricted to some providers (amr names them, not "authenticated") but handed to another's users."""
        if not isinstance(use.provider, str) or not amr or not all(isinstance(a, str) for a in amr):
            return  # users of any provider, or names known only at deploy time: cannot tell
        if any(fnmatch.fnmatchcase(kind, a) for a in amr for kind in ("authenticated", "unauthenticated")):
            return  # not restricted to providers
        if not any(fnmatch.fnmatchcase(use.provider, a) for a in amr):
            self.report(
                IdentityPoolCheck.PROVIDER_NOT_TRUSTED,
                target,
                f"{name} is handed to users of {use.provider}, but its trust admits only identities of {amr} "
                f"(amr), so STS refuses their credentials. Fix: trust {use.provider} too, e.g. "
                "pool.federated_principal(providers=[...]), or map another role for it.",
            )

    def aud_result(self, statement: Mapping[str, Any]) -> Tri:
        values = condition_values(statement, AUD_KEY)
        if not values:
            return Tri.NO
        results = []
        for value in values:
            if normalize(value) == normalize(self.pool_ref):
                results.append(Tri.YES)
            elif ref_logical_id(value) is not None:
                results.append(Tri.NO)
            else:
                results.append(Tri.UNKNOWN)
        return Tri.any_of(results)

    def trusts_tag_session(self, role: Resource, trust: Any) -> bool:
        return bool(cognito_statements(trust, TAG_SESSION_ACTION))

    def check_guest_permissions(self, located: LocatedRole, target: IConstruct, name: str) -> None:
        role, policies = located.resource, located.model.role_statements(located.resource)
        risky: list[str] = []
        for statement in policies:
            if get(statement, "Effect") != "Allow":
                continue
            if get(statement, "NotAction") is not None:
                risky.append("NotAction " + ", ".join(map(str, as_list(get(statement, "NotAction")))))
            risky.extend(a for a in as_list(get(statement, "Action")) if isinstance(a, str) and not read_only(a))
        for arn in as_list(get(role.properties, "ManagedPolicyArns")):
            risky.append(f"managed policy {_show(arn)} (not inspected)")
        statements = [s for s in policies if get(s, "Effect") == "Allow"]
        if IDENTITY_ID_VARIABLE in json.dumps([*statements, get(role.properties, "Policies")], default=str):
            self.report(
                IdentityPoolCheck.GUEST_ROLE_SCOPED_BY_IDENTITY,
                target,
                f"{name} scopes permissions by {IDENTITY_ID_VARIABLE}, but a guest's identity id changes when "
                "the guest signs in, so what it stored under that id is left behind. Fix: key per-identity data "
                "for signed-in users only (pool.grant_own_objects / grant_own_items refuse the guest role).",
            )
        outside = sorted(
            {
                a
                for s in statements
                for a in as_list(get(s, "Action"))
                if isinstance(a, str) and (a == "*" or a.split(":", 1)[0].lower() not in ENHANCED_FLOW_GUEST_SERVICES)
            }
        )
        if outside:
            self.report(
                IdentityPoolCheck.GUEST_ROLE_OUTSIDE_ENHANCED_FLOW,
                target,
                f"{name} is granted {', '.join(outside)}, outside the services Cognito lets guests use in the "
                "enhanced flow (its scope-down policy for unauthenticated identities), so guests cannot use them. "
                "Fix: give guests only actions of the allowed services (README: Security checks), or serve them "
                "through an API.",
            )
        if risky:
            self.report(
                IdentityPoolCheck.GUEST_ROLE_WRITE_ACCESS,
                target,
                f"{name} is granted write or wildcard actions: {', '.join(sorted(set(risky)))}. Anyone can "
                "get guest credentials. Fix: grant guests read-only, resource-scoped actions (e.g. "
                "table.grant_read_data(pool.unauthenticated_role)).",
            )

    def role_construct(self, located: LocatedRole) -> IConstruct:
        """The construct to annotate: the ``iam.Role`` owning the L1, else the L1 itself (else the pool)."""
        cfn = located.construct
        if cfn is None:
            return self.pool_construct
        owner = cfn.node.scope
        if isinstance(owner, iam.Role) or (
            isinstance(owner, Construct) and cfn.node.id == "Resource" and not cdk.Stack.is_stack(owner)
        ):
            return owner
        return cfn


def _amr_form(provider: Any) -> Any:
    """How ``amr`` names a mapping's provider: a user pool without its ``:<client id>``."""
    if isinstance(provider, str) and provider.startswith("cognito-idp.") and ":" in provider:
        return provider.rsplit(":", 1)[0]
    return provider


def _show(expr: Any) -> str:
    if isinstance(expr, str):
        return expr
    logical_id = getatt_logical_id(expr, "Arn") or ref_logical_id(expr)
    return logical_id if logical_id is not None else str(expr)


__all__ = ["pool_findings"]
