"""Small checks shared by the props classes; each raises IdentityPoolValidationError."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from aws_cdk import Token

from ._errors import IdentityPoolValidationError

T = TypeVar("T")

#: aws-cdk-lib's STRING_TOKEN_REGEX (core/lib/private/encoding.js): a string token or a stringified number token.
_STRING_TOKEN = re.compile(r"\$\{Token\[[a-zA-Z0-9:._-]+\]\}|-1\.\d{10,16}e\+289", re.ASCII)


def is_token(value: str) -> bool:
    """True when ``value`` is (or contains) an unresolved CDK token."""
    # aws-cdk-lib's own first test (core/lib/private/encoding.js ``unresolved``): a string without the
    # token marker is a literal. Checking it here saves a jsii round trip per literal prop, and keeps
    # ``import cdk_identitypool`` from calling into Node.
    # The rest of that test is one regex, replicated here (``_STRING_TOKEN``) so no string needs Node.
    if isinstance(value, str):
        return "Token[" in value and _STRING_TOKEN.search(value) is not None
    return Token.is_unresolved(value)


def check_bool(prop: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise IdentityPoolValidationError(prop, value, "must be a bool (True or False)")
    return value


def check_str(
    prop: str,
    value: Any,
    *,
    min_len: int = 1,
    max_len: int | None = None,
    pattern: str | None = None,
    pattern_words: str = "",
    allow_token: bool = True,
) -> str:
    """Check a string prop; tokens pass unless ``allow_token`` is False (they are checked at deploy)."""
    if not isinstance(value, str):
        raise IdentityPoolValidationError(prop, value, f"must be a str, not {type(value).__name__}")
    if is_token(value):
        if not allow_token:
            raise IdentityPoolValidationError(
                prop, value, "must be a literal string known at synth time, not a CDK token"
            )
        return value
    if len(value) < min_len:
        rule = "must not be empty" if min_len == 1 else f"must be at least {min_len} characters"
        raise IdentityPoolValidationError(prop, value, rule)
    if max_len is not None and len(value) > max_len:
        raise IdentityPoolValidationError(prop, value, f"must be at most {max_len} characters (got {len(value)})")
    if pattern is not None and re.fullmatch(pattern, value) is None:
        words = f" ({pattern_words})" if pattern_words else ""
        raise IdentityPoolValidationError(prop, value, f"must match {pattern}{words}")
    return value


def check_instance(prop: str, value: Any, kind: type[T], what: str) -> T:
    if not isinstance(value, kind):
        raise IdentityPoolValidationError(prop, value, f"must be {what}, not {type(value).__name__}")
    return value


def check_sequence(prop: str, value: Any) -> Sequence[Any]:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        raise IdentityPoolValidationError(prop, value, "must be a list or tuple")
    return value


def has_attr(prop: str, value: Any, attr: str, what: str) -> None:
    """Duck-typed check for jsii interfaces (``isinstance`` does not work on their protocols)."""
    # Look on the class first: on a jsii object ``hasattr(value, attr)`` reads the property through Node.
    if (
        value is None
        or isinstance(value, str | int | float | bool | dict)
        or not (hasattr(type(value), attr) or hasattr(value, attr))
    ):
        raise IdentityPoolValidationError(prop, value, f"must be {what}")


def coerce_struct(prop: str, value: Any, kind: type[T]) -> T:
    """Accept a props object or, as jsii does for aws-cdk-lib structs, a dict of its keyword props."""
    if isinstance(value, Mapping):
        try:
            return kind(**value)
        except TypeError as error:
            raise IdentityPoolValidationError(prop, value, f"is not valid for {kind.__name__}: {error}") from None
    return value  # type: ignore[no-any-return]
