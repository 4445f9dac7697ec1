"""Templates of any shape never end in a traceback: every command answers, or says in one line (exit 2) what
it cannot read. Values are drawn where real templates put identity-pool parts, with every JSON type and the
intrinsics real templates use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdk_identitypool._cli.main import main

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.text(max_size=6), st.sampled_from(["*", "Pool"]))
INTRINSICS = st.sampled_from(
    [
        {"Ref": "Pool"},
        {"Ref": "Param"},
        {"Fn::GetAtt": ["Role", "Arn"]},
        {"Fn::GetAtt": "Role.Arn"},
        {"Fn::Sub": "${Pool}"},
        {"Fn::Sub": ["${X}", {"X": {"Ref": "Pool"}}]},
        {"Fn::Join": ["", ["a", {"Ref": "Pool"}]]},
        {"Fn::If": ["Cond", {"Ref": "Pool"}, {"Ref": "AWS::NoValue"}]},
        {"Fn::ImportValue": "x"},
        {"Fn::Select": [0, ["a"]]},
    ]
)
VALUES = st.recursive(
    st.one_of(SCALARS, INTRINSICS),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
    max_leaves=8,
)


def _trust(value: Any) -> dict[str, Any]:
    return {
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": value,
            }
        ]
    }


@st.composite
def templates(draw: st.DrawFn) -> dict[str, Any]:
    def maybe(known: Any) -> Any:
        return draw(st.one_of(st.just(known), VALUES))

    return {
        "Parameters": {"Param": {"Type": "String"}},
        "Conditions": {"Cond": {"Fn::Equals": ["a", "b"]}},
        "Resources": {
            "Pool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {
                    "AllowUnauthenticatedIdentities": maybe(True),
                    "AllowClassicFlow": maybe(False),
                    "SupportedLoginProviders": maybe({"accounts.google.com": "x"}),
                    "CognitoIdentityProviders": maybe([{"ProviderName": "cognito-idp.x/y", "ClientId": "c"}]),
                    "OpenIdConnectProviderARNs": maybe([]),
                },
            },
            "Role": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": maybe(
                        _trust(maybe({"StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "Pool"}}}))
                    ),
                    "Policies": maybe(
                        [
                            {
                                "PolicyName": "p",
                                "PolicyDocument": {
                                    "Statement": maybe([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}])
                                },
                            }
                        ]
                    ),
                    "ManagedPolicyArns": maybe([]),
                },
            },
            "Attachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": maybe({"Ref": "Pool"}),
                    "Roles": maybe(
                        {
                            "authenticated": {"Fn::GetAtt": ["Role", "Arn"]},
                            "unauthenticated": maybe({"Fn::GetAtt": ["Role", "Arn"]}),
                        }
                    ),
                    "RoleMappings": maybe(
                        {
                            "g": {
                                "Type": maybe("Rules"),
                                "AmbiguousRoleResolution": maybe("Deny"),
                                "IdentityProvider": maybe("accounts.google.com"),
                                "RulesConfiguration": maybe(
                                    {
                                        "Rules": maybe(
                                            [
                                                {
                                                    "Claim": maybe("hd"),
                                                    "MatchType": maybe("Equals"),
                                                    "Value": maybe("x"),
                                                    "RoleARN": maybe({"Fn::GetAtt": ["Role", "Arn"]}),
                                                }
                                            ]
                                        )
                                    }
                                ),
                            }
                        }
                    ),
                },
            },
        },
    }


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(templates())
def test_no_command_ends_in_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: dict[str, Any]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    for argv in (
        ["check", str(path)],
        ["check", str(path), "--format", "sarif"],
        ["report", str(path), "--format", "markdown"],
        ["simulate", str(path), "--guest"],
        [
            "simulate",
            str(path),
            "--provider",
            "accounts.google.com",
            "--claims",
            '{"hd": "x", "cognito:groups": ["a"]}',
        ],
    ):
        code = main(argv)
        _, err = capsys.readouterr()
        assert code in (0, 1, 2, 3)
        if code == 2:
            assert len(err.strip().splitlines()) == 1, err
