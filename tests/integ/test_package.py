"""The published package: what pip users get in the wheel's metadata (builds with the real build backend)."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tools.node import REPO_ROOT

pytestmark = pytest.mark.integ


def test_the_wheel_carries_license_metadata_and_an_absolute_long_description(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(REPO_ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("cdk_identitypool-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = Parser().parsestr(archive.read(metadata_name).decode())
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    assert "cdk_identitypool/py.typed" in names
    assert not any(n.startswith(("tests/", "tools/", "examples/")) for n in names)

    assert metadata["License-Expression"] == "Apache-2.0"
    assert metadata["Requires-Python"] == ">=3.10"
    classifiers = metadata.get_all("Classifier") or []
    for wanted in ("Typing :: Typed", "Framework :: AWS CDK", "Programming Language :: Python :: 3.10"):
        assert wanted in classifiers
    assert metadata.get_all("Project-URL")
    assert "aws-cdk-lib<3,>=2.224" in (metadata.get_all("Requires-Dist") or [])
    assert not any("extra == 'dev'" in r for r in metadata.get_all("Requires-Dist") or [])

    # The long description is docs/pypi.md: install first, and only absolute links (PyPI has no repo files).
    description = str(metadata.get_payload())
    assert description.index("pip install cdk-identitypool") < description.index("## A first stack")
    links = re.findall(r"\]\(([^)]+)\)", description)
    assert links and all(link.startswith("https://") for link in links), links
    assert "./run.sh" not in description
