"""The pool's final shape, checked when the app synthesizes (``node.add_validation``).

What is added after construction (``Tags.of``, removal policies applied by aspects or
``RemovalPolicies.of``, ``add_*`` calls, values that are Lazy until synth) only exists in its final form
at synth. aws-cdk-lib accepts all of these shapes, and Cognito or IAM refuses them at deploy: each problem
becomes an **error annotation** on the pool, so ``cdk synth`` and ``cdk deploy`` stop with the reason,
while ``Template.from_stack`` in unit tests still synthesizes (as it does for aws-cdk-lib's pool).

One validation per stack checks every pool of the stack: one jsii call per pool to register (finding
its stack, which the pool needs anyway), instead of three.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import jsii
from aws_cdk import Annotations, Stack
from constructs import IConstruct, IValidation

from .._errors import IdentityPoolValidationError
from .._model.intrinsics import show
from .._model.provider_kinds import SOCIAL_PROVIDERS
from .._model.template import join_parts, normalize, same_value, user_pool_provider_name
from .._model.tri import Tri
from .provider_url import IdentityPoolProviderType
from .rendered import render_template, resources_of
from .validation import POOL_NAME_PATTERN, check_str, is_token

if TYPE_CHECKING:
    from .pool_state import PoolState

#: Every message starts with this, so users can tell (and acknowledge) ours.
PREFIX = "[cdk-identitypool]"
MAX_TAGS = 50
_SOCIAL = {IdentityPoolProviderType[p.kind]: p.login_url for p in SOCIAL_PROVIDERS}
_USER_POOL_ID = re.compile(r"[\w-]+_[0-9a-zA-Z]+", re.ASCII)
_SAML_ARN = re.compile(r"arn:aws[\w-]*:iam::\d{12}:saml-provider/[\w+=,.@-]+", re.ASCII)
_OIDC_ARN = re.compile(r"arn:aws[\w-]*:iam::\d{12}:oidc-provider/(?P<host>.+)", re.ASCII)
_STACKS: weakref.WeakKeyDictionary[Any, _FinalShape] = weakref.WeakKeyDictionary()


def watch(pool: IConstruct, state: PoolState) -> None:
    """Check ``pool``'s final shape (its ``state`` and the L1s' rendered properties) when its app synthesizes."""
    validation = _STACKS.get(state.stack)
    if validation is None:
        validation = _STACKS[state.stack] = _FinalShape()
        state.stack.node.add_validation(validation)
    validation.pools.append((pool, state))


@jsii.implements(IValidation)
class _FinalShape:
    """The check of every pool of one stack: the stack's template is rendered once, and the tokens of all its
    pools are resolved in one call, so the cost per pool is at most one call (finding its logical id)."""

    def __init__(self) -> None:
        self.pools: list[tuple[IConstruct, PoolState]] = []

    def validate(self) -> list[str]:
        stack = self.pools[0][1].stack
        resources = resources_of(render_template(stack))
        region = stack.region
        values = _Resolved(stack)
        for _, state in self.pools:
            values.want(_tokens(state))
        logical_ids = _pool_logical_ids(self.pools, resources, values)
        for (pool, state), logical_id in zip(self.pools, logical_ids, strict=True):
            rendered = _RenderedPool.of(resources, logical_id, state, None if is_token(region) else region)
            if isinstance(rendered.guests, bool):
                # keep the attribute true to the template (a property injector or an aspect may set it)
                pool.allow_unauthenticated_identities = rendered.guests  # type: ignore[attr-defined]
            for problem in problems(state, rendered, values):
                Annotations.of(pool).add_error(f"{PREFIX} {problem}")
            state.synthesized = True
        return []


def _tokens(state: PoolState) -> list[Any]:
    """Every value of the pool's state that may be a token, so that one call resolves them all."""
    providers = state.providers
    return [
        state.name_prop,
        providers.custom_provider,
        *(getattr(rule, field) for m in state.role_mappings for rule in m.rules or () for field in _RULE_FIELDS),
        *state.oidc_arns,
        *state.saml_arns,
        *(m.provider_url.value for m in state.role_mappings),
        *(t.provider_name for t in state.principal_tags.values()),
    ]


_RULE_FIELDS = ("claim", "claim_value")


