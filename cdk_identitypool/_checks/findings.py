"""What a check finds, by logical id, and the reader's terms it is said in (construct paths and CDK fixes for
an app, logical ids and CloudFormation fixes for a template)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from .._model.assembly import StackTemplate
from .._model.template import Resource, TemplateModel
from .catalog import IdentityPoolCheck


@dataclass(frozen=True)
class PoolFinding:
    """One finding, by logical id.

    Attributes:
        check: Which check.
        stack: The stack of the resource it is about.
        logical_id: The resource it is about: a role, or the pool.
        pool: The pool's (stack, logical id): an acknowledgement on the pool covers its roles.
        message: What is wrong and the fix, in the reader's terms.
    """

    check: IdentityPoolCheck
    stack: str
    logical_id: str
    pool: tuple[str, str]
    message: str


class Terms(Protocol):
    """How findings name things: construct paths and CDK fixes for an app, logical ids and CloudFormation
    fixes for a template."""

    cdk: bool

    def name(self, stack: StackTemplate, resource: Resource) -> str:
        """How the reader knows ``resource`` of ``stack``."""


class TemplateTerms:
    """Logical ids (with the stack, when the assembly has several) and CloudFormation fixes."""

    cdk = False

    def __init__(self, several_stacks: bool = False) -> None:
        self._several = several_stacks

    def name(self, stack: StackTemplate, resource: Resource) -> str:
        return f"{stack.name}/{resource.logical_id}" if self._several else resource.logical_id


class CheckContext(Protocol):
    """What the checks of one role need of the pool being checked."""

    stack: StackTemplate
    model: TemplateModel
    terms: Terms
    pool_ref: Any
    pool_name: str
    roles: Any  # role_lookup.RoleLocator

    def report(
        self, check: IdentityPoolCheck, message: str, stack: StackTemplate | None = None, resource: str = ""
    ) -> None:
        """Record a finding (on the pool, or on ``resource`` of ``stack``)."""

    def fix(self, cdk: str, cloudformation: str) -> str:
        """The fix in the reader's terms."""


__all__ = ["CheckContext", "PoolFinding", "TemplateTerms", "Terms"]
