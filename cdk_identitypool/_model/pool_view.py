"""A typed view of one identity pool in a template model: its settings, the resources attached to it, and the
providers it is configured with. The checks and the simulator both read a pool through it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .intrinsics import is_intrinsic
from .template import ATTACHMENT, PRINCIPAL_TAG, Resource, TemplateModel
from .tri import Tri
from .values import as_list, get, provider_client_name, same_value


@dataclass(frozen=True)
class PoolView:
    """One ``AWS::Cognito::IdentityPool`` and what the template attaches to it.

    Attributes:
        resource: The pool resource.
        attachments: Its ``IdentityPoolRoleAttachment`` resources (Cognito keeps one; a template may have more).
        principal_tags: Its ``IdentityPoolPrincipalTag`` resources.
    """

    resource: Resource
    attachments: tuple[Resource, ...]
    principal_tags: tuple[Resource, ...]

    @classmethod
    def of(cls, model: TemplateModel, logical_id: str) -> PoolView:
        """The pool ``logical_id`` of ``model`` (which must have it)."""
        return cls(
            model.resources[logical_id],
            tuple(model.for_pool(ATTACHMENT, logical_id)),
            tuple(model.for_pool(PRINCIPAL_TAG, logical_id)),
        )

    @property
    def logical_id(self) -> str:
        """The pool's logical id."""
        return self.resource.logical_id

    def setting(self, name: str) -> Any:
        """A pool property as the template gives it (a literal or an intrinsic), e.g. ``AllowClassicFlow``."""
        return get(self.resource.properties, name)

    @property
    def guests(self) -> Any:
        """``AllowUnauthenticatedIdentities``: True, False, absent (None) or an intrinsic."""
        return boolean(self.setting("AllowUnauthenticatedIdentities"))

    @property
    def classic_flow(self) -> Any:
        """``AllowClassicFlow``: True, False, absent (None) or an intrinsic."""
        return boolean(self.setting("AllowClassicFlow"))

    @property
    def user_pool_providers(self) -> list[Any]:
        """``CognitoIdentityProviders`` entries (``ProviderName``, ``ClientId``, ``ServerSideTokenCheck``)."""
        return as_list(self.setting("CognitoIdentityProviders"))

    @property
    def oidc_arns(self) -> list[Any]:
        """``OpenIdConnectProviderARNs``."""
        return as_list(self.setting("OpenIdConnectProviderARNs"))

    @property
    def saml_arns(self) -> list[Any]:
        """``SamlProviderARNs``."""
        return as_list(self.setting("SamlProviderARNs"))

    @property
    def developer_provider(self) -> Any:
        """``DeveloperProviderName`` (None when absent)."""
        return self.setting("DeveloperProviderName")

    def roles(self, attachment: Resource | None) -> Mapping[str, Any]:
        """An attachment's ``Roles`` (``authenticated`` / ``unauthenticated``); empty without one."""
        found = get(attachment.properties, "Roles") if attachment is not None else None
        return found if isinstance(found, Mapping) else {}

    def role_mappings(self, attachment: Resource | None) -> Any:
        """An attachment's ``RoleMappings`` as the template gives it (a dict keyed by label, when well formed)."""
        return (get(attachment.properties, "RoleMappings") or {}) if attachment is not None else {}

    def provider_names(self, model: TemplateModel) -> list[Any]:
        """The names Cognito knows the pool's providers by, as a role mapping's ``IdentityProvider`` gives
        them: social provider domains, OIDC issuer hosts, SAML provider ARNs, ``<user pool provider
        name>:<client id>`` and the developer provider name. A name known only at deploy time is None."""
        return [name if isinstance(name, str) else None for name in self.provider_expressions(model)]

    def provider_expressions(self, model: TemplateModel) -> list[Any]:
        """:meth:`provider_names` as the template spells them (a literal, or an intrinsic such as
        ``<Fn::GetAtt user pool.ProviderName>:<Ref client>``); None for a name the template cannot spell
        (a login map or an entry computed at deploy time, an OIDC provider whose issuer it does not have)."""
        logins = self.setting("SupportedLoginProviders")
        if is_intrinsic(logins):
            names: list[Any] = [None]  # the whole map is computed at deploy time
        else:
            names = list(logins) if isinstance(logins, Mapping) else []
        names += [model.oidc_host(arn) for arn in self.oidc_arns]
        names += self.saml_arns
        for entry in self.user_pool_providers:
            if is_intrinsic(entry):
                names.append(None)  # an entry chosen by Fn::If (or computed): known at deploy time
                continue
            provider, client = model.literal(get(entry, "ProviderName")), get(entry, "ClientId")
            names.append(model.literal(provider_client_name(provider, client)))
        if self.developer_provider is not None:
            names.append(self.developer_provider)
        return names

    def configured(self, model: TemplateModel, name: Any) -> Tri:
        """Is ``name`` (a provider as a role mapping's ``IdentityProvider`` or a principal tag's
        ``IdentityProviderName`` names it) one of the pool's providers? YES when it is one of them; NO when it
        differs from each (two literals, or two different resources); UNKNOWN when a name on either side is
        known only at deploy time. The one answer the synth-time check, the checks and the simulator share."""
        target = model.literal(name)
        return Tri.any_of(
            Tri.UNKNOWN if known is None else same_value(known, target) for known in self.provider_expressions(model)
        )


def boolean(value: Any) -> Any:
    """A Boolean property as CloudFormation reads it: ``"true"`` / ``"false"`` (any case) are booleans."""
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


__all__ = ["PoolView", "boolean"]
