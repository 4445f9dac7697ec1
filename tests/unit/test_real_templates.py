"""The command line on templates in the shapes real projects write: YAML short forms, parameters and
conditions, role mappings from a custom resource, an attachment that names its pool with ``!Sub``, nested
stacks, a cloud assembly of another CDK app; and on input it cannot read (one line, exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam

from cdk_identitypool._cli.main import main

TEMPLATES = Path(__file__).parents[1] / "templates"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- an Amplify-style auth stack ---------------------------------------------------------------------------


def test_amplify_style_stack_reports_the_unconditional_guest_trust(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(TEMPLATES / "amplify_auth.yaml"))
    assert code == 1
    assert "ERROR amplify_auth.yaml UnauthRole: [cdk-identitypool:untrusted-role]" in out
    assert "IAM refuses such a trust policy" in out
    # guests depend on a condition: said so, not asserted
    assert "may give credentials to guests" in out and "condition AllowGuests" in out
    # messages speak CloudFormation: no construct paths of an internal app, no CDK advice
    assert "Checked" not in out and "assumed_by" not in out and "{'" not in out


def test_amplify_style_guest_is_unknown_while_guests_depend_on_a_condition(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", str(TEMPLATES / "amplify_auth.yaml"), "--guest")
    assert code == 3
    assert out.startswith("unknown [unknown]")
    assert "condition AllowGuests" in out and "{'" not in out


@pytest.mark.parametrize("provider", ["UserPool", "UserPoolClient"])
def test_simulate_a_user_of_the_templates_own_user_pool_by_logical_id(
    capsys: pytest.CaptureFixture[str], provider: str
) -> None:
    code, out, _ = run(capsys, "simulate", str(TEMPLATES / "amplify_auth.yaml"), "--provider", provider)
    assert code == 0, out
    assert out.startswith("granted role AuthRole [default-authenticated-role]")


def test_a_provider_the_pool_lacks_is_denied(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", str(TEMPLATES / "amplify_auth.yaml"), "--provider", "graph.facebook.com")
    assert code == 1
    assert "[provider-not-configured]" in out


# --- role mappings from a custom resource, an attachment linked with !Sub -----------------------------------


def test_sub_linked_attachment_gives_guests_their_role(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "simulate", str(TEMPLATES / "custom_mapping.yaml"), "--guest")
    assert code == 0, out
    assert out.startswith("granted role GuestRole [guest-role]")


def test_computed_role_mappings_are_unknown_not_malformed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "simulate", str(TEMPLATES / "custom_mapping.yaml"), "--provider", "accounts.google.com"
    )
    assert (code, err) == (3, "")
    assert "custom resource MappingFunction" in out


def test_checks_name_computed_mappings_and_conditional_statements(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(TEMPLATES / "custom_mapping.yaml"))
    assert code == 0, out
    assert (
        "[cdk-identitypool:unverifiable-role] The role mappings of identity pool Pool are MappingFunction.RoleMappings"
        in out
    )
    # Effect: !If [...] is read as a possible Allow, and says so
    assert "dynamodb:PutItem (some under a CloudFormation condition)" in out


# --- formats ----------------------------------------------------------------------------------------------


def test_json_and_sarif_carry_file_and_line(capsys: pytest.CaptureFixture[str]) -> None:
    template = TEMPLATES / "amplify_auth.yaml"
    _, out, _ = run(capsys, "check", str(template), "--format", "json")
    findings = json.loads(out)
    untrusted = next(f for f in findings if f["check"] == "cdk-identitypool:untrusted-role")
    line = template.read_text().splitlines()[untrusted["line"] - 1]
    assert line.strip() == "UnauthRole:"
    _, out, _ = run(capsys, "check", str(template), "--format", "sarif")
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    result = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "cdk-identitypool:untrusted-role")
    assert result["level"] == "error"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"].endswith("amplify_auth.yaml")
    assert physical["region"]["startLine"] == untrusted["line"]
    rule_ids = {r["id"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert "cdk-identitypool:untrusted-role" in rule_ids


def test_the_pre_commit_hook_checks_every_file_it_is_given(capsys: pytest.CaptureFixture[str]) -> None:
    import yaml

    hooks = yaml.safe_load((Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text())
    assert hooks[0]["entry"] == "cdk-identitypool check"
    files = [str(TEMPLATES / "custom_mapping.yaml"), str(TEMPLATES / "amplify_auth.yaml")]
    code, out, _ = run(capsys, "check", *files)
    assert code == 1  # the second file has an error finding
    assert "custom_mapping.yaml Pool" in out and "amplify_auth.yaml UnauthRole" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith("cdk-identitypool ")


# --- nested stacks and Stages -----------------------------------------------------------------------------


def _nested_app(outdir: Path) -> None:
    app = cdk.App(outdir=str(outdir))
    parent = cdk.Stack(app, "Parent")
    nested = cdk.NestedStack(parent, "Auth")
    role = iam.Role(nested, "Untrusting", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    upstream.IdentityPool(
        nested,
        "Pool",
        authentication_providers=upstream.IdentityPoolAuthenticationProviders(
            amazon=upstream.IdentityPoolAmazonLoginProvider(app_id="amzn1.application.1")
        ),
        role_mappings=[
            upstream.IdentityPoolRoleMapping(
                provider_url=upstream.IdentityPoolProviderUrl.AMAZON,
                rules=[upstream.RoleMappingRule(claim="custom:admin", claim_value="yes", mapped_role=role)],
            )
        ],
    )
    app.synth()


def test_a_pool_in_a_nested_stack_is_checked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _nested_app(tmp_path / "cdk.out")
    code, out, _ = run(capsys, "check", str(tmp_path / "cdk.out"))
    assert code == 1, out
    assert "Parent/Auth" in out and "[cdk-identitypool:untrusted-role]" in out


# --- what it cannot read: one line, exit 2 ---------------------------------------------------------------


def _bad(tmp_path: Path, name: str, content: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        (
            "latin1.yaml",
            "Resources:\n  P: {Type: 'AWS::Cognito::IdentityPool', Properties: {N: \xe9}}\n".encode("latin-1"),
            "not UTF-8",
        ),
        ("empty.json", b"", "empty"),
        ("list.json", b"[1, 2]", "list.json: template: must be a dict"),
        ("tabs.yaml", b"Resources:\n\t- x", "not valid YAML"),
        (
            "dangling.yaml",
            b"Resources:\n  A:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n"
            b"    Properties: {IdentityPoolId: !Ref Missing}\n",
            "Missing",
        ),
    ],
)
def test_unreadable_templates_are_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, says: str
) -> None:
    code, _, err = run(capsys, "check", str(_bad(tmp_path, name, content)))
    assert code == 2
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_manifest_without_artifacts_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "manifest.json").write_text(json.dumps({"version": "36.0.0"}))
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 2 and "artifacts" in err


def test_a_template_without_pools_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _bad(tmp_path, "bucket.yaml", b"Resources:\n  B: {Type: AWS::S3::Bucket}\n")
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0 and "no identity pool" in out
    code, _, err = run(capsys, "simulate", str(path), "--guest")
    assert code == 2 and "no identity pool" in err


# --- no Node ----------------------------------------------------------------------------------------------


def test_the_command_line_imports_neither_aws_cdk_lib_nor_jsii(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from cdk_identitypool._cli.main import main\n"
        f"rc = main(['check', {str(TEMPLATES / 'custom_mapping.yaml')!r}])\n"
        "rc2 = main(['simulate', " + repr(str(TEMPLATES / "custom_mapping.yaml")) + ", '--guest'])\n"
        "assert not {'aws_cdk', 'jsii', 'constructs'} & set(sys.modules), sorted(sys.modules)\n"
        "print('ok', rc, rc2)\n"
    )
    env: dict[str, Any] = {"PATH": "/nonexistent", "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok 0 0")


def test_boolean_properties_written_as_strings_are_booleans(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = (TEMPLATES / "custom_mapping.yaml").read_text()
    path = tmp_path / "strings.yaml"
    path.write_text(source.replace("AllowUnauthenticatedIdentities: true", 'AllowUnauthenticatedIdentities: "True"'))
    code, out, _ = run(capsys, "simulate", str(path), "--guest")
    assert code == 0 and out.startswith("granted role GuestRole [guest-role]")


@pytest.mark.parametrize(
    ("replace", "says"),
    [
        (
            "Condition:\n              StringEquals: {cognito-identity.amazonaws.com:aud: !Ref Pool}\n"
            "              ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: unauthenticated}",
            "Condition: [1, 2]",
        ),
        ("Roles:\n        authenticated", "Roles: 7\n      Ignored:\n        authenticated"),
    ],
)
def test_parts_cloudformation_would_refuse_name_their_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], replace: str, says: str
) -> None:
    source = (TEMPLATES / "custom_mapping.yaml").read_text()
    assert replace in source
    path = tmp_path / "bad.yaml"
    path.write_text(source.replace(replace, says, 1))
    code, _, err = run(capsys, "check", str(path))
    assert code == 2 and "Resources." in err and "must be a mapping" in err and len(err.splitlines()) == 1


def test_yaml_in_flow_style_is_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(
        "{Resources: {Pool: {Type: 'AWS::Cognito::IdentityPool', Properties: {AllowUnauthenticatedIdentities: false}}}}"
    )
    code, out, _ = run(capsys, "simulate", str(path), "--guest")
    assert code == 1 and "[guest-access-disabled]" in out


def test_trusts_written_with_sub_and_other_key_case_are_recognized(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (TEMPLATES / "custom_mapping.yaml").read_text()
    path = tmp_path / "sub.yaml"
    path.write_text(
        source.replace(
            "Principal: {Federated: cognito-identity.amazonaws.com}",
            'Principal: {Federated: !Sub "cognito-identity.${AWS::URLSuffix}"}',
        ).replace("{cognito-identity.amazonaws.com:aud: !Ref Pool}", "{Cognito-Identity.amazonaws.com:AUD: !Ref Pool}")
    )
    code, out, _ = run(capsys, "check", str(path))
    assert "untrusted-role" not in out and "missing-amr" not in out, out
    code, out, _ = run(capsys, "simulate", str(path), "--guest")
    assert code == 0 and out.startswith("granted role GuestRole [guest-role]")


def test_providers_chosen_by_conditions_are_unknown_not_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Amplify-style: the login map and a user pool entry depend on conditions.
    source = (TEMPLATES / "custom_mapping.yaml").read_text()
    source = source.replace(
        "      SupportedLoginProviders:\n        accounts.google.com: my-client.apps.googleusercontent.com\n",
        "      SupportedLoginProviders: !If [Writable, {accounts.google.com: my-client}, !Ref AWS::NoValue]\n"
        "      CognitoIdentityProviders:\n"
        "        - !If [Writable, {ProviderName: cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc, ClientId: c},"
        " !Ref AWS::NoValue]\n",
    )
    source = source.replace(
        "      RoleMappings: !GetAtt MappingFunction.RoleMappings\n",
        (
            "      RoleMappings:\n        google:\n          Type: Token\n          AmbiguousRoleResolution: Deny\n"
            "          IdentityProvider: accounts.google.com\n"
        ),
    )
    path = tmp_path / "conditional.yaml"
    path.write_text(source)
    code, out, _ = run(capsys, "check", str(path))
    assert "unconfigured-provider" not in out and "server-side-token-check-off" not in out, out
    code, out, _ = run(capsys, "simulate", str(path), "--provider", "accounts.google.com")
    assert code == 3 and out.startswith("unknown"), out


def test_policy_documents_as_json_text_and_pool_ids_by_getatt(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pool_id = {"Fn::GetAtt": ["Pool", "Id"]}  # the same as Ref Pool
    trust = {
        "Effect": "Allow",
        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": {
            "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
            "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
        },
    }
    writes = json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]})
    template: dict[str, Any] = {
        "Resources": {
            "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": True}},
            "Guest": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "AssumeRolePolicyDocument": {"Statement": [trust]},
                    "Policies": [{"PolicyName": "write", "PolicyDocument": writes}],  # JSON text
                },
            },
            "Attachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": pool_id,
                    "Roles": {"unauthenticated": {"Fn::GetAtt": ["Guest", "Arn"]}},
                },
            },
        }
    }
    path = tmp_path / "t.json"
    path.write_text(json.dumps(template))
    code, out, err = run(capsys, "simulate", str(path), "--guest")
    assert code == 0 and out.startswith("granted role Guest [guest-role]"), (out, err)
    code, out, _ = run(capsys, "check", str(path))
    assert "guest-role-write-access" in out and "s3:PutObject" in out


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    from benchmarks.bench_cli import big_template

    path = tmp_path / "big.json"
    path.write_text(json.dumps(big_template()))  # a report far larger than a pipe's buffer
    command = f"{sys.executable} -m cdk_identitypool report {path} --format json | head -c 10"
    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, check=False, cwd=Path(__file__).parents[2]
    )
    assert done.stdout == '{\n  "pools"'[:10]
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr, done.stderr


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--guest", "--pool", "Nope"], "--pool Nope: no such identity pool; the template has Pool"),
        (["--provider", "accounts.google.com", "--claims", '"x"'], "--claims x: must be a dict"),
        (["--guest", "--requested-role", "arn:aws:iam::123456789012:role/x"], "--requested-role: a guest"),
    ],
)
def test_simulate_errors_name_the_flags(capsys: pytest.CaptureFixture[str], argv: list[str], says: str) -> None:
    code, _, err = run(capsys, "simulate", str(TEMPLATES / "custom_mapping.yaml"), *argv)
    assert code == 2 and says in err and "['" not in err


# --- user pools as aws-cdk-lib names them ---------------------------------------------------------------------


def _user_pool_app(outdir: Path, env: cdk.Environment | None) -> None:
    """aws-cdk-lib's own pool (as a TypeScript CDK app writes it): it names the user pool provider
    ``cognito-idp.<region>.<URL suffix>/<Ref user pool>``, after the stack's region."""
    from aws_cdk import aws_cognito as cognito

    app = cdk.App(outdir=str(outdir))
    stack = cdk.Stack(app, "Auth", env=env)
    users = cognito.UserPool(stack, "Users")
    upstream.IdentityPool(
        stack,
        "Pool",
        authentication_providers=upstream.IdentityPoolAuthenticationProviders(
            user_pools=[
                upstream.UserPoolAuthenticationProvider(user_pool=users, user_pool_client=users.add_client("Web"))
            ]
        ),
    )
    app.synth()


