"""Benchmark: the command line's wall time, without Node (a PATH with no ``node``, no ``JSII_NODE``).

Run with ``./run.sh bench`` (after the synthesis benchmark) or ``python benchmarks/bench_cli.py``. Prints the
median of ``--repeats`` runs, each a fresh process, of ``cdk-identitypool --help`` and of ``check`` on a
generated template of about 100 KB (a pool, its attachment with a rules mapping, and roles with policies),
next to the targets (0.3 s and 1 s). Not part of the test suite: figures, never timed tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {"--help": 0.3, "check (100 KB)": 1.0}


def big_template(size: int = 100_000) -> dict[str, Any]:
    """A template of about ``size`` bytes (JSON): a pool whose rules mapping hands out many roles."""
    resources: dict[str, Any] = {
        "Pool": {"Type": "AWS::Cognito::IdentityPool", "Properties": {"AllowUnauthenticatedIdentities": False}},
    }
    rules: list[dict[str, Any]] = []
    i = 0
    while len(json.dumps(resources)) < size:
        resources[f"Role{i}"] = {
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                            "Action": "sts:AssumeRoleWithWebIdentity",
                            "Condition": {
                                "StringEquals": {"cognito-identity.amazonaws.com:aud": {"Ref": "Pool"}},
                                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
                            },
                        }
                    ],
                },
                "Policies": [
                    {
                        "PolicyName": "data",
                        "PolicyDocument": {
                            "Version": "2012-10-17",
                            "Statement": [
                                {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": f"arn:aws:s3:::b{i}/*"}
                            ],
                        },
                    }
                ],
            },
        }
        if len(rules) < 25:
            rules.append(
                {
                    "Claim": "custom:team",
                    "MatchType": "Equals",
                    "Value": f"t{i}",
                    "RoleARN": {"Fn::GetAtt": [f"Role{i}", "Arn"]},
                }
            )
        i += 1
    resources["Attachment"] = {
        "Type": "AWS::Cognito::IdentityPoolRoleAttachment",
        "Properties": {
            "IdentityPoolId": {"Ref": "Pool"},
            "Roles": {"authenticated": {"Fn::GetAtt": ["Role0", "Arn"]}},
            "RoleMappings": {
                "graph": {
                    "IdentityProvider": "graph.facebook.com",
                    "Type": "Rules",
                    "AmbiguousRoleResolution": "Deny",
                    "RulesConfiguration": {"Rules": rules},
                }
            },
        },
    }
    resources["Pool"]["Properties"]["SupportedLoginProviders"] = {"graph.facebook.com": "1234"}
    return {"Resources": resources}


def _time(argv: list[str]) -> float:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cdk_identitypool", *argv], env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"cdk-identitypool {argv} failed ({done.returncode}):\n{done.stderr.decode()}")
    if b"jsii" in done.stderr or b"node" in done.stderr.lower():
        raise SystemExit(f"cdk-identitypool {argv} needed Node:\n{done.stderr.decode()}")
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=7, help="runs per command (default: 7)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as folder:
        template = Path(folder) / "big.template.json"
        template.write_text(json.dumps(build := big_template(), indent=1))
        size = template.stat().st_size
        commands = {"--help": ["--help"], "check (100 KB)": ["check", str(template)]}
        print(f"command line without Node: {len(build['Resources'])} resources, {size / 1024:.0f} KiB template")
        for name, command in commands.items():
            times = [_time(command) for _ in range(args.repeats)]
            median = statistics.median(times)
            verdict = "within" if median <= TARGETS[name] else "OVER"
            print(f"  {name:16} median {median:.3f} s, max {max(times):.3f} s ({verdict} the {TARGETS[name]} s target)")


if __name__ == "__main__":
    main()
