"""Small checks shared by the props classes; each raises IdentityPoolValidationError."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from aws_cdk import RemovalPolicy, Token

from .._errors import IdentityPoolValidationError
from .._model.mapping_shape import claim_name_problem
from .upstream import from_upstream

T = TypeVar("T")


#: aws-cdk-lib's string-token marker (core/lib/private/encoding.js): what every version treats as a token.
STRING_TOKEN = re.compile(r"\$\{Token\[[a-zA-Z0-9:._-]+\]\}", re.ASCII)


def is_token(value: str) -> bool:
    """True when ``value`` is (or contains) an unresolved CDK token, exactly as ``Token.is_unresolved`` says."""
    # A string with neither a string-token marker (``${Token[``) nor a stringified number token
    # (``-1.888...e+289``) is a literal on every aws-cdk-lib version: answering that in Python saves a jsii
    # round trip per literal prop and keeps ``import cdk_identitypool`` from calling into Node. Anything
    # else is asked of aws-cdk-lib itself, whose rules differ between versions (2.224 also treats a bare
    # number token inside a string as unresolved; 2.275 does not).
    if isinstance(value, str):
        if "Token[" not in value and "e+289" not in value:
            return False
        if STRING_TOKEN.search(value):  # a well-formed string token: unresolved on every version
            return True
    return bool(Token.is_unresolved(value))


#: Map keys jsii cannot carry from Python to Node ("Key '__proto__' is not supported in maps").
_JSII_RESERVED_KEYS = frozenset({"__proto__"})


def check_map_key(prop: str, key: str) -> str:
    """Refuse a key that jsii cannot pass to aws-cdk-lib inside a map (it would fail with a jsii trace)."""
    if key in _JSII_RESERVED_KEYS:
        raise IdentityPoolValidationError(
            prop,
            key,
            "cannot be a map key: the bridge between Python and aws-cdk-lib does not support the key '__proto__'",
        )
    return key


def check_bool(prop: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise IdentityPoolValidationError(prop, value, "must be a bool (True or False)")
    return value


#: IdentityPoolName in the Cognito API (a Java regex: ASCII \w and \s).
POOL_NAME_PATTERN = r"[\w\s+=,.@-]+"


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
    """Check a string prop.

    ``pattern`` is an AWS (Java) regex: ``\\w`` and ``\\s`` match ASCII only, as in the Cognito API. A value
    that holds tokens has its literal parts checked: their characters (for a one-character-class pattern
    such as ``[\\w.-]+``) and a length that already exceeds ``max_len``; the rest is checked at deploy.
    """
    if not isinstance(value, str):
        raise IdentityPoolValidationError(prop, value, f"must be a str, not {type(value).__name__}")
    words = f" ({pattern_words})" if pattern_words else ""
    if is_token(value):
        if not allow_token:
            raise IdentityPoolValidationError(
                prop, value, "must be a literal string known at synth time, not a CDK token"
            )
        literal = [part for part in STRING_TOKEN.split(value) if part]
        if max_len is not None and sum(map(len, literal)) > max_len:
            raise IdentityPoolValidationError(
                prop, value, f"must be at most {max_len} characters: its literal parts alone are longer"
            )
        if pattern is not None and _CHAR_CLASS_PATTERN.fullmatch(pattern):
            for part in literal:
                if re.fullmatch(pattern, part, re.ASCII) is None:
                    raise IdentityPoolValidationError(prop, value, f"must match {pattern}{words}: {part!r} does not")
        return value
    if len(value) < min_len:
        rule = "must not be empty" if min_len == 1 else f"must be at least {min_len} characters"
        raise IdentityPoolValidationError(prop, value, rule)
    if max_len is not None and len(value) > max_len:
        raise IdentityPoolValidationError(prop, value, f"must be at most {max_len} characters (got {len(value)})")
    if pattern is not None and re.fullmatch(pattern, value, re.ASCII) is None:
        raise IdentityPoolValidationError(prop, value, f"must match {pattern}{words}")
    return value


#: A pattern that is one character class repeated (``[...]+``): it can be checked on parts of a string.
_CHAR_CLASS_PATTERN = re.compile(r"\[[^\]]+\]\+")


#: Unicode categories of Cognito's ClaimName pattern ``[\p{L}\p{M}\p{S}\p{N}\p{P}]+``.
def check_claim_name(prop: str, value: str, *, what: str = "a claim name") -> str:
    """A token claim name (ClaimName), or a user pool group name (GroupName, the same pattern): letters,
    marks, symbols, numbers, punctuation; no spaces or invisible characters (a no-break or zero-width space
    is refused, as Cognito does)."""
    problem = claim_name_problem(value)
    if problem is not None:
        raise IdentityPoolValidationError(prop, value, f"must be {what}: {problem}")
    return value


#: The characters IAM accepts in a role's description (Latin-1 without control characters but tab and newlines).
_IAM_DESCRIPTION_CHARS = re.compile(r"[^\t\n\r\x20-\x7e\xa1-\xff]")


def iam_description(text: str) -> str:
    """``text`` as a valid IAM role description: characters IAM refuses (outside Latin-1, e.g. CJK letters)
    are escaped as ``\\uXXXX``, and the result cut to IAM's 1000 characters."""
    escaped = _IAM_DESCRIPTION_CHARS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return escaped[:1000]


