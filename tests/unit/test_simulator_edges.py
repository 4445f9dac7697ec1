"""The simulator on input nobody planned for: malformed input is a SimulationError naming what is wrong,
and what the template cannot tell is UNKNOWN with the reason, never a confident yes or no."""

from __future__ import annotations

import copy
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool.testing import Outcome, RoleResolutionSimulator, SimulationError, access_report
from tests.helpers import cognito_trust as trust
from tests.helpers import new_stack

POOL_ID = {"Ref": "Pool"}


def foreign_template(**rule: Any) -> dict[str, Any]:
    """A hand-written (raw CloudFormation) pool with Google sign-in and one rules mapping."""
    return {
        "Resources": {
            "Pool": {
                "Type": "AWS::Cognito::IdentityPool",
                "Properties": {
                    "AllowUnauthenticatedIdentities": True,
                    "SupportedLoginProviders": {"accounts.google.com": "client.apps.googleusercontent.com"},
                },
            },
            "Authenticated": {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust()}},
            "Guests": {
                "Type": "AWS::IAM::Role",
                "Properties": {"AssumeRolePolicyDocument": trust("unauthenticated")},
            },
            "Admins": {
                "Type": "AWS::IAM::Role",
                "Properties": {"RoleName": "admins", "AssumeRolePolicyDocument": trust()},
            },
            "Attachment": {
                "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
                "Properties": {
                    "IdentityPoolId": POOL_ID,
                    "Roles": {
                        "authenticated": {"Fn::GetAtt": ["Authenticated", "Arn"]},
                        "unauthenticated": {"Fn::GetAtt": ["Guests", "Arn"]},
                    },
                    "RoleMappings": {
                        "google": {
                            "Type": "Rules",
                            "AmbiguousRoleResolution": "AuthenticatedRole",
                            "IdentityProvider": "accounts.google.com",
                            "RulesConfiguration": {
                                "Rules": [
                                    {
                                        "Claim": "hd",
                                        "MatchType": "Equals",
                                        "Value": "example.com",
                                        "RoleARN": {"Fn::GetAtt": ["Admins", "Arn"]},
                                        **rule,
                                    }
                                ]
                            },
                        }
                    },
                },
            },
        }
    }


def google(template: dict[str, Any], claims: Any) -> Any:
    return RoleResolutionSimulator(template).sign_in("accounts.google.com", claims)


def test_the_foreign_template_works_as_written() -> None:
    result = google(foreign_template(), {"hd": "example.com"})
    assert result.outcome is Outcome.RULE_MATCHED and result.role is not None and result.role.logical_id == "Admins"


# --- malformed input: a SimulationError naming the argument ----------------------------------------------


@pytest.mark.parametrize(
    ("claims", "message"),
    [
        (["hd", "example.com"], r"claims=\['hd', 'example.com'\]: must be a dict"),
        ({"hd": {"v": "example.com"}}, r"claims\['hd'\]=\{'v': 'example.com'\}: a claim value is a string"),
        ({"hd": [["example.com"]]}, r"claims\['hd'\]=\[\['example.com'\]\]: a multi-valued claim is a list of strings"),
        ({"hd": None}, r"claims\['hd'\]=None: a claim value is a string"),
        ({3: "x"}, r"claims: a claim name is a non-empty string"),
    ],
)
def test_malformed_claims_are_refused(claims: Any, message: str) -> None:
    with pytest.raises(SimulationError, match=message):
        google(foreign_template(), claims)


def test_an_unknown_match_type_is_refused() -> None:
    with pytest.raises(SimulationError, match=r"Rules\[0\]\.MatchType='Regex': must be one of Equals"):
        google(foreign_template(MatchType="Regex"), {"hd": "example.com"})


def test_a_rule_without_a_value_is_refused() -> None:
    template = foreign_template()
    del template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["google"]["RulesConfiguration"]["Rules"][0][
        "Value"
    ]
    with pytest.raises(SimulationError, match=r"Rules\[0\]: has no Value"):
        google(template, {"hd": "example.com"})


def test_a_resource_that_is_a_string_is_refused() -> None:
    template = foreign_template()
    template["Resources"]["Broken"] = "AWS::IAM::Role"
    with pytest.raises(SimulationError, match=r"Resources\.Broken: must be a dict with a string Type"):
        RoleResolutionSimulator(template)


