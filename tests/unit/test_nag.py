"""The checks as a cdk-nag 3 pack: findings in CDK's validation report, acknowledged the CDK way."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam

from cdk_identitypool import IdentityPool, IdentityPoolCheck
from tests.helpers import AMAZON, map_amazon_users_to, new_stack

cdk_nag = pytest.importorskip("cdk_nag", reason="cdk-nag 3 needs aws-cdk-lib 2.257+ (not the floor)")
from cdk_identitypool.nag import NAG_CHECKS, IdentityPoolNagPack  # noqa: E402


def violations(stack: cdk.Stack, **pack_props: Any) -> dict[str, tuple[str | None, list[str | None], str]]:
    """Run the pack on the stack's app: rule id -> (severity, construct paths, description)."""
    report = IdentityPoolNagPack(**pack_props).validate_scope(stack.node.root)
    found = {
        v.rule_name: (v.severity, [r.construct_path for r in v.violating_resources], v.description)
        for v in report.violations
    }
    assert report.success is (not found)
    return found


def pool_with_untrusting_role(stack: cdk.Stack) -> tuple[IdentityPool, iam.Role]:
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    role = iam.Role(stack, "Later", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, role)
    return pool, role


def test_a_well_built_pool_has_no_findings() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    map_amazon_users_to(pool, iam.Role(stack, "Team", assumed_by=pool.federated_principal("authenticated")))
    assert violations(stack) == {}


def test_findings_carry_the_checks_id_severity_and_resource() -> None:
    stack = new_stack()
    pool_with_untrusting_role(stack)
    IdentityPool(stack, "Classic", allow_classic_flow=True)
    found = violations(stack)
    assert set(found) == {IdentityPoolCheck.UNTRUSTED_ROLE.value, IdentityPoolCheck.CLASSIC_FLOW.value}
    severity, paths, description = found["cdk-identitypool:untrusted-role"]
    assert (severity, paths) == ("error", ["TestStack/Later/Resource"])
    assert "does not trust cognito-identity.amazonaws.com" in description
    assert found["cdk-identitypool:classic-flow"][:2] == ("warning", ["TestStack/Classic/Resource"])


def test_verbose_adds_the_explanation() -> None:
    stack = new_stack()
    IdentityPool(stack, "Classic", allow_classic_flow=True)
    [(_, _, description)] = violations(stack, verbose=True).values()
    assert description.endswith(IdentityPoolCheck.CLASSIC_FLOW.explanation)


@pytest.mark.parametrize(
    "on, rule_id",
    [
        ("role", "cdk-identitypool:untrusted-role"),
        ("pool", "cdk-identitypool:untrusted-role"),  # the pool's acknowledgement covers the roles it hands out
        ("stack", "cdk-identitypool::cdk-identitypool:untrusted-role"),  # as CDK's report suggests it
    ],
)
def test_errors_are_acknowledged_with_cdks_validations(on: str, rule_id: str) -> None:
    stack = new_stack()
    pool, role = pool_with_untrusting_role(stack)
    scope = {"role": role, "pool": pool, "stack": stack}[on]
    cdk.Validations.of(scope).acknowledge(cdk.Acknowledgment(id=rule_id, reason="trust is added later"))
    assert violations(stack) == {}


def test_acknowledging_another_rule_leaves_the_finding() -> None:
    stack = new_stack()
    _, role = pool_with_untrusting_role(stack)
    cdk.Validations.of(role).acknowledge(cdk.Acknowledgment(id="cdk-identitypool:missing-amr", reason="other"))
    assert set(violations(stack)) == {"cdk-identitypool:untrusted-role"}


def test_guest_access_is_left_to_awssolutions_cog7() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    assert IdentityPoolCheck.GUEST_ACCESS not in NAG_CHECKS
    assert violations(stack) == {}
    report = cdk_nag.AwsSolutionsChecks().validate_scope(stack.node.root)
    assert "AwsSolutions-COG7" in {v.rule_name for v in report.violations}


