"""Which role a pool hands out, found by identity across the stacks of an app: never by a logical id or a
name that only looks the same.

Before synthesis prepares cross-stack references, a reference to a role of another stack resolves to a
plain ``Fn::GetAtt [<logical id>, Arn]`` whose logical id means nothing in the pool's stack (a role with
the same construct path there has the same logical id). So the values that hand out roles (the role
attachment's and the user pool groups') are read unresolved once: a token that references a resource of
another stack names that resource, and the role is read from its own stack. ``Fn::ImportValue`` (in
templates already synthesized, e.g. through the command line) names the export of another stack. A role
named by ARN is found by name in another stack only when both stacks are in the same, literal account.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
from constructs import IConstruct

from .._construct.validation import STRING_TOKEN
from .._model.template import ROLE, Resource, TemplateModel
from .tree_model import model_of_stack

_PROPS = "aws:cdk:cloudformation:props"


@dataclass(frozen=True)
class LocatedRole:
    """A role, the model of the stack that defines it, and its L1 construct (when the tree has it)."""

    resource: Resource
    model: TemplateModel
    construct: IConstruct | None


class RoleLocator:
    """Finds the roles a pool in ``stack`` hands out, in that stack or in another stack of the app."""

    def __init__(self, stack: cdk.Stack, model: TemplateModel, constructs: dict[str, IConstruct]) -> None:
        self._stack = stack
        self._model = model
        self._constructs = constructs
        self._foreign: dict[str, cdk.CfnResource] | None = None
        self._models: dict[str, TemplateModel] = {}

    def watch(self, sources: Iterable[Resource]) -> None:
        """Read the unresolved properties of ``sources`` (the resources that name roles) for cross-stack refs."""
        foreign: dict[str, cdk.CfnResource] = {}
        for source in sources:
            inspect = getattr(self._constructs.get(source.path or ""), "inspect", None)
            if inspect is None:
                continue
            inspector = cdk.TreeInspector()
            inspect(inspector)
            for text in _token_strings(inspector.attributes.get(_PROPS)):
                tokens = cdk.Tokenization.reverse_string(text).tokens
                target = tokens[0].target if len(tokens) == 1 and isinstance(tokens[0], cdk.Reference) else None
                if isinstance(target, cdk.CfnResource) and cdk.Stack.of(target) is not self._stack:
                    foreign[_key(self._stack.resolve(text))] = target
        self._foreign = foreign

    def find(self, arn: Any) -> LocatedRole | None:
        """The role behind ``arn``, or None when no stack of the app defines it (imported, another account)."""
        target = (self._foreign or {}).get(_key(arn))
        if target is not None:
            stack = cdk.Stack.of(target)
            model = self._model_of(stack)
            found = model.resources.get(stack.resolve(target.logical_id))
            return LocatedRole(found, model, target) if found is not None and found.type == ROLE else None
        local = self._model.role_for_arn(arn)
        if local is not None:
            return LocatedRole(local, self._model, self._constructs.get(local.path or ""))
        export = arn.get("Fn::ImportValue") if isinstance(arn, dict) and len(arn) == 1 else None
        if isinstance(export, str):
            return self._by_export(export)
        return self._by_name_elsewhere(arn)

    def _by_export(self, name: str) -> LocatedRole | None:
        """``Fn::ImportValue`` of another stack's export (same account and region, as CloudFormation requires)."""
        for stack in _other_stacks(self._stack):
            for output in stack.node.find_all():
                if isinstance(output, cdk.CfnOutput) and stack.resolve(output.export_name) == name:
                    model = self._model_of(stack)
                    role = model.role_for_arn(stack.resolve(output.value))
                    if role is None:
                        return None
                    return LocatedRole(role, model, _construct_at(stack.node.root, role.path))
        return None

    def _by_name_elsewhere(self, arn: Any) -> LocatedRole | None:
        """An ARN in this stack's account naming a role of another stack of the same literal account."""
        name = self._model.local_role_name(arn)
        if name is None or self._model.account is None:
            return None
        for stack in _other_stacks(self._stack):
            if stack.account != self._model.account:
                continue
            model = self._model_of(stack)
            role = model.role_named(name)
            if role is not None:
                return LocatedRole(role, model, _construct_at(stack.node.root, role.path))
        return None

    def _model_of(self, stack: cdk.Stack) -> TemplateModel:
        path = stack.node.path
        if path not in self._models:
            self._models[path] = model_of_stack(stack)
        return self._models[path]


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _token_strings(value: Any) -> Iterator[str]:
    """Every string of ``value`` that is exactly one token (a reference, not text around one)."""
    if isinstance(value, str):
        if STRING_TOKEN.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _token_strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _token_strings(item)


def _construct_at(root: IConstruct, path: str | None) -> IConstruct | None:
    node: IConstruct | None = root
    for part in (path or "").split("/"):
        node = node.node.try_find_child(part) if node is not None else None
    return node


def _other_stacks(stack: cdk.Stack) -> Iterator[cdk.Stack]:
    for node in stack.node.root.node.find_all():
        if isinstance(node, cdk.Stack) and node is not stack:
            yield node


__all__ = ["LocatedRole", "RoleLocator"]
