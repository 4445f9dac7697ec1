"""The cost of a pool in jsii round trips (calls from Python into aws-cdk-lib's Node process): deterministic,
so it is pinned here, while timings stay in the benchmark (./run.sh bench)."""

from __future__ import annotations

from benchmarks.roundtrips import counting, round_trips_per_pool


def test_the_counter_sees_calls_into_node() -> None:
    import aws_cdk as cdk

    with counting() as calls:
        cdk.Stack(cdk.App(), "Counted")
    assert calls["create"] >= 2  # the App and the Stack


def test_round_trips_per_benchmark_pool() -> None:
    ours = round_trips_per_pool("cdk_identitypool")
    upstream = round_trips_per_pool("aws-cdk-lib")
    # A subclass of aws-cdk-lib's L2: creating it, one walk of its subtree for the L1s, the default roles'
    # literal descriptions, the removal policy, the user pool's provider name, client id and DependsOn, the
    # provider list, the role mappings, the mapped role's ARN, the pool's stack (to register the synth-time
    # checks), the user pool's stack (a clear error for a cross-environment reference) and the mapped role's
    # stack (a clear error for a dependency cycle). A rise here is a regression to look at.
    assert ours <= 16, ours
    assert upstream <= 4, upstream
