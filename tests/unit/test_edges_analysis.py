"""Issue 20, the analysis side: group precedence, user pools the template does not define, claims that are not
strings, provider-scoped trusts the checks can decide, and the construct side's clear errors for a user pool
of another Stage."""

from __future__ import annotations

import copy
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolValidationError,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool._cli.report import check_assembly
from cdk_identitypool._model.assembly import Assembly, StackTemplate
from cdk_identitypool._model.template import TemplateModel
from cdk_identitypool.testing import Outcome, RoleResolutionSimulator, SimulationError
from tests.helpers import cognito_trust as trust
from tests.unit.test_simulator_edges import foreign_template

USER_POOL_NAME = {"Fn::GetAtt": ["UserPool", "ProviderName"]}
LOGIN = {"Fn::Join": ["", [USER_POOL_NAME, ":", {"Ref": "Client"}]]}


def groups_template(*groups: tuple[str, Any, str]) -> dict[str, Any]:
    """A pool of one user pool with a token mapping, and user pool groups (name, precedence, role)."""
    resources: dict[str, Any] = {
        "UserPool": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
        "Client": {"Type": "AWS::Cognito::UserPoolClient", "Properties": {"UserPoolId": {"Ref": "UserPool"}}},
        "Pool": {
            "Type": "AWS::Cognito::IdentityPool",
            "Properties": {
                "AllowUnauthenticatedIdentities": False,
                "CognitoIdentityProviders": [{"ProviderName": USER_POOL_NAME, "ClientId": {"Ref": "Client"}}],
            },
        },
        "Attachment": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {
                "IdentityPoolId": {"Ref": "Pool"},
                "Roles": {},
                "RoleMappings": {
                    "cognito": {"Type": "Token", "AmbiguousRoleResolution": "Deny", "IdentityProvider": LOGIN}
                },
            },
        },
    }
    for role in {r for _, _, r in groups}:
        resources[role] = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": trust()}}
    for name, precedence, role in groups:
        props: dict[str, Any] = {
            "GroupName": name,
            "UserPoolId": {"Ref": "UserPool"},
            "RoleArn": {"Fn::GetAtt": [role, "Arn"]},
        }
        if precedence is not None:
            props["Precedence"] = precedence
        resources[f"Group{name}"] = {"Type": "AWS::Cognito::UserPoolGroup", "Properties": props}
    return {"Resources": resources}


def sign_in_groups(template: dict[str, Any], *names: str) -> Any:
    return RoleResolutionSimulator(template).sign_in(LOGIN, {"cognito:groups": list(names)})


def test_a_null_precedence_loses_to_any_number() -> None:
    template = groups_template(("admins", None, "AdminRole"), ("staff", 5, "StaffRole"))
    assert sign_in_groups(template, "admins", "staff").role.logical_id == "StaffRole"


def test_equal_precedence_with_the_same_role_gives_that_role() -> None:
    template = groups_template(("a", 1, "Shared"), ("b", 1, "Shared"))
    result = sign_in_groups(template, "a", "b")
    assert result.outcome is Outcome.TOKEN_PREFERRED_ROLE and result.role.logical_id == "Shared"


def test_equal_precedence_with_different_roles_gives_no_preferred_role() -> None:
    template = groups_template(("a", 1, "RoleA"), ("b", 1, "RoleB"))
    assert sign_in_groups(template, "a", "b").outcome is Outcome.AMBIGUOUS_DENY


def test_a_precedence_known_at_deploy_time_is_unknown() -> None:
    template = groups_template(("a", {"Ref": "Rank"}, "RoleA"), ("b", 1, "RoleB"))
    template["Parameters"] = {"Rank": {"Type": "Number"}}
    assert sign_in_groups(template, "a", "b").outcome is Outcome.UNKNOWN


def test_groups_of_a_user_pool_the_template_does_not_define_are_unknown() -> None:
    template = groups_template(("a", 1, "RoleA"))
    login = {"Fn::Join": ["", [{"Fn::ImportValue": "user-pool-name"}, ":", "client"]]}
    pool = template["Resources"]["Pool"]["Properties"]
    pool["CognitoIdentityProviders"] = [{"ProviderName": {"Fn::ImportValue": "user-pool-name"}, "ClientId": "client"}]
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["cognito"]["IdentityProvider"] = login
    result = RoleResolutionSimulator(template).sign_in(login, {"cognito:groups": ["a"]})
    assert result.outcome is Outcome.UNKNOWN
    assert "does not define" in result.reason


def test_a_boolean_claim_is_compared_as_text_with_a_note() -> None:
    template = foreign_template(Claim="email_verified", Value="true")
    result = RoleResolutionSimulator(template).sign_in("accounts.google.com", {"email_verified": True})
    assert result.outcome is Outcome.RULE_MATCHED
    assert any("JSON bool" in note for note in result.notes)


@pytest.mark.parametrize("roles", [[{"arn": "x"}], [True], {"arn": "x"}])
def test_role_claims_that_are_not_arns_are_refused(roles: Any) -> None:
    with pytest.raises(SimulationError, match="cognito:roles"):
        RoleResolutionSimulator(foreign_template()).sign_in("accounts.google.com", {"cognito:roles": roles})


