"""Deploy the example app to a local AWS emulator and show what guests and signed-in users get.

``./run.sh example`` runs this: it synthesizes the app with the CDK CLI, starts ministack on a free
loopback port (with IAM enforced), deploys the stack with ``cdk deploy`` pointed at the emulator
(``AWS_ENDPOINT_URL``), then

- gets a guest identity and credentials and asks STS which role they assume, and tries the notes table;
- creates a user in the example's user pool, signs in, exchanges the id token for credentials, same again;

and stops the emulator. Nothing leaves 127.0.0.1 and no AWS account is needed.

Options: ``--no-auth`` (accept any request instead of enforcing IAM), ``--python-synth`` (synthesize in
this process and deploy with boto3 CloudFormation instead of the CDK CLI), ``--timeout SECONDS`` (for
the deployment).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cdk_identitypool.testing.emulator import (  # noqa: E402 - after the path setup above
    EmulatorError,
    MinistackEmulator,
    deploy_template,
)
from cdk_identitypool.testing.flows import caller_arn, identity_credentials, sign_in_user  # noqa: E402
from tools.node import CDK_CLI, node_binary  # noqa: E402 - after the path setup above

STACK_NAME = "CdkIdentityPoolExample"
USERNAME = "demo-user"
#: Meets the example user pool's default password policy (length, upper, lower, digit, symbol).
PASSWORD = "Demo-Passw0rd!"
SYNTH_TIMEOUT = 300.0

Say = Callable[[str], None]


def _say(line: str) -> None:
    print(line, flush=True)


def _cdk(args: list[str], env: dict[str, str | None], timeout: float) -> None:
    """Run the pinned CDK CLI with ``env`` changes (None removes a variable); bounded by ``timeout``."""
    full_env = dict(os.environ, CDK_DISABLE_VERSION_CHECK="1", CDK_CLI_NOTICES="false")
    for name, value in env.items():
        if value is None:
            full_env.pop(name, None)
        else:
            full_env[name] = value
    try:
        done = subprocess.run(
            [node_binary(), str(CDK_CLI), *args],
            cwd=ROOT,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise EmulatorError(f"cdk {args[0]} did not finish within {timeout:g}s") from exc
    if done.returncode != 0:
        raise EmulatorError(f"cdk {args[0]} failed (exit {done.returncode}):\n{done.stderr[-4000:]}")


def synthesize_with_cli(outdir: Path) -> dict[str, Any]:
    """``cdk synth`` of the example app (``cdk.json``) with the pinned CDK CLI; returns the stack's template."""
    if not CDK_CLI.exists():
        raise SystemExit(f"the CDK CLI is not installed at {CDK_CLI}: run ./run.sh example (or use --python-synth)")
    try:
        _cdk(
            ["synth", "--quiet", "--app", f"{sys.executable} examples/app.py", "--output", str(outdir), STACK_NAME],
            {},
            SYNTH_TIMEOUT,
        )
    except EmulatorError as exc:
        raise SystemExit(str(exc)) from exc
    return _template_from_assembly(outdir)


def deploy_with_cli(emulator: MinistackEmulator, assembly: Path, timeout: float) -> dict[str, str]:
    """``cdk deploy`` of the synthesized assembly to the emulator; returns the stack outputs."""
    outputs_file = assembly.parent / "outputs.json"
    env = {
        "AWS_ENDPOINT_URL": emulator.endpoint_url,
        "AWS_REGION": emulator.region,
        "AWS_DEFAULT_REGION": emulator.region,
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_PROFILE": None,
        "AWS_SESSION_TOKEN": None,
    }
    _cdk(
        [
            "deploy",
            "--app",
            str(assembly),
            "--require-approval",
            "never",
            "--progress",
            "events",
            "--outputs-file",
            str(outputs_file),
            STACK_NAME,
        ],
        env,
        timeout,
    )
    outputs: dict[str, str] = json.loads(outputs_file.read_text())[STACK_NAME]
    return outputs


def _template_from_assembly(outdir: Path) -> dict[str, Any]:
    manifest = json.loads((outdir / "manifest.json").read_text())
    artifact = manifest["artifacts"][STACK_NAME]
    template: dict[str, Any] = json.loads((outdir / artifact["properties"]["templateFile"]).read_text())
    return template


def build_example_app() -> Any:
    from examples.app import build_app

    return build_app()


def synthesize_in_process() -> dict[str, Any]:
    """The example stack's template, synthesized in this process (no CDK CLI)."""
    assembly = build_example_app().synth()
    template: dict[str, Any] = assembly.get_stack_by_name(STACK_NAME).template
    return template


def _try(action: Callable[[], object]) -> str:
    from botocore.exceptions import ClientError

    try:
        action()
    except ClientError as exc:
        return f"denied ({exc.response.get('Error', {}).get('Code', 'error')})"
    return "allowed"


def _report(say: Say, found: dict[str, Any], label: str) -> None:
    caller, expected = found["caller"], found["expected_role"]
    matches = caller.split("/")[1:2] == expected.split("/")[-1:]
    say(f"    identity       {found['identity_id']}")
    say(f"    assumed role   {caller}  ({label}: {'yes' if matches else 'NO, expected ' + expected})")
    say("    notes table    " + ", ".join(f"{action} {outcome}" for action, outcome in found["table"].items()))


