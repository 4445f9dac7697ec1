"""The example app does what its docstring says: admins get the admin role, everyone else the default role,
guests the guest role — proved with the role-resolution simulator, before anything is deployed."""

from __future__ import annotations

import aws_cdk as cdk
import pytest
from aws_cdk.assertions import Annotations, Match

from cdk_identitypool import IdentityPoolChecks, IdentityPoolProviderUrl
from cdk_identitypool.testing import Outcome, RoleResolutionSimulator
from examples.example_stack import ExampleStack
from tests.helpers import synth


@pytest.fixture(scope="module")
def example() -> tuple[ExampleStack, RoleResolutionSimulator]:
    app = cdk.App()
    stack = ExampleStack(app, "Example", env=cdk.Environment(account="123456789012", region="us-east-1"))
    cdk.Aspects.of(app).add(IdentityPoolChecks())
    return stack, RoleResolutionSimulator(stack, template=synth(stack))


def test_admins_get_the_admin_role(example: tuple[ExampleStack, RoleResolutionSimulator]) -> None:
    stack, simulator = example
    users = IdentityPoolProviderUrl.user_pool(stack.user_pool, stack.client)
    result = simulator.sign_in(users, {"sub": "u-1", "cognito:groups": ["readers", "admins"]})
    result.assert_role(stack.admin_role)
    assert result.outcome is Outcome.RULE_MATCHED and result.mapping_key == "users"


@pytest.mark.parametrize("claims", [{"sub": "u-2"}, {"sub": "u-3", "cognito:groups": ["readers"]}])
def test_everyone_else_gets_the_default_role(
    example: tuple[ExampleStack, RoleResolutionSimulator], claims: dict[str, object]
) -> None:
    stack, simulator = example
    result = simulator.sign_in(IdentityPoolProviderUrl.user_pool(stack.user_pool, stack.client), claims)
    result.assert_role(stack.identity_pool.authenticated_role)
    assert result.outcome is Outcome.AMBIGUOUS_AUTHENTICATED_ROLE


def test_guests_get_the_guest_role(example: tuple[ExampleStack, RoleResolutionSimulator]) -> None:
    stack, simulator = example
    simulator.guest().assert_role(stack.identity_pool.unauthenticated_role)


def test_a_non_admin_cannot_ask_for_the_admin_role(example: tuple[ExampleStack, RoleResolutionSimulator]) -> None:
    stack, simulator = example
    result = simulator.sign_in(
        IdentityPoolProviderUrl.user_pool(stack.user_pool, stack.client),
        {"cognito:groups": ["readers"]},
        requested_role=stack.admin_role,
    )
    result.assert_denied(Outcome.REQUESTED_ROLE_NOT_ALLOWED)


def test_the_security_checks_find_no_error_or_warning(example: tuple[ExampleStack, RoleResolutionSimulator]) -> None:
    stack, _ = example
    annotations = Annotations.from_stack(stack)
    assert annotations.find_error("*", Match.any_value()) == []
    assert annotations.find_warning("*", Match.any_value()) == []
    # Guest access is on, on purpose: reported as information.
    annotations.has_info("/Example/IdentityPool", Match.string_like_regexp(r"cdk-identitypool:guest-access"))


def test_the_deploy_script_prints_the_simulated_role_mapping() -> None:
    from examples.deploy_local import simulate_role_mapping

    lines: list[str] = []
    found = simulate_role_mapping(say=lines.append)
    assert found == {
        "admin (cognito:groups = admins)": "CdkIdentityPoolExample/AdminRole",
        "other user": "CdkIdentityPoolExample/IdentityPool/AuthenticatedRole",
        "guest": "CdkIdentityPoolExample/IdentityPool/UnauthenticatedRole",
    }
    assert len(lines) == 4
