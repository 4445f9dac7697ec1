"""The template model: a pure-Python, read-only view of the identity-pool parts of CloudFormation templates,
and trust-policy evaluation over it (yes / no / unknown). It imports neither aws-cdk-lib nor jsii."""