def _findings(template: dict[str, Any]) -> list[str]:
    stack = StackTemplate("T", TemplateModel.from_template(template))
    return [f"{f.finding.logical_id} {f.check.value}" for f in check_assembly(Assembly([stack]))]


def test_a_role_trusting_only_the_user_pool_but_mapped_for_google_users() -> None:
    template = foreign_template()
    admins = template["Resources"]["Admins"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    admins["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"] = {
        "Fn::Join": ["", ["cognito-idp.us-east-1.amazonaws.com/", {"Ref": "UserPool"}]]
    }
    template["Resources"]["UserPool"] = {"Type": "AWS::Cognito::UserPool", "Properties": {}}
    assert "Admins cdk-identitypool:provider-not-trusted" in _findings(template)


def test_a_default_role_whose_amr_excludes_a_configured_provider() -> None:
    template = copy.deepcopy(foreign_template())
    authenticated = template["Resources"]["Authenticated"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    authenticated["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"] = "graph.facebook.com"
    assert "Authenticated cdk-identitypool:provider-not-trusted" in _findings(template)


def test_a_default_role_is_not_checked_for_providers_whose_mapping_denies() -> None:
    template = copy.deepcopy(foreign_template())
    authenticated = template["Resources"]["Authenticated"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    authenticated["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"] = "graph.facebook.com"
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["google"]["AmbiguousRoleResolution"] = "Deny"
    assert "Authenticated cdk-identitypool:provider-not-trusted" not in _findings(template)


def test_a_user_pool_of_another_stage_is_a_clear_error() -> None:
    app = cdk.App()
    env = cdk.Environment(account="123456789012", region="us-east-1")
    outer = cdk.Stack(app, "Outer", env=env)
    user_pool = cognito.UserPool(outer, "UserPool")
    client = user_pool.add_client("Client")
    inner = cdk.Stack(cdk.Stage(app, "Stage"), "Inner", env=env)
    providers = IdentityPoolAuthenticationProviders(
        user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=client)]
    )
    with pytest.raises(IdentityPoolValidationError, match="another Stage"):
        IdentityPool(inner, "Pool", authentication_providers=providers)


def test_a_user_pool_named_as_in_a_tokens_logins_finds_its_client() -> None:
    template = groups_template(("admins", 1, "AdminRole"))
    pool = template["Resources"]["Pool"]["Properties"]
    pool["CognitoIdentityProviders"] = [
        {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc", "ClientId": "web"},
        {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_Other", "ClientId": "other"},
    ]
    name = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc"
    del template["Resources"]["Attachment"]["Properties"]["RoleMappings"]
    template["Resources"]["Attachment"]["Properties"]["Roles"] = {"authenticated": {"Fn::GetAtt": ["AdminRole", "Arn"]}}
    simulator = RoleResolutionSimulator(template)
    assert simulator.sign_in(name).outcome is Outcome.DEFAULT_AUTHENTICATED_ROLE  # the only client: web
    assert simulator.sign_in(name, {"aud": "mobile"}).outcome is Outcome.PROVIDER_NOT_CONFIGURED
    assert simulator.sign_in("cognito-idp.us-east-1.amazonaws.com/us-east-1_None").outcome is (
        Outcome.PROVIDER_NOT_CONFIGURED
    )


def test_a_role_whose_trust_admits_any_pool_cannot_be_deployed() -> None:
    template = foreign_template()
    guests = template["Resources"]["Guests"]["Properties"]["AssumeRolePolicyDocument"]["Statement"][0]
    del guests["Condition"]
    result = RoleResolutionSimulator(template).guest()
    assert result.outcome is Outcome.ROLE_NOT_DEPLOYABLE and not result.granted
    assert "IAM refuses" in result.reason


@pytest.mark.parametrize("source", [None, 42, ["Resources"]])
def test_sources_that_are_not_templates_are_clear_errors(source: Any) -> None:
    from cdk_identitypool.testing import access_report

    with pytest.raises(SimulationError):
        RoleResolutionSimulator(source)
    with pytest.raises(SimulationError):
        access_report(source)


def test_a_property_injector_that_turns_guests_on_is_what_the_attribute_says() -> None:
    import jsii
    from aws_cdk import aws_cognito_identitypool as upstream
    from aws_cdk.assertions import Template

    @jsii.implements(cdk.IPropertyInjector)
    class GuestsOn:
        @property
        def construct_unique_id(self) -> str:
            return str(upstream.IdentityPool.PROPERTY_INJECTION_ID)

        def inject(self, original_props: Any, *, id: str, scope: Any) -> Any:
            return {**original_props, "allowUnauthenticatedIdentities": True}

    app = cdk.App(property_injectors=[GuestsOn()])
    stack = cdk.Stack(app, "Stack")
    pool = IdentityPool(stack, "Pool")
    (props,) = [
        r["Properties"] for r in Template.from_stack(stack).find_resources("AWS::Cognito::IdentityPool").values()
    ]
    assert pool.allow_unauthenticated_identities is props["AllowUnauthenticatedIdentities"]
