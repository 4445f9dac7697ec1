"""What an :class:`~cdk_identitypool.IdentityPool` knows beyond aws-cdk-lib's L2, in one typed object: its stack,
the props it was given (checked), what was added since, and its L1s (found on first use). The pool's methods
change it; the synth-time check of the final shape reads it (and the stack's rendered template), never the
pool's insides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aws_cdk import Stack
    from aws_cdk import aws_cognito as cognito
    from aws_cdk import aws_iam as iam
    from constructs import IConstruct

    from .pool_props import CheckedProps
    from .principal_tags import IdentityPoolPrincipalTags
    from .providers import IdentityPoolAuthenticationProviders
    from .role_mapping import IdentityPoolRoleMapping


@dataclass(eq=False)
class PoolState:
    """One pool's state.

    Attributes:
        pool: The pool (aws-cdk-lib's L2, ours).
        stack: The pool's stack.
        made: The default roles aws-cdk-lib made (``Authenticated`` / ``Unauthenticated``), in that order.
        providers: The authentication providers given at construction (checked).
        name_prop: The ``identity_pool_name`` prop, if given.
        oidc_arns: The OIDC providers' ARNs (unique).
        saml_arns: The SAML providers' ARNs (unique).
        role_mappings: Every role mapping, in order.
        user_pool_providers: The user pool providers, in order.
        user_pool_keys: What tells two user pool providers apart at construction: the user pool and client
            objects, or the provider name and client id read in Python.
        principal_tags: Principal tags by provider name.
        pool_id: The pool's id token, read on first use.
        root_id: The pool's construct id when its scope is the stack itself (its logical id then follows from
            it), else None.
        synthesized: Set when the app synthesizes: later ``add_*`` calls would be lost.
        tag_session_trusted: Set once the default roles trust ``sts:TagSession``.
        tag_session_later: Roles made before principal tags (group roles): their trusts get
            ``sts:TagSession`` with the first tags.
    """

    pool: IConstruct
    stack: Stack
    made: list[str]
    providers: IdentityPoolAuthenticationProviders
    name_prop: str | None
    oidc_arns: list[str]
    saml_arns: list[str]
    role_mappings: list[IdentityPoolRoleMapping]
    user_pool_providers: list[Any] = field(default_factory=list)
    user_pool_keys: list[object] = field(default_factory=list)
    principal_tags: dict[str, IdentityPoolPrincipalTags] = field(default_factory=dict)
    pool_id: str | None = None
    root_id: str | None = None
    synthesized: bool = False
    tag_session_trusted: bool = False
    tag_session_later: list[tuple[iam.Role, iam.IPrincipal]] = field(default_factory=list)
    _children: list[Any] | None = field(default=None, repr=False)

    @classmethod
    def of(
        cls, pool: IConstruct, stack: Stack, made: list[str], checked: CheckedProps, name_prop: str | None
    ) -> PoolState:
        """The state of a pool aws-cdk-lib has just built; ``made`` names the default roles it made, in order.
        Its L1s are found when first needed (most pools never need them: aws-cdk-lib renders the props)."""
        return cls(
            pool=pool,
            stack=stack,
            made=made,
            providers=checked.providers,
            name_prop=name_prop,
            oidc_arns=checked.oidc_arns,
            saml_arns=checked.saml_arns,
            role_mappings=list(checked.role_mappings),
        )

    def _l1s(self) -> list[Any]:
        """The pool's subtree, walked once (two calls into Node), on first use."""
        if self._children is None:
            self._children = list(self.pool.node.find_all())
        return self._children

    @property
    def cfn(self) -> cognito.CfnIdentityPool:
        """The ``AWS::Cognito::IdentityPool`` L1."""
        from aws_cdk import aws_cognito as cognito

        found: cognito.CfnIdentityPool = next(c for c in self._l1s() if isinstance(c, cognito.CfnIdentityPool))
        return found

    @property
    def attachment(self) -> cognito.CfnIdentityPoolRoleAttachment:
        """The ``AWS::Cognito::IdentityPoolRoleAttachment`` L1."""
        from aws_cdk import aws_cognito as cognito

        found: cognito.CfnIdentityPoolRoleAttachment = next(
            c for c in self._l1s() if isinstance(c, cognito.CfnIdentityPoolRoleAttachment)
        )
        return found

    @property
    def default_roles(self) -> list[tuple[str, iam.CfnRole]]:
        """The roles aws-cdk-lib made, as ``(kind, L1)``."""
        from aws_cdk import aws_iam as iam

        # aws-cdk-lib makes them right after the pool's L1, so they come first in the walk (roles added later
        # under the pool, such as group roles, come after them).
        roles = [c for c in self._l1s() if isinstance(c, iam.CfnRole)]
        return list(zip(self.made, roles[: len(self.made)], strict=True))


__all__ = ["PoolState"]
