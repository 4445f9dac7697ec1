"""Identity pool flows against the emulator: sign a user in, get credentials, ask STS who they are."""

from __future__ import annotations

from typing import Any

from cdk_identitypool.testing.emulator import MinistackEmulator
from tests.integ.stacks import PASSWORD


def sign_in(emulator: MinistackEmulator, outputs: dict[str, str], username: str = "alice") -> dict[str, str]:
    """Create a confirmed user in the stack's user pool, sign in, and return the identity pool ``Logins`` map."""
    idp = emulator.client("cognito-idp")
    user_pool_id = outputs["UserPoolId"]
    idp.admin_create_user(UserPoolId=user_pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=user_pool_id, Username=username, Password=PASSWORD, Permanent=True)
    auth = idp.initiate_auth(
        ClientId=outputs["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": PASSWORD},
    )
    return {outputs["UserPoolProviderName"]: auth["AuthenticationResult"]["IdToken"]}


def credentials(
    emulator: MinistackEmulator, identity_pool_id: str, logins: dict[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """GetId + GetCredentialsForIdentity: the identity id and its credentials (guest when no ``logins``)."""
    cognito_identity = emulator.client("cognito-identity")
    extra: dict[str, Any] = {"Logins": logins} if logins else {}
    identity_id: str = cognito_identity.get_id(IdentityPoolId=identity_pool_id, **extra)["IdentityId"]
    response = cognito_identity.get_credentials_for_identity(IdentityId=identity_id, **extra)
    return identity_id, dict(response["Credentials"])


def caller_arn(emulator: MinistackEmulator, creds: dict[str, Any]) -> str:
    """STS GetCallerIdentity with these credentials."""
    arn: str = emulator.client("sts", credentials=creds).get_caller_identity()["Arn"]
    return arn


def assumed_role_arn(role_arn: str) -> str:
    """``arn:aws:iam::<acct>:role/<name>`` → the ARN GetCallerIdentity reports for Cognito credentials."""
    account = role_arn.split(":")[4]
    name = role_arn.rsplit("/", 1)[-1]
    return f"arn:aws:sts::{account}:assumed-role/{name}/CognitoIdentityCredentials"
