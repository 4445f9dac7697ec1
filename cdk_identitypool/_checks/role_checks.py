"""The checks of one role a pool hands out: its trust policy (``aud``, ``amr``, ``sts:TagSession``, the
providers it admits) and, for the guest role, its permissions. Pure, over the template model."""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._model.intrinsics import show
from .._model.role_lookup import trust_toward
from .._model.tri import Tri
from .._model.trust import (
    AMR_KEY,
    AUD_KEY,
    TAG_SESSION_ACTION,
    cognito_statements,
    condition_values,
    literal_start,
    trust_allows,
)
from .._model.values import as_list, get, getatt_logical_id, has_intrinsic, normalize, ref_logical_id
from .catalog import ENHANCED_FLOW_GUEST_SERVICES, FIX_TRUST, IDENTITY_ID_VARIABLE, IdentityPoolCheck, read_only

if TYPE_CHECKING:
    from .._model.role_lookup import LocatedRole
    from .findings import CheckContext

#: The fix for a trust policy, in a template's terms.
FIX_TRUST_TEMPLATE = (
    "give the role the trust policy Principal Federated cognito-identity.amazonaws.com, Action "
    "sts:AssumeRoleWithWebIdentity, Condition StringEquals cognito-identity.amazonaws.com:aud = !Ref <the pool>, "
    "ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = '{kind}'"
)


@dataclass(frozen=True)
class RoleUse:
    """A role a pool hands out: its ARN as the template gives it, to which identity type, and how.

    Attributes:
        arn: The role's ARN (a literal or an intrinsic).
        kind: ``authenticated`` or ``unauthenticated``.
        what: How the pool uses it, for messages.
        providers: The providers (as ``amr`` names them) whose users get it, as far as the template says.
        guests: For the unauthenticated role: whether guests may get it (False: only its ``aud`` is checked,
            since any pool whose trust it admits could hand it out).
    """

    arn: Any
    kind: str
    what: str
    providers: tuple[Any, ...] = ()
    guests: bool = True


def check_role(ctx: CheckContext, use: RoleUse, tags_configured: bool) -> None:
    located = ctx.roles.find(use.arn)
    where = f"{use.what} of identity pool {ctx.pool_name}"
    fix = ctx.fix(FIX_TRUST, FIX_TRUST_TEMPLATE).format(kind=use.kind)
    if located is None:
        why = ctx.stack.model.unknown_reason(use.arn)
        origin = (
            f"known only at deploy time ({why})"
            if why and "names nothing" not in why
            else "not defined in this "
            + ("app" if ctx.terms.cdk else "template or assembly")
            + " (or in an account other than the pool's)"
        )
        ctx.report(
            IdentityPoolCheck.UNVERIFIABLE_ROLE,
            f"Role {show_role(use.arn)} ({where}) is {origin}, so its trust policy cannot be checked. Fix: make "
            f"sure it trusts only this pool; {fix}.",
        )
        return
    name = f"Role {ctx.terms.name(located.stack, located.resource)} ({where})"
    trust, parameters = trust_toward(ctx.roles.assembly, located, ctx.stack, ctx.pool_ref)
    statements = cognito_statements(trust)
    if not _check_aud(ctx, located, name, trust, statements, fix, parameters):
        return
    if not use.guests:
        return  # guests are off: the aud check above is what matters (no other pool may hand it out)
    trusting = [s for s in statements if aud_result(ctx, s, parameters) is not Tri.NO]
    amr = [v for s in trusting for v in (condition_values(s, AMR_KEY) or [])]
    _check_amr(ctx, located, use, name, trust, trusting, amr, fix, parameters)
    _check_trusted_provider(ctx, located, use, amr, name)
    if tags_configured and use.kind == "authenticated" and not cognito_statements(trust, TAG_SESSION_ACTION):
        ctx.report(
            IdentityPoolCheck.TAG_SESSION_NOT_TRUSTED,
            f"{name} lacks sts:TagSession in its trust policy, but the pool sets principal tags, so credentials "
            "would fail. Fix: "
            + ctx.fix(
                "assumed_by=pool.federated_principal('authenticated', session_tags=True) (or wrap the principal "
                "in iam.SessionTagsPrincipal).",
                "add sts:TagSession to the Action of its trust statement for cognito-identity.amazonaws.com.",
            ),
            located.stack,
            located.resource.logical_id,
        )
    if use.kind == "unauthenticated":
        _check_guest_permissions(ctx, located, name)


