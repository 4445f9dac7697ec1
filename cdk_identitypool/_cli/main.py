"""The ``cdk-identitypool`` command: the checks and the simulator on any template, without Node.

For CDK apps in any language and for templates written by hand: ``cdk-identitypool check PATH`` reads a cloud
assembly (``cdk.out``: Stages and nested stacks included) or a template file (JSON, or YAML with short-form
tags) and prints the findings of every identity pool; ``cdk-identitypool simulate PATH`` asks which role one
identity would get.

``report`` prints who can do what (each identity, its role, the role's permissions) and ``diff OLD NEW`` what
changed in it.

Exit codes: ``check`` 0 (no error findings) or 1 (errors); ``simulate`` 0 (credentials), 1 (denied) or 3
(unknown: the template cannot tell); ``report`` 0; ``diff`` 0, or 1 when an identity gains access or a trust
widens; 2 for unreadable input or a bad argument (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any

USAGE_ERROR = 2
UNKNOWN_EXIT = 3


class CliError(Exception):
    """Bad input to the command: printed as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = _parser().parse_args(argv)
    from .._model.template import MalformedTemplateError

    try:
        result: int = args.run(args)
        sys.stdout.flush()
        return result
    except (CliError, MalformedTemplateError) as error:
        print(f"cdk-identitypool: error: {error}", file=sys.stderr)
        return USAGE_ERROR
    except BrokenPipeError:  # the reader stopped early (`| head`): no traceback, as the Python docs advise
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cdk-identitypool")
    except PackageNotFoundError:  # pragma: no cover - a source tree that was never installed
        return "0+unknown"


