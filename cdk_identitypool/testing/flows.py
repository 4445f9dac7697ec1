"""The identity-pool flows a client runs, against the local emulator: sign in, get an identity and its
credentials, ask STS who they are. The example app and the integration tests both use these.

Needs the ``[emulator]`` extra (boto3, ministack); see :mod:`cdk_identitypool.testing.emulator`.
"""

from __future__ import annotations

from typing import Any

from .emulator import MinistackEmulator

__all__ = ["caller_arn", "identity_credentials", "sign_in_user"]


def sign_in_user(
    emulator: MinistackEmulator,
    *,
    user_pool_id: str,
    client_id: str,
    username: str,
    password: str,
    provider_name: str | None = None,
) -> dict[str, str]:
    """Create a confirmed user in a user pool, sign in with ``USER_PASSWORD_AUTH``, and return the identity
    pool ``Logins`` map (provider name → ID token).

    Args:
        emulator: The running emulator.
        user_pool_id: The user pool (``<region>_<id>``).
        client_id: An app client of it that allows ``USER_PASSWORD_AUTH``.
        username: The user to create.
        password: Its permanent password (the pool's password policy applies).
        provider_name: The user pool's provider name. Default:
            ``cognito-idp.<region>.amazonaws.com/<user pool id>``, the region taken from the id.
    """
    idp = emulator.client("cognito-idp")
    idp.admin_create_user(UserPoolId=user_pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=user_pool_id, Username=username, Password=password, Permanent=True)
    auth = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    name = provider_name or f"cognito-idp.{user_pool_id.split('_', 1)[0]}.amazonaws.com/{user_pool_id}"
    return {name: auth["AuthenticationResult"]["IdToken"]}


def identity_credentials(
    emulator: MinistackEmulator, identity_pool_id: str, logins: dict[str, str] | None = None
) -> tuple[str, dict[str, Any]]:
    """``GetId`` then ``GetCredentialsForIdentity`` (the enhanced flow): the identity id and its credentials.

    Args:
        emulator: The running emulator.
        identity_pool_id: The identity pool.
        logins: The ``Logins`` map of a signed-in user. Default: none (a guest).
    """
    cognito_identity = emulator.client("cognito-identity")
    extra: dict[str, Any] = {"Logins": logins} if logins else {}
    identity_id: str = cognito_identity.get_id(IdentityPoolId=identity_pool_id, **extra)["IdentityId"]
    response = cognito_identity.get_credentials_for_identity(IdentityId=identity_id, **extra)
    return identity_id, dict(response["Credentials"])


def caller_arn(emulator: MinistackEmulator, credentials: dict[str, Any]) -> str:
    """STS ``GetCallerIdentity`` with these credentials: the assumed role's session ARN."""
    arn: str = emulator.client("sts", credentials=credentials).get_caller_identity()["Arn"]
    return arn
