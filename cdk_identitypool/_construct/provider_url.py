"""Identity provider URLs: the keys Cognito uses for login providers and role mappings."""

from __future__ import annotations

import enum
import re
import weakref
from dataclasses import dataclass
from typing import Any, ClassVar

from aws_cdk import aws_cognito as cognito

from .._model.provider_kinds import BY_KIND, SOCIAL_PROVIDERS
from .upstream import accept_upstream
from .validation import check_instance, check_str, has_attr, is_token

# A user pool's provider name and a client's id are fixed tokens: read each once per object (a jsii round
# trip each), though both the provider URL of a mapping and the pool's provider binding need them.
_PROVIDER_NAMES: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()
_CLIENT_IDS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def provider_name_of(user_pool: cognito.IUserPool) -> str:
    """``user_pool.user_pool_provider_name``, read from aws-cdk-lib once per user pool.

    aws-cdk-lib names a user pool imported by id after the *stack's* region; the id's own ``<region>_``
    prefix wins here, so a user pool of another region is named as Cognito names it.
    """
    name = _PROVIDER_NAMES.get(user_pool)
    if name is None:
        name = _PROVIDER_NAMES[user_pool] = _with_the_ids_region(user_pool.user_pool_provider_name)
    return name


# cognito-idp.<region>.<URL suffix token>/<region>_<id>, as aws-cdk-lib renders an imported user pool's name.
_IMPORTED_NAME = re.compile(
    r"cognito-idp\.(?P<region>[^/]+?)\.(?P<suffix>\$\{Token\[AWS\.URLSuffix\.\d+\]\})/"
    r"(?P<id>(?P<id_region>[a-z]{2,4}(?:-[a-z]+)+-\d+)_[0-9a-zA-Z]+)"
)


def _with_the_ids_region(name: str) -> str:
    match = _IMPORTED_NAME.fullmatch(name)
    if match is None or match["region"] == match["id_region"]:
        return name
    return f"cognito-idp.{match['id_region']}.{match['suffix']}/{match['id']}"


def client_id_of(client: cognito.IUserPoolClient) -> str:
    """``client.user_pool_client_id``, read from aws-cdk-lib once per client."""
    client_id = _CLIENT_IDS.get(client)
    if client_id is None:
        client_id = _CLIENT_IDS[client] = client.user_pool_client_id
    return client_id


class IdentityPoolProviderType(enum.Enum):
    """The kind of identity provider an :class:`IdentityPoolProviderUrl` names.

    Each member's value is its name, as in aws-cdk-lib's Python enum (jsii carries the member name).

    ```python
    from cdk_identitypool import IdentityPoolProviderType, IdentityPoolProviderUrl

    assert IdentityPoolProviderUrl.GOOGLE.type is IdentityPoolProviderType.GOOGLE
    assert IdentityPoolProviderUrl.open_id("https://login.example.com/").type is IdentityPoolProviderType.OPEN_ID
    ```
    """

    FACEBOOK = "FACEBOOK"
    """Facebook login."""
    GOOGLE = "GOOGLE"
    """Google sign-in."""
    AMAZON = "AMAZON"
    """Login with Amazon."""
    APPLE = "APPLE"
    """Sign in with Apple."""
    TWITTER = "TWITTER"
    """Twitter."""
    OPEN_ID = "OPEN_ID"
    """An OpenID Connect provider (named by its issuer host)."""
    SAML = "SAML"
    """A SAML provider (named by its ARN)."""
    USER_POOL = "USER_POOL"
    """A Cognito user pool and app client."""
    CUSTOM = "CUSTOM"
    """Any other provider name (e.g. a developer provider)."""


#: Login-provider names Cognito uses for the social providers (``Logins`` map keys).
AMAZON_URL = BY_KIND["AMAZON"].login_url
FACEBOOK_URL = BY_KIND["FACEBOOK"].login_url
GOOGLE_URL = BY_KIND["GOOGLE"].login_url
APPLE_URL = BY_KIND["APPLE"].login_url
TWITTER_URL = BY_KIND["TWITTER"].login_url


@dataclass(frozen=True)
class IdentityPoolProviderUrl:
    """The URL (provider name) of an identity provider, as used in role mappings.

    Use the constants for social providers (``IdentityPoolProviderUrl.AMAZON``, ``FACEBOOK``,
    ``GOOGLE``, ``APPLE``, ``TWITTER``) and the factories for the rest: :meth:`open_id`,
    :meth:`saml`, :meth:`user_pool` and :meth:`custom`.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import IdentityPoolProviderUrl

    assert IdentityPoolProviderUrl.GOOGLE.value == "accounts.google.com"
    assert IdentityPoolProviderUrl.open_id("https://login.example.com/").value == "login.example.com"
    users = cognito.UserPool(self, "Users")
    web = IdentityPoolProviderUrl.user_pool(users, users.add_client("Web"))  # a token: map it with a mapping_key
    ```

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
        kind = check_instance(
            "IdentityPoolProviderUrl.type", self.type, IdentityPoolProviderType, "an IdentityPoolProviderType"
        )
        object.__setattr__(self, "type", kind)
        check_str("IdentityPoolProviderUrl.value", self.value, max_len=2048)

    @classmethod
    def open_id(cls, url: str) -> IdentityPoolProviderUrl:
        """An OpenID Connect provider, named as Cognito names it: the issuer without ``https://`` (e.g.
        ``login.example.com``). An issuer URL (``https://login.example.com/``) is normalized to that name."""
        if isinstance(url, str) and not is_token(url) and url.startswith("https://"):
            url = url[len("https://") :].rstrip("/")
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
        has_attr("user_pool", user_pool, "user_pool_provider_name", "a cognito.IUserPool")
        has_attr("user_pool_client", user_pool_client, "user_pool_client_id", "a cognito.IUserPoolClient")
        url = object.__new__(UserPoolProviderUrl)
        object.__setattr__(url, "type", IdentityPoolProviderType.USER_POOL)
        object.__setattr__(url, "pair", (user_pool, user_pool_client))
        return url

    @classmethod
    def custom(cls, url: str) -> IdentityPoolProviderUrl:
        """Any other provider name, e.g. a developer provider."""
        return cls(IdentityPoolProviderType.CUSTOM, url)


class UserPoolProviderUrl(IdentityPoolProviderUrl):
    """:meth:`IdentityPoolProviderUrl.user_pool`: its ``value`` (two reads from Node) is read when first used;
    a pool given the mapping lets aws-cdk-lib name the user pool instead (``upstream.to_upstream_mapping``)."""

    pair: tuple[cognito.IUserPool, cognito.IUserPoolClient]
    """The user pool and its app client."""

    def __getattr__(self, name: str) -> Any:
        if name != "value":
            raise AttributeError(name)
        user_pool, client = self.pair
        value = f"{provider_name_of(user_pool)}:{client_id_of(client)}"
        object.__setattr__(self, "value", value)
        return value

    def __repr__(self) -> str:
        return f"IdentityPoolProviderUrl(type={self.type!r}, value={self.value!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, IdentityPoolProviderUrl):
            return NotImplemented
        return (self.type, self.value) == (other.type, other.value)

    def __hash__(self) -> int:
        return hash((self.type, self.value))


for _social in SOCIAL_PROVIDERS:  # the class constants of the social providers, from the one table
    setattr(
        IdentityPoolProviderUrl,
        _social.kind,
        IdentityPoolProviderUrl(IdentityPoolProviderType[_social.kind], _social.login_url),
    )

accept_upstream(IdentityPoolProviderType, IdentityPoolProviderUrl)
