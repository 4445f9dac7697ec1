"""A stack's template as it will be written, rendered once per stack when the app synthesizes.

The synth-time check (``final_shape``) needs what aws-cdk-lib renders for each pool: its tags, name and guest
setting after aspects and property injectors, its removal policies, its default roles' tags, which user pool
each app client belongs to. Reading those L1 by L1 costs about ten calls into Node per pool; rendering the
stack's template costs about a dozen calls per stack, whatever the number of pools.

The template is rendered the way ``cdk synth`` renders it (a synthesizer of our own, bound to the stack,
writes it into a temporary folder), after aspects and reference resolution, so it is the final shape.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import jsii
from aws_cdk import ISynthesisSession, LegacyStackSynthesizer, Stack
from aws_cdk.cx_api import CloudAssemblyBuilder


@jsii.implements(ISynthesisSession)
class _Session:
    """A synthesis session that only collects one template (and the missing context nobody reads)."""

    def __init__(self, outdir: str) -> None:
        self._outdir = outdir
        self._assembly = CloudAssemblyBuilder(outdir)

    @property
    def outdir(self) -> str:
        return self._outdir

    @outdir.setter
    def outdir(self, value: str) -> None:
        self._outdir = value

    @property
    def assembly(self) -> CloudAssemblyBuilder:
        return self._assembly

    @assembly.setter
    def assembly(self, value: CloudAssemblyBuilder) -> None:
        self._assembly = value

    @property
    def validate_on_synth(self) -> bool | None:
        return False

    @validate_on_synth.setter
    def validate_on_synth(self, value: bool | None) -> None:
        pass


def render_template(stack: Stack) -> dict[str, Any] | None:
    """``stack``'s CloudFormation template as ``cdk synth`` will write it; None when it cannot be rendered (the
    synthesis that follows raises the same error, with aws-cdk-lib's message)."""
    with tempfile.TemporaryDirectory(prefix="cdk-identitypool-") as outdir:
        synthesizer = LegacyStackSynthesizer()
        synthesizer.bind(stack)  # binds the synthesizer only: the stack keeps its own
        try:
            synthesizer._synthesize_template(_Session(outdir))
        except Exception:  # e.g. more resources than the stack allows: the real synthesis says so next
            return None
        written = sorted(Path(outdir).glob("*.template.json"))
        if len(written) != 1:
            return None
        template = json.loads(written[0].read_text(encoding="utf-8"))
    return template if isinstance(template, dict) else None


def resources_of(template: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The template's resources by logical id (empty when there is no template)."""
    resources = (template or {}).get("Resources")
    return {k: v for k, v in resources.items() if isinstance(v, dict)} if isinstance(resources, dict) else {}


__all__ = ["render_template", "resources_of"]
