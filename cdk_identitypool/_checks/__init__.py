"""The security checks: the catalogue, the checks of one pool over the template model, and the adapters that
report them on a CDK app (the Aspect, the cdk-nag pack)."""
