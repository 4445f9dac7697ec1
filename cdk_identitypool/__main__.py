"""``python -m cdk_identitypool``: the ``cdk-identitypool`` command (check, simulate)."""

from ._cli.main import main

raise SystemExit(main())
