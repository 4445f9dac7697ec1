"""The test harness itself: the lint step must catch a broken template, the snapshot step a changed one."""

from __future__ import annotations

from tests.helpers import lint_errors


def test_lint_reports_errors_of_a_broken_template() -> None:
    broken = {
        "Resources": {
            "Pool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {"AllowUnauthenticatedIdentities": "maybe", "IdentityPoolName": "x" * 200},
            }
        }
    }
    errors = lint_errors(broken)
    assert any(e.startswith("E3012") and "AllowUnauthenticatedIdentities" in e for e in errors)
    assert any("IdentityPoolName" in e and "longer than 128" in e for e in errors)


def test_lint_passes_a_valid_template() -> None:
    valid = {
        "Resources": {
            "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": False}}
        }
    }
    assert lint_errors(valid) == []
