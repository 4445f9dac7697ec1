"""User pool providers, handed to aws-cdk-lib's pool, which binds them in Node.

aws-cdk-lib's pool keeps the ``CognitoIdentityProviders`` list and binds each provider itself (the pool then
depends on the user pool and its client), so a provider costs one call into Node instead of five:

- ours, over a user pool of the pool's own stack, becomes aws-cdk-lib's ``UserPoolAuthenticationProvider``
  (the template is then aws-cdk-lib's, whichever version renders it);
- ours, over an imported user pool or one of another stack, keeps the name Cognito gives it (the user pool's
  own ``ProviderName``, or for an id import the id's own region, where aws-cdk-lib names it after the
  identity pool's region) and is bound in Python when the pool binds it;
- aws-cdk-lib's provider is passed as it is; any other provider is bound in Python when the pool binds it.

Two providers of the same user pool and app client are refused here, before the pool is made.
"""

from __future__ import annotations

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
class _BoundInPython:
    """A provider aws-cdk-lib's pool binds by calling back into Python (its ``bind`` is Python code)."""

    def __init__(self, provider: Any) -> None:
        self._provider = provider

    def bind(
        self, scope: Construct, identity_pool: upstream.IIdentityPool
    ) -> upstream.UserPoolAuthenticationProviderBindConfig:
        config = self._provider.bind(scope, identity_pool)
        return upstream.UserPoolAuthenticationProviderBindConfig(
            client_id=config.client_id,
            provider_name=config.provider_name,
            server_side_token_check=config.server_side_token_check,
        )


def to_upstream_provider(
    prop: str, provider: Any, stack: Stack, seen: list[object]
) -> upstream.IUserPoolAuthenticationProvider:
    """The provider aws-cdk-lib's pool binds for ``provider``; ``seen`` holds the keys of the pool's providers so
    far (this one's is added). Raises for a provider of another Stage or environment, and for a duplicate."""
    has_attr(prop, provider, "bind", "an IUserPoolAuthenticationProvider")
    home = check_same_environment(stack, getattr(provider, "user_pool", None), prop)
    passed: upstream.IUserPoolAuthenticationProvider
    key: object
    if (
        isinstance(provider, UserPoolAuthenticationProvider)
        and isinstance(provider.user_pool, cognito.UserPool)
        and (home is stack)
    ):
        key = (provider.user_pool, provider.user_pool_client)
        passed = upstream.UserPoolAuthenticationProvider(
            user_pool=provider.user_pool,
            user_pool_client=provider.user_pool_client,
            disable_server_side_token_check=provider.disable_server_side_token_check or None,
        )
    elif isinstance(provider, UserPoolAuthenticationProvider):  # imported, or of another stack: named in Python
        config = provider.config()
        key = (config.provider_name, config.client_id)
        passed = _BoundInPython(provider)
    elif isinstance(provider, upstream.UserPoolAuthenticationProvider):
        key = passed = provider
    else:
        key, passed = provider, _BoundInPython(provider)
    if key in seen:
        raise IdentityPoolValidationError(
            prop, provider, "duplicate provider: this user pool and app client are already an authentication provider"
        )
    seen.append(key)
    return passed


__all__ = ["to_upstream_provider"]
