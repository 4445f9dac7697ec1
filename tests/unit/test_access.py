"""Who can do what: the access report and the access diff, on aws-cdk-lib's own L2 output and on ours."""

from __future__ import annotations

from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_dynamodb as dynamodb

from cdk_identitypool._cli.main import main
from cdk_identitypool.testing import Tri, access_report

TEMPLATES = Path(__file__).parents[1] / "templates"


def notes_app(outdir: Path, *, guests_write: bool) -> Path:
    """aws-cdk-lib's own pool with guests; they may read the notes table (and write it, when asked)."""
    app = cdk.App(outdir=str(outdir))
    stack = cdk.Stack(app, "Notes", env=cdk.Environment(account="123456789012", region="us-east-1"))
    table = dynamodb.Table(
        stack, "NotesTable", partition_key=dynamodb.Attribute(name="id", type=dynamodb.AttributeType.STRING)
    )
    pool = upstream.IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    table.grant_read_data(pool.unauthenticated_role)
    if guests_write:
        table.grant(pool.unauthenticated_role, "dynamodb:PutItem")
    app.synth()
    return outdir


def table_id(report_text: str) -> str:
    return next(word for word in report_text.split() if word.startswith("NotesTable"))


def test_the_report_names_the_guest_roles_reads_on_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assembly = notes_app(tmp_path / "cdk.out", guests_write=False)
    assert main(["report", str(assembly)]) == 0
    out = capsys.readouterr().out
    guests = out[out.index("guests · default") :]
    assert "(trust: trusted)" in guests.splitlines()[0]
    assert "Allow dynamodb:BatchGetItem" in guests and " on NotesTable" in guests
    assert "AWS::IAM::Policy" in guests  # where the statement comes from
    assert "session policy" in guests  # what the report cannot tell about guests


def test_markdown_carries_a_mermaid_flowchart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assembly = notes_app(tmp_path / "cdk.out", guests_write=False)
    main(["report", str(assembly), "--format", "markdown"])
    out = capsys.readouterr().out
    assert "| identity | path | role | trust | may do |" in out
    assert "```mermaid\nflowchart LR" in out
    assert '(["guests"])' in out


def test_diff_exits_1_when_guests_gain_put_item_and_0_for_the_reverse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = notes_app(tmp_path / "before", guests_write=False)
    after = notes_app(tmp_path / "after", guests_write=True)
    assert main(["diff", str(before), str(after)]) == 1
    out = capsys.readouterr().out
    assert "guests: + Allow dynamodb:PutItem on NotesTable" in out
    assert main(["diff", str(after), str(before)]) == 0
    out = capsys.readouterr().out
    assert "guests: - Allow dynamodb:PutItem on NotesTable" in out
    assert main(["diff", str(before), str(before)]) == 0
    assert "no change" in capsys.readouterr().out


def test_a_unit_test_asserts_what_guests_can_do(tmp_path: Path) -> None:
    report = access_report(notes_app(tmp_path / "cdk.out", guests_write=False))
    (table,) = {
        p.resources[0]
        for path in report.paths()
        if path.role
        for p in path.role.permissions
        if p.resources and p.resources[0].startswith("NotesTable")
    }
    assert report.can("guests", "dynamodb:GetItem", table) is Tri.YES
    assert report.can("guests", "dynamodb:PutItem", table) is Tri.NO


def test_conditional_and_computed_parts_are_shown_as_such(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(TEMPLATES / "custom_mapping.yaml")]) == 0
    out = capsys.readouterr().out
    assert 'Fn::If ["Writable", "Allow", "Deny"] dynamodb:GetItem, dynamodb:PutItem on Notes' in out
    assert "accounts.google.com · mapping RoleMappings → unknown" in out
    report = access_report(TEMPLATES / "custom_mapping.yaml")
    assert report.can("guests", "dynamodb:PutItem", "Notes") is Tri.UNKNOWN
    assert report.can("accounts.google.com", "dynamodb:GetItem", "Notes") is Tri.UNKNOWN


def test_a_trust_that_widens_is_a_change_that_needs_review(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (TEMPLATES / "custom_mapping.yaml").read_text()
    narrow = tmp_path / "narrow.yaml"
    narrow.write_text(source.replace("amr: unauthenticated}", "amr: authenticated}"))
    assert main(["diff", str(narrow), str(TEMPLATES / "custom_mapping.yaml")]) == 1
    assert "trust refused → trusted" in capsys.readouterr().out