def _table_access(emulator: MinistackEmulator, creds: dict[str, Any], table: str, owner: str) -> dict[str, str]:
    db = emulator.client("dynamodb", credentials=creds)
    key = {"owner": {"S": owner}}
    return {
        "read": _try(lambda: db.get_item(TableName=table, Key=key)),
        "write": _try(lambda: db.put_item(TableName=table, Item={**key, "note": {"S": "hello"}})),
    }


def demo(emulator: MinistackEmulator, outputs: dict[str, str], say: Say = _say) -> dict[str, Any]:
    """Run the guest and signed-in user flows against the deployed example; returns what it found."""
    pool_id = outputs["IdentityPoolId"]
    user_pool_id = outputs["UserPoolId"]
    table = outputs["NotesTableName"]
    result: dict[str, Any] = {"identity_pool_id": pool_id}
    say(f"    identity pool  {pool_id}")

    say("==> guest: GetId without logins, GetCredentialsForIdentity, sts GetCallerIdentity")
    guest_id, guest = identity_credentials(emulator, pool_id)
    result["guest"] = {
        "identity_id": guest_id,
        "caller": caller_arn(emulator, guest),
        "expected_role": outputs["UnauthenticatedRoleArn"],
        "table": _table_access(emulator, guest, table, "guest"),
    }
    _report(say, result["guest"], "the unauthenticated role")

    say(f"==> user: {USERNAME} in user pool {user_pool_id}, USER_PASSWORD_AUTH, id token as login")
    logins = sign_in_user(
        emulator,
        user_pool_id=user_pool_id,
        client_id=outputs["UserPoolClientId"],
        username=USERNAME,
        password=PASSWORD,
        provider_name=f"cognito-idp.{pool_id.split(':', 1)[0]}.amazonaws.com/{user_pool_id}",
    )
    user_id, user = identity_credentials(emulator, pool_id, logins)
    result["user"] = {
        "identity_id": user_id,
        "caller": caller_arn(emulator, user),
        "expected_role": outputs["AuthenticatedRoleArn"],
        "table": _table_access(emulator, user, table, USERNAME),
    }
    _report(say, result["user"], "the authenticated role")
    return result


def simulate_role_mapping(say: Say = _say) -> dict[str, str]:
    """What ministack cannot show (it stores role-mapping rules but does not evaluate them): the
    role-resolution simulator's answer for an admin, another user and a guest of the example stack."""
    from cdk_identitypool import IdentityPoolProviderUrl
    from cdk_identitypool.testing import RoleResolutionSimulator
    from examples.example_stack import ExampleStack

    say("==> role mapping: ministack stores the rules but does not evaluate them; the simulator does")
    stack = next(c for c in build_example_app().node.children if isinstance(c, ExampleStack))
    simulator = RoleResolutionSimulator(stack)
    users = IdentityPoolProviderUrl.user_pool(stack.user_pool, stack.client)
    answers = {
        "admin (cognito:groups = admins)": simulator.sign_in(users, {"sub": "a", "cognito:groups": ["admins"]}),
        "other user": simulator.sign_in(users, {"sub": "b"}),
        "guest": simulator.guest(),
    }
    found: dict[str, str] = {}
    for who, result in answers.items():
        found[who] = str(result.role) if result.role else "denied"
        say(f"    {who:<32} {found[who]}  [{result.outcome.value}]")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-auth", action="store_true", help="do not enforce IAM in the emulator")
    parser.add_argument("--python-synth", action="store_true", help="synthesize in-process, not with the CDK CLI")
    parser.add_argument("--timeout", type=float, default=120.0, help="deployment timeout in seconds")
    args = parser.parse_args(argv)

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cdk-identitypool-") as scratch:
        assembly = Path(scratch) / "cdk.out"
        if args.python_synth:
            _say("==> synthesizing the example app (in-process)")
            template = synthesize_in_process()
        else:
            _say("==> synthesizing the example app with the CDK CLI (cdk synth)")
            template = synthesize_with_cli(assembly)
        _say(f"    {len(template.get('Resources', {}))} resources in stack {STACK_NAME}")

        _say("==> starting the local AWS emulator (ministack" + (")" if args.no_auth else ", IAM enforced)"))
        try:
            with MinistackEmulator(auth=not args.no_auth) as emulator:
                _say(f"    {emulator.endpoint_url} ready in {emulator.startup_seconds or 0:.1f}s")
                if args.python_synth:
                    _say("==> deploying the template (boto3 CloudFormation CreateStack)")
                    outputs = deploy_template(emulator, STACK_NAME, template, timeout=args.timeout)
                else:
                    _say(f"==> deploying with the CDK CLI (cdk deploy, AWS_ENDPOINT_URL={emulator.endpoint_url})")
                    outputs = deploy_with_cli(emulator, assembly, args.timeout)
                demo(emulator, outputs)
                simulate_role_mapping()
                _say("==> stopping the emulator")
        except EmulatorError as exc:
            _say(f"error: {exc}")
            return 1
    _say(f"==> done in {time.monotonic() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
