"""Build the API reference with pdoc into build/docs, failing on any pdoc warning or undocumented public name.

``./run.sh docs`` (and ``./run.sh test``) run ``python tools/docs.py``. The reference documents every name in
each public module's ``__all__``, the README guides come in through the package docstring, and a public
name, method, property or attribute without a docstring fails the build.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools.node import REPO_ROOT, node_env

__all__ = ["MODULES", "build", "undocumented"]

#: The public modules; everything else in the package is private (``_name``).
MODULES = (
    "cdk_identitypool",
    "cdk_identitypool.nag",
    "cdk_identitypool.testing",
    "cdk_identitypool.testing.emulator",
    "cdk_identitypool.testing.flows",
)


def undocumented(module: object) -> list[str]:
    """Public names of a pdoc module without documentation.

    Every exported name needs a docstring; so does every public method and property a public class
    defines. A field or enum member is documented by its own docstring or by its class docstring
    naming it (the ``Args:`` / ``Attributes:`` sections, as the dataclasses here do).
    """
    import pdoc.doc

    assert isinstance(module, pdoc.doc.Module)
    missing = []
    for member in module.members.values():
        if member.name.startswith("_"):
            continue
        if not member.docstring.strip():
            missing.append(member.fullname)
        if isinstance(member, pdoc.doc.Class):
            for own in member.own_members:
                if own.name.startswith("_") or own.docstring.strip():
                    continue
                if isinstance(own, pdoc.doc.Variable) and own.name in member.docstring:
                    continue
                missing.append(own.fullname)
    return missing


def build(output: Path) -> list[str]:
    """Write the reference to ``output``; return the problems (pdoc warnings, undocumented names)."""
    os.environ.update(node_env())
    os.environ["PDOC_ALLOW_EXEC"] = "1"  # importing aws-cdk-lib starts jsii's Node process
    import pdoc
    import pdoc.doc

    problems: list[str] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*MODULES, output_directory=output)
        for name in MODULES:
            problems += [f"undocumented: {n}" for n in undocumented(pdoc.doc.Module.from_name(name))]
    problems += [f"pdoc: {w.message}" for w in caught if "pdoc" in w.filename]
    return problems


if __name__ == "__main__":
    out = REPO_ROOT / "build" / "docs"
    found = build(out)
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        sys.exit(f"API reference: {len(found)} problem(s)")
    print(f"API reference written to {out}/index.html")