def test_role_mappings_as_a_list_are_refused() -> None:
    template = foreign_template()
    attachment = template["Resources"]["Attachment"]["Properties"]
    attachment["RoleMappings"] = list(attachment["RoleMappings"].values())
    with pytest.raises(SimulationError, match="RoleMappings must be a dict keyed by provider, not list"):
        google(template, {"hd": "example.com"})


# --- what the template cannot tell: unknown, with the reason ---------------------------------------------


def test_guest_access_given_by_a_parameter_is_unknown() -> None:
    template = foreign_template()
    template["Resources"]["Pool"]["Properties"]["AllowUnauthenticatedIdentities"] = {"Ref": "AllowGuests"}
    result = RoleResolutionSimulator(template).guest()
    assert result.outcome is Outcome.UNKNOWN and "known only at deploy time" in result.reason


def test_a_trust_shaped_by_a_condition_is_unknown() -> None:
    template = foreign_template()
    statement = template["Resources"]["Admins"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    template["Resources"]["Admins"]["Properties"]["AssumeRolePolicyDocument"]["Statement"] = [
        {"Fn::If": ["TrustCognito", statement, {"Ref": "AWS::NoValue"}]}
    ]
    result = google(template, {"hd": "example.com"})
    assert result.outcome is Outcome.UNKNOWN and "Fn::If" in result.reason


def test_a_role_of_another_account_with_a_local_roles_name_is_not_the_local_role() -> None:
    template = foreign_template(RoleARN="arn:aws:iam::999999999999:role/admins")
    result = google(template, {"hd": "example.com"})
    assert result.outcome is Outcome.UNKNOWN
    assert result.role is not None and result.role.logical_id is None


def test_a_role_of_this_account_named_by_arn_is_the_local_role() -> None:
    stack = new_stack()  # account 123456789012
    template = foreign_template(RoleARN="arn:aws:iam::123456789012:role/admins")
    result = RoleResolutionSimulator(stack, template=template).sign_in("accounts.google.com", {"hd": "example.com"})
    assert result.outcome is Outcome.RULE_MATCHED and result.role is not None and result.role.logical_id == "Admins"


def test_a_user_pool_named_by_its_literal_provider_name_finds_its_mapping() -> None:
    stack = new_stack()  # us-east-1
    users = cognito.UserPool.from_user_pool_id(stack, "Users", "us-east-1_AbCdEfGhI")
    client = cognito.UserPoolClient.from_user_pool_client_id(stack, "Client", "client123")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=client)]
        ),
    )
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            mapping_key="users", provider_url=IdentityPoolProviderUrl.user_pool(users, client), use_token=True
        )
    )
    literal = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI:client123"
    result = RoleResolutionSimulator(stack).sign_in(literal, {})
    # The token mapping applies (no preferred role in the token -> ambiguous -> Deny), not the default role.
    assert result.outcome is Outcome.AMBIGUOUS_DENY, result


def test_the_template_is_not_changed_by_a_simulation() -> None:
    template = foreign_template()
    before = copy.deepcopy(template)
    google(template, {"hd": "example.com"})
    assert template == before


def test_a_cdk_app_stack_with_a_token_account_matches_no_role_by_name() -> None:
    app = cdk.App()
    stack = cdk.Stack(app, "Agnostic")
    template = foreign_template(RoleARN="arn:aws:iam::123456789012:role/admins")
    result = RoleResolutionSimulator(stack, template=template).sign_in("accounts.google.com", {"hd": "example.com"})
    assert result.outcome is Outcome.UNKNOWN


def test_a_mapping_whose_provider_is_a_parameter_is_unknown_for_any_login() -> None:
    template = foreign_template()
    mapping = template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["google"]
    mapping["IdentityProvider"] = {"Ref": "ProviderName"}
    result = google(template, {"hd": "example.com"})
    assert result.outcome is Outcome.UNKNOWN and "known only at deploy time" in result.reason


def test_a_user_pool_mapping_is_not_taken_for_a_social_login() -> None:
    template = foreign_template()
    mapping = template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["google"]
    mapping["IdentityProvider"] = {"Fn::Join": ["", [{"Fn::GetAtt": ["Users", "ProviderName"]}, ":client"]]}
    result = google(template, {"hd": "example.com"})
    assert result.outcome is Outcome.DEFAULT_AUTHENTICATED_ROLE


