"""Count jsii round trips: the calls from Python into aws-cdk-lib's Node process that building a pool costs.

Wall time on a shared 2-core machine is noisy; the number of kernel calls is not. Each call (create an
object, get or set a property, invoke a method, complete a callback) is one request to Node and one
answer, about 0.3-0.5 ms. ``./run.sh bench`` prints the figures; tests/unit/test_roundtrips.py pins them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any

from jsii._kernel.providers.process import ProcessProvider

__all__ = [
    "BENCHMARK_NAMES",
    "KERNEL_CALLS",
    "benchmark_pool",
    "counting",
    "round_trips_per_pool",
    "synthesis_round_trips",
]

#: The jsii process provider's methods that each send one request to the Node process (and wait for it).
KERNEL_CALLS = (
    "create",
    "delete",
    "get",
    "set",
    "sget",
    "sset",
    "invoke",
    "sinvoke",
    "begin",
    "sbegin",
    "end",
    "callbacks",
    "complete",
    "sync_complete",
)


@contextmanager
def counting() -> Iterator[Counter[str]]:
    """Count kernel calls by kind while the block runs."""
    calls: Counter[str] = Counter()
    originals = {name: getattr(ProcessProvider, name) for name in KERNEL_CALLS}

    def counted(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return method(*args, **kwargs)

        return wrapper

    for name, method in originals.items():
        setattr(ProcessProvider, name, counted(name, method))
    try:
        yield calls
    finally:
        for name, method in originals.items():
            setattr(ProcessProvider, name, method)


#: The names :func:`benchmark_pool` uses of the library (the benchmark imports them before it starts timing).
BENCHMARK_NAMES = (
    "IdentityPool",
    "IdentityPoolAuthenticationProviders",
    "UserPoolAuthenticationProvider",
    "IdentityPoolGoogleLoginProvider",
    "IdentityPoolRoleMapping",
    "IdentityPoolProviderUrl",
    "RoleMappingRule",
    "RoleMappingMatchType",
)


def benchmark_pool(lib: Any, scope: Any, id: str, user_pool: Any, client: Any, admins: Any, i: int) -> Any:
    """The benchmark's pool, with ``lib`` (cdk_identitypool or aws-cdk-lib's module): a user pool provider,
    Google, and a rules mapping that gives ``admins`` to members of the ``admins`` group."""
    return lib.IdentityPool(
        scope,
        id,
        authentication_providers=lib.IdentityPoolAuthenticationProviders(
            user_pools=[lib.UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=client)],
            google=lib.IdentityPoolGoogleLoginProvider(client_id=f"{i}.apps.googleusercontent.com"),
        ),
        role_mappings=[
            lib.IdentityPoolRoleMapping(
                provider_url=lib.IdentityPoolProviderUrl.user_pool(user_pool, client),
                mapping_key="cognito",
                rules=[
                    lib.RoleMappingRule(
                        claim="cognito:groups",
                        claim_value="admins",
                        mapped_role=admins,
                        match_type=lib.RoleMappingMatchType.CONTAINS,
                    )
                ],
            )
        ],
    )


def round_trips_per_pool(library: str, pools: int = 5) -> float:
    """Kernel calls per pool that ``library`` makes for the benchmark's pool (user pool provider, Google, a
    rules mapping): the IdentityPool call and its props only, after one warm-up pool; the user pool, client
    and mapped role around it are the same for both libraries and not counted."""
    import aws_cdk as cdk
    from aws_cdk import aws_cognito as cognito
    from aws_cdk import aws_iam as iam

    if library == "cdk_identitypool":
        import cdk_identitypool as lib
    else:
        from aws_cdk import aws_cognito_identitypool as lib  # type: ignore[no-redef]

    app = cdk.App()
    stack = cdk.Stack(app, "Pools", env=cdk.Environment(account="123456789012", region="us-east-1"))
    total = 0
    for i in range(pools + 1):
        user_pool = cognito.UserPool(stack, f"UserPool{i}")
        client = user_pool.add_client("Client")
        admins = iam.Role(stack, f"Admins{i}", assumed_by=iam.ServicePrincipal("cognito-identity.amazonaws.com"))
        with counting() as calls:
            benchmark_pool(lib, stack, f"Pool{i}", user_pool, client, admins, i)
        if i > 0:  # pool 0 warms up one-time lookups (enum and static members)
            total += sum(calls.values())
    return total / pools


def synthesis_round_trips(library: str, pools: int) -> int:
    """Kernel calls of ``app.synth()`` for one stack holding ``pools`` benchmark pools (aws-cdk-lib's own
    synthesis runs inside Node and is one call; anything more is the library's synth-time work)."""
    import aws_cdk as cdk
    from aws_cdk import aws_cognito as cognito
    from aws_cdk import aws_iam as iam

    if library == "cdk_identitypool":
        import cdk_identitypool as lib
    else:
        from aws_cdk import aws_cognito_identitypool as lib  # type: ignore[no-redef]

    app = cdk.App()
    stack = cdk.Stack(app, "Pools", env=cdk.Environment(account="123456789012", region="us-east-1"))
    for i in range(pools):
        user_pool = cognito.UserPool(stack, f"UserPool{i}")
        client = user_pool.add_client("Client")
        admins = iam.Role(stack, f"Admins{i}", assumed_by=iam.ServicePrincipal("cognito-identity.amazonaws.com"))
        benchmark_pool(lib, stack, f"Pool{i}", user_pool, client, admins, i)
    with counting() as calls:
        app.synth()
    return sum(calls.values())


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
    import os

    from tools.node import node_env

    os.environ.update(node_env())
    for name in ("cdk_identitypool", "aws-cdk-lib"):
        one, eleven = synthesis_round_trips(name, 1), synthesis_round_trips(name, 11)
        print(
            f"{name}: {round_trips_per_pool(name):.1f} round trips per pool to construct; synthesis "
            f"{(eleven - one) / 10:.1f} per pool + {one - (eleven - one) / 10:.0f} per stack"
        )
