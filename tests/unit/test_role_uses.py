"""Which roles a pool hands out: the one reading that the checks and the access report share."""

from __future__ import annotations

from cdk_identitypool._model.pool_view import PoolView
from cdk_identitypool._model.role_uses import attachment_roles, token_user_pool
from cdk_identitypool._model.template import TemplateModel

USERS = {"Fn::GetAtt": ["Users", "ProviderName"]}

TEMPLATE = {
    "Resources": {
        "Users": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
        "Admins": {
            "Type": "AWS::Cognito::UserPoolGroup",
            "Properties": {"UserPoolId": {"Ref": "Users"}, "GroupName": "admins", "RoleArn": "arn:admins"},
        },
        "NoRole": {"Type": "AWS::Cognito::UserPoolGroup", "Properties": {"UserPoolId": {"Ref": "Users"}}},
        "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": True}},
        "Attachment": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {
                "IdentityPoolId": {"Ref": "Pool"},
                "Roles": {"authenticated": "arn:auth", "unauthenticated": "arn:guest"},
                "RoleMappings": {
                    "users": {
                        "IdentityProvider": {"Fn::Join": ["", [USERS, ":", {"Ref": "Client"}]]},
                        "Type": "Token",
                        "AmbiguousRoleResolution": "Deny",
                    },
                    "graph.facebook.com": {
                        "Type": "Rules",
                        "AmbiguousRoleResolution": "AuthenticatedRole",
                        "RulesConfiguration": {
                            "Rules": [
                                {"Claim": "a", "MatchType": "Equals", "Value": "1", "RoleARN": "arn:rule0"},
                                {"Claim": "b", "MatchType": "Equals", "Value": "2", "RoleARN": "arn:rule1"},
                            ]
                        },
                    },
                },
            },
        },
    }
}


def test_an_attachment_hands_out_its_default_roles_and_each_mappings_rules_and_group_roles() -> None:
    model = TemplateModel.from_template(TEMPLATE)
    pool = PoolView.of(model, "Pool")
    roles = attachment_roles(model, pool, pool.attachments[0])
    assert (roles.authenticated, roles.unauthenticated) == ("arn:auth", "arn:guest")
    assert roles.mappings is not None
    token, rules = roles.mappings
    assert token.key == "users" and token.token and token.user_pool == "Users"
    assert [g.logical_id for g in token.groups] == ["Admins"]  # a group without a role hands out none
    assert token.rules == ()
    assert rules.provider == "graph.facebook.com" and not rules.token and rules.user_pool is None
    assert [r["RoleARN"] for r in rules.rules] == ["arn:rule0", "arn:rule1"]


def test_without_an_attachment_a_pool_hands_out_nothing() -> None:
    model = TemplateModel.from_template(TEMPLATE)
    roles = attachment_roles(model, PoolView.of(model, "Pool"), None)
    assert (roles.authenticated, roles.unauthenticated, roles.mappings) == (None, None, ())


def test_role_mappings_given_by_an_intrinsic_cannot_be_read() -> None:
    template = {"Resources": dict(TEMPLATE["Resources"])}
    attachment = template["Resources"]["Attachment"]
    template["Resources"]["Attachment"] = {
        **attachment,
        "Properties": {"IdentityPoolId": {"Ref": "Pool"}, "RoleMappings": {"Ref": "Mappings"}},
    }
    model = TemplateModel.from_template(template)
    pool = PoolView.of(model, "Pool")
    roles = attachment_roles(model, pool, pool.attachments[0])
    assert roles.mappings is None and roles.role_mappings == {"Ref": "Mappings"}


def test_only_a_user_pool_named_by_its_provider_name_attribute_has_token_roles() -> None:
    assert token_user_pool({"Fn::Join": ["", [USERS, ":client"]]}) == "Users"
    assert token_user_pool("cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client") is None
    assert token_user_pool(USERS) is None  # no client id
