"""The one table of social login providers: each row is everything the package knows of one provider, and
every other place reads it (a new social provider is one row, its props struct, and its tests)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SocialProvider:
    """A login provider Cognito knows by a domain.

    Attributes:
        kind: Its ``IdentityPoolProviderType`` member (ours and aws-cdk-lib's), e.g. ``AMAZON``.
        login_url: Its name in ``SupportedLoginProviders``, a token's ``Logins`` and ``amr``.
        field: Its field of ``IdentityPoolAuthenticationProviders``, e.g. ``amazon``.
        struct: Its props struct, ours and aws-cdk-lib's, e.g. ``IdentityPoolAmazonLoginProvider``.
        login_id: The struct's fields whose values, joined by ``;``, are its ``SupportedLoginProviders`` value.
        tag_claims: The claims of its default principal tags (``client``, ``username``): the developer guide's
            "Using attributes for access control" provider mappings.
    """

    kind: str
    login_url: str
    field: str
    struct: str
    login_id: tuple[str, ...]
    tag_claims: tuple[str, str]


SOCIAL_PROVIDERS = (
    SocialProvider(
        "AMAZON", "www.amazon.com", "amazon", "IdentityPoolAmazonLoginProvider", ("app_id",), ("aud", "user_id")
    ),
    SocialProvider(
        "FACEBOOK", "graph.facebook.com", "facebook", "IdentityPoolFacebookLoginProvider", ("app_id",), ("aud", "sub")
    ),
    SocialProvider(
        "GOOGLE", "accounts.google.com", "google", "IdentityPoolGoogleLoginProvider", ("client_id",), ("aud", "sub")
    ),
    SocialProvider(
        "APPLE", "appleid.apple.com", "apple", "IdentityPoolAppleLoginProvider", ("services_id",), ("aud", "sub")
    ),
    SocialProvider(
        "TWITTER",
        "api.twitter.com",
        "twitter",
        "IdentityPoolTwitterLoginProvider",
        ("consumer_key", "consumer_secret"),
        ("aud", "sub"),
    ),
)
BY_KIND = {p.kind: p for p in SOCIAL_PROVIDERS}
BY_URL = {p.login_url: p for p in SOCIAL_PROVIDERS}

__all__ = ["BY_KIND", "BY_URL", "SOCIAL_PROVIDERS", "SocialProvider"]
