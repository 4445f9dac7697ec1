"""What apps build around a pool, as methods of it: group roles, per-identity grants, client outputs.

A plain Python mixin of :class:`~cdk_identitypool.IdentityPool`; none of its names is a member of
aws-cdk-lib's classes, so jsii sees no override.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

from aws_cdk import CfnOutput
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from . import group_roles as _group_roles
from . import outputs as _outputs
from . import scoping as _scoping
from .providers import UserPoolAuthenticationProvider

if TYPE_CHECKING:  # for annotations only: aws_s3 and aws_dynamodb are slow to import
    from aws_cdk import aws_dynamodb as dynamodb
    from aws_cdk import aws_s3 as s3

    from .identity_pool import IdentityPool


class PoolPatterns:
    """Group roles, per-identity grants and client outputs (mixed into ``IdentityPool``)."""

    def add_user_pool_group_roles(
        self,
        user_pool: UserPoolAuthenticationProvider,
        *,
        groups: Mapping[str, int] | Sequence[cognito.UserPoolGroup],
        mapping_key: str | None = None,
        resolve_ambiguous_roles: bool = True,
    ) -> dict[str, iam.Role]:
        """Give each group of a user pool its own role, handed out from the user's token.

        Each role trusts only this pool's authenticated identities signed in through that user pool. The
        group gets the role (and its precedence: lower wins when a user is in several groups), and a
        token-based role mapping for the user pool hands out the token's preferred role.

        Args:
            user_pool: One of this pool's user pool providers.
            groups: Group name → precedence (the groups are created), or existing ``cognito.UserPoolGroup``
                constructs with a ``group_name`` (their role is set). Required.
            mapping_key: The role mapping's key. Default: the user pool's construct id.
            resolve_ambiguous_roles: A user in no group (or whose groups tie) gets the authenticated role;
                False denies them. Default: True.

        Returns:
            The roles by group name, for grants.
        """
        return _group_roles.add_group_roles(
            cast("IdentityPool", self),
            user_pool,
            groups,
            mapping_key=mapping_key,
            resolve_ambiguous_roles=resolve_ambiguous_roles,
        )

    def grant_own_objects(
        self,
        grantee: iam.IGrantable,
        bucket: s3.IBucket,
        *,
        prefix: str = "private/",
        actions: Sequence[str] = _scoping.OBJECT_ACTIONS,
        allow_guests: bool = False,
    ) -> iam.Grant:
        """Let each identity read and write only its own objects: ``<prefix><identity id>/*``.

        Also lets it list that folder (``s3:ListBucket`` with an ``s3:prefix`` condition), nothing else.

        Args:
            grantee: The role (e.g. ``pool.authenticated_role``).
            bucket: The bucket.
            prefix: The folder that holds one folder per identity. Default: ``private/``.
            actions: The object actions. Default: ``s3:GetObject``, ``s3:PutObject``, ``s3:DeleteObject``.
            allow_guests: Allow the pool's unauthenticated role; a guest's identity id changes when the guest
                signs in, so its objects are left behind. Default: False (refused).
        """
        _scoping.refuse_guests(grantee, cast("IdentityPool", self).unauthenticated_role, allow_guests)
        return _scoping.grant_own_objects(grantee, bucket, prefix=prefix, actions=actions)

    def grant_own_items(
        self,
        grantee: iam.IGrantable,
        table: dynamodb.ITable,
        *,
        actions: Sequence[str] = _scoping.ITEM_ACTIONS,
        allow_guests: bool = False,
    ) -> iam.Grant:
        """Let each identity reach only the items whose partition key is its identity id.

        Args:
            grantee: The role (e.g. ``pool.authenticated_role``).
            table: The table; its partition key holds identity ids.
            actions: The item actions. Default: get, batch get, query, put, update, delete, batch write.
            allow_guests: Allow the pool's unauthenticated role (see :meth:`grant_own_objects`).
                Default: False (refused).
        """
        _scoping.refuse_guests(grantee, cast("IdentityPool", self).unauthenticated_role, allow_guests)
        return _scoping.grant_own_items(grantee, table, actions=actions)

    def add_client_outputs(self, *, prefix: str | None = None) -> tuple[CfnOutput, CfnOutput]:
        """Stack outputs ``<prefix>IdentityPoolId`` and ``<prefix>Region``, for a client's configuration.

        Args:
            prefix: Starts both output names (letters and digits). Default: the pool's construct id
                without other characters, e.g. ``Pool`` → ``PoolIdentityPoolId``.
        """
        pool = cast("IdentityPool", self)
        return _outputs.client_outputs(pool, pool._id(), prefix)
