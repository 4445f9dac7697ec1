"""The stacks the analysis reads together: a cloud assembly's (Stages and nested stacks included), one
template file's, or a CDK app's (read from its construct tree by the checks' adapter). A role handed out in
one stack may be defined in another: through an export (``Fn::ImportValue``), or by name in one account."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .template import TemplateModel
from .values import ref_logical_id


@dataclass(frozen=True)
class StackTemplate:
    """One stack: its name as the reader knows it, its model, and the template file it was read from.

    Attributes:
        name: The stack's display name (``Stage/Stack`` inside a Stage, ``Parent/Logical`` for a nested stack).
        model: The template model.
        file: The template file, when read from disk.
        nested: The nested stacks whose templates sit beside this one.
        parent: For a nested stack: its parent stack's name.
        parent_resource: For a nested stack: the logical id of its ``AWS::CloudFormation::Stack`` in the parent.
        parent_parameters: For a nested stack: the ``Parameters`` that resource gives it, in the parent's terms.
    """

    name: str
    model: TemplateModel
    file: str | None = None
    nested: tuple[StackTemplate, ...] = field(default=())
    parent: str | None = None
    parent_resource: str | None = None
    parent_parameters: Mapping[str, Any] = field(default_factory=dict)


class Assembly:
    """Stacks by name, each read when first asked for (a CDK app's are read from its construct tree)."""

    def __init__(
        self,
        stacks: Sequence[StackTemplate] = (),
        *,
        lazy: dict[str, tuple[str | None, Callable[[], TemplateModel]]] | None = None,
    ) -> None:
        self._stacks: dict[str, StackTemplate] = {}
        for stack in stacks:
            self._add(stack)
        self._lazy = dict(lazy or {})
        """Stacks not read yet: name → (account, reader)."""

    def _add(self, stack: StackTemplate) -> None:
        self._stacks[stack.name] = stack
        for nested in stack.nested:
            self._add(nested)

    def names(self) -> list[str]:
        """Every stack's name, in order (nested stacks after their parent)."""
        return [*self._stacks, *(n for n in self._lazy if n not in self._stacks)]

    def stack(self, name: str) -> StackTemplate:
        """The stack called ``name`` (read now if it was not yet)."""
        if name not in self._stacks:
            _, reader = self._lazy[name]
            self._stacks[name] = StackTemplate(name, reader())
        return self._stacks[name]

    def account(self, name: str) -> str | None:
        """A stack's literal account, without reading it; None when unknown."""
        if name in self._stacks:
            return self._stacks[name].model.account
        return self._lazy[name][0]

    def __iter__(self) -> Iterator[StackTemplate]:
        return (self.stack(name) for name in self.names())

    def across(self, stack: StackTemplate, expr: Any) -> tuple[StackTemplate, Any]:
        """Where ``expr`` of ``stack`` comes from across nested-stack boundaries, followed until neither applies:
        a parameter of a nested stack that its parent sets is the parent's value (``Parameters`` of its
        ``AWS::CloudFormation::Stack``), and a nested stack's output read by its parent (``Fn::GetAtt [Stack,
        Outputs.X]``) is the nested stack's ``Value`` of ``X``. Anything else is returned as it is."""
        for _ in range(_MAX_HOPS):
            name = ref_logical_id(expr)
            if name is not None and stack.parent is not None and name in stack.parent_parameters:
                if name not in stack.model.parameters or stack.parent not in self.names():
                    break
                stack, expr = self.stack(stack.parent), stack.parent_parameters[name]
                continue
            target = expr.get("Fn::GetAtt") if isinstance(expr, Mapping) and len(expr) == 1 else None
            if isinstance(target, list) and len(target) == 2 and str(target[1]).startswith("Outputs."):
                child = self._stacks.get(f"{stack.name}/{target[0]}")
                output = str(target[1])[len("Outputs.") :]
                if child is not None and child.parent_resource == target[0] and output in child.model.outputs:
                    stack, expr = child, child.model.outputs[output]
                    continue
            break
        return stack, expr

    def export(self, name: str, excluding: str) -> tuple[StackTemplate, Any] | None:
        """The stack that exports ``name`` and the exported value (exports are per account and region; the
        stacks of one assembly are taken to share them, as CDK's cross-stack references require), from a stack
        other than ``excluding`` (the importing one)."""
        for stack in self:
            if name in stack.model.exports and stack.name != excluding:
                return stack, stack.model.exports[name]
        return None


#: How many nested-stack boundaries ``Assembly.across`` follows (a bound against templates that loop).
_MAX_HOPS = 32

__all__ = ["Assembly", "StackTemplate"]
