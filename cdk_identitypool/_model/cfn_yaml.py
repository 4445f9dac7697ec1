"""CloudFormation YAML: PyYAML's safe loader, taught the short-form intrinsic tags and to keep dates as text.

``!GetAtt a.b`` becomes ``{"Fn::GetAtt": ["a", "b"]}``, ``!Ref x`` ``{"Ref": "x"}``, ``!Condition c``
``{"Condition": "c"}`` and every other ``!Name v`` ``{"Fn::Name": v}``, as CloudFormation reads them.
"""

from __future__ import annotations

from typing import Any

import yaml

from .template import MalformedTemplateError

_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc]
    """A loader that records the line of each key of a top-level ``Resources`` mapping."""


def _timestamp_as_text(loader: Any, node: Any) -> str:
    return str(loader.construct_scalar(node))


def _tag(loader: Any, suffix: str, node: Any) -> dict[str, Any]:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        return {"Fn::GetAtt": value.split(".", 1)}
    return {f"Fn::{suffix}": value}


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)
_Loader.add_multi_constructor("!", _tag)


def load_yaml(text: str, where: str) -> tuple[Any, dict[str, int]]:
    """The decoded template and the line each resource starts on."""
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            template = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        first = str(error).replace("\n", " ")
        raise MalformedTemplateError(f"{where}: not valid YAML ({first})") from None
    except (TypeError, ValueError, RecursionError) as error:
        raise MalformedTemplateError(f"{where}: not a template CloudFormation can read ({error})") from None
    return template, _lines(node)


def _lines(node: Any) -> dict[str, int]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "Resources" and isinstance(value, yaml.MappingNode):
            return {str(k.value): k.start_mark.line + 1 for k, _ in value.value if isinstance(k, yaml.ScalarNode)}
    return {}


__all__ = ["load_yaml"]
