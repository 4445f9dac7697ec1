"""The checks of one identity pool: its settings and every role it hands out, read from the template model (any
template: a CDK app's, a cloud assembly's, one written by hand). Pure: it returns findings by logical id; the
Aspect, the cdk-nag pack and the command line report them, each in its reader's terms (:class:`Terms`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._model.assembly import Assembly, StackTemplate
from .._model.intrinsics import is_intrinsic, show
from .._model.kinds import AmbiguousRoleResolution
from .._model.mapping_shape import fallback_of, role_mappings_problems
from .._model.pool_view import PoolView, boolean
from .._model.role_uses import AttachmentRoles, attachment_roles
from .._model.template import Resource
from .._model.tri import Tri
from .._model.trust import amr_form
from .._model.values import get, ref_logical_id, ref_of
from .catalog import IdentityPoolCheck
from .findings import PoolFinding, TemplateTerms, Terms
from .role_checks import RoleUse, check_role


def pool_findings(
    assembly: Assembly,
    stack: StackTemplate,
    pool_id: str,
    terms: Terms,
    foreign: Mapping[str, tuple[str, str]] | None = None,
) -> list[PoolFinding]:
    """Every finding about pool ``pool_id`` of ``stack`` and the roles it hands out, unfiltered."""
    from .._model.role_lookup import RoleLocator

    check = _PoolCheck(assembly, stack, pool_id, terms, RoleLocator(assembly, stack, foreign))
    check.run()
    return check.findings


class _PoolCheck:
    def __init__(self, assembly: Assembly, stack: StackTemplate, pool_id: str, terms: Terms, roles: Any) -> None:
        self.findings: list[PoolFinding] = []
        self.assembly, self.stack, self.terms, self.roles = assembly, stack, terms, roles
        self.model = stack.model
        self.pool = PoolView.of(self.model, pool_id)
        self.pool_ref = ref_of(pool_id)
        self.pool_name = terms.name(stack, self.pool.resource)

    def report(
        self, check: IdentityPoolCheck, message: str, stack: StackTemplate | None = None, resource: str = ""
    ) -> None:
        where = stack or self.stack
        self.findings.append(
            PoolFinding(
                check, where.name, resource or self.pool.logical_id, (self.stack.name, self.pool.logical_id), message
            )
        )

    def fix(self, cdk: str, cloudformation: str) -> str:
        return cdk if self.terms.cdk else cloudformation

    def run(self) -> None:
        self.check_settings()
        self.check_unlinked()
        uses = self.role_uses()
        tags_configured = bool(self.pool.principal_tags)
        for use in uses:
            check_role(self, use, tags_configured)

    # --- the pool's own settings --------------------------------------------------------------------------

    def check_settings(self) -> None:
        name = f"Identity pool {self.pool_name}"
        if self.pool.classic_flow is True:
            self.report(
                IdentityPoolCheck.CLASSIC_FLOW,
                f"{name} allows the basic (classic) flow: clients can assume any role that trusts the pool, "
                "bypassing role mappings. Fix: "
                + self.fix("allow_classic_flow=False unless a client needs it.", "AllowClassicFlow: false."),
            )
        guests = self.pool.guests
        unauthenticated = any(get(self.pool.roles(a), "unauthenticated") is not None for a in self.pool.attachments)
        if guests is True and unauthenticated:
            self.report(
                IdentityPoolCheck.GUEST_ACCESS,
                f"{name} gives credentials to guests (unauthenticated identities); keep its unauthenticated role "
                "read-only and narrow.",
            )
        elif guests is not None and not isinstance(guests, bool) and unauthenticated:
            self.report(
                IdentityPoolCheck.GUEST_ACCESS,
                f"{name} may give credentials to guests: AllowUnauthenticatedIdentities is "
                f"{self.reason(guests)}; keep its unauthenticated role read-only and narrow.",
            )
        for entry in self.pool.user_pool_providers:
            if is_intrinsic(entry):
                continue  # chosen by Fn::If or computed: its setting is known at deploy time
            token_check = boolean(get(entry, "ServerSideTokenCheck"))
            if token_check is not True and not isinstance(token_check, Mapping):
                self.report(
                    IdentityPoolCheck.SERVER_SIDE_TOKEN_CHECK_OFF,
                    f"{name} does not check user pool {show(get(entry, 'ProviderName'))}'s tokens with the user "
                    "pool (ServerSideTokenCheck is off), so users who signed out globally or were deleted keep "
                    "getting credentials until their ID token expires. Fix: "
                    + self.fix(
                        "leave disable_server_side_token_check unset (UserPoolAuthenticationProvider), or set "
                        "ServerSideTokenCheck: true.",
                        "set ServerSideTokenCheck: true on the CognitoIdentityProviders entry.",
                    ),
                )
        self.check_mapped_providers()
        self.check_mapping_shapes()

    def reason(self, value: Any) -> str:
        why = self.model.unknown_reason(value)
        return f"{show(value)} ({why})" if why else show(value)

    def check_mapped_providers(self) -> None:
        """Each role mapping's provider must be one the pool has (decided only where the template can tell)."""
        # the pool's providers as the reader sees them (a NO means every one of them is known)
        names = [n if isinstance(n, str) else show(n) for n in self.pool.provider_expressions(self.model)]
        for attachment in self.pool.attachments:
            mappings = self.pool.role_mappings(attachment)
            known = isinstance(mappings, Mapping) and not is_intrinsic(mappings)
            for key, mapping in mappings.items() if known else ():
                provider = self.model.literal(get(mapping, "IdentityProvider", key))
                if self.pool.configured(self.model, provider) is Tri.NO:
                    shown = provider if isinstance(provider, str) else show(provider)
                    self.report(
                        IdentityPoolCheck.UNCONFIGURED_PROVIDER,
                        f"Role mapping {key!r} of identity pool {self.pool_name} is for {shown}, which the pool "
                        f"is not configured with ({', '.join(sorted(names)) or 'no providers'}), so Cognito refuses "
                        "the pool's roles. Fix: add the provider to the pool, or remove the mapping.",
                    )

    def check_mapping_shapes(self) -> None:
        """Each role mapping in a shape Cognito takes (the API model's RoleMapping, and its quotas)."""
        for attachment in self.pool.attachments:
            for problem in role_mappings_problems(self.model, self.pool.role_mappings(attachment)):
                self.report(
                    IdentityPoolCheck.MAPPING_REFUSED,
                    f"Identity pool {self.pool_name} has a role mapping Cognito refuses: {problem}. Cognito does "
                    "not set the pool's roles (SetIdentityPoolRoles), so the role attachment does not deploy. Fix: "
                    + self.fix(
                        "build the mapping with IdentityPoolRoleMapping, which checks each of these.",
                        "give the mapping what Cognito's RoleMapping requires.",
                    ),
                    resource=attachment.logical_id,
                )

    def check_unlinked(self) -> None:
        """Role attachments that name their pool by a value the template cannot resolve may be this pool's."""
        for attachment in self.model.of_type("AWS::Cognito::IdentityPoolRoleAttachment"):
            target = get(attachment.properties, "IdentityPoolId")
            if isinstance(target, str) or ref_logical_id(target) in self.model.resources:
                continue
            self.report(
                IdentityPoolCheck.UNVERIFIABLE_ROLE,
                f"Role attachment {self.terms.name(self.stack, attachment)} names its identity pool by "
                f"{self.reason(target)}, so whether it gives identity pool {self.pool_name} its roles cannot be "
                "told, and its roles are not checked for this pool. Fix: "
                + self.fix("reference the pool (pool.identity_pool_id).", "set IdentityPoolId: !Ref <the pool>."),
                resource=attachment.logical_id,
            )

    # --- which roles the pool hands out -------------------------------------------------------------------

    def role_uses(self) -> list[RoleUse]:
        uses: list[RoleUse] = []
        guests = self.pool.guests is not False and self.pool.guests is not None
        for attachment in self.pool.attachments:
            roles = attachment_roles(self.model, self.pool, attachment)
            if roles.authenticated is not None:
                providers = self.default_role_providers(attachment)
                uses.append(RoleUse(roles.authenticated, "authenticated", "the authenticated role", providers))
            if roles.unauthenticated is not None:
                uses.append(
                    RoleUse(roles.unauthenticated, "unauthenticated", "the unauthenticated role", guests=guests)
                )
            uses.extend(self.mapping_uses(roles))
        return uses

    def mapping_uses(self, roles: AttachmentRoles) -> list[RoleUse]:
        if roles.mappings is None:
            self.report(
                IdentityPoolCheck.UNVERIFIABLE_ROLE,
                f"The role mappings of identity pool {self.pool_name} are {self.reason(roles.role_mappings)}, so "
                "the roles they hand out cannot be checked. Fix: make sure each trusts only this pool.",
            )
            return []
        uses: list[RoleUse] = []
        for mapped in roles.mappings:
            key = mapped.key
            uses.extend(
                RoleUse(
                    get(group.properties, "RoleArn"),
                    "authenticated",
                    f"the role of user pool group {get(group.properties, 'GroupName') or group.logical_id!r} "
                    f"(token role mapping {key!r})",
                )
                for group in mapped.groups
            )
            provider = amr_form(self.model.literal(mapped.provider))
            for i, rule in enumerate(mapped.rules):
                uses.append(
                    RoleUse(
                        get(rule, "RoleARN"),
                        "authenticated",
                        f"the role of rule #{i} of role mapping {key!r}",
                        (provider,),
                    )
                )
        return uses

    def default_role_providers(self, attachment: Resource) -> tuple[Any, ...]:
        """The providers (as ``amr`` names them) whose users may get the default authenticated role: those
        without a role mapping, or whose mapping falls back to it (AmbiguousRoleResolution AuthenticatedRole)."""
        mappings = self.pool.role_mappings(attachment)
        if not isinstance(mappings, Mapping) or is_intrinsic(mappings):
            return ()
        denied = [
            amr_form(self.model.literal(get(m, "IdentityProvider", k)))
            for k, m in mappings.items()
            if fallback_of(self.model, m).resolution is AmbiguousRoleResolution.DENY  # unknown: it may fall back
        ]
        names = [amr_form(n) for n in self.pool.provider_names(self.model)]
        return tuple(n for n in names if isinstance(n, str) and n not in denied)


__all__ = ["PoolFinding", "TemplateTerms", "Terms", "pool_findings"]
