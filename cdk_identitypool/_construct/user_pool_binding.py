"""User pool providers, handed to aws-cdk-lib's pool, which keeps the ``CognitoIdentityProviders`` list.

aws-cdk-lib's pool binds a provider implemented in Node itself (the pool then depends on the user pool and its
client), so such a provider costs one call into Node instead of five:

- ours, over a user pool of the pool's own stack, becomes aws-cdk-lib's ``UserPoolAuthenticationProvider``
  (the template is then aws-cdk-lib's, whichever version renders it);
- aws-cdk-lib's provider is passed as it is.

Any other provider is bound here, in Python, once the pool exists, so its errors are Python's and its answer
is checked; the pool then takes the bound configuration. That covers ours over an imported user pool or one
of another stack, which keeps the name Cognito gives it (the user pool's own ``ProviderName``, or for an id
import the id's own region, where aws-cdk-lib names it after the identity pool's region), and providers
written in Python. Two providers of the same user pool and app client are refused before the pool is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jsii
from aws_cdk import Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as upstream
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .placement import check_same_environment
from .providers import UserPoolAuthenticationProvider
from .validation import has_attr


@jsii.implements(upstream.IUserPoolAuthenticationProvider)
class _Bound:
    """A provider already bound in Python: aws-cdk-lib's pool takes its configuration as it is."""

    def __init__(self, config: upstream.UserPoolAuthenticationProviderBindConfig) -> None:
        self._config = config

    def bind(
        self, scope: Construct, identity_pool: upstream.IIdentityPool
    ) -> upstream.UserPoolAuthenticationProviderBindConfig:
        return self._config


@dataclass(frozen=True)
class UserPoolBinding:
    """One user pool provider, checked: ``passed`` is what aws-cdk-lib's pool binds itself, or None when the
    provider is bound in Python (:meth:`for_pool`)."""

    prop: str
    provider: Any
    passed: upstream.IUserPoolAuthenticationProvider | None

    @classmethod
    def of(cls, prop: str, provider: Any, stack: Stack, seen: list[object]) -> UserPoolBinding:
        """Check ``provider`` (``prop`` names it in errors); ``seen`` holds the keys of the pool's providers so far
        (this one's is added). Raises for a provider of another Stage or environment, and for a duplicate."""
        has_attr(prop, provider, "bind", "an IUserPoolAuthenticationProvider")
        home = check_same_environment(stack, getattr(provider, "user_pool", None), prop)
        passed: upstream.IUserPoolAuthenticationProvider | None = None
        key: object = provider
        if isinstance(provider, UserPoolAuthenticationProvider):
            if isinstance(provider.user_pool, cognito.UserPool) and home is stack:
                key = (provider.user_pool, provider.user_pool_client)
                passed = upstream.UserPoolAuthenticationProvider(
                    user_pool=provider.user_pool,
                    user_pool_client=provider.user_pool_client,
                    disable_server_side_token_check=provider.disable_server_side_token_check or None,
                )
            else:  # imported, or of another stack: named in Python
                config = provider.config()
                key = (config.provider_name, config.client_id)
        elif isinstance(provider, upstream.UserPoolAuthenticationProvider):
            passed = provider
        if key in seen:
            raise IdentityPoolValidationError(
                prop,
                provider,
                "duplicate provider: this user pool and app client are already an authentication provider",
            )
        seen.append(key)
        return cls(prop, provider, passed)

    def for_pool(self, pool: Construct) -> upstream.IUserPoolAuthenticationProvider:
        """What ``pool`` (just built) is given: ``passed``, or the provider bound here, its answer checked."""
        if self.passed is not None:
            return self.passed
        config = self.provider.bind(pool, pool)
        client_id = getattr(config, "client_id", None)
        provider_name = getattr(config, "provider_name", None)
        token_check = getattr(config, "server_side_token_check", None)
        if not (isinstance(client_id, str) and isinstance(provider_name, str) and isinstance(token_check, bool)):
            raise IdentityPoolValidationError(
                f"{self.prop}.bind()",
                config,
                "must return a UserPoolAuthenticationProviderBindConfig (client_id and provider_name strings, "
                "server_side_token_check a bool)",
            )
        return _Bound(
            upstream.UserPoolAuthenticationProviderBindConfig(
                client_id=client_id, provider_name=provider_name, server_side_token_check=token_check
            )
        )


__all__ = ["UserPoolBinding"]
