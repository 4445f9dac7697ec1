"""What defined and imported identity pools share: the ``IIdentityPool`` interface and the grants."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam
from aws_cdk.interfaces.aws_cognito import IIdentityPoolRef

from .._errors import IdentityPoolValidationError
from .validation import check_str

#: What a backend of developer-authenticated identities calls: the actions of AWS's managed policy
#: AmazonCognitoDeveloperAuthenticatedIdentities, on this pool only.
DEVELOPER_AUTHENTICATION_ACTIONS = (
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "cognito-identity:LookupDeveloperIdentity",
    "cognito-identity:MergeDeveloperIdentities",
    "cognito-identity:UnlinkDeveloperIdentity",
)


@runtime_checkable
class IIdentityPool(upstream.IIdentityPool, IIdentityPoolRef, Protocol):
    """An identity pool, defined in this app or imported: aws-cdk-lib's ``IIdentityPool`` with grants.

    ```python
    from aws_cdk import aws_iam as iam
    from cdk_identitypool import IdentityPool, IIdentityPool

    pool: IIdentityPool = IdentityPool.from_identity_pool_id(
        self, "Imported", "us-east-1:0a1b2c3d-1111-2222-3333-444455556666"
    )
    backend = iam.Role(self, "Backend", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    pool.grant(backend, "cognito-identity:DescribeIdentityPool")
    ```
    """

    @property
    def identity_pool_id(self) -> str:
        """The id, ``<region>:<uuid>``."""
        ...

    @property
    def identity_pool_arn(self) -> str:
        """The ARN, ``arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>``."""
        ...

    @property
    def identity_pool_name(self) -> str:
        """The name."""
        ...

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``cognito-identity:`` actions on this pool only."""
        ...

    def grant_developer_authentication(self, grantee: iam.IGrantable) -> iam.Grant:
        """Let a backend issue tokens for developer-authenticated identities of this pool."""
        ...


class PoolGrants:
    """The grants of a pool (mixed into the defined and the imported pool classes).

    A plain Python mixin: none of its names is a member of aws-cdk-lib's classes, so jsii sees no override.
    """

    identity_pool_arn: str

    def grant(self, grantee: iam.IGrantable, *actions: str) -> iam.Grant:
        """Grant ``actions`` (e.g. ``cognito-identity:LookupDeveloperIdentity``) on this pool only."""
        if not actions:
            raise IdentityPoolValidationError("actions", actions, "grant at least one action")
        for i, action in enumerate(actions):
            check_str(
                f"actions[{i}]",
                action,
                pattern=r"cognito-identity:[A-Za-z*]+",
                pattern_words="an action of the cognito-identity service, e.g. cognito-identity:GetId",
            )
        return iam.Grant.add_to_principal(
            grantee=grantee, actions=list(actions), resource_arns=[self.identity_pool_arn]
        )

    def grant_developer_authentication(self, grantee: iam.IGrantable) -> iam.Grant:
        """Let a backend call ``GetOpenIdTokenForDeveloperIdentity`` (and look up, merge, unlink its identities)."""
        return self.grant(grantee, *DEVELOPER_AUTHENTICATION_ACTIONS)
