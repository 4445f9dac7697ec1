"""Benchmark: build and synthesize N identity pools with cdk_identitypool and with aws-cdk-lib's own L2.

Run with ``./run.sh bench`` (or ``./run.sh bench --ns 1,100 --repeats 3``). Not part of the test suite.

Each pool has a user pool provider (a user pool and an app client), a social
provider (Google) and a rules-based role mapping with one rule and its own mapped role: 7 resources,
so pools are spread over stacks of at most ``POOLS_PER_STACK`` (well under CloudFormation's 500).

Every measurement runs in a fresh Python process (a fresh jsii kernel, so no state carries over) and
times only "build the app + ``app.synth()``", not interpreter start-up or imports; the two libraries
alternate so that machine noise hits both. The import overhead is measured separately: the median
wall time of ``python -c 'import aws_cdk...'`` with and without ``import cdk_identitypool``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.roundtrips import BENCHMARK_NAMES, benchmark_pool, round_trips_per_pool, synthesis_round_trips
from tools.node import node_env

#: 7 resources per pool; 60 pools = 420 resources per stack, under the 500-resource limit.
POOLS_PER_STACK = 60
LIBRARIES = ("cdk_identitypool", "aws-cdk-lib")


# --- one measurement (runs in a child process) -------------------------------------------------------


def build_and_synth(library: str, n: int, outdir: str) -> float:
    """Seconds to define ``n`` pools with ``library`` and synthesize the app into ``outdir``."""
    import aws_cdk as cdk
    from aws_cdk import aws_cognito as cognito
    from aws_cdk import aws_iam as iam

    if library == "cdk_identitypool":
        import cdk_identitypool as lib
    else:
        from aws_cdk import aws_cognito_identitypool as lib  # type: ignore[no-redef]
    for name in BENCHMARK_NAMES:  # imported here, as aws-cdk-lib's are: imports are measured on their own
        getattr(lib, name)

    start = time.perf_counter()
    app = cdk.App(outdir=outdir)
    env = cdk.Environment(account="123456789012", region="us-east-1")
    stack: cdk.Stack | None = None
    for i in range(n):
        if i % POOLS_PER_STACK == 0:
            stack = cdk.Stack(app, f"Pools{i // POOLS_PER_STACK}", env=env)
        assert stack is not None
        user_pool = cognito.UserPool(stack, f"UserPool{i}")
        client = user_pool.add_client("Client")
        admins = iam.Role(stack, f"Admins{i}", assumed_by=iam.ServicePrincipal("cognito-identity.amazonaws.com"))
        benchmark_pool(lib, stack, f"Pool{i}", user_pool, client, admins, i)
    assembly = app.synth()
    elapsed = time.perf_counter() - start
    resources = sum(len(s.template["Resources"]) for s in assembly.stacks)
    assert resources == 7 * n, f"{library}: expected {7 * n} resources, got {resources}"
    return elapsed


#: What an app using the library imports anyway (the baseline of the import overhead).
IMPORT_CDK = "import aws_cdk, aws_cdk.aws_cognito, aws_cdk.aws_iam"


#: What an app imports of ours to define a pool and check it.
IMPORT_OURS = "from cdk_identitypool import IdentityPool, IdentityPoolChecks"


def _import_child() -> None:
    """Print the seconds ``IMPORT_OURS`` takes once aws_cdk is imported (the target is under 50 ms)."""
    exec(IMPORT_CDK)
    start = time.perf_counter()
    exec(IMPORT_OURS)
    print(time.perf_counter() - start)


def _child(library: str, n: int) -> None:
    spent = _time_synth_check() if library == "cdk_identitypool" else {}
    with tempfile.TemporaryDirectory(prefix="bench-cdk-out-") as outdir:
        print(json.dumps({"seconds": build_and_synth(library, n, outdir), **spent}))


def _time_synth_check() -> dict[str, float]:
    """Time our synth-time check (``check``, seconds) and the stack renders inside it (``render``) while the
    child runs: the figures printed as the share of the synthesis that is ours."""
    from cdk_identitypool._construct import final_shape, stack_check

    spent = {"check": 0.0, "render": 0.0}

    def timed(key: str, function: Any) -> Any:
        def wrapper(*args: Any) -> Any:
            start = time.perf_counter()
            try:
                return function(*args)
            finally:
                spent[key] += time.perf_counter() - start

        return wrapper

    final_shape._FinalShape.validate = timed("check", final_shape._FinalShape.validate)  # type: ignore[method-assign]
    namespace = vars(stack_check)  # the module's own names: the check calls render_template by its name there
    namespace["render_template"] = timed("render", namespace["render_template"])
    return spent


# --- the driver ------------------------------------------------------------------------------------


def _run_child(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, __file__, *args], env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child {args} failed:\n{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


def measure_synth(library: str, n: int, env: dict[str, str]) -> dict[str, float]:
    """``seconds`` to build and synthesize; for cdk_identitypool also ``check`` and ``render`` (see _child)."""
    result: dict[str, float] = json.loads(_run_child(["--child", library, str(n)], env))
    return result


def measure_import(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ns", default="1,100,1000", help="comma-separated pool counts (default: 1,100,1000)")
    parser.add_argument("--repeats", type=int, default=3, help="measurements per N and library (default: 3)")
    parser.add_argument("--import-repeats", type=int, default=9, help="import timings per variant (default: 9)")
    parser.add_argument("--child", nargs=2, metavar=("LIBRARY", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--import-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--roundtrips-child", metavar="LIBRARY", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.import_child:
        _import_child()
        return
    if args.roundtrips_child:
        lib = args.roundtrips_child
        print(json.dumps([round_trips_per_pool(lib), synthesis_round_trips(lib, 1), synthesis_round_trips(lib, 11)]))
        return
    if args.child:
        _child(args.child[0], int(args.child[1]))
        return

    env = node_env()
    ns = [int(n) for n in args.ns.split(",")]
    print(
        f"python {sys.version.split()[0]}, node {env.get('JSII_NODE', 'node on PATH')}, "
        f"{os.cpu_count()} cpus, {args.repeats} repeats, {POOLS_PER_STACK} pools per stack",
        flush=True,
    )
    for lib in LIBRARIES:
        construct, one, eleven = json.loads(_run_child(["--roundtrips-child", lib], env))
        per_pool = (eleven - one) / 10
        print(
            f"jsii round trips (deterministic), {lib}: {construct:.1f} per pool to construct; synthesis "
            f"{per_pool:.1f} per pool + {one - per_pool:.0f} per stack",
            flush=True,
        )
    print(f"{'N':>6} {'library':<18} {'median s':>9} {'ms/pool':>8}  runs", flush=True)
    medians: dict[tuple[int, str], float] = {}
    for n in ns:
        runs: dict[str, list[float]] = {lib: [] for lib in LIBRARIES}
        checks: list[dict[str, float]] = []
        for r in range(args.repeats):
            order = LIBRARIES if r % 2 == 0 else LIBRARIES[::-1]
            for lib in order:
                measured = measure_synth(lib, n, env)
                runs[lib].append(measured["seconds"])
                if "check" in measured:
                    checks.append(measured)
        for lib in LIBRARIES:
            medians[n, lib] = statistics.median(runs[lib])
            shown = " ".join(f"{s:.2f}" for s in runs[lib])
            print(f"{n:>6} {lib:<18} {medians[n, lib]:>9.3f} {1000 * medians[n, lib] / n:>8.1f}  {shown}", flush=True)
        print(
            f"{n:>6} {'ratio (ours/cdk)':<18} {medians[n, LIBRARIES[0]] / medians[n, LIBRARIES[1]]:>9.2f}", flush=True
        )
        check = statistics.median(c["check"] for c in checks)
        render = statistics.median(c["render"] for c in checks)
        print(
            f"{n:>6} {'synth-time check':<18} {check:>9.3f} {1000 * check / n:>8.2f}  of cdk_identitypool's time: "
            f"{1000 * render / n:.2f} ms/pool rendering the stacks' templates, {1000 * (check - render) / n:.2f} "
            "ms/pool reading them",
            flush=True,
        )

    plain: list[float] = []
    ours: list[float] = []
    added: list[float] = []
    for _ in range(args.import_repeats):
        plain.append(measure_import(IMPORT_CDK, env))
        ours.append(measure_import(f"{IMPORT_CDK}; {IMPORT_OURS}", env))
        added.append(float(_run_child(["--import-child"], env)))
    wall_ms = 1000 * (statistics.median(ours) - statistics.median(plain))
    print(
        f"import (medians of {args.import_repeats}): `{IMPORT_OURS}` after aws_cdk adds "
        f"{1000 * statistics.median(added):.1f} ms in-process (target < 50 ms; `import cdk_identitypool` alone "
        "imports nothing until a name is used); python -c wall time: aws_cdk "
        f"{1000 * statistics.median(plain):.0f} ms, with cdk_identitypool {1000 * statistics.median(ours):.0f} ms "
        f"(difference {wall_ms:.0f} ms)",
        flush=True,
    )


if __name__ == "__main__":
    main()
