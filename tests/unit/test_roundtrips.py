"""The cost of a pool in jsii round trips (calls from Python into aws-cdk-lib's Node process): deterministic,
so it is pinned here, while timings stay in the benchmark (./run.sh bench)."""

from __future__ import annotations

from benchmarks.roundtrips import counting, round_trips_per_pool, synthesis_round_trips


def test_the_counter_sees_calls_into_node() -> None:
    import aws_cdk as cdk

    with counting() as calls:
        cdk.Stack(cdk.App(), "Counted")
    assert calls["create"] >= 2  # the App and the Stack


def test_round_trips_per_benchmark_pool() -> None:
    ours = round_trips_per_pool("cdk_identitypool")
    upstream = round_trips_per_pool("aws-cdk-lib")
    # A subclass of aws-cdk-lib's L2, which builds the pool, binds the user pool (aws-cdk-lib's provider) and
    # renders the role mapping (aws-cdk-lib's struct and provider URL) in one call. Ours adds: the user pool's
    # stack (a clear error for another Stage or environment), the mapped role's stack (a clear error for a
    # dependency cycle) and the RETAIN removal policy. A rise here is a regression to look at.
    assert ours <= 6, ours
    assert upstream <= 4, upstream
    assert ours - upstream <= 6


def test_synthesis_costs_a_constant_per_stack() -> None:
    # The synth-time check renders each stack's template once and resolves all its pools' tokens in one
    # call; a pool made right in its stack is found in the template by the logical id aws-cdk-lib gives it.
    one, eleven = (synthesis_round_trips("cdk_identitypool", n) for n in (1, 11))
    upstream = synthesis_round_trips("aws-cdk-lib", 11)
    assert eleven == one, (one, eleven)
    assert one - upstream <= 20, (one, upstream)
