"""The role-resolution simulator: one test per documented Cognito rule it follows."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolGoogleLoginProvider,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    RoleMappingMatchType,
    RoleMappingRule,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool.testing import (
    AuthFlow,
    Outcome,
    RoleResolutionSimulator,
    SimulationError,
    rule_matches,
    simulate,
)
from tests.helpers import AMAZON, cognito_trusted_role, new_stack, synth, tagged_pool_with_plain_and_tagged_roles
from tests.unit.test_identity_pool import SAML_METADATA


def simulator(stack: cdk.Stack, **kwargs: Any) -> RoleResolutionSimulator:
    """Lint the stack's template and simulate on it."""
    return RoleResolutionSimulator(stack, template=synth(stack), **kwargs)


def role(stack: cdk.Stack, name: str, pool: IdentityPool) -> iam.Role:
    return iam.Role(stack, name, assumed_by=pool.federated_principal("authenticated"))


# --- guests ---------------------------------------------------------------------------------------------


def test_guests_get_the_unauthenticated_role_when_guest_access_is_on() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    result = simulator(stack).guest()
    result.assert_role(pool.unauthenticated_role)
    assert result.outcome is Outcome.GUEST_ROLE and result.identity_type == "unauthenticated"
    assert result.role is not None and result.role.path == "TestStack/Pool/UnauthenticatedRole"
    assert result.role.logical_id == stack.resolve(pool.unauthenticated_role.node.default_child.logical_id)  # type: ignore[union-attr]
    assert result.principal_tags == {}


def test_guests_are_denied_when_guest_access_is_off() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool")
    result = simulator(stack).guest()
    result.assert_denied(Outcome.GUEST_ACCESS_DISABLED)
    assert result.role is None and "AllowUnauthenticatedIdentities" in result.reason


def test_a_guest_cannot_request_a_role_in_the_enhanced_flow() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    with pytest.raises(SimulationError, match="cannot request a role"):
        simulator(stack).guest(requested_role=pool.authenticated_role)


# --- signed-in users without role mapping ---------------------------------------------------------------


def test_without_a_mapping_signed_in_users_get_the_authenticated_role() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    result = simulator(stack).sign_in(IdentityPoolProviderUrl.AMAZON, {"user_id": "amzn1.account.X"})
    result.assert_role(pool.authenticated_role)
    assert result.outcome is Outcome.DEFAULT_AUTHENTICATED_ROLE and result.mapping_key is None


def test_a_provider_the_pool_does_not_know_is_denied() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    result = simulator(stack).sign_in("accounts.google.com", {"sub": "1"})
    result.assert_denied(Outcome.PROVIDER_NOT_CONFIGURED)
    assert "accounts.google.com" in result.reason


def test_requesting_another_role_than_the_default_is_denied_without_a_mapping() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    other = role(stack, "Other", pool)
    sim = simulator(stack)
    sim.sign_in(IdentityPoolProviderUrl.AMAZON, requested_role=other).assert_denied(Outcome.REQUESTED_ROLE_NOT_ALLOWED)
    sim.sign_in(IdentityPoolProviderUrl.AMAZON, requested_role=pool.authenticated_role).assert_role(
        pool.authenticated_role
    )


# --- rules ----------------------------------------------------------------------------------------------


def rules_stack(resolve_ambiguous_roles: bool = False) -> tuple[cdk.Stack, IdentityPool, dict[str, iam.Role]]:
    """Amazon users: one rule per match type, in this order."""
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    roles = {name: role(stack, name, pool) for name in ("Sales", "Admin", "Ops", "Paid")}
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            resolve_ambiguous_roles=resolve_ambiguous_roles,
            rules=[
                RoleMappingRule(claim="custom:dept", claim_value="sales", mapped_role=roles["Sales"]),
                RoleMappingRule(
                    claim="email",
                    claim_value="admin@",
                    mapped_role=roles["Admin"],
                    match_type=RoleMappingMatchType.STARTS_WITH,
                ),
                RoleMappingRule(
                    claim="cognito:groups",
                    claim_value="ops",
                    mapped_role=roles["Ops"],
                    match_type=RoleMappingMatchType.CONTAINS,
                ),
                RoleMappingRule(
                    claim="custom:tier",
                    claim_value="free",
                    mapped_role=roles["Paid"],
                    match_type=RoleMappingMatchType.NOTEQUAL,
                ),
            ],
        )
    )
    return stack, pool, roles


