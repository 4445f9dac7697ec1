"""Role mappings: which IAM role a signed-in user gets, chosen by token claims or by rules."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from .._errors import IdentityPoolValidationError
from .._model.kinds import CFN_MATCH_TYPES, AmbiguousRoleResolution, RoleMappingMatchType
from .._model.mapping_shape import MAX_ROLE_MAPPINGS, MAX_RULES_PER_MAPPING
from .provider_url import IdentityPoolProviderUrl
from .upstream import accept_upstream
from .validation import (
    check_bool,
    check_claim_name,
    check_instance,
    check_map_key,
    check_sequence,
    check_str,
    has_attr,
    is_token,
)


@dataclass(frozen=True, kw_only=True)
class RoleMappingRule:
    """One rule of a rules-based role mapping; rules are evaluated in order and the first match wins.

    ```python
    from aws_cdk import aws_iam as iam
    from cdk_identitypool import RoleMappingRule

    admins = iam.Role(self, "Admins", assumed_by=iam.AccountRootPrincipal())
    # Members of the "admins" group (a multi-valued claim) get the admins role.
    rule = RoleMappingRule(claim="cognito:groups", claim_value="admins", mapped_role=admins)
    ```

    Args:
        claim: The claim name in the token, e.g. ``cognito:groups`` or ``custom:dept``. Required
            (1-64 characters, no spaces).
        claim_value: The value to compare with (1-128 characters). Required.
        mapped_role: The role handed out when the rule matches. Required.
        match_type: How to compare. Default: ``RoleMappingMatchType.EQUALS``.
    """

    claim: str
    claim_value: str
    mapped_role: iam.IRole
    match_type: RoleMappingMatchType = RoleMappingMatchType.EQUALS

    def __post_init__(self) -> None:
        if (
            isinstance(self.claim, str)
            and not is_token(self.claim)
            and (not self.claim.strip() or any(c.isspace() for c in self.claim))
        ):
            raise IdentityPoolValidationError(
                "RoleMappingRule.claim", self.claim, "must be a claim name: not empty and without spaces"
            )
        check_str("RoleMappingRule.claim", self.claim, max_len=64)
        if not is_token(self.claim):
            check_claim_name("RoleMappingRule.claim", self.claim)
        check_str("RoleMappingRule.claim_value", self.claim_value, max_len=128)
        has_attr("RoleMappingRule.mapped_role", self.mapped_role, "role_arn", "an iam.IRole")
        object.__setattr__(
            self,
            "match_type",
            check_instance(
                "RoleMappingRule.match_type", self.match_type, RoleMappingMatchType, "a RoleMappingMatchType"
            ),
        )


@dataclass(frozen=True, kw_only=True)
class IdentityPoolRoleMapping:
    """Role mapping for one identity provider.

    Exactly one of ``use_token=True`` (the role comes from the token's ``cognito:preferred_role`` /
    ``cognito:roles`` claims, user pools only) and ``rules`` must be given.

    ```python
    from aws_cdk import aws_iam as iam
    from cdk_identitypool import (
        IdentityPool,
        IdentityPoolAuthenticationProviders,
        IdentityPoolGoogleLoginProvider,
        IdentityPoolProviderUrl,
        IdentityPoolRoleMapping,
        RoleMappingRule,
    )

    pool = IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            google=IdentityPoolGoogleLoginProvider(client_id="12345678012.apps.googleusercontent.com")
        ),
    )
    staff = iam.Role(self, "Staff", assumed_by=pool.federated_principal("authenticated"))
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.GOOGLE,
            rules=[RoleMappingRule(claim="hd", claim_value="example.com", mapped_role=staff)],
            resolve_ambiguous_roles=True,  # everyone else gets the authenticated role
        )
    )
    ```

    Args:
        provider_url: The provider the mapping applies to. Required.
        mapping_key: The key of this mapping in the template's ``RoleMappings``. Must be given when the
            provider URL is a CDK token (as for a user pool defined in the app), because CloudFormation map
            keys must be literal strings. Default: the provider URL.
        use_token: Take the role from the token. Default: False.
        resolve_ambiguous_roles: When no rule matches (or the token has no usable role), give the pool's
            authenticated role instead of denying. Default: False (Deny).
        rules: Rules evaluated in order, first match wins; at most 25. Default: none.
    """

    provider_url: IdentityPoolProviderUrl
    mapping_key: str | None = None
    use_token: bool | None = None
    resolve_ambiguous_roles: bool | None = None
    rules: Sequence[RoleMappingRule] | None = None

    def __post_init__(self) -> None:
        provider_url = check_instance(
            "IdentityPoolRoleMapping.provider_url",
            self.provider_url,
            IdentityPoolProviderUrl,
            "an IdentityPoolProviderUrl",
        )
        object.__setattr__(self, "provider_url", provider_url)
        if self.mapping_key is not None:
            check_str("IdentityPoolRoleMapping.mapping_key", self.mapping_key, max_len=128, allow_token=False)
        elif not is_token(provider_url.value) and len(provider_url.value) > 128:
            raise IdentityPoolValidationError(
                "IdentityPoolRoleMapping.provider_url",
                provider_url.value,
                "must be at most 128 characters to name a role mapping (Cognito's IdentityProviderName); "
                "pass a shorter mapping_key",
            )
        elif is_token(self.provider_url.value):
            raise IdentityPoolValidationError(
                "IdentityPoolRoleMapping.mapping_key",
                None,
                f"is required because provider_url {self.provider_url.value!r} is a CDK token and "
                "CloudFormation RoleMappings keys must be literal strings; pass e.g. mapping_key='cognito'",
            )
        if self.use_token is not None:
            check_bool("IdentityPoolRoleMapping.use_token", self.use_token)
        if self.resolve_ambiguous_roles is not None:
            check_bool("IdentityPoolRoleMapping.resolve_ambiguous_roles", self.resolve_ambiguous_roles)
        rules = self.rules
        if rules is not None:
            rules = [
                check_instance(f"IdentityPoolRoleMapping.rules[{i}]", rule, RoleMappingRule, "a RoleMappingRule")
                for i, rule in enumerate(check_sequence("IdentityPoolRoleMapping.rules", rules))
            ]
            object.__setattr__(self, "rules", rules)
        if self.use_token and rules:
            raise IdentityPoolValidationError(
                "IdentityPoolRoleMapping.rules",
                f"{len(rules)} rule(s)",
                "cannot be combined with use_token=True: a mapping takes its role from the token or from "
                "rules, not both",
            )
        if not self.use_token and not rules:
            raise IdentityPoolValidationError(
                "IdentityPoolRoleMapping.rules",
                rules,
                f"are required for {self.key!r} unless use_token=True (give at least one RoleMappingRule)",
            )
        if rules is not None and len(rules) > MAX_RULES_PER_MAPPING:
            raise IdentityPoolValidationError(
                "IdentityPoolRoleMapping.rules",
                f"{len(rules)} rules",
                f"at most {MAX_RULES_PER_MAPPING} rules per provider (Cognito's limit)",
            )

    @property
    def key(self) -> str:
        """The key of this mapping in ``RoleMappings``: ``mapping_key`` or the provider URL."""
        return self.mapping_key if self.mapping_key is not None else self.provider_url.value

    @property
    def ambiguous_role_resolution(self) -> AmbiguousRoleResolution:
        """What Cognito does when nothing matches: from ``resolve_ambiguous_roles``."""
        return (
            AmbiguousRoleResolution.AUTHENTICATED_ROLE if self.resolve_ambiguous_roles else AmbiguousRoleResolution.DENY
        )

    def render(self) -> cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty:
        """The CloudFormation ``RoleMapping`` for this mapping."""
        rules_config = None
        if not self.use_token:
            rules_config = cognito.CfnIdentityPoolRoleAttachment.RulesConfigurationTypeProperty(
                rules=[
                    cognito.CfnIdentityPoolRoleAttachment.MappingRuleProperty(
                        claim=rule.claim,
                        match_type=CFN_MATCH_TYPES[rule.match_type],
                        role_arn=rule.mapped_role.role_arn,
                        value=rule.claim_value,
                    )
                    for rule in self.rules or ()
                ]
            )
        return cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(
            type="Token" if self.use_token else "Rules",
            ambiguous_role_resolution=self.ambiguous_role_resolution.value,
            identity_provider=self.provider_url.value,
            rules_configuration=rules_config,
        )


def check_unique_keys(mappings: Iterable[IdentityPoolRoleMapping]) -> None:
    seen: dict[str, Any] = {}
    for mapping in mappings:
        check_map_key("role_mappings key (mapping_key or provider_url)", mapping.key)
        if mapping.key in seen:
            raise IdentityPoolValidationError(
                "role_mappings",
                mapping.key,
                "duplicate mapping key: each provider (or mapping_key) can have only one role mapping",
            )
        seen[mapping.key] = mapping
    if len(seen) > MAX_ROLE_MAPPINGS:
        raise IdentityPoolValidationError(
            "role_mappings",
            f"{len(seen)} mappings",
            f"at most {MAX_ROLE_MAPPINGS} role mappings per pool",
        )


accept_upstream(IdentityPoolRoleMapping, RoleMappingRule, RoleMappingMatchType)
