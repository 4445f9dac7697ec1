"""One simulated request, as it moves through Cognito's steps: who asks, with which token, for which role,
and what the steps have found so far (the mapping, the matching rule, the principal tags, notes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ._resolver import Login
from ._results import AuthFlow, MatchedRule, Outcome, SimulatedRole, SimulationResult


@dataclass(frozen=True)
class Request:
    """A request; each step that learns something returns a new one (``replace``), nothing is shared."""

    identity_type: str
    flow: AuthFlow
    amr: tuple[Any, ...]
    login: Login | None = None
    claims: Mapping[str, Any] = field(default_factory=dict)
    requested: Any = None
    tags: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    mapping_key: str | None = None
    matched_rule: MatchedRule | None = None

    def noted(self, *notes: str) -> Request:
        """This request with more notes."""
        return replace(self, notes=(*self.notes, *notes)) if notes else self

    def answer(
        self,
        outcome: Outcome,
        reason: str,
        *,
        role: SimulatedRole | None = None,
        principal_tags: Mapping[str, str] | None = None,
    ) -> SimulationResult:
        """The result of this request."""
        return SimulationResult(
            outcome,
            reason,
            role=role,
            identity_type=self.identity_type,
            flow=self.flow,
            mapping_key=self.mapping_key,
            matched_rule=self.matched_rule,
            principal_tags=dict(principal_tags or {}),
            notes=self.notes,
        )


__all__ = ["Request"]
