"""The ```python example of every public class's docstring runs, as a README block does: in a stack (``self``)
that then synthesizes and is linted; each example brings its own imports.

The examples of ``cdk_identitypool.testing.emulator`` need a running ministack and a template, and are not run
here (the integration tests deploy the same way). ``help()`` shows the package's plain docstring, not an
rst include of the README.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pydoc
import re
from typing import Any

import pytest

import cdk_identitypool
from tests.helpers import new_stack, synth
from tools.docs import MODULES

_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
NOT_RUN = {"cdk_identitypool.testing.emulator"}


def _examples() -> list[Any]:
    params = []
    for name in MODULES:
        if name.endswith(".nag") and importlib.util.find_spec("cdk_nag") is None:
            params.append(pytest.param("", id="nag", marks=pytest.mark.skip(reason="cdk-nag is not installed")))
            continue
        module = importlib.import_module(name)
        marks = [pytest.mark.skip(reason="needs ministack and a template")] if name in NOT_RUN else []
        for exported in module.__all__:
            found = getattr(module, exported)
            if inspect.isclass(found):
                blocks = _BLOCK.findall(inspect.getdoc(found) or "") or [""]
                params += [pytest.param(code, id=f"{exported}-{i}", marks=marks) for i, code in enumerate(blocks)]
    return params


@pytest.mark.parametrize("code", _examples())
def test_class_docstring_example(code: str) -> None:
    assert code, "every public class docstring has a ```python example"
    stack = new_stack()
    exec(compile(code, "<docstring example>", "exec"), {"self": stack})
    if stack.node.children:  # a stack with resources synthesizes, passes cfn-lint, has no error annotation
        synth(stack)


def test_help_shows_a_plain_package_docstring() -> None:
    text = pydoc.render_doc(cdk_identitypool)
    assert ".. include::" not in text
    assert "IdentityPool" in (cdk_identitypool.__doc__ or "")
