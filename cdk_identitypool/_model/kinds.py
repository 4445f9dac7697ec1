"""The choices of a role mapping, and how CloudFormation spells them: shared by the constructs (which write
them) and the simulator (which reads them)."""

from __future__ import annotations

import enum


class RoleMappingMatchType(enum.Enum):
    """How a rule compares the claim in the token with ``claim_value``.

    Each member's value is its name, as in aws-cdk-lib's Python enum (jsii carries the member name); the
    template spells it as CloudFormation does (``Equals``, ``StartsWith``, ...): see ``CFN_MATCH_TYPES``.

    ```python
    from aws_cdk import aws_iam as iam
    from cdk_identitypool import RoleMappingMatchType, RoleMappingRule

    staff = iam.Role(self, "Staff", assumed_by=iam.AccountRootPrincipal())
    rule = RoleMappingRule(
        claim="email", claim_value="@example.com", mapped_role=staff, match_type=RoleMappingMatchType.CONTAINS
    )
    ```
    """

    EQUALS = "EQUALS"
    """The claim equals the value."""
    CONTAINS = "CONTAINS"
    """The claim contains the value (for multi-valued claims such as ``cognito:groups``: one of them does)."""
    STARTS_WITH = "STARTS_WITH"
    """The claim starts with the value."""
    NOTEQUAL = "NOTEQUAL"
    """The claim is not equal to the value."""


#: How CloudFormation's ``MappingRule.MatchType`` spells each match type.
CFN_MATCH_TYPES = {
    RoleMappingMatchType.EQUALS: "Equals",
    RoleMappingMatchType.CONTAINS: "Contains",
    RoleMappingMatchType.STARTS_WITH: "StartsWith",
    RoleMappingMatchType.NOTEQUAL: "NotEqual",
}
#: The match type a template's ``MatchType`` names.
MATCH_TYPES_BY_CFN = {cfn: match_type for match_type, cfn in CFN_MATCH_TYPES.items()}


class AmbiguousRoleResolution(enum.Enum):
    """What Cognito does when no rule matches, or the token names no usable role.

    ```python
    from cdk_identitypool import AmbiguousRoleResolution, IdentityPoolProviderUrl, IdentityPoolRoleMapping

    mapping = IdentityPoolRoleMapping(
        provider_url=IdentityPoolProviderUrl.FACEBOOK, use_token=True, resolve_ambiguous_roles=True
    )
    assert mapping.ambiguous_role_resolution is AmbiguousRoleResolution.AUTHENTICATED_ROLE
    ```
    """

    AUTHENTICATED_ROLE = "AuthenticatedRole"
    """Give the pool's authenticated (default) role."""
    DENY = "Deny"
    """Refuse credentials."""


__all__ = ["CFN_MATCH_TYPES", "MATCH_TYPES_BY_CFN", "AmbiguousRoleResolution", "RoleMappingMatchType"]
