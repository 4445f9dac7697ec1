"""Templates drawn from a grammar of intrinsics: the reader, the checks and the simulator never crash on them,
and never give a definite answer that rests on a value known only at deploy time."""

from __future__ import annotations

from typing import Any

from hypothesis import event, given
from hypothesis import strategies as st

from cdk_identitypool._cli.report import check_assembly
from cdk_identitypool._model.assembly import Assembly, StackTemplate
from cdk_identitypool._model.template import TemplateModel
from cdk_identitypool.testing import Outcome, RoleResolutionSimulator, SimulationError
from tests.helpers import cognito_trust

#: Values CloudFormation computes at deploy time, in the forms real templates write them.
UNKNOWN: st.SearchStrategy[Any] = st.sampled_from(
    [
        {"Ref": "Choice"},
        {"Fn::GetAtt": ["Computed", "Value"]},
        {"Fn::ImportValue": "shared-value"},
        {"Fn::If": ["IsProd", {"Ref": "Choice"}, {"Ref": "AWS::NoValue"}]},
        {"Fn::Sub": "${Choice}"},
        {"Fn::Select": [0, {"Fn::Split": [",", {"Ref": "Choice"}]}]},
    ]
)


@st.composite
def templates(draw: st.DrawFn) -> tuple[dict[str, Any], set[str]]:
    """A pool, its guest role and attachment, with some parts replaced by deploy-time values; returns the
    template and the names of the parts that are unknown."""
    unknown: set[str] = set()

    def part(name: str, known: Any) -> Any:
        if draw(st.booleans()):
            unknown.add(name)
            return draw(UNKNOWN)
        return known

    template = {
        "Parameters": {"Choice": {"Type": "String", "Default": "x"}},
        "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Choice"}, "prod"]}},
        "Resources": {
            "Computed": {"Type": "Custom::Thing", "Properties": {"ServiceToken": "arn:aws:lambda:x"}},
            "Pool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {"AllowUnauthenticatedIdentities": part("guests", True)},
            },
            "Guest": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": cognito_trust("unauthenticated", part("aud", {"Ref": "Pool"}))
                },
            },
            "Attachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": part("pool", {"Fn::Sub": "${Pool}"}),
                    "Roles": {"unauthenticated": part("role", {"Fn::GetAtt": ["Guest", "Arn"]})},
                    "RoleMappings": part("mappings", {}),
                },
            },
        },
    }
    return template, unknown


@given(templates())
def test_the_simulator_never_answers_from_an_unknown_value(drawn: tuple[dict[str, Any], set[str]]) -> None:
    template, unknown = drawn
    try:
        result = RoleResolutionSimulator(template).guest()
    except SimulationError:
        return  # a clear error is an answer too
    if unknown & {"guests", "pool", "role", "aud"}:
        assert result.outcome is Outcome.UNKNOWN, (unknown, result)
    else:
        assert result.outcome is Outcome.GUEST_ROLE, (unknown, result)


@given(templates())
def test_the_checks_never_crash_and_name_what_they_cannot_verify(drawn: tuple[dict[str, Any], set[str]]) -> None:
    template, unknown = drawn
    stack = StackTemplate("T", TemplateModel.from_template(template))
    findings = check_assembly(Assembly([stack]))
    ids = {f.check.value for f in findings}
    assert "cdk-identitypool:untrusted-role" not in ids or "aud" not in unknown
    if unknown & {"role", "aud", "pool", "mappings"}:
        assert "cdk-identitypool:unverifiable-role" in ids, (unknown, ids)


def _mapping_part(draw: st.DrawFn, valid: Any, invalid: Any) -> Any:
    """A part of a role mapping: valid, invalid, computed at deploy time, or missing (None)."""
    return draw(st.sampled_from([valid, valid, invalid, None]) | UNKNOWN)


@st.composite
def mapping_templates(draw: st.DrawFn) -> dict[str, Any]:
    """A Google pool whose one rules mapping has parts drawn valid, invalid, unknown or missing."""
    rule = {
        "Claim": _mapping_part(draw, "hd", "h d"),
        "MatchType": _mapping_part(draw, "Equals", "Regex"),
        "Value": _mapping_part(draw, "example.com", "v" * 129),
        "RoleARN": {"Fn::GetAtt": ["Admins", "Arn"]},
    }
    mapping = {
        "Type": _mapping_part(draw, "Rules", "Groups"),
        "AmbiguousRoleResolution": _mapping_part(draw, "Deny", "Allow"),
        "IdentityProvider": "accounts.google.com",
        "RulesConfiguration": draw(
            st.sampled_from([{"Rules": [{k: v for k, v in rule.items() if v is not None}]}, {"Rules": []}]) | UNKNOWN
        ),
    }
    template, _ = draw(templates())
    template["Resources"]["Pool"]["Properties"] = {
        "AllowUnauthenticatedIdentities": False,
        "SupportedLoginProviders": {"accounts.google.com": "client.apps.googleusercontent.com"},
    }
    template["Resources"]["Admins"] = {
        "Type": "AWS::IAM::Role",
        "Properties": {"AssumeRolePolicyDocument": cognito_trust()},
    }
    template["Resources"]["Attachment"]["Properties"] = {
        "IdentityPoolId": {"Ref": "Pool"},
        "RoleMappings": {"google": {k: v for k, v in mapping.items() if v is not None}},
    }
    return template


@given(mapping_templates())
def test_the_simulator_refuses_a_mapping_exactly_when_the_check_does(template: dict[str, Any]) -> None:
    stack = StackTemplate("T", TemplateModel.from_template(template))
    refused_by_check = any(
        f.check.value == "cdk-identitypool:mapping-refused" for f in check_assembly(Assembly([stack]))
    )
    try:
        result = RoleResolutionSimulator(template).sign_in("accounts.google.com", {"hd": "example.com"})
    except SimulationError as error:
        event("refused")
        assert refused_by_check, error
        return
    event(f"answered: {result.outcome.value}")
    assert not refused_by_check, result
