"""The pool's providers in their final form, checked at synth (``final_shape``): the same provider given twice,
a role mapping for a provider the pool lacks, imported ids Cognito would refuse, and an app client of another
user pool than its provider's."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from .._model.intrinsics import show
from .._model.tri import Tri
from .._model.values import join_parts, normalize, provider_client_name
from .validation import is_token

if TYPE_CHECKING:
    from .pool_state import PoolState
    from .rendered import RenderedPool, Resolved
    from .role_mapping import IdentityPoolRoleMapping

_USER_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+", re.ASCII)
_SAML_ARN = re.compile(r"arn:aws[\w-]*:iam::\d{12}:saml-provider/[\w+=,.@-]+", re.ASCII)
_OIDC_ARN = re.compile(r"arn:aws[\w-]*:iam::\d{12}:oidc-provider/(?P<host>.+)", re.ASCII)


def user_pool_entries(rendered: RenderedPool) -> list[tuple[Any, Any]]:
    """The user pool providers as the template renders them (aws-cdk-lib binds them): ``(ProviderName,
    ClientId)``, in the order they were given, resolved."""
    return [(entry.get("ProviderName"), entry.get("ClientId")) for entry in rendered.entries]


def duplicate_problems(
    state: PoolState, resolved: Resolved, user_pools: list[tuple[Any, Any]], rendered: RenderedPool
) -> list[str]:
    """The same provider given twice in different forms (a literal and a token, two imports of one value)."""
    groups: list[tuple[str, list[Any]]] = [
        ("user_pools", [provider_client_name(name, client) for name, client in user_pools]),
        ("authentication_providers.open_id_connect_providers", list(state.oidc_arns)),
        ("authentication_providers.saml_providers", list(state.saml_arns)),
        ("role_mappings", [mapping_provider(m, rendered, resolved) for m in state.role_mappings]),
        ("principal_tags", [t.provider_name for t in state.principal_tags.values()]),
    ]
    for _, values in groups:
        resolved.want(values)
    found = []
    for prop, values in groups:
        seen: dict[str, int] = {}
        for i, value in enumerate(values):
            key = repr(normalize(resolved(value)))
            if key in seen:
                found.append(
                    f"{prop}[{i}]: the same provider as {prop}[{seen[key]}] ({_show(value)}); "
                    "Cognito takes each provider once: remove one"
                )
            seen.setdefault(key, i)
    return found


def mapping_provider(mapping: IdentityPoolRoleMapping, rendered: RenderedPool, resolved: Resolved) -> Any:
    """A role mapping's provider as the template renders it (its attachment's ``IdentityProvider``), else its
    URL's value, resolved."""
    if mapping.key in rendered.mapping_providers:
        return rendered.mapping_providers[mapping.key]
    return resolved(mapping.provider_url.value)


def unconfigured_provider_problems(state: PoolState, resolved: Resolved, rendered: RenderedPool) -> list[str]:
    """A role mapping for a provider the pool does not have: Cognito refuses SetIdentityPoolRoles. Decided by
    the template model, as the checks and the simulator decide it (``PoolView.configured``)."""
    view, model = rendered.view, rendered.model
    if view is None or model is None:
        return []  # the template does not read: the synthesis that follows says why
    found = []
    for i, mapping in enumerate(state.role_mappings):
        value = mapping_provider(mapping, rendered, resolved)
        if view.configured(model, value) is not Tri.NO:
            continue
        shown = _show(value)
        found.append(
            f"role_mappings[{i}] ({mapping.key!r}): maps the provider {shown}, which this pool is not "
            "configured with (Cognito refuses the role mappings: 'not a valid RoleMapping ProviderName or is not "
            "a configured provider'); add it to authentication_providers, or remove the mapping"
        )
    return found


def import_problems(state: PoolState, resolved: Resolved, user_pools: list[tuple[Any, Any]]) -> list[str]:
    """Imported user pools, clients and IAM providers whose literal ids Cognito would refuse."""
    found = []
    for i, (name, client) in enumerate(user_pools):
        tail = _literal_tail(name)
        if tail is not None and not _USER_POOL_ID.fullmatch(tail):
            found.append(
                f"user_pools[{i}].user_pool: the user pool id {tail!r} is not '<region>_<id>' "
                "(e.g. 'us-east-1_AbCdEfGhI'); check the id given to UserPool.from_user_pool_id"
            )
        if isinstance(client, str) and not re.fullmatch(r"\w{1,128}", client, re.ASCII):
            found.append(
                f"user_pools[{i}].user_pool_client: the app client id {client!r} must be 1-128 letters, digits or _"
            )
    for prop, arns, pattern, form in (
        (
            "saml_providers",
            state.saml_arns,
            _SAML_ARN,
            "an IAM SAML provider ARN ('arn:aws:iam::<account>:saml-provider/<name>')",
        ),
        (
            "open_id_connect_providers",
            state.oidc_arns,
            _OIDC_ARN,
            "an IAM OpenID Connect provider ARN ('arn:aws:iam::<account>:oidc-provider/<host>')",
        ),
    ):
        for i, arn in enumerate(arns):
            value = resolved(arn)
            if isinstance(value, str) and not pattern.fullmatch(value):
                found.append(f"authentication_providers.{prop}[{i}]: {value!r} is not {form}")
    return found


def _literal_tail(provider_name: Any) -> str | None:
    """The user pool id at the end of a provider name (``cognito-idp.<region>.<suffix>/<id>``), when literal."""
    parts = join_parts(provider_name)
    last = parts[-1] if parts else None
    if isinstance(last, str) and "/" in last:
        return last.rsplit("/", 1)[-1]
    return None


def client_pairing_problems(rendered: RenderedPool) -> list[str]:
    """A user pool provider whose app client belongs to another user pool than its own (read in the template:
    the client's ``UserPoolId`` against the provider's ``ProviderName``)."""
    found = []
    for i, entry in enumerate(rendered.entries):
        client_ref, provider = entry.get("ClientId"), entry.get("ProviderName")
        client_id = client_ref.get("Ref") if isinstance(client_ref, dict) else None
        target = provider.get("Fn::GetAtt") if isinstance(provider, dict) else None
        client = rendered.resources.get(client_id) if isinstance(client_id, str) else None
        if client is None or not (isinstance(target, list) and len(target) == 2 and isinstance(target[0], str)):
            continue  # an imported client or user pool, or another stack's: its user pool is unknown here
        props = client.get("Properties")
        owner, own = (props.get("UserPoolId") if isinstance(props, dict) else None), {"Ref": target[0]}
        if owner != own and _comparable(owner):
            found.append(
                f"user_pools[{i}].user_pool_client: the app client belongs to another user pool "
                f"({_show(owner)}) than user_pool ({_show(own)}); Cognito refuses its tokens: use a client of "
                "the same user pool"
            )
    return found


def _comparable(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, dict) and set(value) == {"Ref"})


def _show(value: Any) -> str:
    """A value for a message: a literal as it is, a token as "a token", a rendered expression as the model
    shows it (``${Users.ProviderName}:${UsersWeb}``)."""
    if isinstance(value, str):
        return repr(value) if not is_token(value) else "a token"
    return show(value)


__all__ = [
    "client_pairing_problems",
    "duplicate_problems",
    "import_problems",
    "unconfigured_provider_problems",
    "user_pool_entries",
]
