"""What apps build around a pool, as methods of it: group roles, per-identity grants, client outputs.

A plain Python mixin of :class:`~cdk_identitypool.IdentityPool`; none of its names is a member of
aws-cdk-lib's classes, so jsii sees no override.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from aws_cdk import CfnOutput
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from . import outputs as _outputs
from . import scoping as _scoping
from .pool_members import PoolMembers
from .providers import UserPoolAuthenticationProvider

if TYPE_CHECKING:  # for annotations only: aws_s3 and aws_dynamodb are slow to import
    from aws_cdk import aws_dynamodb as dynamodb
    from aws_cdk import aws_s3 as s3


class PoolPatterns(PoolMembers):
    """Group roles, per-identity grants and client outputs (mixed into ``IdentityPool``).

    What it needs of the pool is declared by :class:`PoolMembers` for type checkers only (``IdentityPool`` and
    aws-cdk-lib's L2 define it), so no method casts ``self``.
    """

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
        from . import group_roles  # imported on first use: most apps never make group roles

        return group_roles.add_group_roles(
            self,
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
            prefix: The folder that holds one folder per identity: a literal (no ``*``, ``?`` or ``${``).
                Default: ``private/``.
            actions: The object actions. Default: ``s3:GetObject``, ``s3:PutObject``, ``s3:DeleteObject``. A
                bucket with a customer-managed KMS key also gets its key granted, as ``bucket.grant_read`` /
                ``grant_write`` do (decrypt to read objects, encrypt and decrypt to write them).
            allow_guests: Allow the pool's unauthenticated role; a guest's identity id changes when the guest
                signs in, so its objects are left behind. Default: False (refused).
        """
        _scoping.refuse_guests(grantee, self.unauthenticated_role, allow_guests)
        return _scoping.grant_own_objects(grantee, bucket, prefix=prefix, actions=actions)

    def grant_own_items(
        self,
        grantee: iam.IGrantable,
        table: dynamodb.ITable,
        *,
        actions: Sequence[str] = _scoping.ITEM_ACTIONS,
        allow_guests: bool = False,
        include_indexes: bool = False,
    ) -> iam.Grant:
        """Let each identity reach only the items whose partition key is its identity id.

        The grant's condition is ``ForAllValues:StringEquals`` on ``dynamodb:LeadingKeys``, which is true when a
        request carries no partition key at all: so only item actions whose requests always name their keys
        are accepted (no ``Scan``, ``PartiQLSelect``, table-level actions or wildcards). A table with a
        customer-managed KMS key also gets its key granted (decrypt to read, encrypt and decrypt to write).

        Args:
            grantee: The role (e.g. ``pool.authenticated_role``).
            table: The table; its partition key holds identity ids.
            actions: The item actions: any of ``GetItem``, ``BatchGetItem``, ``Query``, ``ConditionCheckItem``,
                ``PutItem``, ``UpdateItem``, ``DeleteItem``, ``BatchWriteItem``, ``PartiQLInsert``,
                ``PartiQLUpdate``, ``PartiQLDelete`` (with the ``dynamodb:`` prefix). Default: get, batch get,
                query, put, update, delete, batch write.
            allow_guests: Allow the pool's unauthenticated role (see :meth:`grant_own_objects`).
                Default: False (refused).
            include_indexes: Also grant the actions on the table's indexes (``<table arn>/index/*``), e.g. a
                ``Query`` of a global secondary index. There ``dynamodb:LeadingKeys`` is the index's partition
                key, so use it only for indexes whose partition key holds identity ids too. Default: False
                (the table only; aws-cdk-lib's ``table.grant_read_data`` adds indexes, but its grant is not
                per-identity).
        """
        _scoping.refuse_guests(grantee, self.unauthenticated_role, allow_guests)
        return _scoping.grant_own_items(grantee, table, actions=actions, include_indexes=include_indexes)

    def add_client_outputs(self, *, prefix: str | None = None) -> tuple[CfnOutput, CfnOutput]:
        """Stack outputs ``<prefix>IdentityPoolId`` and ``<prefix>Region``, for a client's configuration.

        Args:
            prefix: Starts both output names (letters and digits). Default: the pool's construct id
                without other characters, e.g. ``Pool`` → ``PoolIdentityPoolId``.
        """
        pool = self
        return _outputs.client_outputs(pool, pool._id(), prefix)
