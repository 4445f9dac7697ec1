"""Reading one pool out of a template: which pool and attachment, the login a request names, the mapping and
principal tags configured for it, and the roles its ARNs name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._model.intrinsics import is_intrinsic, show
from .._model.pool_view import PoolView
from .._model.template import POOL, Resource, TemplateModel
from .._model.tri import Tri
from .._model.values import get, normalize, ref_logical_id, split_provider_client
from ._cdk import cdk_module, is_cfn_resource, is_construct, is_token
from ._results import (
    SimulatedRole,
    SimulationError,
)
from ._rules import (
    DEFAULT_TAG_CLAIMS,
    PREFERRED_ROLE_CLAIM,
    ROLES_CLAIM,
    USER_POOL_PREFIX,
    Undecidable,
    checked_mapping,
    compare,
    could_equal,
    role_arn_of,
)

# --- the login a request is made with ---------------------------------------------------------------------


@dataclass(frozen=True)
class Login:
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
            return f"user pool {show(self.name)} (client {show(self.client)})"
        return show(self.name)


def select_pool(model: TemplateModel, pool: Any) -> Resource:
    """The pool a simulation is about: the only one of the template, or the one named (an IdentityPool, an
    L1 or a logical id)."""
    pools = {r.logical_id: r for r in model.of_type(POOL)}
    if pool is None:
        if len(pools) != 1:
            raise SimulationError(f"the template has {len(pools)} identity pools {sorted(pools)}: pass pool=")
        return next(iter(pools.values()))
    if isinstance(pool, str):
        logical_id = pool
    elif is_construct(pool) and hasattr(pool, "cfn_identity_pool"):
        logical_id = cdk_module().Stack.of(pool).resolve(pool.cfn_identity_pool.logical_id)
    elif is_cfn_resource(pool):
        logical_id = cdk_module().Stack.of(pool).resolve(pool.logical_id)
    else:
        raise SimulationError(f"pool={pool!r}: give an IdentityPool or a logical id")
    if logical_id not in pools:
        raise SimulationError(f"pool={logical_id!r}: no such identity pool; the template has {sorted(pools)}")
    return pools[logical_id]


class PoolLookup:
    """One pool of a template, and what a simulation looks up in it: its roles, the mapping and principal tags
    of a login, whether a login is a provider of the pool, the roles its ARNs name.

    Args:
        model: The template model.
        pool: The pool resource.
        stack: The CDK stack it was synthesized from (to resolve tokens in requests), if any.
    """

    def __init__(self, model: TemplateModel, pool: Resource, stack: Any = None) -> None:
        self.model = model
        self.pool = pool
        self.stack = stack
        self.view = PoolView.of(model, pool.logical_id)
        self.attachment = self.single_attachment()

    def single_attachment(self) -> Resource | None:
        attachments = self.view.attachments
        if len(attachments) > 1:
            raise SimulationError(
                f"pool {self.pool.logical_id} has {len(attachments)} role attachments; Cognito keeps only one"
            )
        return attachments[0] if attachments else None

    def roles(self) -> Mapping[str, Any]:
        if self.attachment is None:
            self.unlinked_attachment()
        return self.view.roles(self.attachment)

    def unlinked_attachment(self) -> None:
        """Without a linked attachment, one that names its pool by a value known only at deploy time may be
        this pool's: then nothing about its roles can be told."""
        for attachment in self.model.of_type("AWS::Cognito::IdentityPoolRoleAttachment"):
            target = get(attachment.properties, "IdentityPoolId")
            if not isinstance(target, str) and ref_logical_id(target) not in self.model.resources:
                raise Undecidable(
                    f"role attachment {attachment.logical_id} names its identity pool by {show(target)} "
                    f"({self.model.unknown_reason(target) or 'an expression'}), so whether it gives pool "
                    f"{self.pool.logical_id} its roles cannot be told"
                )

    def mapping(self, login: Login) -> tuple[str | None, Mapping[str, Any] | None]:
        # RBAC / RoleMapping: role mappings are per identity provider; the key is a label (CloudFormation) and
        # IdentityProvider names the provider ("<user pool provider name>:<client id>" for user pools).
        if self.attachment is None:
            self.unlinked_attachment()
        mappings = self.view.role_mappings(self.attachment)
        if is_intrinsic(mappings):
            reason = self.model.unknown_reason(mappings) or "computed at deploy time"
            raise Undecidable(f"the pool's role mappings are {show(mappings)} ({reason})")
        if not isinstance(mappings, Mapping):
            raise SimulationError(
                f"template: RoleMappings must be a dict keyed by provider, not {type(mappings).__name__}"
            )
        wanted = {normalize(n) for n in login.mapping_names}
        undecided = []
        for key, mapping in mappings.items():
            provider = self.model.literal(get(checked_mapping(key, mapping, self.model), "IdentityProvider", key))
            if normalize(provider) in wanted:
                return key, mapping
            if any(could_equal(provider, name) for name in login.mapping_names):
                undecided.append(key)
        if undecided:
            raise Undecidable(
                f"whether role mapping {undecided[0]!r} (IdentityProvider known only at deploy time) is for "
                f"{login.label()} cannot be told from the template"
            )
        return None, None

    def configured(self, login: Login) -> Tri:
        view = self.view
        if login.is_user_pool:
            entries = view.user_pool_providers
            return Tri.any_of(
                Tri.all_of(
                    [
                        compare(self.model.literal(get(e, "ProviderName")), login.name),
                        compare(get(e, "ClientId"), login.client),
                    ]
                )
                for e in entries
            )
        results: list[Tri] = []
        names = {normalize(n) for n in (login.name, *login.mapping_names)}
        logins = view.setting("SupportedLoginProviders")
        if is_intrinsic(logins):
            results.append(Tri.UNKNOWN)
        elif isinstance(logins, Mapping):
            results.append(Tri.YES if any(normalize(k) in names for k in logins) else Tri.NO)
        developer = view.developer_provider
        if developer is not None:
            results.append(Tri.YES if normalize(developer) in names else compare(developer, login.name))
        for arn in view.oidc_arns:
            host = self.model.oidc_host(arn)
            if login.arn is not None and normalize(arn) == normalize(login.arn):
                results.append(Tri.YES)
            elif host is not None:
                results.append(Tri.YES if host in (login.oidc_host, login.name) else Tri.NO)
            else:
                results.append(Tri.UNKNOWN)
        for arn in view.saml_arns:
            target = login.arn if login.arn is not None else login.name
            if isinstance(target, str) and not target.startswith("arn:"):
                results.append(Tri.NO)  # a SAML provider is named by its ARN
            else:
                results.append(compare(arn, target))
        return Tri.any_of(results)

    def principal_tags(self, login: Login, claims: Mapping[str, Any], notes: list[str]) -> dict[str, str]:
        # ABAC: per provider, PrincipalTags maps tag key → claim; UseDefaults uses the provider's default
        # mappings (provider-mappings.html). A claim absent from the token sets no tag.
        wanted = {normalize(n) for n in login.tag_names}
        tags: dict[str, str] = {}
        for resource in self.view.principal_tags:
            name = self.model.literal(get(resource.properties, "IdentityProviderName"))
            if normalize(name) not in wanted:
                continue
            mapping: dict[str, str] = {}
            if get(resource.properties, "UseDefaults") is True:
                defaults = self.default_tag_claims(login)
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

    def default_tag_claims(self, login: Login) -> dict[str, str] | None:
        if login.is_user_pool or login.oidc_host is not None:
            return {"client": "aud", "username": "sub"}
        if isinstance(login.name, str) and login.name in DEFAULT_TAG_CLAIMS:
            client, username = DEFAULT_TAG_CLAIMS[login.name]
            return {"client": client, "username": username}
        return None

    def role(self, arn: Any) -> SimulatedRole:
        resource = self.model.role_for_arn(arn)
        path = resource.path if resource else None
        if path is not None and path.endswith("/Resource"):
            path = path[: -len("/Resource")]
        return SimulatedRole(
            arn_expression=arn,
            logical_id=resource.logical_id if resource else None,
            path=path,
            arn=arn if isinstance(arn, str) else None,
        )

    def same_role(self, left: Any, right: Any) -> bool:
        if normalize(left) == normalize(right):
            return True
        a, b = self.model.role_for_arn(left), self.model.role_for_arn(right)
        return a is not None and a is b

    # --- inputs -------------------------------------------------------------------------------------

    def resolve(self, value: Any) -> Any:
        if is_token(value):
            if self.stack is None:
                raise SimulationError(f"{value!r} is a CDK token: pass the Stack (not a template) to resolve it")
            return self.stack.resolve(value)
        return value

    def resolve_claim(self, name: str, value: Any) -> Any:
        if name in (ROLES_CLAIM, PREFERRED_ROLE_CLAIM):
            for item in value if isinstance(value, list | tuple) else [value]:
                if isinstance(item, Mapping | list | tuple | bool | int | float) or item is None:
                    raise SimulationError(
                        f"claims[{name!r}]={value!r}: a role claim holds role ARNs (strings) or roles, not "
                        f"{type(item).__name__} values"
                    )
            if isinstance(value, list | tuple):
                return [self.resolve(role_arn_of(v)) for v in value]
            return self.resolve(role_arn_of(value))
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, list | tuple):
            if any(isinstance(v, list | tuple | Mapping) for v in value):
                raise SimulationError(f"claims[{name!r}]={value!r}: a multi-valued claim is a list of strings")
            return [self.resolve_claim(name, v) for v in value]
        if not isinstance(value, str):
            raise SimulationError(
                f"claims[{name!r}]={value!r}: a claim value is a string or a list of strings, not a "
                f"{type(value).__name__}"
            )
        return self.resolve(value)

    def login(self, provider: Any, audience: Any = None) -> Login:
        if hasattr(provider, "user_pool") and hasattr(provider, "user_pool_client"):  # UserPoolAuthenticationProvider
            name = self.resolve(provider.user_pool.user_pool_provider_name)
            client = self.resolve(provider.user_pool_client.user_pool_client_id)
            return self.user_pool_login(name, client)
        if hasattr(provider, "open_id_connect_provider_arn"):  # iam.OpenIdConnectProvider
            arn = self.resolve(provider.open_id_connect_provider_arn)
            host = self.model.oidc_host(arn)
            issuer = self.resolve(provider.open_id_connect_provider_issuer)
            names = tuple(n for n in (host, issuer) if n is not None)
            return Login(name=host or issuer, mapping_names=names, tag_names=names, arn=arn, oidc_host=host)
        if hasattr(provider, "saml_provider_arn"):  # iam.SamlProvider
            arn = self.resolve(provider.saml_provider_arn)
            return Login(name=arn, mapping_names=(arn,), tag_names=(arn,), arn=arn)
        value = getattr(provider, "value", provider)  # IdentityPoolProviderUrl
        value = self.resolve(value)
        if isinstance(value, str) and ":oidc-provider/" in value:
            host = value.split(":oidc-provider/", 1)[1]
            return Login(name=host, mapping_names=(host,), tag_names=(host, value), arn=value, oidc_host=host)
        if isinstance(value, str) and value.startswith(USER_POOL_PREFIX) and ":" in value:
            name, client = value.rsplit(":", 1)
            return self.user_pool_login(name, client)
        if isinstance(value, str) and value.startswith(USER_POOL_PREFIX):
            return self.user_pool_login(value, self.client_of(value, audience))
        if not isinstance(value, str):
            split = split_provider_client(value)
            if split is not None:
                return self.user_pool_login(*split)
        if not isinstance(value, str | Mapping):
            raise SimulationError(
                f"provider={provider!r}: give a provider name, an IdentityPoolProviderUrl, a "
                "UserPoolAuthenticationProvider, an OpenIdConnectProvider or a SamlProvider"
            )
        return Login(
            name=value,
            mapping_names=(value,),
            tag_names=(value,),
            oidc_host=value if isinstance(value, str) and self.is_oidc_host(value) else None,
        )

    def client_of(self, user_pool_name: str, audience: Any) -> Any:
        """The app client of a user pool login named as in a token's ``Logins`` (``cognito-idp...``, no client):
        the token's ``aud`` claim, else the pool's only client of that user pool."""
        if isinstance(audience, str):
            return audience
        clients = [
            get(e, "ClientId")
            for e in self.view.user_pool_providers
            if compare(self.model.literal(get(e, "ProviderName")), user_pool_name) is not Tri.NO
        ]
        if len(clients) == 1:
            return clients[0]
        if not clients:
            return None  # not a user pool of this pool: the simulation says so
        raise SimulationError(
            f"provider={user_pool_name!r}: the pool has {len(clients)} app clients of this user pool; pass the "
            "token's aud claim (the app client id) in claims, or name the provider '<user pool>:<client id>'"
        )

    def user_pool_login(self, name: Any, client: Any) -> Login:
        joined = (
            name + ":" + client
            if isinstance(name, str) and isinstance(client, str)
            else {"Fn::Join": ["", [name, ":", client]]}
        )
        return Login(name=name, client=client, mapping_names=(joined,), tag_names=(name,))

    def is_oidc_host(self, name: str) -> bool:
        return any(self.model.oidc_host(arn) == name for arn in self.view.oidc_arns)
