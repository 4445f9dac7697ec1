"""Which role a pool hands out, found by identity across the stacks of an assembly: never by a logical id or a
name that only looks the same.

A role is found in the pool's own stack (``Fn::GetAtt [id, Arn]``, or a named role of that stack's account),
through another stack's export (``Fn::ImportValue``), through a reference the reader of a CDK app resolved to
another stack (``foreign``), or by name in another stack of the same literal account.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .assembly import Assembly, StackTemplate
from .template import ROLE, Resource
from .trust import AUD_KEY
from .values import get, normalize


@dataclass(frozen=True)
class LocatedRole:
    """A role and the stack that defines it."""

    resource: Resource
    stack: StackTemplate


def reference_key(value: Any) -> str:
    """The key under which a resolved value is found in ``foreign``."""
    return json.dumps(value, sort_keys=True, default=str)


class RoleLocator:
    """Finds the roles a pool of ``stack`` hands out.

    Args:
        assembly: Every stack that may define them.
        stack: The pool's stack.
        foreign: Values of the pool's stack that name a resource of another stack: ``reference_key(value)`` →
            (stack name, logical id). Default: none (a synthesized template says ``Fn::ImportValue`` instead).
    """

    def __init__(
        self, assembly: Assembly, stack: StackTemplate, foreign: Mapping[str, tuple[str, str]] | None = None
    ) -> None:
        self._assembly = assembly
        self._stack = stack
        self._foreign = dict(foreign or {})

    @property
    def assembly(self) -> Assembly:
        """The stacks the roles are looked up in."""
        return self._assembly

    def find(self, arn: Any) -> LocatedRole | None:
        """The role behind ``arn``, or None when no stack defines it (imported, another account, unknown)."""
        target = self._foreign.get(reference_key(arn))
        if target is not None:
            stack = self._assembly.stack(target[0])
            found = stack.model.resources.get(target[1])
            return LocatedRole(found, stack) if found is not None and found.type == ROLE else None
        here, arn = self._assembly.across(self._stack, arn)  # a parent's parameter, a nested stack's output
        local = here.model.role_for_arn(arn)
        if local is not None:
            return LocatedRole(local, here)
        export = arn.get("Fn::ImportValue") if isinstance(arn, Mapping) and len(arn) == 1 else None
        if isinstance(export, str):
            exported = self._assembly.export(export, here.name)
            if exported is None:
                return None
            stack, value = exported
            role = stack.model.role_for_arn(value)
            return LocatedRole(role, stack) if role is not None else None
        return self._by_name_elsewhere(here, arn)

    def _by_name_elsewhere(self, here: StackTemplate, arn: Any) -> LocatedRole | None:
        """An ARN in ``here``'s account naming a role of another stack of the same literal account."""
        account = here.model.account
        name = here.model.local_role_name(arn)
        if name is None or account is None:
            return None
        for other in self._assembly.names():
            if other == here.name or self._assembly.account(other) != account:
                continue
            stack = self._assembly.stack(other)
            role = stack.model.role_named(name)
            if role is not None:
                return LocatedRole(role, stack)
        return None


def trust_toward(
    assembly: Assembly, role: LocatedRole, pool_stack: StackTemplate, pool_ref: Any
) -> tuple[Any, frozenset[str]]:
    """``role``'s trust policy as the pool's stack reads it, and the names whose values are known only at deploy
    time in it (the parameters of both stacks).

    Each ``aud`` value is followed across nested-stack boundaries (``Assembly.across``): one that is the pool
    becomes ``pool_ref``; one that lands in the pool's stack is written as that stack writes it; any other is
    left as the role's stack writes it. A role of the pool's own stack keeps its policy as it is."""
    document = get(role.resource.properties, "AssumeRolePolicyDocument")
    parameters = frozenset([*role.stack.model.parameters, *pool_stack.model.parameters])
    pool = assembly.across(pool_stack, pool_ref)

    def seen(value: Any) -> Any:
        stack, expr = assembly.across(role.stack, value)
        if stack.name == pool[0].name and normalize(expr) == normalize(pool[1]):
            return pool_ref
        return expr if stack.name == pool_stack.name else value

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, Mapping):
            return node
        return {
            key: ([seen(v) for v in value] if isinstance(value, list) else seen(value))
            if key == AUD_KEY
            else walk(value)
            for key, value in node.items()
        }

    return walk(document), parameters


__all__ = ["LocatedRole", "RoleLocator", "reference_key", "trust_toward"]
