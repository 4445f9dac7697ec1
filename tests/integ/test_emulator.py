"""The emulator helper itself: clear errors, bounded waits, stack lifecycle."""

from __future__ import annotations

import socket
import sys
from typing import Any

import pytest

from cdk_identitypool.testing.emulator import (
    DeploymentError,
    EmulatorError,
    MinistackEmulator,
    delete_stack,
    deploy_template,
    seed_cdk_bootstrap_version,
    stack_outputs,
)

pytestmark = pytest.mark.integ

_QUEUE: dict[str, Any] = {
    "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}},
    "Outputs": {"QueueUrl": {"Value": {"Ref": "Queue"}}, "Suffix": {"Value": {"Ref": "AWS::URLSuffix"}}},
}


def test_endpoint_is_loopback(emulator: MinistackEmulator) -> None:
    assert emulator.running
    assert emulator.endpoint_url == f"http://127.0.0.1:{emulator.port}"


def test_port_in_use_is_a_clear_error() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(EmulatorError, match=f"port {port} .* already in use"):
            MinistackEmulator(port).start()


def test_non_loopback_host_is_refused() -> None:
    with pytest.raises(EmulatorError, match="loopback"):
        MinistackEmulator(host="0.0.0.0")


def test_early_exit_reports_the_output(tmp_path: Any) -> None:
    fake = tmp_path / "python"
    fake.write_text(f"#!{sys.executable}\nimport sys\nprint('boom: no emulator here', file=sys.stderr)\nsys.exit(3)\n")
    fake.chmod(0o755)
    with pytest.raises(EmulatorError, match=r"(?s)exited with code 3.*boom: no emulator here"):
        MinistackEmulator(python=str(fake), startup_timeout=20).start()


def test_readiness_wait_is_bounded(tmp_path: Any) -> None:
    fake = tmp_path / "python"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    fake.chmod(0o755)
    emulator = MinistackEmulator(python=str(fake), startup_timeout=1)
    with pytest.raises(EmulatorError, match="did not answer"):
        emulator.start()
    assert not emulator.running


def test_create_update_noop_delete(emulator: MinistackEmulator, stack_name: str) -> None:
    outputs = deploy_template(emulator, stack_name, _QUEUE)
    assert outputs["Suffix"] == "amazonaws.com"
    assert deploy_template(emulator, stack_name, _QUEUE) == outputs  # no changes: still a success
    assert stack_outputs(emulator, stack_name) == outputs

    delete_stack(emulator, stack_name)
    delete_stack(emulator, stack_name)  # already gone: fine
    with pytest.raises(EmulatorError, match="does not exist"):
        stack_outputs(emulator, stack_name)


def test_failed_resource_is_named(emulator: MinistackEmulator, stack_name: str) -> None:
    broken = {
        "Resources": {
            "Attachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {"IdentityPoolId": "us-east-1:00000000-0000-0000-0000-000000000000", "Roles": {}},
            }
        }
    }

    with pytest.raises(DeploymentError, match=r"(?s)ROLLBACK_COMPLETE.*Attachment") as failed:
        deploy_template(emulator, stack_name, broken)

    assert failed.value.status == "ROLLBACK_COMPLETE"
    # A stack left in ROLLBACK_COMPLETE is replaced by the next deploy.
    assert "QueueUrl" in deploy_template(emulator, stack_name, _QUEUE)


def test_default_synthesizer_needs_the_bootstrap_version(emulator: MinistackEmulator, stack_name: str) -> None:
    template = dict(
        _QUEUE,
        Parameters={
            "BootstrapVersion": {
                "Type": "AWS::SSM::Parameter::Value<String>",
                "Default": "/cdk-bootstrap/integtest/version",
            }
        },
    )

    with pytest.raises(DeploymentError, match="BootstrapVersion"):
        deploy_template(emulator, stack_name, template)
    seed_cdk_bootstrap_version(emulator, qualifier="integtest")

    assert "QueueUrl" in deploy_template(emulator, stack_name, template)
