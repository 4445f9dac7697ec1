"""Values Cognito or IAM limit, checked in their final form at synth (``final_shape``): tags as rendered
(added with ``Tags.of`` too), and the values that were tokens at construction, once they resolve."""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .._errors import IdentityPoolValidationError
from .validation import POOL_NAME_PATTERN, check_str, is_token

if TYPE_CHECKING:
    from .pool_state import PoolState
    from .rendered import Resolved

MAX_TAGS = 50


def tag_problems(prop: str, rendered: Any, *, iam: bool) -> list[str]:
    """Tags as rendered now: at most 50, keys 1-128 and values up to 256 characters, no ``aws:`` keys; IAM
    also limits the characters (letters, digits, spaces and ``_.:/=+-@``)."""
    if not rendered:
        return []
    pairs = [(t.get("key", t.get("Key")), t.get("value", t.get("Value"))) for t in rendered if isinstance(t, dict)]
    found = []
    if len(pairs) > MAX_TAGS:
        found.append(f"{prop}: {len(pairs)} tags; at most {MAX_TAGS} are allowed (tags added with Tags.of count too)")
    for key, value in pairs:
        where = f"{prop}[{key!r}]"
        for part, text, max_len in (("key", key, 128), ("value", value, 256)):
            if not isinstance(text, str) or is_token(text):
                continue
            if len(text) > max_len or (part == "key" and not text):
                found.append(f"{where}: a tag {part} must be {'1' if part == 'key' else '0'}-{max_len} characters")
            bad = [c for c in text if iam and not _iam_tag_char(c)]
            if bad:
                found.append(
                    f"{where}: {bad[0]!r} is not allowed in an IAM tag {part} (letters, digits, spaces, _.:/=+-@)"
                )
        if isinstance(key, str) and key.lower().startswith("aws:"):
            found.append(f"{where}: tag keys starting with 'aws:' are reserved for AWS")
    return found


def _iam_tag_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LZN" or char in "_.:/=+-@"


def _failures(checks: Iterable[Callable[[], object]]) -> list[str]:
    found = []
    for check in checks:
        try:
            check()
        except IdentityPoolValidationError as error:
            found.append(str(error))
    return found


def resolved_value_problems(state: PoolState, resolved: Resolved) -> list[str]:
    """Values that were tokens at construction (e.g. a Lazy), checked now that they resolve."""
    checks: list[Callable[[], object]] = []
    name = state.name_prop
    if name is not None and is_token(name):
        checks.append(
            lambda: _check_literal("identity_pool_name", resolved(name), max_len=128, pattern=POOL_NAME_PATTERN)
        )
    developer = state.providers.custom_provider
    if developer is not None and is_token(developer):
        checks.append(
            lambda: _check_literal(
                "authentication_providers.custom_provider", resolved(developer), max_len=128, pattern=r"[\w._-]+"
            )
        )
    for i, mapping in enumerate(state.role_mappings):
        for j, rule in enumerate(mapping.rules or ()):
            for field, max_len in (("claim", 64), ("claim_value", 128)):
                value = getattr(rule, field)
                if is_token(value):
                    checks.append(
                        functools.partial(
                            _check_literal, f"role_mappings[{i}].rules[{j}].{field}", resolved(value), max_len
                        )
                    )
    return _failures(checks)


def _check_literal(prop: str, value: Any, max_len: int, pattern: str | None = None) -> None:
    if isinstance(value, str):  # still a CloudFormation expression (dict) otherwise: checked at deploy
        check_str(prop, value, max_len=max_len, pattern=pattern)


__all__ = ["MAX_TAGS", "resolved_value_problems", "tag_problems"]
