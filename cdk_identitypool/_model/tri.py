"""Yes, no or unknown: the answer about a template whose values may be known only at deploy time."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Tri(enum.Enum):
    """A three-valued answer: a template can hold values only known at deploy time.

    ```python
    from cdk_identitypool.testing import Tri

    assert Tri.any_of([Tri.NO, Tri.UNKNOWN]) is Tri.UNKNOWN
    assert Tri.all_of([Tri.YES, Tri.NO]) is Tri.NO
    ```
    """

    YES = "yes"
    """Yes, whatever values the template takes at deploy time."""
    NO = "no"
    """No, whatever values the template takes at deploy time."""
    UNKNOWN = "unknown"
    """It depends on a value known only at deploy time (or on something the template does not hold)."""

    @staticmethod
    def any_of(values: Iterable[Tri]) -> Tri:
        """YES if any is YES, else UNKNOWN if any is UNKNOWN, else NO."""
        seen = list(values)
        if Tri.YES in seen:
            return Tri.YES
        return Tri.UNKNOWN if Tri.UNKNOWN in seen else Tri.NO

    @staticmethod
    def all_of(values: Iterable[Tri]) -> Tri:
        """NO if any is NO, else UNKNOWN if any is UNKNOWN, else YES."""
        seen = list(values)
        if Tri.NO in seen:
            return Tri.NO
        return Tri.UNKNOWN if Tri.UNKNOWN in seen else Tri.YES


__all__ = ["Tri"]
