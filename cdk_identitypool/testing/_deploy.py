"""Deploying CloudFormation templates to the local emulator: create or update a stack, wait (bounded) until it
settles, and on failure raise :class:`DeploymentError` naming the failed resources and their reasons."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from ._emulator_errors import DeploymentError, EmulatorError


class Clients(Protocol):
    """What deploying needs of the emulator (:class:`~cdk_identitypool.testing.emulator.MinistackEmulator` is
    one): a boto3 client for a service, pointed at it."""

    def client(self, service: str) -> Any:
        """A boto3 client for ``service``."""


_ALL_CAPABILITIES = ("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND")


_SUCCESS = {"CREATE_COMPLETE", "UPDATE_COMPLETE", "IMPORT_COMPLETE"}


def _error_code(exc: Exception) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""


def _describe(cloudformation: Any, stack_name: str) -> dict[str, Any] | None:
    """The stack, or None when it does not exist."""
    from botocore.exceptions import ClientError

    try:
        stacks = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except ClientError as exc:
        if _error_code(exc) == "ValidationError" and "does not exist" in str(exc):
            return None
        raise
    if not stacks or stacks[0].get("StackStatus") == "DELETE_COMPLETE":
        return None
    stack: dict[str, Any] = stacks[0]
    return stack


def _events(cloudformation: Any, stack_name: str) -> list[tuple[str, str, str, str]]:
    try:
        raw = cloudformation.describe_stack_events(StackName=stack_name)["StackEvents"]
    except Exception:  # the events only decorate an error; never hide the error behind another one
        return []
    return [
        (
            e.get("LogicalResourceId", ""),
            e.get("ResourceType", ""),
            e.get("ResourceStatus", ""),
            e.get("ResourceStatusReason", "") or "",
        )
        for e in raw
    ]


def _failure(stack_name: str, status: str, reason: str, events: list[tuple[str, str, str, str]]) -> DeploymentError:
    failed = [e for e in events if e[2].endswith("FAILED")]
    lines = [f"stack {stack_name!r} ended in {status}" + (f": {reason}" if reason else "")]
    if failed:
        lines.append("failed resources:")
        lines += [f"  {lid} ({rtype}) {st}: {why}" for lid, rtype, st, why in failed]
    else:
        lines.append("latest events:")
        lines += [f"  {lid} ({rtype}) {st} {why}".rstrip() for lid, rtype, st, why in events[:15]]
    return DeploymentError(stack_name, status, "\n".join(lines), events)


def _wait_settled(
    cloudformation: Any, stack_name: str, deadline: float, poll_interval: float, *, gone_ok: bool
) -> dict[str, Any] | None:
    while True:
        stack = _describe(cloudformation, stack_name)
        if stack is None:
            if gone_ok:
                return None
            raise DeploymentError(stack_name, "GONE", f"stack {stack_name!r} disappeared while deploying", [])
        status = str(stack.get("StackStatus", ""))
        if not status.endswith("_IN_PROGRESS"):
            return stack
        if time.monotonic() >= deadline:
            events = _events(cloudformation, stack_name)
            raise _failure(stack_name, "TIMEOUT", f"still {status} when the deadline passed", events)
        time.sleep(poll_interval)


def stack_outputs(emulator: Clients, stack_name: str) -> dict[str, str]:
    """The Outputs of a deployed stack as ``{OutputKey: OutputValue}``."""
    stack = _describe(emulator.client("cloudformation"), stack_name)
    if stack is None:
        raise EmulatorError(f"stack {stack_name!r} does not exist")
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def deploy_template(
    emulator: Clients,
    stack_name: str,
    template: Mapping[str, Any],
    *,
    parameters: Mapping[str, str] | None = None,
    capabilities: Sequence[str] = _ALL_CAPABILITIES,
    timeout: float = 120.0,
    poll_interval: float = 0.2,
) -> dict[str, str]:
    """Create the stack, or update it when it exists, and return its Outputs as ``{OutputKey: OutputValue}``.

    A stack left in ``ROLLBACK_COMPLETE`` by an earlier failed create is deleted and created again; an update
    without changes is a success. Raises :class:`DeploymentError` (with the failed resources and their
    reasons) when the stack does not reach ``CREATE_COMPLETE``/``UPDATE_COMPLETE`` within ``timeout`` seconds.
    """
    from botocore.exceptions import ClientError

    deadline = time.monotonic() + timeout
    cloudformation = emulator.client("cloudformation")
    body = json.dumps(template)
    args: dict[str, Any] = {"StackName": stack_name, "TemplateBody": body, "Capabilities": list(capabilities)}
    if parameters:
        args["Parameters"] = [{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()]

    existing = _describe(cloudformation, stack_name)
    if existing is not None and str(existing.get("StackStatus", "")).endswith("_IN_PROGRESS"):
        existing = _wait_settled(cloudformation, stack_name, deadline, poll_interval, gone_ok=True)
    if existing is not None and existing.get("StackStatus") in ("ROLLBACK_COMPLETE", "ROLLBACK_FAILED"):
        delete_stack(emulator, stack_name, timeout=max(deadline - time.monotonic(), 1.0))
        existing = None

    try:
        if existing is None:
            cloudformation.create_stack(**args)
        else:
            cloudformation.update_stack(**args)
    except ClientError as exc:
        if existing is not None and "No updates are to be performed" in str(exc):
            return {o["OutputKey"]: o["OutputValue"] for o in existing.get("Outputs", [])}
        verb = "create" if existing is None else "update"
        raise DeploymentError(stack_name, "REJECTED", f"{verb} of stack {stack_name!r} was refused: {exc}", []) from exc

    stack = _wait_settled(cloudformation, stack_name, deadline, poll_interval, gone_ok=False)
    assert stack is not None
    status = str(stack.get("StackStatus", ""))
    if status not in _SUCCESS:
        reason = str(stack.get("StackStatusReason") or "")
        raise _failure(stack_name, status, reason, _events(cloudformation, stack_name))
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def delete_stack(emulator: Clients, stack_name: str, *, timeout: float = 60.0, poll_interval: float = 0.2) -> None:
    """Delete the stack and wait until it is gone (a missing stack is fine). Resources with
    ``DeletionPolicy: Retain`` stay. Raises :class:`DeploymentError` on ``DELETE_FAILED`` or timeout."""
    deadline = time.monotonic() + timeout
    cloudformation = emulator.client("cloudformation")
    if _describe(cloudformation, stack_name) is None:
        return
    cloudformation.delete_stack(StackName=stack_name)
    stack = _wait_settled(cloudformation, stack_name, deadline, poll_interval, gone_ok=True)
    if stack is not None:
        status = str(stack.get("StackStatus", ""))
        reason = str(stack.get("StackStatusReason") or "")
        raise _failure(stack_name, status, reason, _events(cloudformation, stack_name))


def seed_cdk_bootstrap_version(emulator: Clients, *, version: int = 30, qualifier: str = "hnb659fds") -> None:
    """Write the SSM parameter ``/cdk-bootstrap/<qualifier>/version`` that templates synthesized with the
    default synthesizer read through their ``BootstrapVersion`` parameter (and check in their
    ``CheckBootstrapVersion`` rule, which ministack evaluates: the version must be 6 or more)."""
    emulator.client("ssm").put_parameter(
        Name=f"/cdk-bootstrap/{qualifier}/version", Value=str(version), Type="String", Overwrite=True
    )


__all__ = ["delete_stack", "deploy_template", "seed_cdk_bootstrap_version", "stack_outputs"]
