"""What real templates write, in the one form the model compares: ``Fn::Sub`` and ``Fn::Join`` that spell a
``Ref``, a ``Fn::GetAtt`` or a literal become that; ``Fn::GetAtt "a.b"`` becomes ``[a, b]``. ``Fn::If`` is kept
(its readers decide per branch or say it is conditional), and so is every value known only at deploy time.

:func:`unknown_reason` says, in CloudFormation's terms, why a value cannot be known from the template (a
parameter and its default, a custom resource's attribute, an import, a condition); :func:`show` names a value
for a message.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

#: Pseudo parameters: ``Ref`` of these is no resource.
PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::NoValue",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)
_VARIABLE = re.compile(r"\$\{([^}]*)\}")


def normalize_template(value: Any, names: frozenset[str]) -> Any:
    """``value`` (a template or a part of one) with every ``Fn::Sub`` / ``Fn::Join`` that spells a simpler
    intrinsic replaced by it. ``names`` are the template's logical ids and parameter names: a ``${x}`` that
    names neither is kept as text (an IAM policy variable such as ``${cognito-identity.amazonaws.com:sub}``)."""
    if isinstance(value, list):
        return [normalize_template(item, names) for item in value]
    if not isinstance(value, Mapping):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        arg = normalize_template(arg, names)
        if key == "Fn::Sub":
            return _sub(arg, names)
        if key == "Fn::Join":
            return _join(arg)
        if key == "Fn::GetAtt" and isinstance(arg, str) and "." in arg:
            return {"Fn::GetAtt": arg.split(".", 1)}
        return {key: arg}
    return {key: normalize_template(item, names) for key, item in value.items()}


def _sub(arg: Any, names: frozenset[str]) -> Any:
    text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], arg[1]) if _is_sub_pair(arg) else (None, None)
    if not isinstance(text, str) or not isinstance(variables, Mapping):
        return {"Fn::Sub": arg}
    parts: list[Any] = []
    position = 0
    for match in _VARIABLE.finditer(text):
        parts.append(text[position : match.start()])
        position = match.end()
        name = match[1]
        if name.startswith("!"):
            parts.append("${" + name[1:] + "}")  # ${!Literal} is the text ${Literal}
        elif name in variables:
            parts.append(variables[name])
        elif name in PSEUDO_PARAMETERS or name in names:
            parts.append({"Ref": name})
        elif "." in name and name.split(".", 1)[0] in names:
            parts.append({"Fn::GetAtt": name.split(".", 1)})
        else:
            parts.append(match[0])  # not a template name: an IAM policy variable, kept as text
    parts.append(text[position:])
    return _join(["", parts])


def _is_sub_pair(arg: Any) -> bool:
    return isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and isinstance(arg[1], Mapping)


def _join(arg: Any) -> Any:
    """A join with its delimiter spelled out between its parts, adjacent literals merged; one part is that part."""
    if not (isinstance(arg, list) and len(arg) == 2 and isinstance(arg[0], str) and isinstance(arg[1], list)):
        return {"Fn::Join": arg}
    delimiter, items = arg
    flat: list[Any] = []
    for i, item in enumerate(items):
        if i and delimiter:
            flat.append(delimiter)
        for part in item["Fn::Join"][1] if _is_empty_join(item) else [item]:
            if isinstance(part, str) and flat and isinstance(flat[-1], str):
                flat[-1] += part
            elif part != "":
                flat.append(part)
    if not flat:
        return ""
    return flat[0] if len(flat) == 1 else {"Fn::Join": ["", flat]}


def _is_empty_join(item: Any) -> bool:
    return (
        isinstance(item, Mapping)
        and set(item) == {"Fn::Join"}
        and isinstance(item["Fn::Join"], list)
        and len(item["Fn::Join"]) == 2
        and item["Fn::Join"][0] == ""
        and isinstance(item["Fn::Join"][1], list)
    )


def is_intrinsic(value: Any) -> bool:
    """True for ``{"Ref": ...}``, ``{"Condition": ...}`` and ``{"Fn::...": ...}``: a value CloudFormation computes."""
    if not isinstance(value, Mapping) or len(value) != 1:
        return False
    key = next(iter(value))
    return isinstance(key, str) and (key in ("Ref", "Condition") or key.startswith("Fn::"))


def unknown_reason(expr: Any, resources: Mapping[str, str], parameters: Mapping[str, Any]) -> str | None:
    """Why ``expr`` is known only at deploy time, or None when it is not (a literal, or a reference to a
    resource of the template). ``resources`` maps logical ids to types; ``parameters`` names to their bodies."""
    if isinstance(expr, str | int | float | bool) or expr is None:
        return None
    if isinstance(expr, list):
        return next((r for r in (unknown_reason(e, resources, parameters) for e in expr) if r), None)
    if not isinstance(expr, Mapping) or len(expr) != 1:
        return None
    ((key, arg),) = expr.items()
    if key == "Ref" and isinstance(arg, str):
        if arg in parameters:
            default = parameters[arg].get("Default") if isinstance(parameters[arg], Mapping) else None
            note = f" (its default is {json.dumps(default)})" if default is not None else " (no default)"
            return f"parameter {arg}{note} is chosen at deploy time"
        if arg in PSEUDO_PARAMETERS and arg not in ("AWS::NoValue",):
            return f"{arg} is known at deploy time"
        if arg not in resources:
            return f"Ref {arg} names nothing in this template"
        return None
    if key == "Fn::GetAtt" and isinstance(arg, list) and arg:
        kind = resources.get(str(arg[0]))
        if kind is None:
            return f"Fn::GetAtt {'.'.join(map(str, arg))} names nothing in this template"
        if kind.startswith("Custom::") or kind == "AWS::CloudFormation::CustomResource":
            return f"{'.'.join(map(str, arg))} is an attribute of custom resource {arg[0]}, computed at deploy time"
        if kind == "AWS::CloudFormation::Stack":
            return f"{'.'.join(map(str, arg))} is an output of nested stack {arg[0]}"
        return None
    if key == "Fn::ImportValue":
        return f"Fn::ImportValue {show(arg)} is another stack's export"
    if key == "Fn::If" and isinstance(arg, list) and arg:
        return f"it depends on condition {arg[0]} (Fn::If)"
    if key == "Fn::GetStackOutput":
        return "Fn::GetStackOutput reads another stack's output at deploy time"
    if key in ("Fn::FindInMap", "Fn::Select", "Fn::Split", "Fn::Base64", "Fn::Sub", "Fn::GetAZs", "Fn::Cidr"):
        inner = unknown_reason(arg, resources, parameters)
        return inner or f"{key} is evaluated at deploy time"
    if key == "Fn::Join":
        inner = unknown_reason(arg, resources, parameters)
        return inner
    return None


def show(expr: Any) -> str:
    """A value for a message, as a template author would write it (``Ref Pool``, ``Pool.Arn``, a literal)."""
    if isinstance(expr, str):
        return expr
    if isinstance(expr, Mapping) and len(expr) == 1:
        ((key, arg),) = expr.items()
        if key == "Ref" and isinstance(arg, str):
            return arg
        if key == "Fn::GetAtt":
            return ".".join(map(str, arg)) if isinstance(arg, list) else str(arg)
        if key == "Fn::Join" and isinstance(arg, list) and len(arg) == 2 and arg[0] == "" and isinstance(arg[1], list):
            return "".join(p if isinstance(p, str) else "${" + show(p) + "}" for p in arg[1])
        if key == "Fn::ImportValue":
            return f"Fn::ImportValue {show(arg)}"
        return f"{key} {json.dumps(arg, default=str)}"
    return json.dumps(expr, default=str)


__all__ = ["PSEUDO_PARAMETERS", "is_intrinsic", "normalize_template", "show", "unknown_reason"]
