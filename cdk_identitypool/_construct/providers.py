"""Authentication providers: user pools, social logins, OpenID Connect, SAML and developer providers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from aws_cdk import aws_cognito as cognito
from aws_cdk.interfaces.aws_iam import IOIDCProviderRef, ISAMLProviderRef
from constructs import Construct, Node

from .._errors import IdentityPoolValidationError
from .._model.provider_kinds import SOCIAL_PROVIDERS
from .provider_url import client_id_of, provider_name_of
from .upstream import accept_upstream
from .validation import check_bool, check_sequence, check_str, coerce_struct, has_attr, is_token

if TYPE_CHECKING:
    from .pool_base import IIdentityPool

# SupportedLoginProviders values (app/client ids) and DeveloperProviderName, per the Cognito API reference.
_LOGIN_ID_PATTERN = r"[\w.;_/-]+"
_LOGIN_ID_WORDS = "letters, digits and . ; _ / -"
DEVELOPER_PROVIDER_PATTERN = r"[\w._-]+"

#: The construct id of the app client a UserPoolAuthenticationProvider adds when given none.
DEFAULT_CLIENT_ID = "UserPoolAuthenticationProviderClient"


def _login_id(prop: str, value: Any) -> str:
    return check_str(prop, value, max_len=128, pattern=_LOGIN_ID_PATTERN, pattern_words=_LOGIN_ID_WORDS)


@dataclass(frozen=True, kw_only=True)
class IdentityPoolAmazonLoginProvider:
    """Login with Amazon.

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, IdentityPoolAmazonLoginProvider

    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            amazon=IdentityPoolAmazonLoginProvider(app_id="amzn1.application.12312k3j234j13rjiwuenf")
        ),
    )
    ```

    Args:
        app_id: The Login with Amazon app id (``amzn1.application...``). Required.
    """

    app_id: str

    def __post_init__(self) -> None:
        _login_id("amazon.app_id", self.app_id)


@dataclass(frozen=True, kw_only=True)
class IdentityPoolFacebookLoginProvider:
    """Facebook login.

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, IdentityPoolFacebookLoginProvider

    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            facebook=IdentityPoolFacebookLoginProvider(app_id="1234567890123")
        ),
    )
    ```

    Args:
        app_id: The Facebook app id. Required.
    """

    app_id: str

    def __post_init__(self) -> None:
        _login_id("facebook.app_id", self.app_id)


@dataclass(frozen=True, kw_only=True)
class IdentityPoolGoogleLoginProvider:
    """Google sign-in.

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, IdentityPoolGoogleLoginProvider

    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            google=IdentityPoolGoogleLoginProvider(client_id="12345678012.apps.googleusercontent.com")
        ),
    )
    ```

    Args:
        client_id: The Google OAuth client id (``....apps.googleusercontent.com``). Required.
    """

    client_id: str

    def __post_init__(self) -> None:
        _login_id("google.client_id", self.client_id)


@dataclass(frozen=True, kw_only=True)
class IdentityPoolAppleLoginProvider:
    """Sign in with Apple.

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, IdentityPoolAppleLoginProvider

    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            apple=IdentityPoolAppleLoginProvider(services_id="com.myappleapp.auth")
        ),
    )
    ```

    Args:
        services_id: The Apple services id (e.g. ``com.example.auth``). Required.
    """

    services_id: str

    def __post_init__(self) -> None:
        _login_id("apple.services_id", self.services_id)


@dataclass(frozen=True, kw_only=True)
class IdentityPoolTwitterLoginProvider:
    """Twitter (X) login.

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, IdentityPoolTwitterLoginProvider

    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            twitter=IdentityPoolTwitterLoginProvider(consumer_key="my-twitter-id", consumer_secret="my-twitter-secret")
        ),
    )
    ```

    Args:
        consumer_key: The Twitter consumer key. Required.
        consumer_secret: The Twitter consumer secret. Required. Cognito stores the pair as
            ``key;secret``, so neither may contain ``;``.
    """

    consumer_key: str
    consumer_secret: str

    def __post_init__(self) -> None:
        for prop, value in (
            ("twitter.consumer_key", self.consumer_key),
            ("twitter.consumer_secret", self.consumer_secret),
        ):
            check_str(
                prop, value, max_len=128, pattern=r"[\w./_-]+", pattern_words="letters, digits and . / _ - (no ';')"
            )
        # SupportedLoginProviders holds "<key>;<secret>", an IdentityProviderId of at most 128 characters.
        combined = f"{self.consumer_key};{self.consumer_secret}"
        if not is_token(combined) and len(combined) > 128:
            raise IdentityPoolValidationError(
                "twitter",
                f"{len(combined)} characters",
                "consumer_key;consumer_secret must be at most 128 characters together (Cognito's IdentityProviderId)",
            )


@dataclass(frozen=True)
class UserPoolAuthenticationProviderBindConfig:
    """What a user pool provider contributes to the pool's ``CognitoIdentityProviders``.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import IdentityPool, UserPoolAuthenticationProvider

    provider = UserPoolAuthenticationProvider(user_pool=cognito.UserPool(self, "Users"))
    config = provider.bind(self, IdentityPool(self, "Pool"))  # what the pool does when given the provider
    assert config.server_side_token_check
    ```

    Args:
        client_id: The app client id.
        provider_name: The user pool's provider name (``cognito-idp.<region>.amazonaws.com/<id>``).
        server_side_token_check: Whether Cognito checks that the user is still signed in.
    """

    client_id: str
    provider_name: str
    server_side_token_check: bool


@runtime_checkable
class IUserPoolAuthenticationProvider(Protocol):
    """A user pool (and app client) that can sign users in to an identity pool.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import IdentityPool, IUserPoolAuthenticationProvider, UserPoolAuthenticationProvider

    users = cognito.UserPool(self, "Users")
    provider: IUserPoolAuthenticationProvider = UserPoolAuthenticationProvider(user_pool=users)
    IdentityPool(self, "Pool").add_user_pool_authentication(provider)
    ```
    """

    def bind(self, scope: Construct, identity_pool: IIdentityPool) -> UserPoolAuthenticationProviderBindConfig:
        """Called once when the provider is added to an identity pool."""
        ...


class UserPoolAuthenticationProvider:
    """A Cognito user pool as an identity pool's authentication provider.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import IdentityPool, UserPoolAuthenticationProvider

    users = cognito.UserPool(self, "Users")
    pool = IdentityPool(self, "Pool")
    client = pool.add_user_pool_authentication(
        UserPoolAuthenticationProvider(user_pool=users, user_pool_client=users.add_client("Web"))
    )
    ```

    Args:
        user_pool: The user pool. Required.
        user_pool_client: The app client users sign in with. Default: a client is added to the user pool
            (construct id ``UserPoolAuthenticationProviderClient``, with the user pool's client defaults).
        disable_server_side_token_check: Turn off the check that a user has not been signed out globally
            or deleted before credentials are issued. Default: False (the check is on).
    """

    def __init__(
        self,
        *,
        user_pool: cognito.IUserPool,
        user_pool_client: cognito.IUserPoolClient | None = None,
        disable_server_side_token_check: bool | None = None,
    ) -> None:
        has_attr("user_pool", user_pool, "user_pool_provider_name", "a cognito.IUserPool")
        if user_pool_client is not None:
            has_attr("user_pool_client", user_pool_client, "user_pool_client_id", "a cognito.IUserPoolClient")
        if disable_server_side_token_check is not None:
            check_bool("disable_server_side_token_check", disable_server_side_token_check)
        self.user_pool = user_pool
        self._explicit_client = user_pool_client is not None  # checked at synth: a client of this user pool?
        if user_pool_client is None:
            existing = user_pool.node.try_find_child(DEFAULT_CLIENT_ID)
            user_pool_client = (
                existing  # type: ignore[assignment]
                if existing is not None
                else user_pool.add_client(DEFAULT_CLIENT_ID)
            )
        self.user_pool_client: cognito.IUserPoolClient = user_pool_client  # type: ignore[assignment]
        self.disable_server_side_token_check: bool = bool(disable_server_side_token_check)

    def bind(self, scope: Construct, identity_pool: IIdentityPool) -> UserPoolAuthenticationProviderBindConfig:
        """The ``CognitoIdentityProviders`` entry for this user pool and client (called by the pool).

        Like aws-cdk-lib's provider, it makes the pool depend on the user pool and its client.
        """
        Node.of(identity_pool).add_dependency(self.user_pool, self.user_pool_client)
        return self.config()

    def config(self) -> UserPoolAuthenticationProviderBindConfig:
        """The ``CognitoIdentityProviders`` entry for this user pool and client (the user pool's provider name,
        named after the region of its id, and the client's id); unlike :meth:`bind`, it adds no dependency."""
        return UserPoolAuthenticationProviderBindConfig(
            client_id=client_id_of(self.user_pool_client),
            provider_name=provider_name_of(self.user_pool),
            server_side_token_check=not self.disable_server_side_token_check,
        )


@dataclass(frozen=True, kw_only=True)
class IdentityPoolAuthenticationProviders:
    """The identity providers users can sign in with.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import (
        IdentityPool,
        IdentityPoolAuthenticationProviders,
        IdentityPoolGoogleLoginProvider,
        UserPoolAuthenticationProvider,
    )

    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            google=IdentityPoolGoogleLoginProvider(client_id="12345678012.apps.googleusercontent.com"),
            user_pools=[UserPoolAuthenticationProvider(user_pool=cognito.UserPool(self, "Users"))],
            custom_provider="login.example.com",  # developer-authenticated identities
        ),
    )
    ```

    Args:
        amazon: Login with Amazon. Default: none.
        apple: Sign in with Apple. Default: none.
        facebook: Facebook login. Default: none.
        google: Google sign-in. Default: none.
        twitter: Twitter login. Default: none.
        open_id_connect_providers: IAM OpenID Connect providers, any number. Default: none.
        saml_providers: IAM SAML providers, any number. Default: none.
        user_pools: Cognito user pools, any number. Default: none.
        custom_provider: The developer provider name for developer-authenticated identities
            (``DeveloperProviderName``; 1-128 of letters, digits and ``._-``). It cannot be changed once
            the pool exists. Default: none.
    """

    amazon: IdentityPoolAmazonLoginProvider | None = None
    apple: IdentityPoolAppleLoginProvider | None = None
    custom_provider: str | None = None
    facebook: IdentityPoolFacebookLoginProvider | None = None
    google: IdentityPoolGoogleLoginProvider | None = None
    open_id_connect_providers: Sequence[IOIDCProviderRef] | None = field(default=None)
    saml_providers: Sequence[ISAMLProviderRef] | None = field(default=None)
    twitter: IdentityPoolTwitterLoginProvider | None = None
    user_pools: Sequence[IUserPoolAuthenticationProvider] | None = field(default=None)

    def __post_init__(self) -> None:
        for social in SOCIAL_PROVIDERS:
            prop, kind = social.field, globals()[social.struct]
            value = coerce_struct(f"authentication_providers.{prop}", getattr(self, prop), kind)
            object.__setattr__(self, prop, value)
            if value is not None and not isinstance(value, kind):
                raise IdentityPoolValidationError(
                    f"authentication_providers.{prop}", value, f"must be an {kind.__name__}"
                )
        if self.custom_provider is not None:
            check_str(
                "authentication_providers.custom_provider",
                self.custom_provider,
                max_len=128,
                pattern=DEVELOPER_PROVIDER_PATTERN,
                pattern_words="letters, digits and . _ -",
            )
        for prop, attr, what in (
            ("open_id_connect_providers", "oidc_provider_ref", "an iam.IOIDCProviderRef (e.g. OpenIdConnectProvider)"),
            ("saml_providers", "saml_provider_ref", "an iam.ISAMLProviderRef (e.g. SamlProvider)"),
            ("user_pools", "bind", "an IUserPoolAuthenticationProvider (e.g. UserPoolAuthenticationProvider)"),
        ):
            items = getattr(self, prop)
            if items is not None:
                for i, item in enumerate(check_sequence(f"authentication_providers.{prop}", items)):
                    has_attr(f"authentication_providers.{prop}[{i}]", item, attr, what)

    def supported_login_providers(self) -> dict[str, str]:
        """The ``SupportedLoginProviders`` map: provider name → app/client id."""
        logins: dict[str, str] = {}
        for social in SOCIAL_PROVIDERS:
            login = getattr(self, social.field)
            if login:
                logins[social.login_url] = ";".join(getattr(login, name) for name in social.login_id)
        return logins


accept_upstream(IdentityPoolAuthenticationProviders, *(globals()[social.struct] for social in SOCIAL_PROVIDERS))
