"""Every Python block of README.md and of docs/pypi.md (PyPI's page) runs: it builds a stack that synthesizes,
lints and is snapshotted.

Each block brings its own imports: the namespace holds only ``self`` (the stack) and the fixtures the
README's Development section lists. A block preceded by ``<!-- not-run -->`` is skipped (it is tested
elsewhere, e.g. by a test that deploys to the emulator); one that uses cdk-nag is skipped where it is not
installed (the floor).
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from syrupy.assertion import SnapshotAssertion

from tests.helpers import new_stack, resources, synth_and_snapshot
from tests.unit.test_identity_pool import SAML_METADATA

README = Path(__file__).resolve().parents[2] / "README.md"
PYPI = README.parent / "docs" / "pypi.md"
_BLOCK = re.compile(r"(<!-- not-run -->\s*)?```python\n(.*?)```", re.S)


def readme_blocks(document: Path = README) -> list[Any]:
    text = document.read_text()
    prefix = "" if document == README else "pypi-"
    params: list[Any] = []
    counts: dict[str, int] = {}
    for match in _BLOCK.finditer(text):
        heading = re.findall(r"^#+ (.+)$", text[: match.start()], re.M)[-1]
        slug = re.sub(r"[^a-z0-9]+", "-", heading.lower()).strip("-")
        counts[slug] = counts.get(slug, 0) + 1
        marks = [pytest.mark.skip(reason="marked not-run in README")] if match.group(1) else []
        if "cdk_nag" in match.group(2) and importlib.util.find_spec("cdk_nag") is None:
            marks.append(pytest.mark.skip(reason="cdk-nag 3 needs aws-cdk-lib 2.257+ (not the floor)"))
        params.append(pytest.param(match.group(2), id=f"{prefix}{slug}-{counts[slug]}", marks=marks))
    return params


#: The fixtures a block may use without defining them (the README's Development section lists them); each
#: is added to the stack only when the block names it, so a block's template holds only what it uses.
FIXTURES: dict[str, Callable[[cdk.Stack], Any]] = {
    "bucket": lambda stack: s3.Bucket(stack, "Bucket"),
    "table": lambda stack: dynamodb.Table(
        stack, "Table", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)
    ),
    "admin_role": lambda stack: iam.Role(stack, "AdminRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")),
    "non_admin_role": lambda stack: iam.Role(
        stack, "NonAdminRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")
    ),
    "open_id_connect_provider": lambda stack: iam.OpenIdConnectProvider(
        stack, "Oidc", url="https://login.example.com", client_ids=["app"]
    ),
    "saml_provider": lambda stack: iam.SamlProvider(
        stack, "Saml", metadata_document=iam.SamlMetadataDocument.from_xml(SAML_METADATA)
    ),
}


def _namespace(stack: cdk.Stack, code: str) -> dict[str, Any]:
    # Only ``self`` and the fixtures the block names: every block brings its own imports.
    namespace: dict[str, Any] = {"self": stack}
    for name, make in FIXTURES.items():
        if re.search(rf"\b{name}\b", code):
            namespace[name] = make(stack)
    return namespace


def test_readme_has_blocks() -> None:
    assert len(readme_blocks()) >= 10


@pytest.mark.parametrize("code", readme_blocks() + readme_blocks(PYPI))
def test_readme_block(code: str, snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    exec(compile(code, str(README), "exec"), _namespace(stack, code))
    if not any(isinstance(child, cdk.CfnResource) for child in stack.node.find_all()):
        return  # only imports, or imported pools: nothing to synthesize (a template needs a resource)
    template = synth_and_snapshot(stack, snapshot)
    # Each `IdentityPool(self, ...)` in the block is one pool in the template.
    assert len(resources(template, "AWS::Cognito::IdentityPool")) == len(re.findall(r"\bIdentityPool\(\s*self\b", code))
