"""The ``cdk-identitypool`` command: the checks and the simulator on any synthesized template.

For CDK apps in any language (and for templates written by hand): ``cdk synth`` writes a cloud assembly
(``cdk.out``); ``cdk-identitypool check cdk.out`` runs :class:`IdentityPoolChecks` on every stack in it and
``cdk-identitypool simulate`` asks the role-resolution simulator about one pool.

Exit codes: ``check`` 0 (no error findings) or 1 (errors); ``simulate`` 0 (credentials), 1 (denied) or
3 (unknown: the template cannot tell); 2 for bad input (no such path, bad JSON, no such stack or pool).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

USAGE_ERROR = 2


class CliError(Exception):
    """Bad input to the command: printed as one line, exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        result: int = args.run(args)
        return result
    except CliError as error:
        print(f"cdk-identitypool: error: {error}", file=sys.stderr)
        return USAGE_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cdk-identitypool",
        description="Check Cognito identity pools in a cloud assembly (cdk.out) or a CloudFormation template, "
        "or simulate which role an identity would get.",
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="print the security findings; exit 1 on any error")
    check.add_argument("path", help="a cloud assembly directory (cdk.out) or a template file (JSON or YAML)")
    check.set_defaults(run=_check)
    simulate = commands.add_parser("simulate", help="which role would an identity get? (exit 0/1/3)")
    simulate.add_argument("path", help="a cloud assembly directory (cdk.out) or a template file (JSON)")
    who = simulate.add_mutually_exclusive_group(required=True)
    who.add_argument("--provider", help="the login provider, e.g. accounts.google.com or a user pool's name")
    who.add_argument("--guest", action="store_true", help="an unauthenticated identity")
    simulate.add_argument("--claims", default="{}", help='the token\'s claims as JSON, e.g. \'{"hd": "x.com"}\'')
    simulate.add_argument("--requested-role", help="the CustomRoleArn the client asks for")
    simulate.add_argument("--stack", help="which stack of the cloud assembly (default: the only one with a pool)")
    simulate.add_argument("--pool", help="the pool's logical id (default: the only pool of the template)")
    simulate.set_defaults(run=_simulate)
    return parser


def _templates(path: str) -> list[tuple[str, Path]]:
    """(stack name, template file) for a cloud assembly directory, or the one template file."""
    target = Path(path)
    if target.is_file():
        return [(target.name, target)]
    if not (target / "manifest.json").is_file():
        raise CliError(f"{path}: no such template file or cloud assembly directory (no manifest.json)")
    found = _assembly_templates(target)
    if not found:
        raise CliError(f"{path}: the cloud assembly has no CloudFormation stacks")
    return found


def _assembly_templates(directory: Path) -> list[tuple[str, Path]]:
    """The stacks of one cloud assembly, and of the nested assemblies its Stages write (``assembly-<stage>``);
    a stack is named by its display name (``Stage/Stack`` inside a Stage)."""
    manifest = directory / "manifest.json"
    try:
        artifacts = json.loads(manifest.read_text()).get("artifacts", {})
    except (OSError, json.JSONDecodeError, AttributeError) as error:
        raise CliError(f"{manifest}: not a cloud assembly manifest ({error})") from None
    found = []
    for name, artifact in artifacts.items():
        if not isinstance(artifact, dict):
            continue
        properties = artifact.get("properties") or {}
        if artifact.get("type") == "aws:cloudformation:stack" and isinstance(properties.get("templateFile"), str):
            found.append((artifact.get("displayName") or name, directory / properties["templateFile"]))
        elif artifact.get("type") == "cdk:cloud-assembly" and isinstance(properties.get("directoryName"), str):
            found += _assembly_templates(directory / properties["directoryName"])
    return found


def _check(args: argparse.Namespace) -> int:
    import aws_cdk as cdk
    from aws_cdk import cloudformation_include as include
    from aws_cdk.assertions import Annotations, Match, Template

    from .._checks.aspect import IdentityPoolChecks

    # All stacks in one app, so a role another stack exports (Fn::ImportValue) is checked where it is defined.
    app = cdk.App()
    stacks = []
    for index, (stack_name, template) in enumerate(_templates(args.path)):
        stack = cdk.Stack(app, f"Checked{index}", synthesizer=cdk.BootstraplessSynthesizer())
        try:
            include.CfnInclude(stack, "Template", template_file=str(template))
        except Exception as error:
            raise CliError(f"{template}: cannot read the template: {str(error).splitlines()[0]}") from None
        stacks.append((stack_name, stack))
    cdk.Aspects.of(app).add(IdentityPoolChecks())
    errors = 0
    for stack_name, stack in stacks:
        Template.from_stack(stack)
        annotations = Annotations.from_stack(stack)
        for level, found in (
            ("ERROR", annotations.find_error("*", Match.any_value())),
            ("WARNING", annotations.find_warning("*", Match.any_value())),
            ("INFO", annotations.find_info("*", Match.any_value())),
        ):
            for message in found:
                text = str(message.entry.data)
                if "[cdk-identitypool" not in text:
                    continue
                where = message.id.removeprefix(f"/{stack.node.id}/Template/")
                print(f"{level} {stack_name} {where}: {text}")
                errors += level == "ERROR"
    print(f"{errors} error(s)")
    return 1 if errors else 0


def _simulate(args: argparse.Namespace) -> int:
    from ..testing import Outcome, RoleResolutionSimulator, SimulationError

    try:
        claims: Any = json.loads(args.claims)
    except json.JSONDecodeError as error:
        raise CliError(f"--claims: not JSON ({error})") from None
    templates = _templates(args.path)
    if args.stack is not None:
        templates = [t for t in templates if t[0] == args.stack]
        if not templates:
            raise CliError(f"--stack {args.stack}: no such stack in {args.path}")
    loaded = [(name, _load_json(path)) for name, path in templates]
    with_pools = [(n, t) for n, t in loaded if _has_pool(t)]
    if len(with_pools) != 1:
        names = [n for n, _ in with_pools]
        raise CliError(f"{args.path}: {len(with_pools)} stacks with identity pools {names}: pass --stack")
    _, template = with_pools[0]
    try:
        simulator = RoleResolutionSimulator(template, pool=args.pool)
        if args.guest:
            result = simulator.guest()
        else:
            result = simulator.sign_in(args.provider, claims, requested_role=args.requested_role)
    except SimulationError as error:
        raise CliError(str(error)) from None
    print(result)
    for note in result.notes:
        print(f"  note: {note}")
    if result.outcome is Outcome.UNKNOWN:
        return 3
    return 0 if result.granted else 1


def _load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise CliError(f"{path}: simulate reads JSON templates ({error})") from None


def _has_pool(template: Any) -> bool:
    resources = template.get("Resources") if isinstance(template, dict) else None
    return isinstance(resources, dict) and any(
        isinstance(r, dict) and r.get("Type") == "AWS::Cognito::IdentityPool" for r in resources.values()
    )
