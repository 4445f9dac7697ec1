"""The example app (examples/) deployed to ministack with IAM enforced, as ``./run.sh example`` does."""

from __future__ import annotations

import pytest

from cdk_identitypool.testing.emulator import MinistackEmulator, deploy_template
from examples.deploy_local import STACK_NAME, demo, synthesize_in_process

pytestmark = pytest.mark.integ


def _role_name(arn: str) -> str:
    return arn.rsplit("/", 1)[-1]


def test_example_guests_read_and_users_write(iam_emulator: MinistackEmulator) -> None:
    outputs = deploy_template(iam_emulator, STACK_NAME, synthesize_in_process(), timeout=60)
    lines: list[str] = []

    found = demo(iam_emulator, outputs, say=lines.append)

    guest, user = found["guest"], found["user"]
    assert guest["caller"].split("/")[1] == _role_name(outputs["UnauthenticatedRoleArn"])
    assert user["caller"].split("/")[1] == _role_name(outputs["AuthenticatedRoleArn"])
    assert guest["identity_id"] != user["identity_id"]
    assert guest["table"] == {"read": "allowed", "write": "denied (AccessDeniedException)"}
    assert user["table"] == {"read": "allowed", "write": "allowed"}
    assert any(outputs["IdentityPoolId"] in line for line in lines)