class _VersionAction(argparse.Action):
    """``--version``, reading the distribution's metadata only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"cdk-identitypool {_version()}")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdk-identitypool",
        description="Check Cognito identity pools in a cloud assembly (cdk.out) or a CloudFormation template "
        "(JSON or YAML), or simulate which role an identity would get. Needs no Node.",
        epilog="exit codes: check 0 (no errors) / 1 (error findings); simulate 0 (granted) / 1 (denied) / "
        "3 (unknown); diff 0 / 1 (access grows); 2 unreadable input or bad arguments",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0, help="print the version and exit")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="print the security findings; exit 1 on any error")
    check.add_argument(
        "paths", nargs="+", metavar="path", help="cloud assembly directories (cdk.out) or template files (JSON or YAML)"
    )
    check.add_argument("--format", choices=("text", "json", "sarif"), default="text", help="output (default: text)")
    check.add_argument("--stack", help="only this stack of the cloud assembly (default: all)")
    check.set_defaults(run=_check)
    report = commands.add_parser("report", help="who can do what: each identity, its role, the role's permissions")
    report.add_argument("path", help="a cloud assembly directory (cdk.out) or a template file (JSON or YAML)")
    report.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output (default: text)")
    report.set_defaults(run=_report)
    diff = commands.add_parser("diff", help="what changed in who can do what; exit 1 when access grows")
    diff.add_argument("old", help="the assembly or template before the change")
    diff.add_argument("new", help="the assembly or template after the change")
    diff.add_argument("--format", choices=("text", "markdown", "json"), default="text", help="output (default: text)")
    diff.set_defaults(run=_diff)
    simulate = commands.add_parser("simulate", help="which role would an identity get? (exit 0/1/3)")
    simulate.add_argument("path", help="a cloud assembly directory (cdk.out) or a template file (JSON or YAML)")
    who = simulate.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--provider",
        help="the login provider: a provider name (accounts.google.com, an OIDC issuer host, a SAML provider "
        "ARN, cognito-idp.<region>.amazonaws.com/<user pool id>:<client id>) or the logical id of a user pool, "
        "an app client, an OIDC or a SAML provider of the template",
    )
    who.add_argument("--guest", action="store_true", help="an unauthenticated identity")
    simulate.add_argument("--claims", default="{}", help='the token\'s claims as JSON, e.g. \'{"hd": "x.com"}\'')
    simulate.add_argument("--requested-role", help="the CustomRoleArn the client asks for")
    simulate.add_argument("--stack", help="which stack of the cloud assembly (default: the only one with a pool)")
    simulate.add_argument("--pool", help="the pool's logical id (default: the only pool of the stack)")
    simulate.add_argument("--format", choices=("text", "json"), default="text", help="output (default: text)")
    simulate.set_defaults(run=_simulate)
    return parser


def _check(args: argparse.Namespace) -> int:
    from .._model.load import read_path
    from .report import check_assembly, render

    errors = False
    for path in args.paths:
        assembly = read_path(path)
        if args.stack is not None and args.stack not in assembly.names():
            raise CliError(f"--stack {args.stack}: no such stack in {path} (it has: {', '.join(assembly.names())})")
        findings = check_assembly(assembly, args.stack)
        print(render(findings, args.format, assembly, path, _version()))
        errors |= any(f.check.severity.value == "error" for f in findings)
    return 1 if errors else 0


def _report(args: argparse.Namespace) -> int:
    from .._model.access_reader import access_report
    from .._model.load import read_path
    from .access import render_json, render_markdown, render_text

    report = access_report(read_path(args.path))
    render = {"text": render_text, "markdown": render_markdown, "json": render_json}[args.format]
    print(render(report))
    return 0


def _diff(args: argparse.Namespace) -> int:
    from .._model.access_reader import access_report
    from .._model.load import read_path
    from .access import diff, render_diff

    change = diff(access_report(read_path(args.old)), access_report(read_path(args.new)))
    print(render_diff(change, args.format))
    return 1 if change.widened else 0


def _simulate(args: argparse.Namespace) -> int:
    from .._model.load import read_path
    from ..testing import Outcome, RoleResolutionSimulator, SimulationError
    from .providers import provider_for

    try:
        claims: Any = json.loads(args.claims)
    except json.JSONDecodeError as error:
        raise CliError(f"--claims: not JSON ({error})") from None
    assembly = read_path(args.path)
    stacks = [s for s in assembly if args.stack in (None, s.name)]
    if args.stack is not None and not stacks:
        raise CliError(f"--stack {args.stack}: no such stack in {args.path} (it has: {', '.join(assembly.names())})")
    with_pools = [s for s in stacks if any(s.model.of_type("AWS::Cognito::IdentityPool"))]
    if not with_pools:
        raise CliError(f"{args.path}: no identity pool (AWS::Cognito::IdentityPool) in it")
    if len(with_pools) > 1:
        names = ", ".join(s.name for s in with_pools)
        raise CliError(f"{args.path}: {len(with_pools)} stacks have identity pools ({names}): pass --stack")
    stack = with_pools[0]
    try:
        simulator = RoleResolutionSimulator(stack.model, pool=args.pool)
        if args.guest:
            result = simulator.guest(requested_role=args.requested_role)
        else:
            provider = provider_for(stack.model, simulator.pool_logical_id, args.provider)
            result = simulator.sign_in(provider, claims, requested_role=args.requested_role)
    except SimulationError as error:
        raise CliError(_flags(str(error))) from None
    if args.format == "json":
        print(json.dumps(_result_json(result), indent=2))
    else:
        print(result)
        for note in result.notes:
            print(f"  note: {note}")
    if result.outcome is Outcome.UNKNOWN:
        return UNKNOWN_EXIT
    return 0 if result.granted else 1


_ARGUMENTS = (
    ("requested_role", "--requested-role"),
    ("provider", "--provider"),
    ("claims", "--claims"),
    ("pool", "--pool"),
)


def _flags(message: str) -> str:
    """A simulator message in the command line's terms: its flags for the Python arguments, lists unquoted."""
    for argument, flag in _ARGUMENTS:
        named = re.match(rf"{argument}=(?:'([^']*)'|(\S+?)):", message)
        if named is not None:
            message = f"{flag} {named[1] or named[2]}:" + message[named.end() :]
        elif message.startswith(f"{argument}:"):
            message = flag + message[len(argument) :]
    # a list (after "=" or a space) is unquoted; an index (``RoleMappings['google']``) is not
    return re.sub(r"(?<![\w\]])\[((?:'[^']*'(?:, )?)+)\]", lambda m: str(m[1]).replace("'", ""), message)


def _result_json(result: Any) -> dict[str, Any]:
    role = result.role
    return {
        "outcome": result.outcome.value,
        "granted": result.granted,
        "role": None
        if role is None
        else {"logical_id": role.logical_id, "arn": role.arn, "expression": role.arn_expression},
        "reason": result.reason,
        "notes": list(result.notes),
    }


__all__ = ["main"]
