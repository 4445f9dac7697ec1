"""Deploy CloudFormation templates to a local AWS emulator (`ministack <https://pypi.org/project/ministack/>`_).

Everything here talks to ``127.0.0.1`` only and every wait is bounded, so a broken emulator fails a test
with a clear :class:`EmulatorError` instead of hanging it::

    from cdk_identitypool.testing.emulator import MinistackEmulator, deploy_template

    with MinistackEmulator() as emulator:  # a free loopback port, ready in about a second
        outputs = deploy_template(emulator, "MyStack", template)  # template: dict, e.g. Template.to_json()
        identity = emulator.client("cognito-identity").get_id(IdentityPoolId=outputs["IdentityPoolId"])

Needs the ``emulator`` extra (``boto3`` and ``ministack``). Synthesize stacks with
``aws_cdk.BootstraplessSynthesizer`` (or call :func:`seed_cdk_bootstrap_version` first: the default
synthesizer's ``BootstrapVersion`` parameter reads an SSM parameter that a fresh emulator does not have).

What ministack does and does not model for identity pools (checked with ministack 1.5.33):

- ``GetId`` / ``GetCredentialsForIdentity`` vend credentials for the pool's ``unauthenticated`` role (no
  ``Logins``) or ``authenticated`` role (with ``Logins``); STS ``GetCallerIdentity`` with them answers
  ``arn:aws:sts::000000000000:assumed-role/<RoleName>/CognitoIdentityCredentials``.
- Role-mapping rules are stored (``GetIdentityPoolRoles`` returns them) but not evaluated; role trust
  policies are not evaluated when credentials are vended; ``AllowUnauthenticatedIdentities=false`` does
  not refuse guests.
- With ``auth=True`` (``AUTH=true``) IAM policies are enforced for vended credentials and ``Logins`` tokens
  are verified (issuer, audience = a configured client, expiry, signature); without it any token is accepted.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from ._deploy import delete_stack, deploy_template, seed_cdk_bootstrap_version, stack_outputs
from ._emulator_errors import DeploymentError, EmulatorError

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "DEFAULT_REGION",
    "DeploymentError",
    "EmulatorError",
    "MinistackEmulator",
    "delete_stack",
    "deploy_template",
    "free_loopback_port",
    "seed_cdk_bootstrap_version",
    "stack_outputs",
]

DEFAULT_REGION = "us-east-1"
"""The region every client and deployment uses."""

DEFAULT_ACCOUNT_ID = "000000000000"
"""The account ministack reports for the root credentials below."""

# ministack treats the access key "test" as the account's root (allowed everything, also under AUTH=true).
_ROOT_ACCESS_KEY = "test"
_ROOT_SECRET_KEY = "test"
_HEALTH_PATH = "/_ministack/health"
_STDERR_TAIL_LINES = 30


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _port_is_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def _require_loopback(host: str) -> None:
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise EmulatorError(f"host={host!r}: the emulator only binds a loopback address such as 127.0.0.1")


class MinistackEmulator:
    """A ministack process on a loopback port, for as long as the ``with`` block (or until :meth:`stop`).

    ```python
    from cdk_identitypool.testing.emulator import MinistackEmulator, deploy_template

    with MinistackEmulator(auth=True) as emulator:  # a free loopback port; stopped at the end of the block
        outputs = deploy_template(emulator, "MyStack", template)  # template: a synthesized template dict
        identity = emulator.client("cognito-identity")
        print(identity.describe_identity_pool(IdentityPoolId=outputs["IdentityPoolId"]))
    ```

    Args:
        port: The port to listen on; ``None`` picks a free one. A port in use raises :class:`EmulatorError`.
        host: The loopback address to bind (``127.0.0.1`` by default; other addresses are refused).
        auth: Enforce IAM (ministack's ``AUTH=true``): requests are authorized against IAM policies, and
            identity pool ``Logins`` tokens are verified. The root credentials used by :meth:`client`
            are allowed everything.
        env: Extra environment variables for the emulator (e.g. ``{"LOG_LEVEL": "DEBUG"}``).
        startup_timeout: Seconds to wait for the emulator to answer its health check.
        python: The Python interpreter that has ministack installed (default: this one).
        region: The region of the clients made by :meth:`client`.
    """

    def __init__(
        self,
        port: int | None = None,
        *,
        host: str = "127.0.0.1",
        auth: bool = False,
        env: Mapping[str, str] | None = None,
        startup_timeout: float = 30.0,
        python: str | None = None,
        region: str = DEFAULT_REGION,
    ) -> None:
        _require_loopback(host)
        if port is not None and not 0 < port < 65536:
            raise EmulatorError(f"port={port!r}: must be between 1 and 65535")
        if startup_timeout <= 0:
            raise EmulatorError(f"startup_timeout={startup_timeout!r}: must be positive")
        self._requested_port = port
        self._port = port or 0
        self.host = host
        self.auth = auth
        self._extra_env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.python: str = python or sys.executable
        self.region = region
        self._process: subprocess.Popen[bytes] | None = None
        self._log_dir: str | None = None
        self._log_file: Any = None
        self.startup_seconds: float | None = None
        """How long the last :meth:`start` took until the emulator answered (seconds)."""

    # -- lifecycle --------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The port the emulator listens on (known once started, or when given)."""
        return self._port

    @property
    def endpoint_url(self) -> str:
        """``http://<host>:<port>``: the endpoint for every service (boto3 ``endpoint_url``, ``AWS_ENDPOINT_URL``)."""
        if not self._port:
            raise EmulatorError("the emulator has no port yet: call start() (or use it as a context manager)")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self._port}"

    @property
    def running(self) -> bool:
        """Whether the emulator process is alive."""
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        """The emulator's process id while it runs."""
        return self._process.pid if self._process is not None else None

    def start(self) -> MinistackEmulator:
        """Start the emulator and wait (at most ``startup_timeout`` seconds) until it answers."""
        if self.running:
            return self
        self._check_installed()
        if self._requested_port is None:
            self._port = free_loopback_port()
        elif not _port_is_free(self.host, self._requested_port):
            raise EmulatorError(
                f"port {self._requested_port} on {self.host} is already in use: stop what listens there "
                "or let MinistackEmulator() pick a free port (port=None)"
            )
        self._log_dir = tempfile.mkdtemp(prefix="ministack-")
        self._log_file = open(os.path.join(self._log_dir, "ministack.log"), "wb")  # noqa: SIM115 - closed in stop()
        started = time.monotonic()
        try:
            self._process = subprocess.Popen(
                [self.python, "-m", "ministack"],
                env=self._child_env(),
                stdin=subprocess.DEVNULL,
                stdout=self._log_file,
                stderr=subprocess.STDOUT,
                cwd=self._log_dir,
                start_new_session=True,  # its own process group: stop() ends it and anything it spawned
            )
        except OSError as exc:
            self._cleanup_files()
            raise EmulatorError(f"could not run {self.python} -m ministack: {exc}") from exc
        try:
            self._wait_ready(started)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the emulator: SIGTERM, then SIGKILL after ``timeout`` seconds. Safe to call twice."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            self._signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self._signal_group(process, signal.SIGKILL)
                with contextlib.suppress(subprocess.TimeoutExpired):
                    process.wait(timeout=5)
        self._cleanup_files()

    def __enter__(self) -> MinistackEmulator:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __del__(self) -> None:  # a forgotten emulator must not outlive the interpreter's objects
        with contextlib.suppress(Exception):
            self.stop(timeout=2)

    # -- use ----------------------------------------------------------------------------------------

    def client(self, service: str, *, credentials: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        """A boto3 client for ``service`` at this emulator, in :attr:`region`.

        Args:
            service: The boto3 service name, e.g. ``"cloudformation"`` or ``"cognito-identity"``.
            credentials: Credentials to sign with, either as returned by ``GetCredentialsForIdentity``
                (``AccessKeyId``, ``SecretKey``, ``SessionToken``) or by STS (``SecretAccessKey``). Default:
                the emulator's root credentials.
            kwargs: Passed on to ``boto3.client`` (e.g. ``config``).
        """
        import boto3  # the emulator extra; imported here so the module imports without it
        from botocore.config import Config

        if credentials is None:
            keys: dict[str, Any] = {"aws_access_key_id": _ROOT_ACCESS_KEY, "aws_secret_access_key": _ROOT_SECRET_KEY}
        else:
            keys = {
                "aws_access_key_id": credentials["AccessKeyId"],
                "aws_secret_access_key": credentials.get("SecretKey") or credentials["SecretAccessKey"],
                "aws_session_token": credentials.get("SessionToken"),
            }
        kwargs.setdefault(
            "config",
            Config(connect_timeout=5, read_timeout=60, retries={"max_attempts": 2, "mode": "standard"}),
        )
        # A session of its own: no profile, environment credentials or AWS_ENDPOINT_URL* leak into it.
        session = boto3.session.Session(region_name=self.region, **keys)
        return session.client(service, endpoint_url=self.endpoint_url, **kwargs)

    def log_tail(self, lines: int = _STDERR_TAIL_LINES) -> str:
        """The last ``lines`` lines of the emulator's output (stdout and stderr)."""
        if self._log_dir is None:
            return ""
        path = os.path.join(self._log_dir, "ministack.log")
        try:
            with open(path, "rb") as handle:
                handle.seek(0, os.SEEK_END)
                handle.seek(max(0, handle.tell() - 64 * 1024))
                text = handle.read().decode("utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    # -- internals ------------------------------------------------------------------------------------

    def _check_installed(self) -> None:
        if self.python == sys.executable:
            import importlib.util

            if importlib.util.find_spec("ministack") is None:
                raise EmulatorError(
                    "ministack is not installed in this Python: pip install 'cdk-identitypool[emulator]' "
                    "(or pip install ministack boto3)"
                )
        elif shutil.which(self.python) is None and not os.path.exists(self.python):
            raise EmulatorError(f"python={self.python!r}: no such interpreter")

    def _child_env(self) -> dict[str, str]:
        # The caller's AWS settings (real credentials, profiles, endpoints) are none of the emulator's business.
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(
            {
                "BIND_HOST": self.host,
                "GATEWAY_PORT": str(self._port),
                "AUTH": "true" if self.auth else "false",
                "AWS_ACCESS_KEY_ID": _ROOT_ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY": _ROOT_SECRET_KEY,
                "AWS_DEFAULT_REGION": self.region,
                "MINISTACK_REGION": self.region,
                "PYTHONUNBUFFERED": "1",
            }
        )
        for key in ("EDGE_PORT", "PERSIST_STATE", "LOCALSTACK_PERSISTENCE", "S3_PERSIST", "SERVICES"):
            env.pop(key, None)
        env.update(self._extra_env)
        return env

    def _wait_ready(self, started: float) -> None:
        deadline = started + self.startup_timeout
        url = self.endpoint_url + _HEALTH_PATH
        delay = 0.05
        last_error = "no answer yet"
        while True:
            process = self._process
            assert process is not None
            code = process.poll()
            if code is not None:
                tail = self.log_tail()
                hint = ""
                if "No module named ministack" in tail:
                    hint = f" (ministack is not installed for {self.python})"
                elif "already in use" in tail:
                    hint = f" (port {self._port} is already in use)"
                raise EmulatorError(
                    f"ministack exited with code {code} before it was ready{hint}; its last output:\n{tail}"
                )
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise EmulatorError(
                    f"ministack did not answer {url} within {self.startup_timeout:g}s (last: {last_error}); "
                    f"its last output:\n{self.log_tail()}"
                )
            try:
                with urllib.request.urlopen(url, timeout=min(2.0, max(remaining, 0.1))) as response:
                    if response.status == 200:
                        return
                    last_error = f"HTTP {response.status}"
            except urllib.error.HTTPError as exc:
                last_error = f"HTTP {exc.code}"
            except (urllib.error.URLError, OSError) as exc:
                last_error = str(getattr(exc, "reason", exc))
            time.sleep(min(delay, max(deadline - time.monotonic(), 0)))
            delay = min(delay * 1.5, 0.5)

    @staticmethod
    def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
        # The group id is the emulator's own pid (start_new_session): only what this object started.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, sig)

    def _cleanup_files(self) -> None:
        if self._log_file is not None:
            with contextlib.suppress(OSError):
                self._log_file.close()
            self._log_file = None
        if self._log_dir is not None:
            shutil.rmtree(self._log_dir, ignore_errors=True)
            self._log_dir = None


# -- CloudFormation --------------------------------------------------------------------------------------
