"""What an :class:`~cdk_identitypool.IdentityPool` knows beyond aws-cdk-lib's L2, in one typed object: its L1s,
its stack, the props it was given (checked) and what was added since. The pool's methods change it; the
synth-time check of the final shape reads it (with the L1s' rendered properties), never the pool's insides."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aws_cdk import Stack
    from aws_cdk import aws_cognito as cognito
    from aws_cdk import aws_iam as iam
    from constructs import IConstruct

    from .pool_props import CheckedProps
    from .principal_tags import IdentityPoolPrincipalTags
    from .providers import (
        IdentityPoolAuthenticationProviders,
        IUserPoolAuthenticationProvider,
        UserPoolAuthenticationProviderBindConfig,
    )
    from .role_mapping import IdentityPoolRoleMapping


@dataclass(eq=False)
class PoolState:
    """One pool's state.

    Attributes:
        stack: The pool's stack.
        cfn: The ``AWS::Cognito::IdentityPool`` L1.
        attachment: The ``AWS::Cognito::IdentityPoolRoleAttachment`` L1.
        default_roles: The roles aws-cdk-lib made (``Authenticated`` / ``Unauthenticated``, L1).
        providers: The authentication providers given at construction (checked).
        name_prop: The ``identity_pool_name`` prop, if given.
        oidc_arns: The OIDC providers' ARNs (unique).
        saml_arns: The SAML providers' ARNs (unique).
        role_mappings: Every role mapping, in order.
        user_pool_configs: The bound user pool providers' configurations.
        user_pool_providers: The user pool providers, in order.
        principal_tags: Principal tags by provider name.
        pool_id: The pool's id token, read on first use.
        synthesized: Set when the app synthesizes: later ``add_*`` calls would be lost.
        tag_session_trusted: Set once the default roles trust ``sts:TagSession``.
        tag_session_later: Roles made before principal tags (group roles): their trusts get
            ``sts:TagSession`` with the first tags.
    """

    stack: Stack
    cfn: cognito.CfnIdentityPool
    attachment: cognito.CfnIdentityPoolRoleAttachment
    default_roles: list[tuple[str, iam.CfnRole]]
    providers: IdentityPoolAuthenticationProviders
    name_prop: str | None
    oidc_arns: list[str]
    saml_arns: list[str]
    role_mappings: list[IdentityPoolRoleMapping]
    user_pool_configs: list[UserPoolAuthenticationProviderBindConfig] = field(default_factory=list)
    user_pool_providers: list[IUserPoolAuthenticationProvider] = field(default_factory=list)
    principal_tags: dict[str, IdentityPoolPrincipalTags] = field(default_factory=dict)
    pool_id: str | None = None
    synthesized: bool = False
    tag_session_trusted: bool = False
    tag_session_later: list[tuple[iam.Role, iam.IPrincipal]] = field(default_factory=list)

    @classmethod
    def found_in(
        cls, pool: IConstruct, stack: Stack, made: list[str], checked: CheckedProps, name_prop: str | None
    ) -> PoolState:
        """The state of a pool aws-cdk-lib has just built: its L1s found by one walk of its subtree (cheaper
        than reading each through its L2); ``made`` names the default roles it made, in order."""
        from aws_cdk import aws_cognito as cognito
        from aws_cdk import aws_iam as iam

        children = pool.node.find_all()
        return cls(
            stack=stack,
            cfn=next(c for c in children if isinstance(c, cognito.CfnIdentityPool)),
            attachment=next(c for c in children if isinstance(c, cognito.CfnIdentityPoolRoleAttachment)),
            default_roles=list(zip(made, [c for c in children if isinstance(c, iam.CfnRole)], strict=True)),
            providers=checked.providers,
            name_prop=name_prop,
            oidc_arns=checked.oidc_arns,
            saml_arns=checked.saml_arns,
            role_mappings=list(checked.role_mappings),
        )


__all__ = ["PoolState"]
