"""The pool's final shape, checked when the app synthesizes (``node.add_validation``).

What is added after construction (``Tags.of``, removal policies applied by aspects or
``RemovalPolicies.of``, ``add_*`` calls, values that are Lazy until synth) only exists in its final form
at synth. aws-cdk-lib accepts all of these shapes, and Cognito or IAM refuses them at deploy: each problem
becomes an **error annotation** on the pool, so ``cdk synth`` and ``cdk deploy`` stop with the reason,
while ``Template.from_stack`` in unit tests still synthesizes (as it does for aws-cdk-lib's pool).

One validation per stack checks every pool of the stack: one jsii call per pool to register (finding
its stack, which the pool needs anyway), instead of three.

The check itself is ``stack_check`` (imported when the app synthesizes): it reads each pool as ``rendered``
renders it, and finds the problems with ``value_problems`` (tags, and values that were tokens at
construction) and ``provider_problems`` (duplicates, mappings for providers the pool lacks, imported ids, app
clients of another user pool).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import jsii
from aws_cdk import Annotations
from constructs import IConstruct, IValidation

if TYPE_CHECKING:
    from .pool_state import PoolState

#: Every message starts with this, so users can tell (and acknowledge) ours.
PREFIX = "[cdk-identitypool]"
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
        from .stack_check import check_stack  # imported when the app synthesizes, not with the construct

        for pool, problem in check_stack(self.pools):
            Annotations.of(pool).add_error(f"{PREFIX} {problem}")
        return []


__all__ = ["PREFIX", "watch"]
