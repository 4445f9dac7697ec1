"""The emulator the integration tests deploy to: one ministack per test session, on a free loopback port.

``emulator`` accepts any request (like ministack's default); ``iam_emulator`` enforces IAM policies and
verifies identity pool login tokens (ministack's ``AUTH=true``). Each starts on first use only.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from cdk_identitypool.testing.emulator import MinistackEmulator, deploy_template
from tests.helpers import Template

_names = itertools.count(1)


@pytest.fixture(scope="session")
def emulator() -> Iterator[MinistackEmulator]:
    with MinistackEmulator(startup_timeout=60) as running:
        yield running


@pytest.fixture(scope="session")
def iam_emulator() -> Iterator[MinistackEmulator]:
    with MinistackEmulator(auth=True, startup_timeout=60) as running:
        yield running


@pytest.fixture
def stack_name(request: pytest.FixtureRequest) -> str:
    """A stack name no other test in the session uses."""
    base = "".join(c if c.isalnum() else "-" for c in request.node.name)[:80].strip("-")
    return f"{base}-{next(_names)}"


Deploy = Callable[[Template], dict[str, str]]


@pytest.fixture
def deploy(emulator: MinistackEmulator, stack_name: str) -> Deploy:
    """Deploy (create, then update) this test's stack to ``emulator``; returns the stack outputs."""

    def run(template: Template) -> dict[str, str]:
        return deploy_template(emulator, stack_name, template, timeout=60)

    return run
