"""Reading who can do what out of an assembly: each pool's identities and paths (guests; each provider's
default, rule and token paths), the role each gets, its trust verdict and its statements in the template."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .access import GUEST_SESSION_POLICY, AccessPath, AccessReport, Permission, PoolAccess, RoleAccess
from .assembly import Assembly, StackTemplate
from .intrinsics import is_intrinsic, show
from .kinds import AmbiguousRoleResolution
from .mapping_shape import fallback_of
from .pool_view import PoolView
from .role_lookup import RoleLocator, trust_toward
from .role_uses import MappingRoles, attachment_roles
from .template import POOL, Resource
from .tri import Tri
from .trust import AUD_KEY, amr_form, cognito_statements, condition_values, trust_allows
from .values import as_list, get, getatt_logical_id, normalize, ref_logical_id, ref_of


def access_report(assembly: Assembly) -> AccessReport:
    """The access report of every pool of ``assembly``."""
    several = len(assembly.names()) > 1
    pools = []
    for stack in assembly:
        for pool in stack.model.of_type(POOL):
            name = f"{stack.name}/{pool.logical_id}" if several else pool.logical_id
            pools.append(_PoolReader(assembly, stack, pool.logical_id).read(name))
    return AccessReport(tuple(pools))


class _PoolReader:
    def __init__(self, assembly: Assembly, stack: StackTemplate, pool_id: str) -> None:
        self.assembly, self.stack, self.model = assembly, stack, stack.model
        self.view = PoolView.of(self.model, pool_id)
        self.roles_by_arn = RoleLocator(assembly, stack)
        self.pool_ref = ref_of(pool_id)
        attachments = self.view.attachments
        self.attachment = attachments[0] if len(attachments) == 1 else None
        self.attached = attachment_roles(self.model, self.view, self.attachment)
        self.notes: list[str] = []
        if len(attachments) > 1:
            self.notes.append(f"{len(attachments)} role attachments name this pool; Cognito keeps only one")

    def read(self, name: str) -> PoolAccess:
        paths = [self.guest()]
        for label, provider in self.providers():
            paths.extend(self.provider_paths(label, provider))
        return PoolAccess(name, tuple(paths), tuple(self.notes))

    def providers(self) -> list[tuple[str, Any]]:
        """(label, name as a mapping's IdentityProvider gives it) per configured provider."""
        found = []
        for provider in self.view.provider_names(self.model):
            if provider is not None:
                found.append((show(provider), provider))
        for entry in self.view.user_pool_providers:
            provider, client = get(entry, "ProviderName"), get(entry, "ClientId")
            if not (isinstance(self.model.literal(provider), str) and isinstance(client, str)):
                joined = {"Fn::Join": ["", [provider, ":", client]]}
                found.append((f"user pool {show(provider)} (client {show(client)})", joined))
        return found

    # --- guests --------------------------------------------------------------------------------------------

    def guest(self) -> AccessPath:
        guests = self.view.guests
        if guests is None or guests is False:
            return AccessPath("guests", "default", "denied", "AllowUnauthenticatedIdentities is not true")
        arn = self.attached.unauthenticated
        if not isinstance(guests, bool):
            why = self.model.unknown_reason(guests) or "an expression"
            role = self.role(arn, guests=True) if arn is not None else None
            return AccessPath("guests", "default", "unknown", f"guest access is {show(guests)} ({why})", role)
        if arn is None:
            return AccessPath("guests", "default", "denied", "the pool has no unauthenticated role")
        role = self.role(arn, guests=True)
        return AccessPath(
            "guests", "default", "role", "the unauthenticated role", role, self.trust(arn, "unauthenticated", None)
        )

    # --- signed-in users -----------------------------------------------------------------------------------

    def provider_paths(self, label: str, provider: Any) -> list[AccessPath]:
        key, mapping, mapped = self.mapping_for(provider)
        default = self.attached.authenticated
        amr = amr_form(self.model.literal(provider))
        if mapping is None:
            return [self.role_path(label, "default", default, amr, "no role mapping: the authenticated role")]
        if mapped is None or is_intrinsic(mapping) or not isinstance(mapping, Mapping):
            why = self.model.unknown_reason(mapping) or "an expression"
            return [AccessPath(label, f"mapping {key}", "unknown", f"the mapping is {show(mapping)} ({why})")]
        paths: list[AccessPath] = []
        if mapped.token:
            paths.extend(self.token_paths(label, mapped, amr))
        for i, rule in enumerate(mapped.rules):
            test = f"{show(get(rule, 'Claim'))} {show(get(rule, 'MatchType'))} {show(get(rule, 'Value'))}"
            paths.append(self.role_path(label, f"rule #{i} of mapping {key} ({test})", get(rule, "RoleARN"), amr, ""))
        fallback = "no rule matches" if get(mapping, "Type") == "Rules" else "no usable role in the token"
        resolution = fallback_of(self.model, mapping)
        if resolution.resolution is AmbiguousRoleResolution.AUTHENTICATED_ROLE:
            paths.append(
                self.role_path(label, fallback, default, amr, "AmbiguousRoleResolution: the authenticated role")
            )
        elif resolution.resolution is AmbiguousRoleResolution.DENY:
            paths.append(AccessPath(label, fallback, "denied", "AmbiguousRoleResolution is Deny"))
        else:
            paths.append(AccessPath(label, fallback, "unknown", resolution.unknown))
        return paths

    def token_paths(self, label: str, mapped: MappingRoles, amr: Any) -> list[AccessPath]:
        key = mapped.key
        if mapped.user_pool is None or mapped.user_pool not in self.model.resources:
            return [AccessPath(label, f"token of mapping {key}", "unknown", "the roles are those the token names")]
        return [
            self.role_path(
                label,
                f"group {show(get(g.properties, 'GroupName') or g.logical_id)} (token of mapping {key})",
                get(g.properties, "RoleArn"),
                amr,
                "cognito:preferred_role or the requested role from the user's groups",
            )
            for g in mapped.groups
        ]

    def mapping_for(self, provider: Any) -> tuple[str, Any, MappingRoles | None]:
        """The key, value and roles of the role mapping for ``provider`` (the value alone when the mappings are
        not a dict; ``("", None, None)`` when it has none)."""
        if self.attached.mappings is None:
            return "RoleMappings", self.attached.role_mappings, None
        for mapped in self.attached.mappings:
            if normalize(self.model.literal(mapped.provider)) == normalize(provider):
                return str(mapped.key), mapped.mapping, mapped
        return "", None, None

    def role_path(self, label: str, path: str, arn: Any, amr: Any, how: str) -> AccessPath:
        if arn is None:
            return AccessPath(label, path, "denied", "the pool has no authenticated role")
        return AccessPath(label, path, "role", how, self.role(arn), self.trust(arn, "authenticated", amr))

    # --- roles ---------------------------------------------------------------------------------------------

    def located(self, arn: Any) -> tuple[StackTemplate, Resource] | None:
        found = self.roles_by_arn.find(arn)
        return (found.stack, found.resource) if found is not None else None

    def role(self, arn: Any, guests: bool = False) -> RoleAccess:
        located = self.located(arn)
        if located is None:
            why = self.model.unknown_reason(arn) or "a role this template does not define"
            return RoleAccess(show(arn), None, (), (f"its policies: {why}",))
        stack, resource = located
        permissions = tuple(_permission(s) for s in stack.model.role_statements(resource))
        unknowns = tuple(
            f"managed policy {show(a)} (not inspected)" for a in as_list(get(resource.properties, "ManagedPolicyArns"))
        )
        caveats = []
        if get(resource.properties, "PermissionsBoundary") is not None:
            boundary = show(get(resource.properties, "PermissionsBoundary"))
            caveats.append(f"permissions boundary {boundary} (it narrows the role)")
        caveats.append("policies attached from other stacks, and resource policies")
        if guests:
            caveats.append(GUEST_SESSION_POLICY)
        name = resource.logical_id if stack is self.stack else f"{stack.name}/{resource.logical_id}"
        return RoleAccess(name, stack.name, permissions, unknowns, tuple(caveats))

    def trust(self, arn: Any, kind: str, amr: Any) -> str:
        found = self.roles_by_arn.find(arn)
        if found is None:
            return "unknown"
        trust, parameters = trust_toward(self.assembly, found, self.stack, self.pool_ref)
        statements = cognito_statements(trust)
        if any(condition_values(s, AUD_KEY) is None for s in statements):
            return "not deployable"
        values = [kind] if amr is None else [kind, amr]
        verdict = trust_allows(trust, self.pool_ref, values, parameters=parameters)
        return {Tri.YES: "trusted", Tri.NO: "refused", Tri.UNKNOWN: "unknown"}[verdict]


def _permission(statement: Mapping[str, Any]) -> Permission:
    negated_actions = get(statement, "NotAction") is not None
    negated_resources = get(statement, "NotResource") is not None
    actions = as_list(get(statement, "NotAction" if negated_actions else "Action"))
    resources = [
        r
        for r in as_list(get(statement, "NotResource" if negated_resources else "Resource"))
        if r != {"Ref": "AWS::NoValue"}
    ]
    condition = get(statement, "Condition")
    effect = get(statement, "Effect")
    return Permission(
        effect if isinstance(effect, str) else show(effect),
        tuple(show(a) for a in actions),
        tuple(resource_name(r) for r in resources),
        negated_actions,
        negated_resources,
        json.dumps(condition, sort_keys=True, default=str, separators=(",", ":")) if condition else None,
        str(statement.get("__source__", "")),
        statement.get("__condition__"),
    )


def resource_name(value: Any) -> str:
    """A resource for a reader: the logical id of ``Fn::GetAtt [X, Arn]`` / ``Ref X``, with the literal rest of
    a join (``Notes/index/*``); a literal ARN as it is."""
    if isinstance(value, str):
        return value
    named = getatt_logical_id(value, "Arn") or ref_logical_id(value)
    if named is not None:
        return named
    parts = get(value, "Fn::Join")
    if isinstance(parts, list) and len(parts) == 2 and parts[0] == "" and isinstance(parts[1], list):
        return "".join(p if isinstance(p, str) else resource_name(p) for p in parts[1])
    return show(value)


__all__ = ["access_report", "resource_name"]
