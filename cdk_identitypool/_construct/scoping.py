"""Per-identity scoping: grants that reach only the caller's own data, keyed by the identity id.

Cognito puts the caller's identity id in the ``${cognito-identity.amazonaws.com:sub}`` policy variable.
A guest's identity id changes when the guest signs in (the guest identity is merged into, or replaced
by, the user's), so data keyed by it is not a durable home for guests: these grants refuse the pool's
unauthenticated role unless asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from aws_cdk import aws_iam as iam
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .validation import check_sequence, check_str, has_attr

if TYPE_CHECKING:  # imported for annotations only: aws_s3 and aws_dynamodb are slow to import
    from aws_cdk import aws_dynamodb as dynamodb
    from aws_cdk import aws_s3 as s3

#: The IAM policy variable holding the caller's identity id (``<region>:<uuid>``).
IDENTITY_ID = "${cognito-identity.amazonaws.com:sub}"

#: What ``grant_own_objects`` grants by default: read, write and delete one's own objects.
OBJECT_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject")
#: What ``grant_own_items`` grants by default: item reads and writes, and queries of one's own partition.
ITEM_ACTIONS = (
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:Query",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",
)


def refuse_guests(grantee: iam.IGrantable, guest_role: iam.IRole, allow_guests: bool) -> None:
    if allow_guests or not isinstance(grantee, Construct):
        return
    # jsii may hand out a new Python object for the same role: compare construct paths.
    if grantee.node.path == guest_role.node.path:
        raise IdentityPoolValidationError(
            "grantee",
            "the pool's unauthenticated role",
            "a guest's identity id changes when the guest signs in, so data keyed by it is lost to the user; "
            "pass allow_guests=True if that is what you want",
        )


def grant_own_objects(grantee: iam.IGrantable, bucket: s3.IBucket, *, prefix: str, actions: Sequence[str]) -> iam.Grant:
    """``actions`` on ``<prefix><identity id>/*`` only, and listing of that folder only."""
    has_attr("bucket", bucket, "arn_for_objects", "an s3.IBucket")
    check_str("prefix", prefix, min_len=0, max_len=1024)
    if prefix.startswith("/"):
        raise IdentityPoolValidationError("prefix", prefix, "object keys do not start with '/'")
    for i, action in enumerate(check_sequence("actions", actions)):
        check_str(f"actions[{i}]", action, pattern=r"s3:[A-Za-z*]+", pattern_words="an s3: action")
    folder = f"{prefix}{IDENTITY_ID}/"
    grant = iam.Grant.add_to_principal(
        grantee=grantee, actions=list(actions), resource_arns=[bucket.arn_for_objects(f"{folder}*")]
    )
    iam.Grant.add_to_principal(
        grantee=grantee,
        actions=["s3:ListBucket"],
        resource_arns=[bucket.bucket_arn],
        conditions={"StringLike": {"s3:prefix": [folder, f"{folder}*"]}},
    )
    return grant


def grant_own_items(grantee: iam.IGrantable, table: dynamodb.ITable, *, actions: Sequence[str]) -> iam.Grant:
    """``actions`` on the items whose partition key is the caller's identity id (``dynamodb:LeadingKeys``)."""
    has_attr("table", table, "table_arn", "a dynamodb.ITable")
    for i, action in enumerate(check_sequence("actions", actions)):
        check_str(f"actions[{i}]", action, pattern=r"dynamodb:[A-Za-z*]+", pattern_words="a dynamodb: action")
    return iam.Grant.add_to_principal(
        grantee=grantee,
        actions=list(actions),
        resource_arns=[table.table_arn],
        conditions={"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [IDENTITY_ID]}},
    )
