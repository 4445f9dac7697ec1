"""Amazon Cognito identity pools for the AWS CDK v2.

A drop-in superset of ``aws_cdk.aws_cognito_identitypool``: change the import to ``cdk_identitypool``
and the same code works, with safer defaults (the pool is retained), clear errors at synth time,
role mappings and principal tags that can be added after construction, and testing tools.

Start with :class:`IdentityPool`; :class:`IdentityPoolChecks` checks pools at synth time, and
``cdk_identitypool.testing`` tells which role a user would get. The guide is the project's README (the
package page of the API reference carries it); ``cdk-identitypool --help`` runs the checks from the
command line, for CDK apps in any language.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # type checkers and readers see the names; at run time each is imported on first use
    from ._checks.aspect import IdentityPoolChecks
    from ._checks.catalog import IdentityPoolCheck, Severity
    from ._construct.identity_pool import IdentityPool
    from ._construct.pool_base import IIdentityPool
    from ._construct.principal_tags import IdentityPoolPrincipalTags
    from ._construct.props import (
        IdentityPoolProps,
        UserPoolAuthenticationProviderBindOptions,
        UserPoolAuthenticationProviderProps,
    )
    from ._construct.provider_url import IdentityPoolProviderType, IdentityPoolProviderUrl
    from ._construct.providers import (
        IdentityPoolAmazonLoginProvider,
        IdentityPoolAppleLoginProvider,
        IdentityPoolAuthenticationProviders,
        IdentityPoolFacebookLoginProvider,
        IdentityPoolGoogleLoginProvider,
        IdentityPoolTwitterLoginProvider,
        IUserPoolAuthenticationProvider,
        UserPoolAuthenticationProvider,
        UserPoolAuthenticationProviderBindConfig,
    )
    from ._construct.role_mapping import IdentityPoolRoleMapping, RoleMappingRule
    from ._errors import IdentityPoolValidationError
    from ._model.kinds import AmbiguousRoleResolution, RoleMappingMatchType

    __version__: str

#: Where each public name is defined: ``import cdk_identitypool`` imports none of it (and so neither
#: aws-cdk-lib nor jsii) until a name is used, so the command line and the analysis start without Node.
_EXPORTS: dict[str, str] = {
    "AmbiguousRoleResolution": "._model.kinds",
    "IIdentityPool": "._construct.pool_base",
    "IUserPoolAuthenticationProvider": "._construct.providers",
    "IdentityPool": "._construct.identity_pool",
    "IdentityPoolAmazonLoginProvider": "._construct.providers",
    "IdentityPoolAppleLoginProvider": "._construct.providers",
    "IdentityPoolAuthenticationProviders": "._construct.providers",
    "IdentityPoolCheck": "._checks.catalog",
    "IdentityPoolChecks": "._checks.aspect",
    "IdentityPoolFacebookLoginProvider": "._construct.providers",
    "IdentityPoolGoogleLoginProvider": "._construct.providers",
    "IdentityPoolPrincipalTags": "._construct.principal_tags",
    "IdentityPoolProps": "._construct.props",
    "IdentityPoolProviderType": "._construct.provider_url",
    "IdentityPoolProviderUrl": "._construct.provider_url",
    "IdentityPoolRoleMapping": "._construct.role_mapping",
    "IdentityPoolTwitterLoginProvider": "._construct.providers",
    "IdentityPoolValidationError": "._errors",
    "RoleMappingMatchType": "._model.kinds",
    "RoleMappingRule": "._construct.role_mapping",
    "Severity": "._checks.catalog",
    "UserPoolAuthenticationProvider": "._construct.providers",
    "UserPoolAuthenticationProviderBindConfig": "._construct.providers",
    "UserPoolAuthenticationProviderBindOptions": "._construct.props",
    "UserPoolAuthenticationProviderProps": "._construct.props",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            found = version("cdk-identitypool")
        except PackageNotFoundError:  # pragma: no cover - imported from a source tree that was never installed
            found = "0+unknown"
    elif name in _EXPORTS:
        found = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "AmbiguousRoleResolution",
    "IIdentityPool",
    "IUserPoolAuthenticationProvider",
    "IdentityPool",
    "IdentityPoolAmazonLoginProvider",
    "IdentityPoolAppleLoginProvider",
    "IdentityPoolAuthenticationProviders",
    "IdentityPoolCheck",
    "IdentityPoolChecks",
    "IdentityPoolFacebookLoginProvider",
    "IdentityPoolGoogleLoginProvider",
    "IdentityPoolPrincipalTags",
    "IdentityPoolProps",
    "IdentityPoolProviderType",
    "IdentityPoolProviderUrl",
    "IdentityPoolRoleMapping",
    "IdentityPoolTwitterLoginProvider",
    "IdentityPoolValidationError",
    "RoleMappingMatchType",
    "RoleMappingRule",
    "Severity",
    "UserPoolAuthenticationProvider",
    "UserPoolAuthenticationProviderBindConfig",
    "UserPoolAuthenticationProviderBindOptions",
    "UserPoolAuthenticationProviderProps",
    "__version__",
]
