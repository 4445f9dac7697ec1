"""What the pool's mixins need of the pool (``IdentityPool`` and aws-cdk-lib's L2 define it), declared for type
checkers only: :class:`PoolMembers` is a plain ``object`` at run time. ``PoolPatterns`` derives from it and
``group_roles`` takes one, so neither module needs the other for its types."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

if TYPE_CHECKING:
    from aws_cdk import aws_cognito_identitypool as upstream
    from constructs import Construct as _Scope  # the pool is a construct; at run time the L2 makes it one

    from .principal_tags import IdentityPoolPrincipalTags
    from .provider_url import IdentityPoolProviderUrl
    from .providers import IUserPoolAuthenticationProvider
    from .role_mapping import IdentityPoolRoleMapping
else:
    _Scope = object


class PoolMembers(_Scope):
    """The members of the pool its mixins use, declared below for type checkers only, so no method casts
    ``self``."""

    if TYPE_CHECKING:
        authenticated_role: iam.IRole
        unauthenticated_role: iam.IRole

        @property
        def user_pool_providers(self) -> list[IUserPoolAuthenticationProvider]: ...

        @property
        def principal_tags(self) -> list[IdentityPoolPrincipalTags]: ...

        def federated_principal(
            self,
            identity_type: str = "authenticated",
            *,
            session_tags: bool = False,
            providers: Sequence[IdentityPoolProviderUrl | cognito.IUserPool | str] | None = None,
        ) -> iam.IPrincipal: ...

        def add_role_mappings(
            self, *role_mappings: IdentityPoolRoleMapping | upstream.IdentityPoolRoleMapping | Mapping[str, Any]
        ) -> None: ...

        def _tag_session_later(self) -> list[tuple[iam.Role, iam.IPrincipal]]: ...

        def _id(self) -> str: ...


__all__ = ["PoolMembers"]
