"""The final-shape check of one stack's pools, run when the app synthesizes (``final_shape`` registers it).

The stack's template is rendered once, the tokens of all its pools are resolved in one call, and each pool is
found in the template by the logical id aws-cdk-lib gives it (its ``Ref`` is read otherwise): the cost is a
constant per stack.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from constructs import IConstruct

from .._model.mapping_shape import role_mappings_problems
from .provider_problems import (
    client_pairing_problems,
    duplicate_problems,
    import_problems,
    unconfigured_provider_problems,
    user_pool_entries,
)
from .rendered import (
    RenderedPool,
    Resolved,
    attachments_by_pool,
    default_logical_id,
    model_of,
    render_template,
    resources_of,
)
from .validation import POOL_NAME_PATTERN, is_token
from .value_problems import resolved_value_problems, tag_problems

if TYPE_CHECKING:
    from .pool_state import PoolState


def check_stack(pools: list[tuple[IConstruct, PoolState]]) -> Iterator[tuple[IConstruct, str]]:
    """Every problem of the pools of one stack, as ``(pool, message)``."""
    stack = pools[0][1].stack
    template = render_template(stack)
    resources = resources_of(template)
    region: str | None = stack.region
    region = None if region is None or is_token(region) else region
    model = model_of(template, region)
    values = Resolved(stack)
    for _, state in pools:
        values.want(_tokens(state))
    logical_ids = _pool_logical_ids(pools, resources, values)
    attachments = attachments_by_pool(resources)
    for (pool, state), logical_id in zip(pools, logical_ids, strict=True):
        rendered = RenderedPool.of(resources, logical_id, state, region, model, attachments)
        if isinstance(rendered.guests, bool):
            # keep the attribute true to the template (a property injector or an aspect may set it)
            pool.allow_unauthenticated_identities = rendered.guests  # type: ignore[attr-defined]
        for problem in problems(state, rendered, values):
            yield pool, problem
        state.synthesized = True


def _tokens(state: PoolState) -> list[Any]:
    """Every value of the pool's state that may be a token, so that one call resolves them all."""
    providers = state.providers
    return [
        state.name_prop,
        providers.custom_provider,
        *(getattr(rule, field) for m in state.role_mappings for rule in m.rules or () for field in _RULE_FIELDS),
        *state.oidc_arns,
        *state.saml_arns,
        # a user pool's URL is read from the rendered attachment (its value would cost two calls into Node)
        *(m.provider_url.value for m in state.role_mappings if "pair" not in vars(m.provider_url)),
        *(t.provider_name for t in state.principal_tags.values()),
    ]


_RULE_FIELDS = ("claim", "claim_value")


def _pool_logical_ids(
    pools: list[tuple[IConstruct, PoolState]], resources: dict[str, dict[str, Any]], values: Resolved
) -> list[str | None]:
    """Each pool's logical id in the rendered template, without a call where the template tells: the only pool
    of a stack with one identity pool, or a pool made right in its stack under the logical id aws-cdk-lib gives
    it. Otherwise the pool's ``Ref`` is read (one call each), and all are resolved in one call."""
    in_template = [k for k, r in resources.items() if r.get("Type") == "AWS::Cognito::IdentityPool"]
    if len(pools) == 1 and len(in_template) == 1:
        return [in_template[0]]
    found: list[Any] = []
    for pool, state in pools:
        candidate = default_logical_id([state.root_id, "Resource"]) if state.root_id is not None else None
        if candidate is not None and candidate in in_template:
            found.append({"Ref": candidate})
            continue
        if state.pool_id is None:
            state.pool_id = pool.identity_pool_id  # type: ignore[attr-defined]
        found.append(state.pool_id)
    values.want(found)
    return [_ref(values(value)) for value in found]


def _ref(value: Any) -> str | None:
    return value["Ref"] if isinstance(value, dict) and isinstance(value.get("Ref"), str) else None


def problems(state: PoolState, rendered: RenderedPool, values: Resolved) -> list[str]:
    """Everything Cognito or IAM would refuse about a pool as it is now (``rendered``: as the template renders
    it; ``values``: its tokens, resolved), one message each."""
    found: list[str] = []
    found += tag_problems("tags", rendered.properties.get("IdentityPoolTags"), iam=False)
    found += _rendered_setting_problems(state, rendered.properties)
    for kind, role in rendered.roles:
        role_props = role.get("Properties")
        tags = role_props.get("Tags") if isinstance(role_props, dict) else None
        found += tag_problems(f"{kind.lower()}_role.tags", tags, iam=True)
    policies = (("removal_policy", "DeletionPolicy"), ("update_replace_policy", "UpdateReplacePolicy"))
    snapshots = [prop for prop, key in policies if rendered.resource.get(key) == "Snapshot"]
    if snapshots:
        found.append(
            f"{' and '.join(snapshots)}: SNAPSHOT was applied after construction (an aspect, RemovalPolicies.of or "
            "cfn_options); identity pools have no snapshots, so CloudFormation refuses it: use RETAIN or DESTROY"
        )
    user_pools = user_pool_entries(rendered)
    found += resolved_value_problems(state, values)
    found += duplicate_problems(state, values, user_pools, rendered)
    found += unconfigured_provider_problems(state, values, rendered)
    found += import_problems(state, values, user_pools)
    found += client_pairing_problems(rendered)
    if rendered.model is not None:  # a mapping changed after construction (an override, an aspect)
        found += [
            f"role_mappings: Cognito refuses the rendered {problem} (changed after construction)"
            for problem in role_mappings_problems(rendered.model, rendered.role_mappings)
        ]
    return found


def _rendered_setting_problems(state: PoolState, rendered: dict[str, Any]) -> list[str]:
    """The pool's settings as they will render: an Aspect or a property injector may have changed them after
    the props were checked (an ``add_property_override`` too: this is the rendered template)."""
    found: list[str] = []
    name = rendered.get("IdentityPoolName")
    given = state.name_prop
    if given is not None and is_token(given):
        return found  # a token given at construction: checked once resolved (resolved_value_problems)
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


__all__ = ["check_stack", "problems"]
