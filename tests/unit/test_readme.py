"""Every Python block of README.md and of docs/pypi.md (PyPI's page) runs: it builds a stack that synthesizes,
lints and is snapshotted.

A block preceded by ``<!-- not-run -->`` is skipped (it is tested elsewhere, e.g. by a test that
deploys to the emulator).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from syrupy.assertion import SnapshotAssertion

import cdk_identitypool
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
        params.append(pytest.param(match.group(2), id=f"{prefix}{slug}-{counts[slug]}", marks=marks))
    return params


def _namespace(stack: cdk.Stack) -> dict[str, Any]:
    namespace: dict[str, Any] = {name: getattr(cdk_identitypool, name) for name in cdk_identitypool.__all__}
    namespace.update(
        self=stack,
        cdk=cdk,
        cognito=cognito,
        iam=iam,
        dynamodb=dynamodb,
        bucket=s3.Bucket(stack, "Bucket"),
        table=dynamodb.Table(
            stack, "Table", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)
        ),
        admin_role=iam.Role(stack, "AdminRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")),
        non_admin_role=iam.Role(stack, "NonAdminRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")),
        open_id_connect_provider=iam.OpenIdConnectProvider(
            stack, "Oidc", url="https://login.example.com", client_ids=["app"]
        ),
        saml_provider=iam.SamlProvider(
            stack, "Saml", metadata_document=iam.SamlMetadataDocument.from_xml(SAML_METADATA)
        ),
    )
    return namespace


def test_readme_has_blocks() -> None:
    assert len(readme_blocks()) >= 10


@pytest.mark.parametrize("code", readme_blocks() + readme_blocks(PYPI))
def test_readme_block(code: str, snapshot: SnapshotAssertion) -> None:
    stack = new_stack()
    exec(compile(code, str(README), "exec"), _namespace(stack))
    template = synth_and_snapshot(stack, snapshot)
    # Each `IdentityPool(self, ...)` in the block is one pool in the template.
    assert len(resources(template, "AWS::Cognito::IdentityPool")) == len(re.findall(r"\bIdentityPool\(\s*self\b", code))
