"""Build the API reference with pdoc into build/docs, failing on any pdoc warning or undocumented public name.

``./run.sh docs`` (and ``./run.sh test``) run ``python tools/docs.py``. The reference documents every name in
each public module's ``__all__``; the package page carries the guide (README.md, added here, so that the
package's own docstring stays plain text for ``help(cdk_identitypool)``). Docstrings are Google style
(``Args:`` / ``Attributes:`` / ``Raises:`` render as lists).

What a class page shows (the template is ``tools/pdoc_templates/module.html.jinja2``):

- Its signature (and the search index) names only public bases:
  ``IdentityPool(aws_cdk.aws_cognito_identitypool.IdentityPool)``, not the private mixins (``PoolGrants``,
  ``PoolPatterns``) it is assembled from. pdoc has no option for that, so ``build`` filters ``Class.bases``.
- Every public member a user can call on it, inherited ones included, in full: the members of private
  mixins as if the class defined them (they are its API), and those of aws-cdk-lib, constructs and cdk-nag
  bases (``identity_pool_arn``, ``role_attachment``, ``node``, ...) with their upstream docstring, which
  jsii generates from aws-cdk-lib's own documentation, marked "Inherited from ...". We chose the upstream
  docstring over a list of links because a link list cannot be checked and sends the reader to another
  language's reference, and over re-documenting them because a copy drifts from aws-cdk-lib. A member of
  a documented public base is linked, as pdoc does. Members of Python's own bases (an enum's ``name`` and
  ``value``, an exception's ``args``) are left to Python's documentation.

The build fails on a public name, or a public member of a public class (inherited ones included, as
shown), without a docstring; on a member this package defines whose docstring silently comes from
aws-cdk-lib (e.g. an ``__init__`` without its own, whose parameters would then be aws-cdk-lib's); and on
a public class docstring without a `````python`` example. A field or enum member is documented by its own
docstring or by the docstring of the class that defines it naming it (the ``Args:`` / ``Attributes:``
sections, as the dataclasses here do). An upstream member without a docstring is fixed by overriding it
in our class with a short docstring.
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
import warnings
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tools.node import REPO_ROOT, node_env

__all__ = ["MODULES", "build", "public_bases", "shown_members", "undocumented"]

#: The public modules; everything else in the package is private (``_name``).
MODULES = (
    "cdk_identitypool",
    "cdk_identitypool.nag",
    "cdk_identitypool.testing",
    "cdk_identitypool.testing.emulator",
    "cdk_identitypool.testing.flows",
)
PACKAGE = "cdk_identitypool"
#: Bases whose members are Python's (documented by Python), not listed on a class page.
PYTHON_MODULES = frozenset({"builtins", "enum", "typing", "typing_extensions", "abc"})
TEMPLATES = Path(__file__).resolve().parent / "pdoc_templates"
GUIDE = REPO_ROOT / "README.md"


def _is_private(modulename: str) -> bool:
    return any(part.startswith("_") for part in modulename.split("."))


def _ours(modulename: str) -> bool:
    return modulename == PACKAGE or modulename.startswith(PACKAGE + ".")


def public_bases(bases: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The bases a class signature (and the search index) names: all but private ones (``_module`` or ``_Name``)."""
    return [base for base in bases if not _is_private(base[0]) and not base[1].startswith("_")]


def shown_members(cls: Any) -> list[Any]:
    """The members a class page shows in full: its own, then those it inherits from a base that is not
    documented in this reference (a private mixin, aws-cdk-lib, constructs, cdk-nag), not Python's own."""
    shown = list(cls.own_members)
    names = {member.name for member in shown}
    for (modulename, _qualname), members in cls.inherited_members.items():
        if modulename in MODULES or modulename.split(".")[0] in PYTHON_MODULES:
            continue
        for member in members:
            if member.name not in names:
                names.add(member.name)
                shown.append(member)
    return shown


def upstream_origin(member: Any) -> str:
    """``module.Class`` a shown member comes from when that is another package (aws-cdk-lib, constructs, ...)."""
    modulename, qualname = member.taken_from
    return "" if _ours(modulename) else f"{modulename}.{qualname.rsplit('.', 1)[0]}"


def _borrowed_docstring(owner: type, name: str) -> str | None:
    """The class (``module.Name``) another package's docstring of ``owner.name`` comes from, when ``owner``
    defines the member without a docstring of its own and inspect (so pdoc and ``help``) falls back to a base's."""
    attribute = owner.__dict__.get(name)
    if attribute is None:
        return None
    function = attribute.fget if isinstance(attribute, property) else getattr(attribute, "__func__", attribute)
    if getattr(function, "__doc__", None):
        return None
    for base in owner.__mro__[1:]:
        inherited = base.__dict__.get(name)
        if inherited is not None and inspect.getdoc(inherited) and not _ours(base.__module__):
            if base.__module__.split(".")[0] in PYTHON_MODULES:
                return None
            return f"{base.__module__}.{base.__qualname__}"
    return None


def _class_object(modulename: str, qualname: str) -> Any:
    found: Any = importlib.import_module(modulename)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def undocumented(module: object) -> list[str]:
    """Public names of a pdoc module without (their own) documentation; see the module docstring."""
    import pdoc.doc

    assert isinstance(module, pdoc.doc.Module)
    missing = []
    for member in module.members.values():
        if member.name.startswith("_"):
            continue
        if not member.docstring.strip():
            missing.append(member.fullname)
        if not isinstance(member, pdoc.doc.Class):
            continue
        if "```python" not in member.docstring:
            missing.append(f"{member.fullname} (no ```python example)")
        for shown in shown_members(member):
            if shown.name.startswith("_") and shown.name != "__init__":
                continue
            modulename, qualname = shown.taken_from
            owner = _class_object(modulename, qualname.rsplit(".", 1)[0])
            if _ours(owner.__module__) and (source := _borrowed_docstring(owner, shown.name)):
                missing.append(f"{member.fullname}.{shown.name} (its docstring is {source}'s)")
                continue
            if shown.name == "__init__" or shown.docstring.strip():
                continue
            if isinstance(shown, pdoc.doc.Variable) and shown.name in (inspect.getdoc(owner) or ""):
                continue
            missing.append(f"{member.fullname}.{shown.name}")
    return missing


def build(output: Path) -> list[str]:
    """Write the reference to ``output``; return the problems (pdoc warnings, undocumented names)."""
    os.environ.update(node_env())
    os.environ["PDOC_ALLOW_EXEC"] = "1"  # importing aws-cdk-lib starts jsii's Node process
    import pdoc
    import pdoc.doc
    import pdoc.render

    pdoc.render.configure(docformat="google", template_directory=TEMPLATES)
    all_bases = pdoc.doc.Class.bases  # a cached_property: keep its function, drop the private bases
    pdoc.doc.Class.bases = property(lambda cls: public_bases(all_bases.func(cls)))  # type: ignore[assignment,method-assign,attr-defined]
    pdoc.render.env.globals.update(
        guide=GUIDE.read_text(),
        shown_members=shown_members,
        upstream_origin=upstream_origin,
    )
    for name in MODULES:  # the package's names are imported on first use (PEP 562): import them for pdoc
        imported = importlib.import_module(name)
        for exported in getattr(imported, "__all__", ()):
            getattr(imported, exported)
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
