"""The one place for test helpers: build a stack, synthesize it, lint it, snapshot it, look inside it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from typing import Any

import aws_cdk as cdk
from cfnlint.config import ConfigMixIn
from cfnlint.decode.decode import decode_str
from cfnlint.runner import Runner
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

Template = dict[str, Any]

#: Every template is linted for this region (Cognito identity pools exist there).
LINT_REGIONS = ["us-east-1"]


def new_stack(name: str = "TestStack") -> cdk.Stack:
    """A stack in a fresh app, pinned to an account and region so ARNs are stable."""
    app = cdk.App()
    return cdk.Stack(app, name, env=cdk.Environment(account="123456789012", region="us-east-1"))


@cache
def _lint_runner() -> Runner:
    # Loading cfn-lint's rules takes longer than linting a template: do it once per test process.
    return Runner(ConfigMixIn(regions=LINT_REGIONS))


def lint_errors(template: Template) -> list[str]:
    """cfn-lint's errors (not warnings or informational findings) for a template."""
    decoded, decode_errors = decode_str(json.dumps(template))
    matches = decode_errors or list(_lint_runner().validate_template(decoded))
    return [f"{m.rule.id} {m.message} ({'/'.join(map(str, m.path or []))})"
            for m in matches if m.rule.id.startswith("E")]


def synth(stack: cdk.Stack) -> Template:
    """Synthesize ``stack`` and assert its template passes cfn-lint with no error."""
    template: Template = dict(cdk.assertions.Template.from_stack(stack).to_json())
    errors = lint_errors(template)
    assert not errors, "cfn-lint errors:\n" + "\n".join(errors)
    return template


def synth_and_snapshot(stack: cdk.Stack, snapshot: SnapshotAssertion) -> Template:
    """Synthesize, lint and pin the template's shape with a syrupy JSON snapshot."""
    template = synth(stack)
    assert template == snapshot(extension_class=JSONSnapshotExtension)
    return template


def resources(template: Template, type_: str) -> dict[str, Any]:
    """The resources of one CloudFormation type, by logical id."""
    return {k: v for k, v in template.get("Resources", {}).items() if v["Type"] == type_}


def only(template: Template, type_: str) -> tuple[str, dict[str, Any]]:
    """The single resource of a type (fails when there are none or several)."""
    found = resources(template, type_)
    assert len(found) == 1, f"expected one {type_}, found {sorted(found)}"
    return next(iter(found.items()))


def props(template: Template, type_: str) -> dict[str, Any]:
    """The Properties of the single resource of a type."""
    return dict(only(template, type_)[1].get("Properties", {}))


def pool_props(template: Template) -> dict[str, Any]:
    return props(template, "AWS::Cognito::IdentityPool")


def attachment_props(template: Template) -> dict[str, Any]:
    return props(template, "AWS::Cognito::IdentityPoolRoleAttachment")


def role_logical_id(template: Template, arn_expr: Any) -> str:
    """The logical id of the role behind ``{"Fn::GetAtt": [id, "Arn"]}``."""
    assert isinstance(arn_expr, dict) and "Fn::GetAtt" in arn_expr, arn_expr
    logical_id: str = arn_expr["Fn::GetAtt"][0]
    return logical_id


def trust_statements(template: Template, role_id: str) -> list[dict[str, Any]]:
    role = template["Resources"][role_id]
    statements: list[dict[str, Any]] = role["Properties"]["AssumeRolePolicyDocument"]["Statement"]
    return statements


def iter_policy_statements(template: Template, role_id: str) -> Iterator[dict[str, Any]]:
    """Statements of every AWS::IAM::Policy attached to ``role_id``."""
    for policy in resources(template, "AWS::IAM::Policy").values():
        if {"Ref": role_id} in policy["Properties"].get("Roles", []):
            yield from policy["Properties"]["PolicyDocument"]["Statement"]