@pytest.mark.parametrize(
    ("claims", "expected", "rule_index"),
    [
        ({"custom:dept": "sales"}, "Sales", 0),  # EQUALS
        ({"custom:dept": "sales-emea"}, None, None),  # EQUALS is exact
        ({"email": "admin@example.com"}, "Admin", 1),  # STARTS_WITH
        ({"email": "someone.admin@example.com"}, None, None),
        ({"cognito:groups": ["dev", "ops"]}, "Ops", 2),  # CONTAINS on a multi-valued claim
        ({"cognito:groups": ["dev"]}, None, None),
        ({"custom:tier": "pro"}, "Paid", 3),  # NOTEQUAL
        ({"custom:tier": "free"}, None, None),
        ({}, None, None),  # NOTEQUAL: absent claim does not match
        ({"custom:dept": "sales", "email": "admin@example.com"}, "Sales", 0),  # first match wins
        ({"custom:tier": "pro", "cognito:groups": ["ops"]}, "Ops", 2),  # order of rules, not of claims
    ],
)
def test_rules_are_evaluated_in_order_and_the_first_match_wins(
    claims: dict[str, Any], expected: str | None, rule_index: int | None
) -> None:
    stack, _, roles = rules_stack()
    result = simulator(stack).sign_in(IdentityPoolProviderUrl.AMAZON, claims)
    if expected is None:
        result.assert_denied(Outcome.AMBIGUOUS_DENY)
        assert "no rule of mapping 'www.amazon.com' matches" in result.reason
        return
    result.assert_role(roles[expected])
    assert result.outcome is Outcome.RULE_MATCHED and result.mapping_key == "www.amazon.com"
    assert result.matched_rule is not None and result.matched_rule.index == rule_index


def test_no_match_gives_the_authenticated_role_when_ambiguity_resolves_to_it() -> None:
    stack, pool, _ = rules_stack(resolve_ambiguous_roles=True)
    result = simulator(stack).sign_in(IdentityPoolProviderUrl.AMAZON, {"custom:dept": "hr"})
    result.assert_role(pool.authenticated_role)
    assert result.outcome is Outcome.AMBIGUOUS_AUTHENTICATED_ROLE


def test_a_requested_role_overrides_the_order_when_its_rule_matches() -> None:
    stack, _, roles = rules_stack()
    sim = simulator(stack)
    claims = {"custom:dept": "sales", "cognito:groups": ["ops"]}
    result = sim.sign_in(IdentityPoolProviderUrl.AMAZON, claims, requested_role=roles["Ops"])
    result.assert_role(roles["Ops"])
    assert result.matched_rule is not None and result.matched_rule.index == 2
    # A role whose rule does not match the token cannot be requested.
    sim.sign_in(IdentityPoolProviderUrl.AMAZON, claims, requested_role=roles["Admin"]).assert_denied(
        Outcome.REQUESTED_ROLE_NOT_ALLOWED
    )


@pytest.mark.parametrize(
    ("match_type", "claim", "value", "expected"),
    [
        (RoleMappingMatchType.EQUALS, "a", "a", True),
        (RoleMappingMatchType.EQUALS, "ab", "a", False),
        (RoleMappingMatchType.CONTAINS, "xay", "a", True),
        (RoleMappingMatchType.CONTAINS, ["x", "y"], "a", False),
        (RoleMappingMatchType.STARTS_WITH, "ab", "a", True),
        (RoleMappingMatchType.STARTS_WITH, "ba", "a", False),
        (RoleMappingMatchType.NOTEQUAL, "b", "a", True),
        (RoleMappingMatchType.NOTEQUAL, None, "a", False),
        (RoleMappingMatchType.NOTEQUAL, ["a", "b"], "a", False),
        (RoleMappingMatchType.EQUALS, ["b", "a"], "a", True),
    ],
)
def test_match_types(match_type: RoleMappingMatchType, claim: Any, value: str, expected: bool) -> None:
    assert rule_matches(match_type, claim, value) is expected


