"""Repository-wide pytest setup: jsii (aws-cdk-lib's runtime) runs on the project's Node 24, and the
hypothesis profiles.

Property tests are deterministic by default (profile ``ci``: derandomized, no example database), so a
CI run never draws a new counterexample; ``./run.sh fuzz`` selects profile ``fuzz`` (fresh random seeds,
many more examples). Every counterexample fuzzing finds becomes a fixed regression test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

from tools.node import node_env

os.environ.update(node_env())

_COMMON = settings(deadline=None, print_blob=True, database=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", _COMMON, derandomize=True, max_examples=15)
settings.register_profile("fuzz", _COMMON, derandomize=False, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
