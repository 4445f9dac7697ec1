"""Identity provider URLs: the keys Cognito uses for login providers and role mappings."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import ClassVar

from aws_cdk import aws_cognito as cognito

from ._validation import check_instance, check_str


class IdentityPoolProviderType(enum.Enum):
    """The kind of identity provider an :class:`IdentityPoolProviderUrl` names."""

    FACEBOOK = "FACEBOOK"
    GOOGLE = "GOOGLE"
    AMAZON = "AMAZON"
    APPLE = "APPLE"
    TWITTER = "TWITTER"
    OPEN_ID = "OPEN_ID"
    SAML = "SAML"
    USER_POOL = "USER_POOL"
    CUSTOM = "CUSTOM"


#: Login-provider names Cognito uses for the social providers (``Logins`` map keys).
AMAZON_URL = "www.amazon.com"
FACEBOOK_URL = "graph.facebook.com"
GOOGLE_URL = "accounts.google.com"
APPLE_URL = "appleid.apple.com"
TWITTER_URL = "api.twitter.com"


@dataclass(frozen=True)
class IdentityPoolProviderUrl:
    """The URL (provider name) of an identity provider, as used in role mappings.

    Use the constants for social providers (``IdentityPoolProviderUrl.AMAZON``, ``FACEBOOK``,
    ``GOOGLE``, ``APPLE``, ``TWITTER``) and the factories for the rest: :meth:`open_id`,
    :meth:`saml`, :meth:`user_pool` and :meth:`custom`.

    Args:
        type: The kind of provider.
        value: The provider name Cognito knows it by, e.g. ``www.amazon.com`` or
            ``cognito-idp.us-east-1.amazonaws.com/us-east-1_abc:clientid``. May be a CDK token
            (then a role mapping that uses it needs ``mapping_key``).
    """

    type: IdentityPoolProviderType
    value: str

    AMAZON: ClassVar[IdentityPoolProviderUrl]
    FACEBOOK: ClassVar[IdentityPoolProviderUrl]
    GOOGLE: ClassVar[IdentityPoolProviderUrl]
    APPLE: ClassVar[IdentityPoolProviderUrl]
    TWITTER: ClassVar[IdentityPoolProviderUrl]

    def __post_init__(self) -> None:
        check_instance(
            "IdentityPoolProviderUrl.type", self.type, IdentityPoolProviderType, "an IdentityPoolProviderType"
        )
        check_str("IdentityPoolProviderUrl.value", self.value, max_len=2048)

    @classmethod
    def open_id(cls, url: str) -> IdentityPoolProviderUrl:
        """An OpenID Connect provider, by its issuer URL without ``https://`` (e.g. ``example.com``)."""
        return cls(IdentityPoolProviderType.OPEN_ID, url)

    @classmethod
    def saml(cls, url: str) -> IdentityPoolProviderUrl:
        """A SAML provider, by the ARN of its IAM SAML provider."""
        return cls(IdentityPoolProviderType.SAML, url)

    @classmethod
    def user_pool(
        cls, user_pool: cognito.IUserPool, user_pool_client: cognito.IUserPoolClient
    ) -> IdentityPoolProviderUrl:
        """A user pool app client: ``<user pool provider name>:<client id>`` (a token at synth time)."""
        return cls(
            IdentityPoolProviderType.USER_POOL,
            f"{user_pool.user_pool_provider_name}:{user_pool_client.user_pool_client_id}",
        )

    @classmethod
    def custom(cls, url: str) -> IdentityPoolProviderUrl:
        """Any other provider name, e.g. a developer provider."""
        return cls(IdentityPoolProviderType.CUSTOM, url)


IdentityPoolProviderUrl.AMAZON = IdentityPoolProviderUrl(IdentityPoolProviderType.AMAZON, AMAZON_URL)
IdentityPoolProviderUrl.FACEBOOK = IdentityPoolProviderUrl(IdentityPoolProviderType.FACEBOOK, FACEBOOK_URL)
IdentityPoolProviderUrl.GOOGLE = IdentityPoolProviderUrl(IdentityPoolProviderType.GOOGLE, GOOGLE_URL)
IdentityPoolProviderUrl.APPLE = IdentityPoolProviderUrl(IdentityPoolProviderType.APPLE, APPLE_URL)
IdentityPoolProviderUrl.TWITTER = IdentityPoolProviderUrl(IdentityPoolProviderType.TWITTER, TWITTER_URL)