def test_per_value_comparison_of_multi_valued_claims_is_noted() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    admin = role(stack, "Admin", pool)
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[RoleMappingRule(claim="cognito:groups", claim_value="admins", mapped_role=admin)],
        )
    )
    result = simulator(stack).sign_in(IdentityPoolProviderUrl.AMAZON, {"cognito:groups": ["admins"]})
    result.assert_role(admin)
    assert any("multi-valued" in note for note in result.notes)


# --- token-based mapping --------------------------------------------------------------------------------


def token_stack(resolve_ambiguous_roles: bool = False) -> tuple[cdk.Stack, IdentityPool, Any, dict[str, iam.Role]]:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    client = user_pool.add_client("Web")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=client)]
        ),
    )
    roles = {name: role(stack, name, pool) for name in ("Editors", "Viewers")}
    for name, group_role in roles.items():
        cognito.CfnUserPoolGroup(
            stack,
            f"{name}Group",
            user_pool_id=user_pool.user_pool_id,
            group_name=name.lower(),
            role_arn=group_role.role_arn,
        )
    provider = IdentityPoolProviderUrl.user_pool(user_pool, client)
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=provider, mapping_key="users", use_token=True, resolve_ambiguous_roles=resolve_ambiguous_roles
        )
    )
    return stack, pool, provider, roles


def test_token_preferred_role_is_used() -> None:
    stack, _, provider, roles = token_stack()
    result = simulator(stack).sign_in(
        provider, {"cognito:roles": [roles["Editors"], roles["Viewers"]], "cognito:preferred_role": roles["Viewers"]}
    )
    result.assert_role(roles["Viewers"])
    assert result.outcome is Outcome.TOKEN_PREFERRED_ROLE and result.mapping_key == "users"


def test_token_requested_role_must_be_one_of_the_token_roles() -> None:
    stack, pool, provider, roles = token_stack()
    sim = simulator(stack)
    claims = {"cognito:roles": [roles["Editors"], roles["Viewers"]], "cognito:preferred_role": roles["Viewers"]}
    result = sim.sign_in(provider, claims, requested_role=roles["Editors"])
    result.assert_role(roles["Editors"])
    assert result.outcome is Outcome.TOKEN_REQUESTED_ROLE
    denied = sim.sign_in(provider, claims, requested_role=pool.authenticated_role)
    denied.assert_denied(Outcome.REQUESTED_ROLE_NOT_ALLOWED)
    assert "cognito:roles" in denied.reason


@pytest.mark.parametrize("resolve", [False, True])
def test_token_without_preferred_role_is_ambiguous(resolve: bool) -> None:
    stack, pool, provider, roles = token_stack(resolve_ambiguous_roles=resolve)
    result = simulator(stack).sign_in(provider, {"cognito:roles": [roles["Editors"], roles["Viewers"]]})
    if resolve:
        result.assert_role(pool.authenticated_role)
    else:
        result.assert_denied(Outcome.AMBIGUOUS_DENY)


def test_token_roles_outside_the_template_are_unknown_not_granted() -> None:
    # Cognito hands out the ARN, but whether STS lets the pool assume it depends on a trust policy the
    # template does not hold: the answer is unknown, with the role it would be.
    stack, _, provider, _ = token_stack()
    arn = "arn:aws:iam::123456789012:role/elsewhere"
    result = simulator(stack).sign_in(provider, {"cognito:roles": arn, "cognito:preferred_role": arn})
    assert result.outcome is Outcome.UNKNOWN and not result.granted
    assert result.role is not None and result.role.arn == arn and result.role.logical_id is None
    assert "not a role of this template" in result.reason
    with pytest.raises(AssertionError):
        result.assert_role(arn)
    with pytest.raises(AssertionError):
        result.assert_denied()


# --- trust and principal tags ---------------------------------------------------------------------------


