"""What can go wrong with the local emulator: it cannot be started or used, or a stack did not deploy."""

from __future__ import annotations

from collections.abc import Sequence


class EmulatorError(RuntimeError):
    """The emulator could not be started or used: not installed, port taken, exited early, not ready in time.

    ```python
    from cdk_identitypool.testing.emulator import EmulatorError, MinistackEmulator

    try:
        with MinistackEmulator(startup_timeout=30) as emulator:
            print(emulator.endpoint_url)
    except EmulatorError as error:
        print(error)  # e.g. ministack is not installed: pip install 'cdk-identitypool[emulator]'
    ```
    """


class DeploymentError(EmulatorError):
    """A stack did not reach a successful state; the message names the failed resources and their reasons.

    ```python
    from cdk_identitypool.testing.emulator import DeploymentError, MinistackEmulator, deploy_template

    with MinistackEmulator() as emulator:
        try:
            deploy_template(emulator, "MyStack", template)
        except DeploymentError as error:
            for logical_id, resource_type, status, reason in error.events:
                print(logical_id, resource_type, status, reason)
    ```

    Attributes:
        stack_name: The stack that failed.
        status: Its last status (``ROLLBACK_COMPLETE``, ...), or ``"TIMEOUT"``.
        events: The stack's events, newest first, as ``(logical id, resource type, status, reason)``.
    """

    def __init__(self, stack_name: str, status: str, message: str, events: Sequence[tuple[str, str, str, str]]) -> None:
        self.stack_name = stack_name
        self.status = status
        self.events: list[tuple[str, str, str, str]] = list(events)
        super().__init__(message)


__all__ = ["DeploymentError", "EmulatorError"]
