"""Per-identity scoping: grants that reach only the caller's own data, keyed by the identity id.

Cognito puts the caller's identity id in the ``${cognito-identity.amazonaws.com:sub}`` policy variable.
A guest's identity id changes when the guest signs in (the guest identity is merged into, or replaced
by, the user's), so data keyed by it is not a durable home for guests: these grants refuse the pool's
unauthenticated role unless asked.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aws_cdk import aws_iam as iam
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .validation import check_sequence, check_str, has_attr

if TYPE_CHECKING:  # imported for annotations only: aws_s3 and aws_dynamodb are slow to import
    from aws_cdk import aws_dynamodb as dynamodb
    from aws_cdk import aws_kms as kms
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

#: The item actions whose every request names its items' partition keys, so ``dynamodb:LeadingKeys`` is
#: always present. Any other action (Scan, DescribeTable, ListTables, a PartiQL SELECT that may scan, ...)
#: can reach a request without the key, and ``ForAllValues:StringEquals`` is true when the key is absent:
#: the grant would reach every user's items. Lower case: IAM action names are case-insensitive.
_LEADING_KEY_ACTIONS = {
    "getitem": "read",
    "batchgetitem": "read",
    "query": "read",
    "conditioncheckitem": "read",
    "putitem": "write",
    "updateitem": "write",
    "deleteitem": "write",
    "batchwriteitem": "write",
    "partiqlinsert": "write",
    "partiqlupdate": "write",
    "partiqldelete": "write",
}

#: The object actions that read or write object data, so an SSE-KMS bucket's key must be granted with them
#: (as ``bucket.grant_read`` / ``grant_write`` do); patterns are matched against these, lower case.
_OBJECT_KEY_USE = {"getobject": "read", "getobjectversion": "read", "putobject": "write"}

#: Characters a prefix cannot hold: IAM reads ``*`` and ``?`` in ARNs and ``StringLike`` as wildcards, and
#: ``${`` starts a policy variable, so the folder would not be one identity's own.
_PREFIX_WILDCARDS = re.compile(r"[*?]|\$\{")


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
    """``actions`` on ``<prefix><identity id>/*`` only, and listing of that folder only; and the bucket's
    customer-managed KMS key, if it has one, for the actions that read or write object data."""
    has_attr("bucket", bucket, "arn_for_objects", "an s3.IBucket")
    check_str("prefix", prefix, min_len=0, max_len=1024)
    if prefix.startswith("/"):
        raise IdentityPoolValidationError("prefix", prefix, "object keys do not start with '/'")
    if _PREFIX_WILDCARDS.search(prefix):
        raise IdentityPoolValidationError(
            "prefix",
            prefix,
            "must be a literal folder: IAM reads '*' and '?' in it as wildcards and '${' as a policy variable, "
            "so one identity could reach the folders of others",
        )
    if not check_sequence("actions", actions):
        raise IdentityPoolValidationError("actions", actions, "grant at least one action")
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
    _grant_key(grantee, bucket.encryption_key, _key_uses(actions, _OBJECT_KEY_USE))
    return grant


def grant_own_items(
    grantee: iam.IGrantable, table: dynamodb.ITable, *, actions: Sequence[str], include_indexes: bool = False
) -> iam.Grant:
    """``actions`` on the items whose partition key is the caller's identity id (``dynamodb:LeadingKeys``);
    on the table's indexes too when ``include_indexes``; and the table's customer-managed KMS key, if it
    has one (decrypt for reads, encrypt and decrypt for writes)."""
    has_attr("table", table, "table_arn", "a dynamodb.ITable")
    if not isinstance(include_indexes, bool):
        raise IdentityPoolValidationError("include_indexes", include_indexes, "must be a bool (True or False)")
    if not check_sequence("actions", actions):
        raise IdentityPoolValidationError("actions", actions, "grant at least one action")
    for i, action in enumerate(check_sequence("actions", actions)):
        check_str(f"actions[{i}]", action, pattern=r"dynamodb:[A-Za-z*]+", pattern_words="a dynamodb: action")
    unkeyed = [action for action in actions if action.split(":", 1)[1].lower() not in _LEADING_KEY_ACTIONS]
    if unkeyed:
        raise IdentityPoolValidationError(
            "actions",
            unkeyed,
            f"must be item actions whose requests always name the partition key ({_LEADING_KEY_NAMES}): "
            "ForAllValues:StringEquals is true when the key is absent, so these would reach every identity's items "
            "(no wildcards; a Scan or a PartiQL SELECT reads other partitions)",
        )
    resource_arns = [table.table_arn]
    if include_indexes:
        resource_arns.append(f"{table.table_arn}/index/*")
    grant = iam.Grant.add_to_principal(
        grantee=grantee,
        actions=list(actions),
        resource_arns=resource_arns,
        conditions={"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [IDENTITY_ID]}},
    )
    uses = {_LEADING_KEY_ACTIONS[action.split(":", 1)[1].lower()] for action in actions}
    _grant_key(grantee, table.encryption_key, uses)
    return grant


#: The names ``grant_own_items`` accepts, as an error message lists them.
_LEADING_KEY_NAMES = (
    "GetItem, BatchGetItem, Query, ConditionCheckItem, PutItem, UpdateItem, DeleteItem, BatchWriteItem, "
    "PartiQLInsert, PartiQLUpdate, PartiQLDelete"
)


def _key_uses(actions: Sequence[str], uses: dict[str, str]) -> set[str]:
    """``read`` / ``write``: what the actions (or action patterns, e.g. ``s3:Get*``) do with object data."""
    found: set[str] = set()
    for action in actions:
        pattern = action.split(":", 1)[1].lower()
        found.update(use for name, use in uses.items() if fnmatch.fnmatchcase(name, pattern))
    return found


def _grant_key(grantee: iam.IGrantable, key: kms.IKey | None, uses: set[str]) -> None:
    """Grant a customer-managed key as aws-cdk-lib's own grants do: decrypt to read, encrypt and decrypt to write."""
    if key is None:
        return
    if "write" in uses:
        key.grant_encrypt_decrypt(grantee)
    elif "read" in uses:
        key.grant_decrypt(grantee)