def test_a_mapped_role_that_does_not_trust_the_pool_fails() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    lambda_role = iam.Role(stack, "LambdaRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[RoleMappingRule(claim="custom:x", claim_value="y", mapped_role=lambda_role)],
        )
    )
    result = simulator(stack).sign_in(IdentityPoolProviderUrl.AMAZON, {"custom:x": "y"})
    result.assert_denied(Outcome.ROLE_DOES_NOT_TRUST_POOL)
    assert result.role is not None and result.role.path == "TestStack/LambdaRole"


def test_a_role_trusting_another_pool_fails() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    other = IdentityPool(stack, "Other")
    borrowed = iam.Role(stack, "Borrowed", assumed_by=other.federated_principal("authenticated"))
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[RoleMappingRule(claim="custom:x", claim_value="y", mapped_role=borrowed)],
        )
    )
    result = simulator(stack, pool=pool).sign_in(IdentityPoolProviderUrl.AMAZON, {"custom:x": "y"})
    result.assert_denied(Outcome.ROLE_DOES_NOT_TRUST_POOL)


def test_principal_tags_from_user_pool_defaults() -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    provider = UserPoolAuthenticationProvider(user_pool=user_pool)
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(user_pools=[provider]),
        principal_tags=[IdentityPoolPrincipalTags.user_pool(user_pool, use_defaults=True)],
    )
    result = simulator(stack).sign_in(provider, {"sub": "user-1", "aud": "client-1", "email": "a@example.com"})
    assert result.granted, result
    assert result.principal_tags == {"username": "user-1", "client": "client-1"}


def test_principal_tags_need_tag_session_in_the_trust_of_the_role_handed_out() -> None:
    stack = new_stack()
    _, _, tagged = tagged_pool_with_plain_and_tagged_roles(stack)
    sim = simulator(stack)
    sim.sign_in(IdentityPoolProviderUrl.AMAZON, {"custom:dept": "sales"}).assert_denied(Outcome.TAG_SESSION_NOT_TRUSTED)
    hr = sim.sign_in(IdentityPoolProviderUrl.AMAZON, {"custom:dept": "hr"})
    hr.assert_role(tagged)
    assert hr.principal_tags == {"dept": "hr"}


# --- the basic (classic) flow ---------------------------------------------------------------------------


def test_basic_flow_is_denied_unless_the_pool_allows_it() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    result = simulator(stack).sign_in(
        IdentityPoolProviderUrl.AMAZON, requested_role=pool.authenticated_role, flow=AuthFlow.BASIC
    )
    result.assert_denied(Outcome.CLASSIC_FLOW_DISABLED)


def test_basic_flow_bypasses_role_mappings_and_only_trust_decides() -> None:
    stack = new_stack()
    pool = IdentityPool(
        stack, "Pool", authentication_providers=AMAZON, allow_classic_flow=True, allow_unauthenticated_identities=True
    )
    admin = role(stack, "Admin", pool)
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[RoleMappingRule(claim="custom:admin", claim_value="yes", mapped_role=admin)],
        )
    )
    sim = simulator(stack)
    # Enhanced flow: not an admin, no match, Deny.
    sim.sign_in(IdentityPoolProviderUrl.AMAZON, {"custom:admin": "no"}).assert_denied(Outcome.AMBIGUOUS_DENY)
    # Basic flow: the same user asks STS for the admin role, which trusts every signed-in user of the pool.
    result = sim.sign_in(
        IdentityPoolProviderUrl.AMAZON, {"custom:admin": "no"}, requested_role=admin, flow=AuthFlow.BASIC
    )
    result.assert_role(admin)
    assert result.outcome is Outcome.BASIC_FLOW_ROLE
    # Guests cannot: the admin role's amr condition admits only authenticated identities.
    sim.guest(requested_role=admin, flow=AuthFlow.BASIC).assert_denied(Outcome.ROLE_DOES_NOT_TRUST_POOL)
    sim.guest(requested_role=pool.unauthenticated_role, flow=AuthFlow.BASIC).assert_role(pool.unauthenticated_role)
    with pytest.raises(SimulationError, match="requested_role is required"):
        sim.sign_in(IdentityPoolProviderUrl.AMAZON, flow=AuthFlow.BASIC)


# --- providers and sources ------------------------------------------------------------------------------