def test_synth_fails_on_a_finding_and_passes_once_acknowledged() -> None:
    stack = new_stack()
    pool, _ = pool_with_untrusting_role(stack)
    app = stack.node.root
    assert isinstance(app, cdk.App)
    cdk.Validations.of(app).add_plugins(IdentityPoolNagPack(app))
    with pytest.raises(RuntimeError, match=r"Acknowledge with .cdk-identitypool::cdk-identitypool:untrusted-role"):
        app.synth()
    cdk.Validations.of(pool).acknowledge(
        cdk.Acknowledgment(id="cdk-identitypool:untrusted-role", reason="trust is added later")
    )
    app.synth(force=True)


def test_acknowledgements_can_be_written_to_the_template() -> None:
    stack = new_stack()
    pool, _ = pool_with_untrusting_role(stack)
    app = stack.node.root
    assert isinstance(app, cdk.App)
    cdk.Validations.of(app).add_plugins(IdentityPoolNagPack(app, write_suppressions_to_cloud_formation=True))
    cdk.Validations.of(pool).acknowledge(
        cdk.Acknowledgment(id="cdk-identitypool:untrusted-role", reason="trust is added later")
    )
    template = app.synth().get_stack_by_name(stack.stack_name).template
    metadata = template["Resources"][stack.get_logical_id(pool.node.default_child)]["Metadata"]  # type: ignore[arg-type]
    assert {"id": "cdk-identitypool:untrusted-role", "reason": "trust is added later"} in metadata["cdk_nag"][
        "rules_to_suppress"
    ]


@pytest.mark.parametrize(
    "rule_id", ["cdk-identitypool:classic-flow", "cdk-identitypool::cdk-identitypool:classic-flow"]
)
def test_one_acknowledgement_covers_the_aspect_and_the_pack(rule_id: str) -> None:
    """With both the Aspect and the pack, the plain id (stored as ``Annotation::<id>``) or the id CDK's report
    suggests (``cdk-identitypool::<id>``) acknowledges both; grant_own_objects needs cdk-nag's full IAM5 id."""
    from aws_cdk import aws_s3 as s3

    from cdk_identitypool import IdentityPoolChecks

    stack = new_stack()
    app = stack.node.root
    assert isinstance(app, cdk.App)
    cdk.Aspects.of(app).add(IdentityPoolChecks())
    cdk.Validations.of(app).add_plugins(cdk_nag.AwsSolutionsChecks(app), IdentityPoolNagPack(app))
    pool = IdentityPool(stack, "Legacy", allow_classic_flow=True)
    bucket = s3.Bucket(stack, "Bucket", enforce_ssl=True, server_access_logs_prefix="logs/")
    pool.grant_own_objects(pool.authenticated_role, bucket)
    cdk.Validations.of(pool).acknowledge(cdk.Acknowledgment(id=rule_id, reason="the 2019 Android app"))
    iam5 = "AwsSolutions-IAM5[Resource::<BucketE0B3D6B6.Arn>/private/<cognito-identity.amazonaws.com:sub>/*]"
    iam5 = iam5.replace("BucketE0B3D6B6", stack.get_logical_id(bucket.node.default_child))  # type: ignore[arg-type]
    cdk.Validations.of(pool.authenticated_role).acknowledge(cdk.Acknowledgment(id="AwsSolutions-IAM5", reason="x"))
    with pytest.raises(RuntimeError, match="ValidationFailed"):  # the plain IAM5 id does not cover the finding
        app.synth()
    cdk.Validations.of(pool.authenticated_role).acknowledge(
        cdk.Acknowledgment(id=iam5, reason="each identity reaches only private/<its identity id>/")
    )
    messages = app.synth(force=True).get_stack_by_name(stack.stack_name).messages
    assert [(m.level.value, str(m.entry.data)[:32]) for m in messages] == [("INFO", "[cdk-identitypool:classic-flow] ")]