def _pool_logical_ids(
    pools: list[tuple[IConstruct, PoolState]], resources: dict[str, dict[str, Any]], values: _Resolved
) -> list[str | None]:
    """Each pool's logical id in the rendered template. The only pool of a stack with one identity pool needs
    no call; otherwise each pool's ``Ref`` is read (one call each) and all are resolved in one call."""
    in_template: list[str | None] = [k for k, r in resources.items() if r.get("Type") == "AWS::Cognito::IdentityPool"]
    if len(pools) == 1 and len(in_template) == 1:
        return in_template
    refs = []
    for pool, state in pools:
        if state.pool_id is None:
            state.pool_id = pool.identity_pool_id  # type: ignore[attr-defined]
        refs.append(state.pool_id)
    values.want(refs)
    found = [values(ref) for ref in refs]
    return [r["Ref"] if isinstance(r, dict) and isinstance(r.get("Ref"), str) else None for r in found]


@dataclass(frozen=True)
class _RenderedPool:
    """One pool as the template renders it: its resource, and the resources of its default roles."""

    resource: dict[str, Any]
    roles: list[tuple[str, dict[str, Any]]]
    resources: dict[str, dict[str, Any]]
    region: str | None

    @classmethod
    def of(
        cls, resources: dict[str, dict[str, Any]], logical_id: str | None, state: PoolState, region: str | None
    ) -> _RenderedPool:
        resource = resources.get(logical_id or "", {})
        attached = _attached_roles(resources, logical_id)
        if attached is not None:
            role_ids = [(kind, attached.get(kind.lower())) for kind in state.made]
        else:  # several attachments name the pool: the default roles' ids are read from Node
            role_ids = [(kind, state.stack.resolve(l1.logical_id)) for kind, l1 in state.default_roles]
        roles = [(kind, resources[role_id]) for kind, role_id in role_ids if role_id in resources]
        return cls(resource, roles, resources, region)

    @property
    def properties(self) -> dict[str, Any]:
        props = self.resource.get("Properties")
        return props if isinstance(props, dict) else {}

    @property
    def guests(self) -> Any:
        return self.properties.get("AllowUnauthenticatedIdentities")

    @property
    def entries(self) -> list[dict[str, Any]]:
        """The pool's user pool providers (``CognitoIdentityProviders``), as rendered."""
        entries = self.properties.get("CognitoIdentityProviders")
        return [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []

    def provider_name(self, value: Any) -> Any:
        """A user pool provider name, with aws-cdk-lib's form for a user pool of this stack read as its
        ``ProviderName`` attribute."""
        user_pools = [k for k, r in self.resources.items() if r.get("Type") == "AWS::Cognito::UserPool"]
        return user_pool_provider_name(value, user_pools, self.region)


def _attached_roles(resources: dict[str, dict[str, Any]], pool_id: str | None) -> dict[str, str] | None:
    """The logical ids of the roles the pool's only role attachment names (None when the pool has several)."""
    attachments = [
        r.get("Properties") or {}
        for r in resources.values()
        if r.get("Type") == "AWS::Cognito::IdentityPoolRoleAttachment"
        and isinstance(r.get("Properties"), dict)
        and r["Properties"].get("IdentityPoolId") == {"Ref": pool_id}
    ]
    if len(attachments) != 1:
        return None
    roles = attachments[0].get("Roles")
    found: dict[str, str] = {}
    for kind, arn in roles.items() if isinstance(roles, dict) else ():
        target = arn.get("Fn::GetAtt") if isinstance(arn, dict) else None
        if isinstance(target, list) and len(target) == 2 and target[1] == "Arn":
            found[kind] = target[0]
    return found


def problems(state: PoolState, rendered: _RenderedPool, values: _Resolved) -> list[str]:
    """Everything Cognito or IAM would refuse about a pool as it is now (``rendered``: as the template renders
    it; ``values``: its tokens, resolved), one message each."""
    found: list[str] = []
    found += _tag_problems("tags", rendered.properties.get("IdentityPoolTags"), iam=False)
    found += _rendered_setting_problems(state, rendered.properties)
    for kind, role in rendered.roles:
        role_props = role.get("Properties")
        tags = role_props.get("Tags") if isinstance(role_props, dict) else None
        found += _tag_problems(f"{kind.lower()}_role.tags", tags, iam=True)
    policies = (("removal_policy", "DeletionPolicy"), ("update_replace_policy", "UpdateReplacePolicy"))
    snapshots = [prop for prop, key in policies if rendered.resource.get(key) == "Snapshot"]
    if snapshots:
        found.append(
            f"{' and '.join(snapshots)}: SNAPSHOT was applied after construction (an aspect, RemovalPolicies.of or "
            "cfn_options); identity pools have no snapshots, so CloudFormation refuses it: use RETAIN or DESTROY"
        )
    user_pools = _user_pool_entries(rendered)
    found += _resolved_value_problems(state, values)
    found += _duplicate_problems(state, values, user_pools)
    found += _unconfigured_provider_problems(state, values, user_pools)
    found += _import_problems(state, values, user_pools)
    found += _client_pairing_problems(rendered)
    return found


def _rendered_setting_problems(state: PoolState, rendered: dict[str, Any]) -> list[str]:
    """The pool's settings as they will render: an Aspect or a property injector may have changed them after
    the props were checked (``add_property_override`` is only in the synthesized template: README)."""
    found: list[str] = []
    name = rendered.get("IdentityPoolName")
    given = state.name_prop
    if given is not None and is_token(given):
        return found  # a token given at construction: checked once resolved (_resolved_value_problems)
    if (
        isinstance(name, str)
        and name != given
        and (len(name) > 128 or not re.fullmatch(POOL_NAME_PATTERN, name, re.ASCII))
    ):
        found.append(
            f"identity_pool_name: {name!r} (set after construction) must be 1-128 characters of letters, digits, "
            "spaces and + = , . @ - _ (Cognito's IdentityPoolName pattern)"
        )
    return found


class _Resolved:
    """Resolves the tokens among many values in one call into Node, on first use (cached by the string)."""

    def __init__(self, stack: Stack) -> None:
        self._stack = stack
        self._pending: list[str] = []
        self._done: dict[str, Any] = {}

    def want(self, values: Iterable[Any]) -> None:
        self._pending.extend(v for v in values if isinstance(v, str) and is_token(v))

    def __call__(self, value: Any) -> Any:
        if not (isinstance(value, str) and is_token(value)):
            return value
        if value not in self._done:
            batch = list(dict.fromkeys(v for v in [*self._pending, value] if v not in self._done))
            for v, resolved in zip(batch, self._stack.resolve(batch), strict=True):
                self._done[v] = resolved
            self._pending = []
        return self._done[value]


def _tag_problems(prop: str, rendered: Any, *, iam: bool) -> list[str]:
    """Tags as rendered now: at most 50, keys 1-128 and values up to 256 characters, no ``aws:`` keys; IAM
    also limits the characters (letters, digits, spaces and ``_.:/=+-@``)."""
    if not rendered:
        return []
    pairs = [(t.get("key", t.get("Key")), t.get("value", t.get("Value"))) for t in rendered if isinstance(t, dict)]
    found = []
    if len(pairs) > MAX_TAGS:
        found.append(f"{prop}: {len(pairs)} tags; at most {MAX_TAGS} are allowed (tags added with Tags.of count too)")
    for key, value in pairs:
        where = f"{prop}[{key!r}]"
        for part, text, max_len in (("key", key, 128), ("value", value, 256)):
            if not isinstance(text, str) or is_token(text):
                continue
            if len(text) > max_len or (part == "key" and not text):
                found.append(f"{where}: a tag {part} must be {'1' if part == 'key' else '0'}-{max_len} characters")
            bad = [c for c in text if iam and not _iam_tag_char(c)]
            if bad:
                found.append(
                    f"{where}: {bad[0]!r} is not allowed in an IAM tag {part} (letters, digits, spaces, _.:/=+-@)"
                )
        if isinstance(key, str) and key.lower().startswith("aws:"):
            found.append(f"{where}: tag keys starting with 'aws:' are reserved for AWS")
    return found


def _iam_tag_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LZN" or char in "_.:/=+-@"


def _failures(checks: Iterable[Callable[[], object]]) -> list[str]:
    found = []
    for check in checks:
        try:
            check()
        except IdentityPoolValidationError as error:
            found.append(str(error))
    return found


def _resolved_value_problems(state: PoolState, resolved: _Resolved) -> list[str]:
    """Values that were tokens at construction (e.g. a Lazy), checked now that they resolve."""
    checks: list[Callable[[], object]] = []
    name = state.name_prop
    if name is not None and is_token(name):
        checks.append(
            lambda: _check_literal("identity_pool_name", resolved(name), max_len=128, pattern=POOL_NAME_PATTERN)
        )
    developer = state.providers.custom_provider
    if developer is not None and is_token(developer):
        checks.append(
            lambda: _check_literal(
                "authentication_providers.custom_provider", resolved(developer), max_len=128, pattern=r"[\w._-]+"
            )
        )
    for i, mapping in enumerate(state.role_mappings):
        for j, rule in enumerate(mapping.rules or ()):
            for field, max_len in (("claim", 64), ("claim_value", 128)):
                value = getattr(rule, field)
                if is_token(value):
                    checks.append(
                        functools.partial(
                            _check_literal, f"role_mappings[{i}].rules[{j}].{field}", resolved(value), max_len
                        )
                    )
    return _failures(checks)


def _check_literal(prop: str, value: Any, max_len: int, pattern: str | None = None) -> None:
    if isinstance(value, str):  # still a CloudFormation expression (dict) otherwise: checked at deploy
        check_str(prop, value, max_len=max_len, pattern=pattern)


def _user_pool_entries(rendered: _RenderedPool) -> list[tuple[Any, Any]]:
    """The user pool providers as the template renders them (aws-cdk-lib binds them): ``(ProviderName,
    ClientId)``, in the order they were given, resolved."""
    return [(rendered.provider_name(entry.get("ProviderName")), entry.get("ClientId")) for entry in rendered.entries]


def _provider_key(provider_name: Any, client_id: Any) -> Any:
    """``<provider name>:<client id>``, the name of a user pool provider in role mappings and principal tags."""
    if isinstance(provider_name, str) and isinstance(client_id, str):
        return f"{provider_name}:{client_id}"
    return {"Fn::Join": ["", [provider_name, ":", client_id]]}


def _duplicate_problems(state: PoolState, resolved: _Resolved, user_pools: list[tuple[Any, Any]]) -> list[str]:
    """The same provider given twice in different forms (a literal and a token, two imports of one value)."""
    groups: list[tuple[str, list[Any]]] = [
        ("user_pools", [_provider_key(name, client) for name, client in user_pools]),
        ("authentication_providers.open_id_connect_providers", list(state.oidc_arns)),
        ("authentication_providers.saml_providers", list(state.saml_arns)),
        ("role_mappings", [m.provider_url.value for m in state.role_mappings]),
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


def _unconfigured_provider_problems(
    state: PoolState, resolved: _Resolved, user_pools: list[tuple[Any, Any]]
) -> list[str]:
    """A role mapping for a provider the pool does not have: Cognito refuses SetIdentityPoolRoles."""
    configured = _configured(state, user_pools)
    found = []
    for i, mapping in enumerate(state.role_mappings):
        kind = mapping.provider_url.type
        value = mapping.provider_url.value
        if _may_match(value, configured.get(kind, []), resolved):
            continue
        shown = show(resolved(value)) if is_token(value) else _show(value)
        found.append(
            f"role_mappings[{i}] ({mapping.key!r}): maps the provider {shown}, which this pool is not "
            "configured with (Cognito refuses the role mappings: 'not a valid RoleMapping ProviderName or is not "
            "a configured provider'); add it to authentication_providers, or remove the mapping"
        )
    return found


def _configured(state: PoolState, user_pools: list[tuple[Any, Any]]) -> dict[IdentityPoolProviderType, list[Any]]:
    providers = state.providers
    social = [p.login_url for p in SOCIAL_PROVIDERS if getattr(providers, p.field) is not None]
    oidc = []
    for arn in state.oidc_arns:
        match = None if is_token(arn) else _OIDC_ARN.fullmatch(arn)
        oidc.append(match["host"] if match else arn)
    configured: dict[IdentityPoolProviderType, list[Any]] = {
        kind: [url] if url in social else [] for kind, url in _SOCIAL.items()
    }
    configured[IdentityPoolProviderType.OPEN_ID] = oidc
    configured[IdentityPoolProviderType.SAML] = list(state.saml_arns)
    configured[IdentityPoolProviderType.USER_POOL] = [_provider_key(name, client) for name, client in user_pools]
    # A custom provider name may be any of them, or the developer provider.
    configured[IdentityPoolProviderType.CUSTOM] = [n for names in configured.values() for n in names] + (
        [providers.custom_provider] if providers.custom_provider is not None else []
    )
    return configured


def _may_match(value: str, names: list[Any], resolved: _Resolved) -> bool:
    """Whether ``value`` is, or could be at deploy time, one of ``names``."""
    if value in names:
        return True
    target = resolved(value)
    # Equal, or an expression only CloudFormation can compare (unknown: let it through); two references to
    # different resources (another app client of the same user pool) are different.
    return any(same_value(resolved(name), target) is not Tri.NO for name in names)


def _import_problems(state: PoolState, resolved: _Resolved, user_pools: list[tuple[Any, Any]]) -> list[str]:
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


def _client_pairing_problems(rendered: _RenderedPool) -> list[str]:
    """A user pool provider whose app client belongs to another user pool than its own (read in the template:
    the client's ``UserPoolId`` against the provider's ``ProviderName``)."""
    found = []
    for i, entry in enumerate(rendered.entries):
        client_ref, provider = entry.get("ClientId"), rendered.provider_name(entry.get("ProviderName"))
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
    return repr(value) if not (isinstance(value, str) and is_token(value)) else "a token"