def _check_aud(
    ctx: CheckContext,
    located: LocatedRole,
    name: str,
    trust: Any,
    statements: list[Mapping[str, Any]],
    fix: str,
    parameters: Collection[str],
) -> bool:
    """Report a trust that does not name this pool as ``aud``; False when nothing more can be checked."""
    report = _reporter(ctx, located)
    aud = Tri.any_of(aud_result(ctx, s, parameters) for s in statements)
    if aud is Tri.NO and has_intrinsic(trust, "Fn::If"):
        report(
            IdentityPoolCheck.UNVERIFIABLE_ROLE,
            f"{name} has a trust policy shaped by a CloudFormation condition (Fn::If), so whether it trusts this "
            f"pool is known only at deploy time. Fix: make sure every branch trusts the pool; {fix}.",
        )
        return False
    if aud is Tri.NO:
        unconditional = any(not get(s, "Condition") for s in statements)
        detail = (
            "trusts cognito-identity.amazonaws.com with no condition, so every identity pool could hand it out; "
            "IAM refuses such a trust policy, so the stack does not deploy"
            if unconditional
            else "does not trust cognito-identity.amazonaws.com with this pool's id as aud, so Cognito cannot "
            "hand it out (or, without an aud condition, every pool can)"
        )
        report(IdentityPoolCheck.UNTRUSTED_ROLE, f"{name} {detail}. Fix: {fix}.")
        return False
    if aud is Tri.UNKNOWN:
        report(
            IdentityPoolCheck.UNVERIFIABLE_ROLE,
            f"{name} trusts an identity pool named by a literal id or an expression, which cannot be compared "
            "with this pool before deployment. Fix: reference the pool's id, e.g. " + fix + ".",
        )
    return True


def _check_amr(
    ctx: CheckContext,
    located: LocatedRole,
    use: RoleUse,
    name: str,
    trust: Any,
    trusting: list[Mapping[str, Any]],
    amr: list[Any],
    fix: str,
    parameters: Collection[str],
) -> None:
    report = _reporter(ctx, located)
    if any(condition_values(s, AMR_KEY) is None for s in trusting):
        report(
            IdentityPoolCheck.MISSING_AMR,
            f"{name} trusts the pool without an amr condition, so both guests and signed-in users may assume it "
            f"(in the basic flow). Fix: add ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = "
            f"'{use.kind}'; {fix}.",
        )
    elif use.kind == "unauthenticated":
        if trust_allows(trust, ctx.pool_ref, ["unauthenticated"], parameters=parameters) is Tri.NO:
            report(
                IdentityPoolCheck.UNTRUSTED_ROLE,
                f"{name} does not admit unauthenticated identities (its amr condition is {amr}), so guests get no "
                f"credentials. Fix: {fix}.",
            )
    elif trust_allows(trust, ctx.pool_ref, ["unauthenticated"], parameters=parameters) is Tri.YES:
        if amr and all(a == "unauthenticated" for a in amr):
            report(
                IdentityPoolCheck.UNTRUSTED_ROLE,
                f"{name} admits only unauthenticated identities (amr {amr}), so signed-in users get no "
                f"credentials. Fix: {fix}.",
            )
        else:
            report(
                IdentityPoolCheck.MISSING_AMR,
                f"{name} is for signed-in users but its amr condition {amr} also admits guests. Fix: {fix}.",
            )


def _check_trusted_provider(ctx: CheckContext, located: LocatedRole, use: RoleUse, amr: list[Any], name: str) -> None:
    """A role restricted to some providers (amr names them, not "authenticated") but handed to another's users."""
    if not amr or any(
        isinstance(a, str) and fnmatch.fnmatchcase(kind, a)
        for a in amr
        for kind in ("authenticated", "unauthenticated")
    ):
        return  # not restricted to providers
    for provider in use.providers:
        if not isinstance(provider, str):
            continue  # a name known only at deploy time: cannot tell
        verdict = Tri.any_of(_amr_admits(a, provider) for a in amr)
        if verdict is not Tri.NO:
            continue
        _reporter(ctx, located)(
            IdentityPoolCheck.PROVIDER_NOT_TRUSTED,
            f"{name} is handed to users of {provider}, but its trust admits only identities of "
            f"{', '.join(map(show, amr))} (amr), so STS refuses their credentials. Fix: trust {provider} too, e.g. "
            + ctx.fix("pool.federated_principal(providers=[...])", f"add '{provider}' to its amr condition")
            + ", or map another role for it.",
        )


