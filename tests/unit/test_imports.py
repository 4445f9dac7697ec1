"""IdentityPool.from_identity_pool_id / from_identity_pool_arn."""

from __future__ import annotations

import pytest
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Annotations, Match

from cdk_identitypool import IdentityPool, IdentityPoolValidationError
from tests.helpers import new_stack, synth

POOL_ID = "us-east-1:0a1b2c3d-1111-2222-3333-444455556666"
POOL_ARN = f"arn:aws:cognito-identity:us-east-1:123456789012:identitypool/{POOL_ID}"


def test_import_by_id_builds_the_arn_in_the_stack_account() -> None:
    stack = new_stack()
    pool = IdentityPool.from_identity_pool_id(stack, "my-imported-identity-pool", POOL_ID)
    assert pool.identity_pool_id == POOL_ID
    assert pool.identity_pool_name == POOL_ID
    assert stack.resolve(pool.identity_pool_arn) == {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, f":cognito-identity:us-east-1:123456789012:identitypool/{POOL_ID}"],
        ]
    }


@pytest.mark.parametrize(
    ("region", "partition"),
    [
        ("cn-north-1", "aws-cn"),
        ("cn-northwest-1", "aws-cn"),
        ("us-gov-west-1", "aws-us-gov"),
        ("us-iso-east-1", "aws-iso"),
        ("us-isob-east-1", "aws-iso-b"),
        ("eu-isoe-west-1", "aws-iso-e"),
        ("us-isof-south-1", "aws-iso-f"),
        ("eusc-de-east-1", "aws-eusc"),
    ],
)
def test_import_by_id_of_another_region_names_that_regions_partition(region: str, partition: str) -> None:
    stack = new_stack()  # us-east-1
    pool_id = f"{region}:0a1b2c3d-1111-2222-3333-444455556666"
    pool = IdentityPool.from_identity_pool_id(stack, "Imported", pool_id)
    assert stack.resolve(pool.identity_pool_arn) == (
        f"arn:{partition}:cognito-identity:{region}:123456789012:identitypool/{pool_id}"
    )
    assert not Annotations.from_stack(stack).find_error("*", Match.any_value())


def test_import_by_id_of_another_region_of_the_stacks_partition_keeps_aws_partition() -> None:
    stack = new_stack()  # us-east-1
    pool_id = "eu-west-1:0a1b2c3d-1111-2222-3333-444455556666"
    pool = IdentityPool.from_identity_pool_id(stack, "Imported", pool_id)
    assert stack.resolve(pool.identity_pool_arn) == {
        "Fn::Join": [
            "",
            ["arn:", {"Ref": "AWS::Partition"}, f":cognito-identity:eu-west-1:123456789012:identitypool/{pool_id}"],
        ]
    }
    assert not Annotations.from_stack(stack).find_error("*", Match.any_value())


def test_every_region_aws_cdk_lib_knows_imports_in_its_partition() -> None:
    from aws_cdk import region_info

    for info in region_info.RegionInfo.regions:
        stack = new_stack()
        pool_id = f"{info.name}:0a1b2c3d-1111-2222-3333-444455556666"
        pool = IdentityPool.from_identity_pool_id(stack, "Imported", pool_id)
        arn = IdentityPool.from_identity_pool_arn(
            stack, "ByArn", f"arn:{info.partition}:cognito-identity:{info.name}:123456789012:identitypool/{pool_id}"
        )
        assert arn.identity_pool_id == pool_id
        if info.partition != "aws":
            assert str(stack.resolve(pool.identity_pool_arn)).startswith(f"arn:{info.partition}:"), info.name
        assert not Annotations.from_stack(stack).find_error("*", Match.any_value()), info.name


def test_import_by_arn_keeps_account_and_region() -> None:
    stack = new_stack()
    pool = IdentityPool.from_identity_pool_arn(
        stack, "my-imported-identity-pool", POOL_ARN.replace("123456789012", "210987654321")
    )
    assert pool.identity_pool_id == POOL_ID
    assert pool.identity_pool_arn.startswith("arn:aws:cognito-identity:us-east-1:210987654321:")


def test_imported_pool_grants_are_scoped_to_its_arn(snapshot: object) -> None:
    stack = new_stack()
    pool = IdentityPool.from_identity_pool_arn(stack, "Imported", POOL_ARN)
    backend = iam.Role(stack, "Backend", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    pool.grant_developer_authentication(backend)
    template = synth(stack)
    [policy] = [r for r in template["Resources"].values() if r["Type"] == "AWS::IAM::Policy"]
    [statement] = policy["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Resource"] == POOL_ARN
    assert "cognito-identity:GetOpenIdTokenForDeveloperIdentity" in statement["Action"]


@pytest.mark.parametrize(
    "bad",
    [
        "eu-west-1:dj2823ryiwuhef937",  # not a uuid, and not the stack's region (aws-cdk-lib raises too)
        "0a1b2c3d-1111-2222-3333-444455556666",  # no region
        "us-east-1/0a1b2c3d-1111-2222-3333-444455556666",
        "",
    ],
)
def test_malformed_ids_are_rejected(bad: str) -> None:
    with pytest.raises(IdentityPoolValidationError, match=r"identity_pool_id=") as info:
        IdentityPool.from_identity_pool_id(new_stack(), "Imported", bad)
    assert info.value.prop == "identity_pool_id" and info.value.value == bad


@pytest.mark.parametrize(
    ("bad", "rule"),
    [
        (f"arn:aws:cognito-idp:us-east-1:123456789012:identitypool/{POOL_ID}", "cognito-identity"),
        (f"arn:aws:cognito-identity:us-east-1:123456789012:userpool/{POOL_ID}", "identitypool/"),
        ("arn:aws:cognito-identity:us-east-1:123456789012:identitypool/us-east-1:nope", "is not '<region>:<uuid>'"),
        (POOL_ARN.replace(":us-east-1:123", ":eu-west-1:123"), "region must be the ARN's region"),
        (POOL_ARN.replace("123456789012", "1234"), "cognito-identity"),
        ("not-an-arn", "arn:<partition>"),
    ],
)
def test_malformed_arns_are_rejected(bad: str, rule: str) -> None:
    with pytest.raises(IdentityPoolValidationError, match=r"identity_pool_arn=") as info:
        IdentityPool.from_identity_pool_arn(new_stack(), "Imported", bad)
    assert rule in info.value.rule


def test_an_id_aws_cdk_lib_accepts_gets_an_error_annotation_instead_of_an_exception() -> None:
    # aws-cdk-lib accepts 'us-east-1:dj2823ryiwuhef937' in a us-east-1 stack; Cognito never issues it.
    stack = new_stack()
    IdentityPool.from_identity_pool_id(stack, "Imported", "us-east-1:dj2823ryiwuhef937")
    annotations = Annotations.from_stack(stack)
    annotations.has_error("/TestStack/Imported", Match.string_like_regexp(r"must be '<region>:<uuid>'"))