@pytest.mark.parametrize(
    "env", [None, cdk.Environment(account="123456789012", region="eu-west-1")], ids=["AWS::Region", "literal-region"]
)
def test_a_user_pool_named_as_aws_cdk_lib_names_it_is_the_templates_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], env: cdk.Environment | None
) -> None:
    _user_pool_app(tmp_path / "cdk.out", env)
    code, out, _ = run(capsys, "simulate", str(tmp_path / "cdk.out"), "--provider", "Users0A0EEA89")
    assert code == 0, out
    assert out.startswith("granted role PoolAuthenticatedRole")


@pytest.mark.parametrize(
    ("region", "read_as_the_user_pools"), [("eu-west-1", True), ("us-east-1", False), (None, False)]
)
def test_a_literal_region_names_the_templates_user_pool_only_in_that_region(
    tmp_path: Path, region: str | None, read_as_the_user_pools: bool
) -> None:
    from cdk_identitypool._model.template import TemplateModel

    _user_pool_app(tmp_path / "cdk.out", cdk.Environment(account="123456789012", region="eu-west-1"))
    template = json.loads((tmp_path / "cdk.out" / "Auth.template.json").read_text())
    model = TemplateModel.from_template(template, region=region)
    (pool,) = (r for r in model.resources.values() if r.type == "AWS::Cognito::IdentityPool")
    name = pool.properties["CognitoIdentityProviders"][0]["ProviderName"]
    assert (name == {"Fn::GetAtt": ["Users0A0EEA89", "ProviderName"]}) is read_as_the_user_pools, name


