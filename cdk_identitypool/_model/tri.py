"""Yes, no or unknown: the answer about a template whose values may be known only at deploy time."""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Tri(enum.Enum):
    """A three-valued answer: a template can hold values only known at deploy time."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"

    @staticmethod
    def any_of(values: Iterable[Tri]) -> Tri:
        seen = list(values)
        if Tri.YES in seen:
            return Tri.YES
        return Tri.UNKNOWN if Tri.UNKNOWN in seen else Tri.NO

    @staticmethod
    def all_of(values: Iterable[Tri]) -> Tri:
        seen = list(values)
        if Tri.NO in seen:
            return Tri.NO
        return Tri.UNKNOWN if Tri.UNKNOWN in seen else Tri.YES


__all__ = ["Tri"]
