"""The choices of a role mapping, as CloudFormation spells them: shared by the constructs (which write them)
and the simulator (which reads them)."""

from __future__ import annotations

import enum


class RoleMappingMatchType(enum.Enum):
    """How a rule compares the claim in the token with ``claim_value``."""

    EQUALS = "Equals"
    """The claim equals the value."""
    CONTAINS = "Contains"
    """The claim contains the value (for multi-valued claims such as ``cognito:groups``: one of them does)."""
    STARTS_WITH = "StartsWith"
    """The claim starts with the value."""
    NOTEQUAL = "NotEqual"
    """The claim is not equal to the value."""


class AmbiguousRoleResolution(enum.Enum):
    """What Cognito does when no rule matches, or the token names no usable role."""

    AUTHENTICATED_ROLE = "AuthenticatedRole"
    """Give the pool's authenticated (default) role."""
    DENY = "Deny"
    """Refuse credentials."""


__all__ = ["AmbiguousRoleResolution", "RoleMappingMatchType"]
