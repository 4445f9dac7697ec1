"""The checks on a CDK app: the template model read from the construct tree (each stack once per pool check,
as synthesis prepares it), references to other stacks resolved by identity, and findings mapped back from
logical ids to constructs, in CDK's terms (construct paths, CDK fixes). Used by the Aspect and the cdk-nag pack.

Before synthesis prepares cross-stack references, a reference to a role of another stack resolves to a plain
``Fn::GetAtt [<logical id>, Arn]`` whose logical id means nothing in the pool's stack. So the values that hand
out roles (the role attachment's and the user pool groups') are read unresolved: a token that references a
resource of another stack names that resource, and the role is read from its own stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct, IConstruct

from .._construct.validation import STRING_TOKEN
from .._model.assembly import Assembly, StackTemplate
from .._model.role_lookup import reference_key
from .._model.template import ATTACHMENT, USER_POOL_GROUP, Resource, TemplateModel
from .catalog import IdentityPoolCheck
from .pool_check import pool_findings
from .tree_model import model_of_stack

_PROPS = "aws:cdk:cloudformation:props"


@dataclass(frozen=True)
class AppFinding:
    """A finding on a construct of the app.

    Attributes:
        check: Which check.
        target: The construct it is about (an ``iam.Role``, the pool, or an L1).
        message: What is wrong and the fix, in CDK's terms.
        pool: The pool's construct (an acknowledgement on it covers the roles it hands out).
    """

    check: IdentityPoolCheck
    target: IConstruct
    message: str
    pool: IConstruct

    def acknowledged(self) -> str | None:
        """The reason, if the finding is acknowledged on its target, the pool, or an ancestor of either."""
        from .acknowledgements import acknowledgement

        return acknowledgement(self.check, [self.target, self.pool])


class _CdkTerms:
    """Construct paths: an L1 named ``Resource`` is known by its owner (the ``iam.Role``, the pool)."""

    cdk = True

    def __init__(self, root: IConstruct) -> None:
        self._root = root

    def name(self, stack: StackTemplate, resource: Resource) -> str:
        found = construct_at(self._root, resource.path)
        return owner_of(found).node.path if found is not None else resource.path or resource.logical_id


def app_findings(cfn_pool: cognito.CfnIdentityPool, models: dict[str, TemplateModel] | None = None) -> list[AppFinding]:
    """The findings about one pool of an app and the roles it hands out, on constructs.

    ``models`` caches each stack's model by construct path, so a stack is read once for all its pools (the
    Aspect passes one per synthesis); without it, each call reads the stacks it needs afresh.
    """
    cache: dict[str, TemplateModel] = {} if models is None else models
    stack = cdk.Stack.of(cfn_pool)
    root = stack.node.root
    stacks = list(_stacks(root))
    lazy = {s.node.path: (_literal_account(s), _reader(s, cache)) for s in stacks if s is not stack}
    own = StackTemplate(stack.node.path, _reader(stack, cache)())
    assembly = Assembly([own], lazy=lazy)
    pool_id = stack.resolve(cfn_pool.logical_id)
    foreign = _foreign_references(stack, own, pool_id)
    owner = cfn_pool.node.scope
    l2_pool: Any = owner if owner is not None and hasattr(owner, "cfn_identity_pool") else None
    pool_construct: IConstruct = l2_pool if l2_pool is not None else cfn_pool
    found = []
    for finding in pool_findings(assembly, own, pool_id, _CdkTerms(root), foreign):
        if finding.check is IdentityPoolCheck.UNCONFIGURED_PROVIDER and hasattr(l2_pool, "_state"):
            continue  # IdentityPool's own synth-time check reports these
        resource = assembly.stack(finding.stack).model.resources.get(finding.logical_id)
        if finding.logical_id == pool_id and finding.stack == own.name:
            target = pool_construct
        else:
            located = construct_at(root, resource.path if resource else None)
            target = owner_of(located) if located is not None else pool_construct
        found.append(AppFinding(finding.check, target, finding.message, pool_construct))
    return found


def _reader(stack: cdk.Stack, cache: dict[str, TemplateModel]) -> Any:
    def read() -> TemplateModel:
        path = stack.node.path
        if path not in cache:
            cache[path] = model_of_stack(stack)
        return cache[path]

    return read


def _literal_account(stack: cdk.Stack) -> str | None:
    return None if cdk.Token.is_unresolved(stack.account) else stack.account


def _stacks(root: IConstruct) -> Iterator[cdk.Stack]:
    for node in root.node.find_all():
        if isinstance(node, cdk.Stack):
            yield node


def _foreign_references(stack: cdk.Stack, own: StackTemplate, pool_id: str) -> dict[str, tuple[str, str]]:
    """Values of the pool's attachments and of the stack's user pool groups that reference a resource of
    another stack."""
    root = stack.node.root
    foreign: dict[str, tuple[str, str]] = {}
    for source in [*own.model.for_pool(ATTACHMENT, pool_id), *own.model.of_type(USER_POOL_GROUP)]:
        inspect = getattr(construct_at(root, source.path), "inspect", None)
        if inspect is None:
            continue
        inspector = cdk.TreeInspector()
        inspect(inspector)
        for text in _token_strings(inspector.attributes.get(_PROPS)):
            tokens = cdk.Tokenization.reverse_string(text).tokens
            target = tokens[0].target if len(tokens) == 1 and isinstance(tokens[0], cdk.Reference) else None
            if isinstance(target, cdk.CfnResource) and cdk.Stack.of(target) is not stack:
                other = cdk.Stack.of(target)
                foreign[reference_key(stack.resolve(text))] = (other.node.path, other.resolve(target.logical_id))
    return foreign


def _token_strings(value: Any) -> Iterator[str]:
    """Every string of ``value`` that is exactly one token (a reference, not text around one)."""
    if isinstance(value, str):
        if STRING_TOKEN.fullmatch(value):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _token_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _token_strings(item)


def construct_at(root: IConstruct, path: str | None) -> IConstruct | None:
    """The construct at ``path`` (as ``aws:cdk:path`` spells it, from the root)."""
    if not path:
        return None
    node: IConstruct | None = root
    for part in path.split("/"):
        node = node.node.try_find_child(part) if node is not None else None
    return node


def owner_of(cfn: IConstruct) -> IConstruct:
    """The construct to report on: the ``iam.Role`` (or other L2) owning an L1 named ``Resource``."""
    owner = cfn.node.scope
    if isinstance(owner, iam.Role) or (
        isinstance(owner, Construct) and cfn.node.id == "Resource" and not cdk.Stack.is_stack(owner)
    ):
        return owner
    return cfn


__all__ = ["AppFinding", "app_findings", "construct_at", "owner_of"]
