"""The command line on cloud assemblies and templates we did not make: aws-cdk-lib's own L2, raw CloudFormation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam

from cdk_identitypool._cli.main import main
from tests.unit.test_simulator_edges import foreign_template


def upstream_pool(stack: cdk.Stack) -> upstream.IdentityPool:
    """aws-cdk-lib's own IdentityPool (as a TypeScript app would build it), for Amazon users."""
    return upstream.IdentityPool(
        stack,
        "Pool",
        authentication_providers=upstream.IdentityPoolAuthenticationProviders(
            amazon=upstream.IdentityPoolAmazonLoginProvider(app_id="amzn1.application.abc")
        ),
    )


def trusting(pool: upstream.IdentityPool) -> iam.IPrincipal:
    return iam.FederatedPrincipal(
        "cognito-identity.amazonaws.com",
        {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": pool.identity_pool_id},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
        },
        "sts:AssumeRoleWithWebIdentity",
    )


def map_amazon_admins_to(pool: upstream.IdentityPool, role: iam.IRole) -> None:
    """A rules mapping written on aws-cdk-lib's attachment L1 (its L2 has no role mappings API for rules)."""
    attachment = cognito.CfnIdentityPoolRoleAttachment
    rule = attachment.MappingRuleProperty(
        claim="custom:role", match_type="Equals", value="admin", role_arn=role.role_arn
    )
    pool.role_attachment.role_mappings = {
        "www.amazon.com": attachment.RoleMappingProperty(
            type="Rules",
            ambiguous_role_resolution="Deny",
            identity_provider="www.amazon.com",
            rules_configuration=attachment.RulesConfigurationTypeProperty(rules=[rule]),
        )
    }


def upstream_assembly(tmp_path: Path, *, trusted: bool) -> Path:
    """A cdk.out made by aws-cdk-lib's own IdentityPool, with a rule mapping to a role that does or does not
    trust the pool."""
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "Upstream")
    pool = upstream_pool(stack)
    principal = trusting(pool) if trusted else iam.ServicePrincipal("lambda.amazonaws.com")
    map_amazon_admins_to(pool, iam.Role(stack, "Admins", assumed_by=principal))
    app.synth()
    return tmp_path / "cdk.out"


def test_check_exits_non_zero_on_an_untrusted_mapped_role(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(upstream_assembly(tmp_path, trusted=False))]) == 1
    out = capsys.readouterr().out
    assert "ERROR Upstream" in out and "cdk-identitypool:untrusted-role" in out


def test_check_passes_an_assembly_whose_roles_trust_their_pool(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(upstream_assembly(tmp_path, trusted=True))]) == 0
    assert "0 error(s)" in capsys.readouterr().out


def test_check_follows_a_role_another_stack_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    pools, roles = cdk.Stack(app, "Pools"), cdk.Stack(app, "Roles")
    pool = upstream_pool(pools)
    # Same construct path in both stacks: the pool's stack has a well-trusting namesake that is not mapped.
    iam.Role(pools, "Admins", assumed_by=trusting(pool))
    map_amazon_admins_to(pool, iam.Role(roles, "Admins", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")))
    app.synth()
    assert main(["check", str(tmp_path / "cdk.out")]) == 1
    out = capsys.readouterr().out
    assert "ERROR Roles Admins" in out and "cdk-identitypool:untrusted-role" in out


def test_check_reads_the_stacks_of_stages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(cdk.Stage(app, "Prod"), "Pools")  # written to a nested assembly, cdk.out/assembly-Prod
    map_amazon_admins_to(
        upstream_pool(stack), iam.Role(stack, "Admins", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    )
    app.synth()
    assert main(["check", str(tmp_path / "cdk.out")]) == 1
    assert "ERROR Prod/Pools" in capsys.readouterr().out


def test_check_reads_a_raw_cloudformation_template(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "pool.json"
    template.write_text(json.dumps(foreign_template()))
    assert main(["check", str(template)]) == 0
    out = capsys.readouterr().out
    assert "INFO pool.json" in out and "cdk-identitypool:guest-access" in out


def test_simulate_prints_the_role_a_raw_template_hands_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "pool.json"
    template.write_text(json.dumps(foreign_template()))
    args = ["simulate", str(template), "--provider", "accounts.google.com", "--claims", '{"hd": "example.com"}']
    assert main(args) == 0
    assert "granted role Admins [rule-matched]" in capsys.readouterr().out
    assert main(["simulate", str(template), "--guest"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "no/such/path"], "no such template file or cloud assembly directory"),
        (["simulate", "TEMPLATE", "--provider", "x", "--claims", "{not json"], "--claims: not JSON"),
        (["simulate", "TEMPLATE", "--provider", "x", "--claims", "[1]"], "--claims [1]: must be a dict"),
        (["simulate", "TEMPLATE", "--guest", "--pool", "Nope"], "--pool Nope: no such identity pool"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    template = tmp_path / "pool.json"
    template.write_text(json.dumps(foreign_template()))
    assert main([str(template) if a == "TEMPLATE" else a for a in args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_template_the_simulator_refuses_is_named_as_the_template_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = foreign_template()
    del template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["google"]["AmbiguousRoleResolution"]
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(template))
    args = ["simulate", str(path), "--provider", "accounts.google.com", "--claims", '{"hd": "other.com"}']
    assert main(args) == 2
    err = capsys.readouterr().err  # the mapping's key stays an index (it read "RoleMappingsgoogle")
    assert "template: RoleMappings['google']: AmbiguousRoleResolution is missing" in err, err


def test_python_dash_m_runs_the_command() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cdk_identitypool", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "check" in done.stdout and "simulate" in done.stdout
