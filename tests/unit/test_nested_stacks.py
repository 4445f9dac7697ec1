"""The command line across nested-stack boundaries: a role of a nested stack that a parent's pool maps is read
through the nested stack's output, and its trust through the parameter the parent gives it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_iam as iam

import cdk_identitypool as lib
from cdk_identitypool._cli.main import main
from cdk_identitypool._model.assembly import Assembly, StackTemplate
from cdk_identitypool._model.load import read_path
from cdk_identitypool._model.template import TemplateModel

ENV = cdk.Environment(account="123456789012", region="us-east-1")
AUD = "cognito-identity.amazonaws.com:aud"


def _trusting(pool_id: str) -> iam.FederatedPrincipal:
    return iam.FederatedPrincipal(
        "cognito-identity.amazonaws.com",
        {
            "StringEquals": {AUD: pool_id},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
        },
        "sts:AssumeRoleWithWebIdentity",
    )


def _app(outdir: Path, *, aud: str) -> None:
    """A pool in the parent, mapping a role of a nested stack whose trust names ``aud``: ``pool``
    (the pool's id), ``other`` (another pool's id) or ``parameter`` (a parameter of the parent)."""
    app = cdk.App(outdir=str(outdir))
    parent = cdk.Stack(app, "Parent", env=ENV)
    pool = lib.IdentityPool(
        parent,
        "Pool",
        authentication_providers=lib.IdentityPoolAuthenticationProviders(
            amazon=lib.IdentityPoolAmazonLoginProvider(app_id="amzn1.application.1")
        ),
    )
    ids = {
        "pool": pool.identity_pool_id,
        "other": lib.IdentityPool(parent, "Other").identity_pool_id,
        "parameter": cdk.CfnParameter(parent, "PoolId").value_as_string,
    }
    role = iam.Role(cdk.NestedStack(parent, "Roles"), "Admins", assumed_by=_trusting(ids[aud]))
    pool.add_role_mappings(
        lib.IdentityPoolRoleMapping(
            provider_url=lib.IdentityPoolProviderUrl.AMAZON,
            rules=[lib.RoleMappingRule(claim="custom:admin", claim_value="yes", mapped_role=role)],
        )
    )
    app.synth()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_nested_stack_knows_its_parent_and_the_parameters_it_is_given(tmp_path: Path) -> None:
    _app(tmp_path, aud="pool")
    assembly = read_path(str(tmp_path))
    (nested,) = [s for s in assembly if s.parent is not None]
    assert nested.parent == "Parent" and nested.parent_resource is not None
    (given,) = nested.parent_parameters.values()
    assert given == {"Ref": "PoolD3F588B8"}, given  # the parent's pool, as the parent writes it
    (output,) = nested.model.outputs.values()
    assert output == {"Fn::GetAtt": ["Admins8B360DEA", "Arn"]}, output
    parent = assembly.stack("Parent")
    reference = {"Fn::GetAtt": [nested.parent_resource, f"Outputs.{next(iter(nested.model.outputs))}"]}
    stack, value = assembly.across(parent, reference)
    assert stack is nested and value == output


def test_a_role_of_a_nested_stack_is_read_and_its_trust_verified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _app(tmp_path, aud="pool")
    code, out = run(capsys, "check", str(tmp_path))
    assert code == 0 and "unverifiable-role" not in out and "untrusted-role" not in out, out
    code, out = run(capsys, "report", str(tmp_path))
    assert "→ Parent/RolesNestedStackRolesNestedStackResource" in out and "(trust: trusted)" in out, out


def test_a_role_of_a_nested_stack_trusting_another_pool_is_untrusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _app(tmp_path, aud="other")
    code, out = run(capsys, "check", str(tmp_path))
    assert code == 1 and "[cdk-identitypool:untrusted-role]" in out, out
    assert "Parent/RolesNestedStackRolesNestedStackResource" in out  # reported on the role, in its stack
    _, out = run(capsys, "report", str(tmp_path))
    assert "(trust: refused)" in out, out


def test_a_nested_trust_given_a_parameter_of_the_parent_is_unverifiable_not_untrusted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _app(tmp_path, aud="parameter")
    _, out = run(capsys, "check", str(tmp_path))
    assert "untrusted-role" not in out and "[cdk-identitypool:unverifiable-role]" in out, out
    _, out = run(capsys, "report", str(tmp_path))
    assert "(trust: unknown)" in out, out


def test_references_that_loop_between_a_parent_and_its_nested_stack_end() -> None:
    # The parent gives the nested stack its own output back; the nested stack outputs that parameter.
    parent = StackTemplate(
        "Parent",
        TemplateModel.from_template(
            {
                "Resources": {
                    "Child": {
                        "Type": "AWS::CloudFormation::Stack",
                        "Properties": {
                            "TemplateURL": "child.json",
                            "Parameters": {"In": {"Fn::GetAtt": ["Child", "Outputs.Out"]}},
                        },
                    }
                }
            }
        ),
    )
    child_model = TemplateModel.from_template(
        {"Parameters": {"In": {"Type": "String"}}, "Resources": {}, "Outputs": {"Out": {"Value": {"Ref": "In"}}}}
    )
    child = StackTemplate(
        "Parent/Child",
        child_model,
        parent="Parent",
        parent_resource="Child",
        parent_parameters={"In": {"Fn::GetAtt": ["Child", "Outputs.Out"]}},
    )
    assembly = Assembly([replace(parent, nested=(child,))])
    stack, value = assembly.across(child, {"Ref": "In"})  # ends (a bounded number of hops), with what it reached
    assert stack.name in ("Parent", "Parent/Child") and value in (
        {"Ref": "In"},
        {"Fn::GetAtt": ["Child", "Outputs.Out"]},
    )
