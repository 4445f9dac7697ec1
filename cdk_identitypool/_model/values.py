"""Reading and comparing template values: a property by key, joins flattened, two values compared part by
part (yes / no / unknown), references by logical id. Pure Python, shared by every reader of a template."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from .tri import Tri


def get(mapping: Any, key: str, default: Any = None) -> Any:
    """``mapping[key]`` when ``mapping`` is a dict (keys are spelled as in a template), else ``default``."""
    return mapping.get(key, default) if isinstance(mapping, Mapping) else default


def normalize(expr: Any) -> Any:
    """A canonical, hashable form of a string or intrinsic, so equal values compare equal.

    ``Fn::Join`` with an empty delimiter is flattened (adjacent strings merged), ``Fn::GetAtt: "a.b"`` becomes
    ``["a", "b"]``, and a one-part join becomes its part.
    """
    parts = join_parts(expr)
    if len(parts) == 1:
        return _canonical(parts[0])
    return ("join", tuple(_canonical(p) for p in parts))


def _canonical(expr: Any) -> Any:
    if isinstance(expr, str):
        return expr
    if isinstance(expr, Mapping) and "Fn::GetAtt" in expr and isinstance(expr["Fn::GetAtt"], str):
        expr = {"Fn::GetAtt": expr["Fn::GetAtt"].split(".", 1)}
    return json.dumps(expr, sort_keys=True)


def join_parts(expr: Any) -> list[Any]:
    """The parts of a value: a ``Fn::Join`` with an empty delimiter, flattened (adjacent strings merged)."""
    if isinstance(expr, Mapping) and set(expr) == {"Fn::Join"}:
        delimiter, items = expr["Fn::Join"]
        if delimiter == "" and isinstance(items, list):
            flat: list[Any] = []
            for item in items:
                for part in join_parts(item):
                    if isinstance(part, str) and flat and isinstance(flat[-1], str):
                        flat[-1] += part
                    elif part != "":
                        flat.append(part)
            return flat or [""]
    return [expr]


def same_value(left: Any, right: Any, parameters: Collection[str] = ()) -> Tri:
    """Are two values (literals, intrinsics, joins) equal at deploy time? YES when they are the same; NO when
    they line up part by part and a pair differs in a literal or names two different resources (a ``Ref`` or
    ``Fn::GetAtt`` of another logical id: two resources of one template have different ids and names);
    UNKNOWN otherwise (a parameter, an import, joins that do not line up)."""
    if normalize(left) == normalize(right):
        return Tri.YES
    parts_left, parts_right = join_parts(left), join_parts(right)
    if len(parts_left) != len(parts_right):
        return Tri.UNKNOWN
    verdicts = []
    for a, b in zip(parts_left, parts_right, strict=True):
        if normalize(a) == normalize(b):
            verdicts.append(Tri.YES)
        elif (isinstance(a, str) and isinstance(b, str)) or (
            _resource_named(a, parameters) and _resource_named(b, parameters)
        ):
            verdicts.append(Tri.NO)
        else:
            verdicts.append(Tri.UNKNOWN)
    return Tri.all_of(verdicts)


def _resource_named(value: Any, parameters: Collection[str]) -> bool:
    name = ref_logical_id(value)
    if name is not None:
        return name not in parameters and not name.startswith("AWS::")
    return isinstance(value, Mapping) and set(value) == {"Fn::GetAtt"}


def split_provider_client(expr: Any) -> tuple[Any, Any] | None:
    """Split ``<provider name>:<client id>`` (a string or a join) at its last literal ``:``."""
    parts = join_parts(expr)
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        if isinstance(part, str) and ":" in part:
            head, tail = part.rsplit(":", 1)
            left = [*parts[:i], head] if head else parts[:i]
            right = [tail, *parts[i + 1 :]] if tail else parts[i + 1 :]
            if not left or not right:
                return None
            return _rejoin(left), _rejoin(right)
    return None


def _rejoin(parts: list[Any]) -> Any:
    return parts[0] if len(parts) == 1 else {"Fn::Join": ["", parts]}


def as_text(value: Any) -> Any:
    """A number or boolean where CloudFormation expects a string, as the text it passes on (``5`` → ``"5"``,
    ``true`` → ``"true"``); anything else as it is."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int | float) else value


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def ref_of(logical_id: str) -> dict[str, str]:
    return {"Ref": logical_id}


def getatt_logical_id(expr: Any, attribute: str) -> str | None:
    """``id`` of ``{"Fn::GetAtt": [id, attribute]}`` (or ``"id.attribute"``), else None."""
    if isinstance(expr, Mapping) and set(expr) == {"Fn::GetAtt"}:
        target = expr["Fn::GetAtt"]
        parts = target.split(".", 1) if isinstance(target, str) else list(target)
        if len(parts) == 2 and parts[1] == attribute and isinstance(parts[0], str):
            return parts[0]
    return None


def ref_logical_id(expr: Any) -> str | None:
    if isinstance(expr, Mapping) and set(expr) == {"Ref"} and isinstance(expr["Ref"], str):
        return expr["Ref"]
    return None


# --- the model --------------------------------------------------------------------------------------------


def provider_client_name(provider_name: Any, client_id: Any) -> Any:
    """``<provider name>:<client id>``: how role mappings and principal tags name a user pool provider (a string
    when both parts are literal, else a join)."""
    if isinstance(provider_name, str) and isinstance(client_id, str):
        return f"{provider_name}:{client_id}"
    return {"Fn::Join": ["", [provider_name, ":", client_id]]}


def has_intrinsic(value: Any, name: str) -> bool:
    if isinstance(value, Mapping):
        return name in value or any(has_intrinsic(v, name) for v in value.values())
    if isinstance(value, list | tuple):
        return any(has_intrinsic(v, name) for v in value)
    return False


__all__ = [
    "as_list",
    "as_text",
    "get",
    "getatt_logical_id",
    "has_intrinsic",
    "join_parts",
    "normalize",
    "provider_client_name",
    "ref_logical_id",
    "ref_of",
    "same_value",
    "split_provider_client",
]
