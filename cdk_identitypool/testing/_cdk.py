"""aws-cdk-lib, only where the caller already uses it: a value can be a construct, a stack or a token only
if aws-cdk-lib was imported, so the simulator (and the command line) never start jsii on their own."""

from __future__ import annotations

import sys
from typing import Any


def cdk_module() -> Any:
    """``aws_cdk`` when it was imported by the caller, else None."""
    return sys.modules.get("aws_cdk")


def is_construct(value: Any) -> bool:
    constructs = sys.modules.get("constructs")
    return constructs is not None and isinstance(value, constructs.Construct)


def is_stack(value: Any) -> bool:
    cdk = cdk_module()
    return cdk is not None and isinstance(value, cdk.Stack)


def is_cfn_resource(value: Any) -> bool:
    cdk = cdk_module()
    return cdk is not None and isinstance(value, cdk.CfnResource)


def is_token(value: Any) -> bool:
    cdk = cdk_module()
    return cdk is not None and isinstance(value, str) and bool(cdk.Token.is_unresolved(value))


__all__ = ["cdk_module", "is_cfn_resource", "is_construct", "is_stack", "is_token"]