def test_a_mapping_for_another_app_client_of_the_pools_user_pool_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from aws_cdk import aws_cognito as cognito

    app = cdk.App(outdir=str(tmp_path / "cdk.out"))
    stack = cdk.Stack(app, "Auth")
    users = cognito.UserPool(stack, "Users")
    web, other = users.add_client("Web"), users.add_client("Other")
    admins = iam.Role(stack, "Admins", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    rules = [upstream.RoleMappingRule(claim="custom:admin", claim_value="yes", mapped_role=admins)]
    upstream.IdentityPool(
        stack,
        "Pool",
        authentication_providers=upstream.IdentityPoolAuthenticationProviders(
            user_pools=[upstream.UserPoolAuthenticationProvider(user_pool=users, user_pool_client=web)]
        ),
        role_mappings=[
            upstream.IdentityPoolRoleMapping(
                provider_url=upstream.IdentityPoolProviderUrl.user_pool(users, web), mapping_key="web", rules=rules
            ),
            upstream.IdentityPoolRoleMapping(
                provider_url=upstream.IdentityPoolProviderUrl.user_pool(users, other), mapping_key="other", rules=rules
            ),
        ],
    )
    app.synth()
    code, out, _ = run(capsys, "check", str(tmp_path / "cdk.out"))
    assert code == 1, out
    assert "unconfigured-provider" in out and "Role mapping 'other'" in out, out
    assert "Role mapping 'web'" not in out


def test_a_user_pool_named_with_sub_is_the_templates_own_and_a_mapping_for_another_client_is_named(
    capsys: pytest.CaptureFixture[str],
) -> None:
    template = str(TEMPLATES / "user_pool_by_sub.yaml")
    code, out, _ = run(capsys, "simulate", template, "--provider", "Users")
    assert code == 0 and out.startswith("granted role AuthRole"), out
    code, out, _ = run(capsys, "check", template)
    assert code == 1
    assert "Role mapping 'other' of identity pool Pool is for ${Users.ProviderName}:${Users}" in out
    assert "not configured with (${Users.ProviderName}:${Web})" in out  # the pool's provider, as the template says
    assert "Role mapping 'web'" not in out