# --- what Cognito does when no rule matches: the simulator and the access report read it the same way ------


def fallback_template(resolution: Any) -> dict[str, Any]:
    """The foreign template with its mapping's AmbiguousRoleResolution set to ``resolution`` (None: removed)."""
    template = foreign_template()
    mapping = template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["google"]
    del mapping["AmbiguousRoleResolution"]
    if resolution is not None:
        mapping["AmbiguousRoleResolution"] = resolution
    template["Parameters"] = {"Fallback": {"Type": "String", "AllowedValues": ["AuthenticatedRole", "Deny"]}}
    return template


def fallback_path(template: dict[str, Any]) -> Any:
    """The access report's path for a Google user whom no rule matches."""
    (path,) = [p for p in access_report(template).paths() if p.path == "no rule matches"]
    return path


@pytest.mark.parametrize(
    ("resolution", "outcome", "path_outcome"),
    [
        ("Deny", Outcome.AMBIGUOUS_DENY, "denied"),
        ("AuthenticatedRole", Outcome.AMBIGUOUS_AUTHENTICATED_ROLE, "role"),
    ],
)
def test_a_literal_fallback_is_read_alike(resolution: str, outcome: Outcome, path_outcome: str) -> None:
    template = fallback_template(resolution)
    assert google(template, {"hd": "other.com"}).outcome is outcome
    assert fallback_path(template).outcome == path_outcome


def test_a_fallback_given_by_a_parameter_is_unknown_where_it_decides() -> None:
    template = fallback_template({"Ref": "Fallback"})
    result = google(template, {"hd": "other.com"})
    assert result.outcome is Outcome.UNKNOWN, result
    assert "AmbiguousRoleResolution comes from Fallback: parameter Fallback" in result.reason, result.reason
    assert google(template, {"hd": "example.com"}).outcome is Outcome.RULE_MATCHED  # a matching rule decides
    path = fallback_path(template)
    assert path.outcome == "unknown" and "parameter" in path.reason, path


def test_a_mapping_without_a_fallback_is_refused_as_cognito_refuses_it() -> None:
    # SetIdentityPoolRoles requires AmbiguousRoleResolution of Token and Rules mappings: the attachment does not
    # deploy. The simulator used to answer Deny; the access report said "AmbiguousRoleResolution is Deny".
    template = fallback_template(None)
    with pytest.raises(SimulationError, match=r"RoleMappings\['google'\]: AmbiguousRoleResolution is missing"):
        google(template, {"hd": "other.com"})
    path = fallback_path(template)
    assert path.outcome == "unknown" and "Cognito requires it" in path.reason, path


def test_a_fallback_cognito_does_not_know_is_refused() -> None:
    template = fallback_template("Allow")
    with pytest.raises(SimulationError, match=r"AmbiguousRoleResolution is 'Allow': Cognito knows only"):
        google(template, {"hd": "other.com"})
    assert fallback_path(template).outcome == "unknown"


def test_a_rule_whose_match_type_is_a_parameter_is_unknown_not_malformed() -> None:
    template = foreign_template(MatchType={"Ref": "MatchType"})
    template["Parameters"] = {"MatchType": {"Type": "String"}}
    result = google(template, {"hd": "example.com"})
    assert result.outcome is Outcome.UNKNOWN and "MatchType of rule #0 of role mapping 'google'" in result.reason


def test_a_claim_name_cognito_refuses_is_refused_as_the_check_refuses_it() -> None:
    with pytest.raises(SimulationError, match=r"Rules\[0\]\.Claim='h d': must be a claim name: .*U\+0020 \(SPACE\)"):
        google(foreign_template(Claim="h d"), {"hd": "example.com"})


@pytest.mark.parametrize("match_type", ["Equals", "StartsWith", "Contains"])
def test_a_number_where_a_claim_value_is_meant_is_compared_as_its_text(match_type: str) -> None:
    # CloudFormation passes 5 on as "5" (a template given as a dict; the command line refuses it when reading);
    # StartsWith and Contains raised a TypeError.
    result = google(foreign_template(Value=5, MatchType=match_type), {"hd": "5"})
    assert result.outcome is Outcome.RULE_MATCHED, result
