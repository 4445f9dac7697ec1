"""Amazon Cognito identity pools for the AWS CDK v2.

A drop-in superset of ``aws_cdk.aws_cognito_identitypool``: change the import to ``cdk_identitypool``
and the same code works, with safer defaults (the pool is retained), clear errors at synth time,
role mappings and principal tags that can be added after construction, and testing tools.

The guide (the project README) follows; every public name is documented in this reference.

.. include:: ../README.md
"""

from importlib.metadata import PackageNotFoundError, version

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
from ._construct.role_mapping import (
    AmbiguousRoleResolution,
    IdentityPoolRoleMapping,
    RoleMappingMatchType,
    RoleMappingRule,
)
from ._errors import IdentityPoolValidationError

try:
    __version__: str = version("cdk-identitypool")
    """The installed distribution's version (pyproject.toml is its single source)."""
except PackageNotFoundError:  # pragma: no cover - imported from a source tree that was never installed
    __version__ = "0+unknown"

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