def needs_literal_description(pool_name: str | None) -> bool:
    """Whether IAM might refuse aws-cdk-lib's description of a default role (``Default Authenticated Role for
    Identity Pool <name>``): the name is a token (unknown until deploy) or has characters IAM refuses there."""
    return pool_name is not None and (is_token(pool_name) or _IAM_DESCRIPTION_CHARS.search(pool_name) is not None)


def check_in_stack(scope: Any) -> Any:
    """The stack of ``scope``; a scope outside any stack (an App or a Stage) is refused: aws-cdk-lib fails there
    with a jsii trace."""
    from aws_cdk import Stack

    if isinstance(scope, Stack):
        return scope  # no call into Node
    try:
        return Stack.of(scope)  # one call into aws-cdk-lib when all is well
    except Exception:  # jsii's error: "No stack could be identified for the construct at path ..."
        node = getattr(scope, "node", None)
        if node is None:
            raise IdentityPoolValidationError("scope", scope, "must be a construct (e.g. a cdk.Stack)") from None
        where = f"{type(scope).__name__} {node.path!r}" if node.path else "the App"
        raise IdentityPoolValidationError(
            "scope",
            node.path or "the App",
            "must be a Stack or a construct inside one: an identity pool is a CloudFormation resource, and "
            f"{where} is in no stack; create it in a cdk.Stack",
        ) from None


def check_instance(prop: str, value: Any, kind: type[T], what: str) -> T:
    """``value`` if it is a ``kind`` (aws-cdk-lib's class of the same name is converted first)."""
    value = from_upstream(value)
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
    """Accept a props object, aws-cdk-lib's struct of the same name, or (as jsii does for aws-cdk-lib's
    structs) a dict of its keyword props."""
    value = from_upstream(value)
    if isinstance(value, Mapping):
        try:
            return kind(**value)
        except TypeError as error:
            raise IdentityPoolValidationError(prop, value, f"is not valid for {kind.__name__}: {error}") from None
    return value  # type: ignore[no-any-return]


def check_removal_policy(policy: Any) -> None:
    check_instance("removal_policy", policy, RemovalPolicy, "an aws_cdk.RemovalPolicy")
    if policy not in (RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE):
        raise IdentityPoolValidationError(
            "removal_policy",
            policy,
            "must be RETAIN, DESTROY or RETAIN_ON_UPDATE_OR_DELETE: identity pools have no snapshots",
        )


def check_unique_arns(prop: str, arns: list[str]) -> list[str]:
    seen: set[str] = set()
    for arn in arns:
        if arn in seen:
            raise IdentityPoolValidationError(prop, arn, "duplicate provider: each may be given once")
        seen.add(arn)
    return arns
