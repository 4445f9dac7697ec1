"""The ``cdk-identitypool`` command line."""
