"""Where things live: a user pool or a mapped role of another stack, Stage or environment is refused clearly at
construction where CloudFormation (or aws-cdk-lib, with a trace at synth) would refuse the reference."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aws_cdk import Stack, Stage
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .validation import is_token

if TYPE_CHECKING:
    from .pool_state import PoolState
    from .role_mapping import IdentityPoolRoleMapping


def check_mapped_role_stacks(state: PoolState, mappings: Sequence[IdentityPoolRoleMapping]) -> None:
    """A mapped role of another stack that trusts this pool by reference: the pool's stack would reference the
    role's and the role's the pool's, a cycle CloudFormation cannot deploy (aws-cdk-lib fails at synth with a
    DependencyCycle trace). Say so now, with the way out."""
    for i, mapping in enumerate(mappings):
        for j, rule in enumerate(mapping.rules or ()):
            role = rule.mapped_role
            if not isinstance(role, Construct):
                continue
            other = Stack.of(role)  # one call per mapped role
            if other is state.stack or other.node.path == state.stack.node.path or _nested_in(other, state.stack):
                continue  # a nested stack of the pool's: its resource follows the pool, the attachment follows it
            trust = getattr(role, "assume_role_policy", None)
            rendered = json.dumps(other.resolve(trust), default=str) if trust is not None else ""
            pool_id = state.stack.resolve(state.cfn.logical_id)
            if f'"{pool_id}"' not in rendered:
                continue
            raise IdentityPoolValidationError(
                f"role_mappings[{i}].rules[{j}].mapped_role",
                role.node.path,
                f"the role is in stack {_name(other)!r} and trusts this pool of stack "
                f"{_name(state.stack)!r} by reference, so each stack would need the other deployed first (a "
                "dependency cycle). Create the role in the pool's stack, or give it a role_name and map it by name "
                "in the pool's stack "
                "(iam.Role.from_role_name(pool_stack, 'Mapped', role_name)); README: Two stacks",
            )


def check_same_environment(stack: Stack, user_pool: Any, prop: str = "user_pools") -> Stack | None:
    """A user pool of another stack: aws-cdk-lib refuses the reference at synth unless both stacks have an
    explicit region; say so now, naming both stacks, instead of its trace. Returns the user pool's stack (None
    for a user pool that is not a construct)."""
    if not isinstance(user_pool, Construct):
        return None
    other: Stack = Stack.of(user_pool)
    if other is stack or other.node.path == stack.node.path:
        return other
    here_stage, there_stage = Stage.of(stack), Stage.of(other)
    if here_stage is not None and there_stage is not None and here_stage.node.path != there_stage.node.path:
        raise IdentityPoolValidationError(
            prop,
            user_pool.node.path,
            f"the user pool is in stack {other.node.path!r} and the identity pool in stack {stack.node.path!r}, "
            "in another Stage: CloudFormation stacks of different Stages cannot reference each other. Create the "
            "user pool in the identity pool's Stage, or import it by id there (cognito.UserPool.from_user_pool_id)",
        )
    here, there = stack.region, other.region
    if is_token(here) != is_token(there):
        raise IdentityPoolValidationError(
            prop,
            user_pool.node.path,
            f"the user pool is in stack {_name(other)!r} (region {'unknown' if is_token(there) else there}) "
            f"and the identity pool in stack {_name(stack)!r} (region {'unknown' if is_token(here) else here}); "
            "references across stacks need an explicit region in both: give both stacks the same env",
        )
    return other


def _nested_in(stack: Stack, ancestor: Stack) -> bool:
    """Whether ``stack`` is a nested stack of ``ancestor`` (at any depth)."""
    parent = stack.nested_stack_parent
    while parent is not None:
        if parent.node.path == ancestor.node.path:
            return True
        parent = parent.nested_stack_parent
    return False


def _name(stack: Stack) -> str:
    """A stack as a message names it: its name, or its path where the name is known only at deploy time (a
    nested stack's)."""
    name = stack.stack_name
    return stack.node.path if is_token(name) else name


__all__ = ["check_mapped_role_stacks", "check_same_environment"]
