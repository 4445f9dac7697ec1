"""The one exception type the library raises for invalid input."""

from __future__ import annotations

from typing import Any


class IdentityPoolValidationError(ValueError):
    """Raised at construction time when a prop breaks a rule.

    The message always names the prop, the offending value and the rule, for example::

        identity_pool_name='my pool!': must match [\\w\\s+=,.@-]+ (letters, digits, spaces and +=,.@-)

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolValidationError

    try:
        IdentityPool(self, "Bad", identity_pool_name="my pool!")
    except IdentityPoolValidationError as error:
        assert (error.prop, error.value) == ("identity_pool_name", "my pool!")
    ```

    Attributes:
        prop: The prop (or argument) that was rejected, e.g. ``identity_pool_name``.
        value: The rejected value, as given.
        rule: The rule it broke, in words.
    """

    def __init__(self, prop: str, value: Any, rule: str) -> None:
        self.prop = prop
        self.value = value
        self.rule = rule
        super().__init__(f"{prop}={_show(value)}: {rule}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:197] + "..."
