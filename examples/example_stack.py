"""The example a user would copy: a user pool, an identity pool, and a role for admins.

- guests (no login) get the guest role, which may only read one table;
- users of the user pool get the default authenticated role, which may read and write it;
- members of the user pool group ``admins`` get the admin role.
"""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from constructs import Construct

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    RoleMappingMatchType,
    RoleMappingRule,
    UserPoolAuthenticationProvider,
)


class ExampleStack(cdk.Stack):
    """An identity pool for a notes app."""

    def __init__(self, scope: Construct, id: str, **kwargs: Any) -> None:
        super().__init__(scope, id, **kwargs)

        self.user_pool = cognito.UserPool(
            self, "Users", removal_policy=cdk.RemovalPolicy.DESTROY, self_sign_up_enabled=False
        )
        cognito.CfnUserPoolGroup(self, "AdminsGroup", user_pool_id=self.user_pool.user_pool_id, group_name="admins")
        self.client = self.user_pool.add_client(
            "WebClient", auth_flows=cognito.AuthFlow(user_password=True, user_srp=True), generate_secret=False
        )

        self.notes = dynamodb.Table(
            self,
            "Notes",
            partition_key=dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING),
            billing_mode=dynamodb.BillingMode.PAY_PER_REQUEST,
            removal_policy=cdk.RemovalPolicy.DESTROY,
        )

        self.identity_pool = IdentityPool(
            self,
            "IdentityPool",
            identity_pool_name="example_notes",
            allow_unauthenticated_identities=True,
            authentication_providers=IdentityPoolAuthenticationProviders(
                user_pools=[UserPoolAuthenticationProvider(user_pool=self.user_pool, user_pool_client=self.client)],
            ),
        )
        self.notes.grant_read_data(self.identity_pool.unauthenticated_role)
        self.notes.grant_read_write_data(self.identity_pool.authenticated_role)

        # Roles you bring get the same lock as the default ones: this pool (aud), signed-in users (amr).
        self.admin_role = iam.Role(
            self,
            "AdminRole",
            description="Admins of the notes app",
            assumed_by=self.identity_pool.federated_principal("authenticated"),
        )
        self.notes.grant_full_access(self.admin_role)

        self.identity_pool.add_role_mappings(
            IdentityPoolRoleMapping(
                provider_url=IdentityPoolProviderUrl.user_pool(self.user_pool, self.client),
                mapping_key="users",
                resolve_ambiguous_roles=True,
                rules=[
                    RoleMappingRule(
                        claim="cognito:groups",
                        claim_value="admins",
                        mapped_role=self.admin_role,
                        match_type=RoleMappingMatchType.CONTAINS,
                    ),
                ],
            )
        )

        cdk.CfnOutput(self, "IdentityPoolId", value=self.identity_pool.identity_pool_id)
        cdk.CfnOutput(self, "UserPoolId", value=self.user_pool.user_pool_id)
        cdk.CfnOutput(self, "UserPoolClientId", value=self.client.user_pool_client_id)
        cdk.CfnOutput(self, "AuthenticatedRoleArn", value=self.identity_pool.authenticated_role.role_arn)
        cdk.CfnOutput(self, "UnauthenticatedRoleArn", value=self.identity_pool.unauthenticated_role.role_arn)
        cdk.CfnOutput(self, "AdminRoleArn", value=self.admin_role.role_arn)
        cdk.CfnOutput(self, "NotesTableName", value=self.notes.table_name)
