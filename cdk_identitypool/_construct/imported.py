"""Identity pools defined elsewhere, imported by id or ARN."""

from __future__ import annotations

import re

import jsii
from aws_cdk import Annotations, ArnFormat, Resource, Stack
from aws_cdk.interfaces.aws_cognito import IdentityPoolReference, IIdentityPoolRef
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .pool_base import IIdentityPool, PoolGrants
from .validation import check_in_stack, check_str, is_token

#: A region name: ``us-east-1``, ``us-gov-west-1``, ``us-isob-east-1``, ``eusc-de-east-1`` ...
_REGION = r"[a-z]{2,4}(?:-[a-z]+)+-\d+"

#: The partition of a region aws-cdk-lib does not know yet, by its prefix (most specific first).
_PARTITION_PREFIXES = (
    ("cn-", "aws-cn"),
    ("us-gov-", "aws-us-gov"),
    ("eusc-", "aws-eusc"),
    ("-isob-", "aws-iso-b"),
    ("-isoe-", "aws-iso-e"),
    ("-isof-", "aws-iso-f"),
    ("-iso-", "aws-iso"),
)


def partition_of(region: str) -> str:
    """The partition of a region: aws-cdk-lib's region facts, else the region's prefix (``aws`` by default)."""
    from aws_cdk import region_info

    known = region_info.RegionInfo.get(region).partition
    if known:
        return str(known)
    for prefix, partition in _PARTITION_PREFIXES:
        if region.startswith(prefix) or (prefix.startswith("-") and prefix in region):
            return partition
    return "aws"


_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
ID_PATTERN = re.compile(rf"(?P<region>{_REGION}):{_UUID}")
_ARN_PATTERN = re.compile(
    rf"arn:(?P<partition>aws[a-z-]*):cognito-identity:(?P<region>{_REGION}):(?P<account>\d{{12}})"
    rf":identitypool/(?P<id>[^/]+)"
)


@jsii.implements(IIdentityPoolRef)
class _ImportedIdentityPool(PoolGrants, Resource):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        identity_pool_id: str,
        identity_pool_arn: str,
        account: str | None = None,
        region: str | None = None,
    ) -> None:
        super().__init__(scope, id, account=account, region=region)
        self.identity_pool_id: str = identity_pool_id
        self.identity_pool_arn: str = identity_pool_arn
        # An imported pool's name cannot be read at synth time; like aws-cdk-lib, the id stands in for it.
        self.identity_pool_name: str = identity_pool_id

    @property
    def identity_pool_ref(self) -> IdentityPoolReference:
        return IdentityPoolReference(identity_pool_id=self.identity_pool_id)


def import_by_id(scope: Construct, id: str, identity_pool_id: str) -> IIdentityPool:
    """``IdentityPool.from_identity_pool_id``: see its docstring."""
    check_in_stack(scope)
    check_str("identity_pool_id", identity_pool_id)
    region: str | None = None
    malformed = False
    if not is_token(identity_pool_id):
        match = ID_PATTERN.fullmatch(identity_pool_id)
        if match is not None:
            region = match["region"]
        else:
            _check_like_aws_cdk_lib(scope, identity_pool_id)
            malformed = True
    stack = Stack.of(scope)
    # A pool of another region may be in another partition (cn-north-1 → aws-cn): then its ARN names it
    # (else the stack's AWS::Partition, as aws-cdk-lib writes it).
    partition = None
    if region is not None and region != stack.region:
        partition = partition_of(region)
        here = "aws" if is_token(stack.region) else partition_of(stack.region)
        partition = None if partition == here else partition
    arn = stack.format_arn(
        service="cognito-identity",
        resource="identitypool",
        resource_name=identity_pool_id,
        arn_format=ArnFormat.SLASH_RESOURCE_NAME,
        region=region,
        partition=partition,
    )
    imported = _ImportedIdentityPool(scope, id, identity_pool_id=identity_pool_id, identity_pool_arn=arn)
    if malformed:
        Annotations.of(imported).add_error(
            f"[cdk-identitypool] identity_pool_id={identity_pool_id!r}: must be '<region>:<uuid>', e.g. "
            "'us-east-1:0a1b2c3d-1111-2222-3333-444455556666' (Cognito issues no other form)"
        )
    return imported


def import_by_arn(scope: Construct, id: str, identity_pool_arn: str) -> IIdentityPool:
    """``IdentityPool.from_identity_pool_arn``: see its docstring."""
    check_in_stack(scope)
    check_str("identity_pool_arn", identity_pool_arn)
    if is_token(identity_pool_arn):
        return _import_token_arn(scope, id, identity_pool_arn)
    match = _ARN_PATTERN.fullmatch(identity_pool_arn)
    if match is None:
        raise IdentityPoolValidationError(
            "identity_pool_arn",
            identity_pool_arn,
            "must be 'arn:<partition>:cognito-identity:<region>:<account>:identitypool/<region>:<uuid>'",
        )
    pool_id = match["id"]
    if ID_PATTERN.fullmatch(pool_id) is None:
        raise IdentityPoolValidationError(
            "identity_pool_arn", identity_pool_arn, f"its resource name {pool_id!r} is not '<region>:<uuid>'"
        )
    if pool_id.split(":")[0] != match["region"]:
        raise IdentityPoolValidationError(
            "identity_pool_arn", identity_pool_arn, "the pool id's region must be the ARN's region"
        )
    return _ImportedIdentityPool(
        scope,
        id,
        identity_pool_id=pool_id,
        identity_pool_arn=identity_pool_arn,
        account=match["account"],
        region=match["region"],
    )


def _import_token_arn(scope: Construct, id: str, identity_pool_arn: str) -> IIdentityPool:
    # As aws-cdk-lib does: the parts come from Stack.split_arn (Fn::Select/Fn::Split of a token). The
    # literal parts that are there are checked: the service and the resource type.
    parts = identity_pool_arn.split(":")
    service = parts[2] if len(parts) > 2 else ""
    if service and not is_token(service) and service != "cognito-identity":
        raise IdentityPoolValidationError(
            "identity_pool_arn", identity_pool_arn, f"names the service {service!r}, not 'cognito-identity'"
        )
    resource = parts[5] if len(parts) > 5 else ""
    if resource and not is_token(resource) and not resource.startswith("identitypool/"):
        raise IdentityPoolValidationError(
            "identity_pool_arn", identity_pool_arn, f"names the resource {resource!r}, not 'identitypool/<id>'"
        )
    arn = Stack.of(scope).split_arn(identity_pool_arn, ArnFormat.SLASH_RESOURCE_NAME)
    return _ImportedIdentityPool(
        scope,
        id,
        identity_pool_id=arn.resource_name or "",
        identity_pool_arn=identity_pool_arn,
        account=arn.account,
        region=arn.region,
    )


def _check_like_aws_cdk_lib(scope: Construct, identity_pool_id: str) -> None:
    """Raise for a malformed id where aws-cdk-lib's ``from_identity_pool_id`` raises too."""
    parts = identity_pool_id.split(":")
    if len(parts) != 2:
        raise IdentityPoolValidationError(
            "identity_pool_id",
            identity_pool_id,
            "must be '<region>:<uuid>', e.g. 'us-east-1:0a1b2c3d-1111-2222-3333-444455556666'",
        )
    stack_region = Stack.of(scope).region
    if not is_token(stack_region) and parts[0] != stack_region:
        raise IdentityPoolValidationError(
            "identity_pool_id",
            identity_pool_id,
            f"must be '<region>:<uuid>' with this stack's region {stack_region!r} (or a well-formed id of any region)",
        )
