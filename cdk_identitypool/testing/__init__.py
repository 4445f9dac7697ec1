"""Tools to test what an identity pool will do before deploying it.

:func:`simulate` / :class:`RoleResolutionSimulator` answer "which role would Cognito hand out to this identity,
or why would it refuse?" from a synthesized stack, following the documented Cognito rules;
:func:`access_report` answers "who can do what?" (each identity, its role, the role's permissions). The local AWS
emulator helpers live in ``cdk_identitypool.testing.emulator`` (it needs the ``[emulator]`` extra).
"""

from .._model.access import AccessPath, AccessReport, Permission, PoolAccess, RoleAccess
from .._model.tri import Tri
from ._access import access_report
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
    "AccessPath",
    "AccessReport",
    "AuthFlow",
    "MatchedRule",
    "Outcome",
    "Permission",
    "PoolAccess",
    "RoleAccess",
    "RoleResolutionSimulator",
    "SimulatedRole",
    "SimulationError",
    "SimulationResult",
    "Tri",
    "access_report",
    "rule_matches",
    "simulate",
]
