"""``access_report``: who can do what, as a typed value a unit test can assert on."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._model.access import AccessReport
from .._model.access_reader import access_report as _report
from .._model.assembly import Assembly, StackTemplate
from .._model.template import MalformedTemplateError, TemplateModel
from ._cdk import cdk_module, is_stack
from ._results import SimulationError


def access_report(source: Any) -> AccessReport:
    """Who can do what for every identity pool of ``source``: each identity (guests, each provider's default,
    rule and token paths), the role it gets, the role's trust verdict and its permissions found in the template.

    Args:
        source: A ``Stack`` (synthesized here), a template dict (e.g. ``Template.from_stack(stack).to_json()``),
            or the path of a template file or cloud assembly directory.

    Example::

        report = access_report(stack)
        assert report.can("guests", "dynamodb:PutItem", "NotesTable") is Tri.NO
    """
    try:
        if is_stack(source):
            template = cdk_module().assertions.Template.from_stack(source).to_json()
            region = None if cdk_module().Token.is_unresolved(source.region) else source.region
            model = TemplateModel.from_template(template, region=region)
            return _report(Assembly([StackTemplate(source.stack_name, model)]))
        if isinstance(source, Mapping):
            return _report(Assembly([StackTemplate("template", TemplateModel.from_template(source))]))
        if isinstance(source, str | Path):
            from .._model.load import read_path

            return _report(read_path(source))
    except MalformedTemplateError as error:
        raise SimulationError(str(error)) from None
    raise SimulationError(f"source={source!r}: give a Stack, a template dict or a path")


__all__ = ["access_report"]
