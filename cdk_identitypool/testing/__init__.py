"""Tools to test what an identity pool will do before deploying it.

:func:`simulate` / :class:`RoleResolutionSimulator` answer "which role would Cognito hand out to this identity,
or why would it refuse?" from a synthesized stack, following the documented Cognito rules. The local AWS
emulator helpers live in ``cdk_identitypool.testing.emulator`` (it needs the ``[emulator]`` extra).
"""

from ._simulator import (
    AuthFlow,
    MatchedRule,
    Outcome,
    RoleResolutionSimulator,
    SimulatedRole,
    SimulationError,
    SimulationResult,
    rule_matches,
    simulate,
)

__all__ = [
    "AuthFlow",
    "MatchedRule",
    "Outcome",
    "RoleResolutionSimulator",
    "SimulatedRole",
    "SimulationError",
    "SimulationResult",
    "rule_matches",
    "simulate",
]
