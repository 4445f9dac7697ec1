"""The typed view of a pool that the checks and the simulator share."""

from __future__ import annotations

from cdk_identitypool._model.pool_view import PoolView
from cdk_identitypool._model.template import TemplateModel

TEMPLATE = {
    "Resources": {
        "Pool": {
            "Type": "AWS::Cognito::IdentityPool",
            "Properties": {
                "AllowUnauthenticatedIdentities": {"Ref": "Guests"},
                "SupportedLoginProviders": {"www.amazon.com": "amzn1.application.abc"},
                "OpenIdConnectProviderARNs": ["arn:aws:iam::123456789012:oidc-provider/login.example.com"],
                "SamlProviderARNs": ["arn:aws:iam::123456789012:saml-provider/corp"],
                "CognitoIdentityProviders": [
                    {"ProviderName": "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", "ClientId": "client"},
                    {"ProviderName": {"Fn::GetAtt": ["Users", "ProviderName"]}, "ClientId": {"Ref": "Client"}},
                ],
                "DeveloperProviderName": "login.example.dev",
            },
        },
        "Attachment": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {"IdentityPoolId": {"Ref": "Pool"}, "Roles": {"authenticated": "arn:role"}},
        },
        "Other": {
            "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
            "Properties": {"IdentityPoolId": {"Ref": "AnotherPool"}, "Roles": ["not", "a", "dict"]},
        },
    }
}


def test_a_pool_reads_its_settings_attachments_and_provider_names() -> None:
    model = TemplateModel.from_template(TEMPLATE)
    pool = PoolView.of(model, "Pool")
    assert pool.guests == {"Ref": "Guests"} and pool.classic_flow is None
    assert [a.logical_id for a in pool.attachments] == ["Attachment"] and pool.principal_tags == ()
    assert pool.roles(pool.attachments[0]) == {"authenticated": "arn:role"}
    assert pool.roles(None) == {} and pool.role_mappings(None) == {}
    assert pool.provider_names(model) == [
        "www.amazon.com",
        "login.example.com",
        "arn:aws:iam::123456789012:saml-provider/corp",
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:client",
        None,  # known only at deploy time
        "login.example.dev",
    ]


def test_roles_that_are_not_a_dict_read_as_none() -> None:
    model = TemplateModel.from_template(TEMPLATE)
    other = model.resources["Other"]
    assert PoolView.of(model, "Pool").roles(other) == {}