def test_open_id_connect_and_saml_providers_by_construct_or_name() -> None:
    stack = new_stack()
    oidc = iam.OpenIdConnectProvider(stack, "Oidc", url="https://login.example.com", client_ids=["app"])
    saml = iam.SamlProvider(stack, "Saml", metadata_document=iam.SamlMetadataDocument.from_xml(SAML_METADATA))
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            open_id_connect_providers=[oidc], saml_providers=[saml]
        ),
    )
    staff, partners = role(stack, "Staff", pool), role(stack, "Partners", pool)
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.open_id("login.example.com"),
            rules=[RoleMappingRule(claim="custom:staff", claim_value="yes", mapped_role=staff)],
        ),
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.saml(saml.saml_provider_arn),
            mapping_key="partners",
            rules=[RoleMappingRule(claim="team", claim_value="p", mapped_role=partners)],
        ),
    )
    sim = simulator(stack)
    sim.sign_in(oidc, {"custom:staff": "yes"}).assert_role(staff)
    sim.sign_in("login.example.com", {"custom:staff": "yes"}).assert_role(staff)
    sim.sign_in(saml, {"team": "p"}).assert_role(partners)
    sim.sign_in("login.example.org").assert_denied(Outcome.PROVIDER_NOT_CONFIGURED)


def test_a_template_built_with_l1_constructs() -> None:
    stack = new_stack()
    cfn_pool = cognito.CfnIdentityPool(
        stack,
        "Pool",
        allow_unauthenticated_identities=True,
        supported_login_providers={"accounts.google.com": "123.apps.googleusercontent.com"},
    )
    signed_in = cognito_trusted_role(stack, "SignedIn", cfn_pool.ref, "authenticated")
    cognito.CfnIdentityPoolRoleAttachment(
        stack, "Roles", identity_pool_id=cfn_pool.ref, roles={"authenticated": signed_in.role_arn}
    )
    template = synth(stack)
    # A plain template (no stack): paths come from Metadata when present, here only logical ids.
    result = simulate(template, provider="accounts.google.com", claims={"sub": "1"})
    assert result.granted and result.role is not None
    assert result.role.logical_id == stack.resolve(signed_in.node.default_child.logical_id)  # type: ignore[union-attr]
    simulate(template).assert_denied(Outcome.NO_ROLE)


def test_several_pools_need_pool() -> None:
    stack = new_stack()
    IdentityPool(stack, "First", allow_unauthenticated_identities=True)
    second = IdentityPool(
        stack,
        "Second",
        authentication_providers=IdentityPoolAuthenticationProviders(
            google=IdentityPoolGoogleLoginProvider(client_id="123.apps.googleusercontent.com")
        ),
    )
    template = synth(stack)
    with pytest.raises(SimulationError, match="2 identity pools"):
        RoleResolutionSimulator(stack, template=template)
    simulate(second, provider=IdentityPoolProviderUrl.GOOGLE).assert_role(second.authenticated_role)
    with pytest.raises(SimulationError, match="no such identity pool"):
        RoleResolutionSimulator(template, pool="Nope")


def test_tokens_need_the_stack() -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    client = user_pool.add_client("Web")
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=client)]
        ),
    )
    with pytest.raises(SimulationError, match="CDK token"):
        simulate(synth(stack), provider=IdentityPoolProviderUrl.user_pool(user_pool, client))


def test_a_user_pool_with_another_client_is_not_a_provider() -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    web, other = user_pool.add_client("Web"), user_pool.add_client("Other")
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=web)]
        ),
    )
    sim = simulator(stack)
    assert sim.sign_in(IdentityPoolProviderUrl.user_pool(user_pool, web)).granted
    sim.sign_in(IdentityPoolProviderUrl.user_pool(user_pool, other)).assert_denied(Outcome.PROVIDER_NOT_CONFIGURED)


def test_assertion_helpers_fail_with_the_reason() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    result = simulator(stack).guest()
    with pytest.raises(AssertionError, match="guest-access-disabled"):
        result.assert_role(pool.unauthenticated_role)
    with pytest.raises(AssertionError, match=r"expected denied \(no-role\)"):
        result.assert_denied(Outcome.NO_ROLE)