def _amr_admits(pattern: Any, provider: str) -> Tri:
    """Does an ``amr`` value admit ``provider``? A value joined from a literal start (``cognito-idp.<region>...``
    around a reference) admits only providers that start the same way."""
    if isinstance(pattern, str):
        return Tri.YES if fnmatch.fnmatchcase(provider, pattern) else Tri.NO
    start = literal_start(pattern)
    if start and not any(c in start for c in "*?") and not provider.startswith(start):
        return Tri.NO
    return Tri.UNKNOWN


def show_role(arn: Any) -> str:
    """A role's ARN for a message: the logical id of ``Fn::GetAtt [id, Arn]``, else the value."""
    return getatt_logical_id(arn, "Arn") or show(arn)


def aud_result(ctx: CheckContext, statement: Mapping[str, Any], parameters: Collection[str] | None = None) -> Tri:
    """Whether a trust statement names this pool as ``aud`` (as ``trust_toward`` writes it: the pool is
    ``ctx.pool_ref``); a reference to one of ``parameters`` (default: the pool's stack's) is UNKNOWN."""
    unknown = ctx.stack.model.parameters if parameters is None else parameters
    values = condition_values(statement, AUD_KEY)
    if not values:
        return Tri.NO
    results = []
    for value in values:
        if normalize(value) == normalize(ctx.pool_ref):
            results.append(Tri.YES)
        elif ref_logical_id(value) is not None and ref_logical_id(value) not in unknown:
            results.append(Tri.NO)
        else:
            results.append(Tri.UNKNOWN)
    return Tri.any_of(results)


def _may_allow(statement: Mapping[str, Any]) -> bool:
    effect = get(statement, "Effect")
    return effect == "Allow" or (not isinstance(effect, str) and "Allow" in json.dumps(effect, default=str))


def _check_guest_permissions(ctx: CheckContext, located: LocatedRole, name: str) -> None:
    report = _reporter(ctx, located)
    role, policies = located.resource, located.stack.model.role_statements(located.resource)
    statements = [s for s in policies if _may_allow(s)]
    risky: list[str] = []
    conditional = False
    for statement in statements:
        found = [a for a in as_list(get(statement, "Action")) if isinstance(a, str) and not read_only(a)]
        if get(statement, "NotAction") is not None:
            found.append("NotAction " + ", ".join(map(show, as_list(get(statement, "NotAction")))))
        risky.extend(found)
        conditional |= bool(found) and (bool(statement.get("__condition__")) or get(statement, "Effect") != "Allow")
    for arn in as_list(get(role.properties, "ManagedPolicyArns")):
        risky.append(f"managed policy {show(arn)} (not inspected)")
    if IDENTITY_ID_VARIABLE in json.dumps([*statements, get(role.properties, "Policies")], default=str):
        report(
            IdentityPoolCheck.GUEST_ROLE_SCOPED_BY_IDENTITY,
            f"{name} scopes permissions by {IDENTITY_ID_VARIABLE}, but a guest's identity id changes when the "
            "guest signs in, so what it stored under that id is left behind. Fix: key per-identity data for "
            "signed-in users only"
            + (" (pool.grant_own_objects / grant_own_items refuse the guest role)." if ctx.terms.cdk else "."),
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
        report(
            IdentityPoolCheck.GUEST_ROLE_OUTSIDE_ENHANCED_FLOW,
            f"{name} is granted {', '.join(outside)}, outside the services Cognito lets guests use in the "
            "enhanced flow (its scope-down policy for unauthenticated identities), so guests cannot use them. "
            "Fix: give guests only actions of the allowed services (README: Security checks), or serve them "
            "through an API.",
        )
    if risky:
        report(
            IdentityPoolCheck.GUEST_ROLE_WRITE_ACCESS,
            f"{name} is granted write or wildcard actions: {', '.join(sorted(set(risky)))}"
            + (" (some under a CloudFormation condition)" if conditional else "")
            + ". Anyone can get guest credentials. Fix: grant guests read-only, resource-scoped actions"
            + (" (e.g. table.grant_read_data(pool.unauthenticated_role))." if ctx.terms.cdk else "."),
        )


def _reporter(ctx: CheckContext, located: LocatedRole) -> Any:
    def report(check: IdentityPoolCheck, message: str) -> None:
        ctx.report(check, message, located.stack, located.resource.logical_id)

    return report


__all__ = ["FIX_TRUST_TEMPLATE", "RoleUse", "aud_result", "check_role"]
