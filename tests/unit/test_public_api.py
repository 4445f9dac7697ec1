"""The package boundary: the exported names are pinned, every public module says what it exports."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import pkgutil

import cdk_identitypool

#: Changing this list is changing the public API: update CHANGELOG.md with it.
EXPORTED = [
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


def test_the_exported_names_are_pinned() -> None:
    assert sorted(cdk_identitypool.__all__) == EXPORTED


def _public_modules() -> list[str]:
    names = ["cdk_identitypool"]
    for info in pkgutil.walk_packages(cdk_identitypool.__path__, "cdk_identitypool."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return names


def test_every_public_module_declares_what_it_exports() -> None:
    modules = _public_modules()
    assert modules == [
        "cdk_identitypool",
        "cdk_identitypool.nag",
        "cdk_identitypool.testing",
        "cdk_identitypool.testing.emulator",
        "cdk_identitypool.testing.flows",
    ]
    for name in modules:
        if name == "cdk_identitypool.nag" and importlib.util.find_spec("cdk_nag") is None:
            continue  # the [nag] extra is not installed (the aws-cdk-lib floor run)
        module = importlib.import_module(name)
        exported = getattr(module, "__all__", None)
        assert exported, f"{name} has no __all__"
        missing = [n for n in exported if not hasattr(module, n)]
        assert not missing, f"{name}.__all__ names what it does not define: {missing}"


def test_version_is_the_distribution_version() -> None:
    assert cdk_identitypool.__version__ == importlib.metadata.version("cdk-identitypool")
