"""What users build around a pool: group roles, per-identity scoping, provider-scoped trust, client outputs."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolValidationError,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool.testing import Outcome, RoleResolutionSimulator
from tests.helpers import SOCIAL, iter_policy_statements, new_stack, resources, synth, trust_statements

IDENTITY_ID = "${cognito-identity.amazonaws.com:sub}"


def _amr(template: dict[str, Any], role_id: str) -> Any:
    (statement,) = trust_statements(template, role_id)
    return statement["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"]


def _role_id(stack: cdk.Stack, role: iam.Role) -> str:
    return str(stack.resolve((role.node.default_child).logical_id))  # type: ignore[union-attr]


# --- provider-scoped trust --------------------------------------------------------------------------------


def test_a_role_can_trust_only_the_users_of_some_providers() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            facebook=SOCIAL.facebook,
            custom_provider="login.example.com",
            user_pools=[UserPoolAuthenticationProvider(user_pool=users)],
        ),
    )
    facebook_only = iam.Role(
        stack, "FacebookOnly", assumed_by=pool.federated_principal(providers=[IdentityPoolProviderUrl.FACEBOOK])
    )
    staff = iam.Role(stack, "Staff", assumed_by=pool.federated_principal(providers=[users, "login.example.com"]))
    template = synth(stack)
    assert _amr(template, _role_id(stack, facebook_only)) == ["graph.facebook.com"]
    users_id = stack.resolve((users.node.default_child).logical_id)  # type: ignore[union-attr]
    assert _amr(template, _role_id(stack, staff)) == [
        {"Fn::GetAtt": [users_id, "ProviderName"]},
        "login.example.com",
    ]


def test_provider_scoped_trust_is_for_signed_in_users_only() -> None:
    pool = IdentityPool(new_stack(), "Pool")
    with pytest.raises(IdentityPoolValidationError, match=r"providers=.*only authenticated identities"):
        pool.federated_principal("unauthenticated", providers=[IdentityPoolProviderUrl.GOOGLE])
    with pytest.raises(IdentityPoolValidationError, match=r"providers\[0\]=42: .*IUserPool"):
        pool.federated_principal(providers=[42])  # type: ignore[list-item]


# --- per-identity scoping ---------------------------------------------------------------------------------


def test_own_objects_are_the_identitys_folder_only() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    bucket = s3.Bucket(stack, "Bucket")
    pool.grant_own_objects(pool.authenticated_role, bucket)
    template = synth(stack)
    statements = list(iter_policy_statements(template, _role_id(stack, pool.authenticated_role)))  # type: ignore[arg-type]
    bucket_id = stack.resolve((bucket.node.default_child).logical_id)  # type: ignore[union-attr]
    objects, listing = statements
    assert objects["Action"] == ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    assert objects["Resource"] == {"Fn::Join": ["", [{"Fn::GetAtt": [bucket_id, "Arn"]}, f"/private/{IDENTITY_ID}/*"]]}
    assert listing["Action"] == "s3:ListBucket"
    assert listing["Condition"] == {
        "StringLike": {"s3:prefix": [f"private/{IDENTITY_ID}/", f"private/{IDENTITY_ID}/*"]}
    }


def test_own_items_are_those_keyed_by_the_identity_id() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    table = dynamodb.Table(
        stack, "Notes", partition_key=dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING)
    )
    pool.grant_own_items(pool.authenticated_role, table, actions=["dynamodb:GetItem", "dynamodb:PutItem"])
    template = synth(stack)
    (statement,) = iter_policy_statements(template, _role_id(stack, pool.authenticated_role))  # type: ignore[arg-type]
    assert statement["Action"] == ["dynamodb:GetItem", "dynamodb:PutItem"]
    assert statement["Condition"] == {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [IDENTITY_ID]}}


def test_per_identity_grants_refuse_the_guest_role_unless_asked() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    bucket = s3.Bucket(stack, "Bucket")
    with pytest.raises(IdentityPoolValidationError, match="guest's identity id changes when the guest signs in"):
        pool.grant_own_objects(pool.unauthenticated_role, bucket)
    pool.grant_own_objects(pool.unauthenticated_role, bucket, prefix="guest/", allow_guests=True)


def _notes(stack: cdk.Stack, **props: Any) -> dynamodb.Table:
    key = dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING)
    return dynamodb.Table(stack, "Notes", partition_key=key, **props)


@pytest.mark.parametrize(
    "actions",
    [
        ["dynamodb:Scan"],
        ["dynamodb:*"],
        ["dynamodb:Get*"],
        ["dynamodb:GetItem", "dynamodb:ListTables"],
        ["dynamodb:DescribeTable"],
        ["dynamodb:PartiQLSelect"],
    ],
)
def test_own_items_refuse_actions_that_carry_no_leading_key(actions: list[str]) -> None:
    # ForAllValues:StringEquals is true when dynamodb:LeadingKeys is absent: a Scan would read every item.
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    with pytest.raises(IdentityPoolValidationError, match="ForAllValues:StringEquals is true when the key") as caught:
        pool.grant_own_items(pool.authenticated_role, _notes(stack), actions=actions)
    assert caught.value.prop == "actions"
    assert caught.value.value == [a for a in actions if a != "dynamodb:GetItem"]


def test_own_items_accept_every_item_action_that_names_its_keys_in_any_case() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    actions = [
        "dynamodb:GetItem",
        "dynamodb:batchgetitem",
        "dynamodb:Query",
        "dynamodb:ConditionCheckItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
        "dynamodb:BatchWriteItem",
        "dynamodb:PartiQLInsert",
        "dynamodb:PartiQLUpdate",
        "dynamodb:PartiQLDelete",
    ]
    pool.grant_own_items(pool.authenticated_role, _notes(stack), actions=actions)
    template = synth(stack)
    (statement,) = iter_policy_statements(template, _role_id(stack, pool.authenticated_role))  # type: ignore[arg-type]
    assert statement["Action"] == actions


def test_own_items_reach_the_tables_indexes_only_when_asked() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    table = _notes(stack)
    table.add_global_secondary_index(
        index_name="byOwnerDate",
        partition_key=dynamodb.Attribute(name="owner", type=dynamodb.AttributeType.STRING),
        sort_key=dynamodb.Attribute(name="date", type=dynamodb.AttributeType.STRING),
    )
    reader = iam.Role(stack, "Reader", assumed_by=pool.federated_principal())
    pool.grant_own_items(pool.authenticated_role, table, actions=["dynamodb:Query"])
    pool.grant_own_items(reader, table, actions=["dynamodb:Query"], include_indexes=True)
    template = synth(stack)
    table_id = stack.resolve(table.node.default_child.logical_id)  # type: ignore[union-attr]
    table_arn = {"Fn::GetAtt": [table_id, "Arn"]}
    (table_only,) = iter_policy_statements(template, _role_id(stack, pool.authenticated_role))  # type: ignore[arg-type]
    assert table_only["Resource"] == table_arn
    (with_indexes,) = iter_policy_statements(template, _role_id(stack, reader))
    assert with_indexes["Resource"] == [table_arn, {"Fn::Join": ["", [table_arn, "/index/*"]]}]
    assert with_indexes["Condition"] == {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": [IDENTITY_ID]}}


def _key_actions(template: dict[str, Any], role_id: str) -> list[Any]:
    return [s["Action"] for s in iter_policy_statements(template, role_id) if "kms:Decrypt" in s["Action"]]


def test_own_items_of_a_table_with_a_customer_managed_key_also_grant_the_key() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    table = _notes(stack, encryption=dynamodb.TableEncryption.CUSTOMER_MANAGED)
    reader = iam.Role(stack, "Reader", assumed_by=pool.federated_principal())
    pool.grant_own_items(reader, table, actions=["dynamodb:GetItem", "dynamodb:Query"])
    pool.grant_own_items(pool.authenticated_role, table)
    template = synth(stack)
    # As aws-cdk-lib's grants: decrypt to read, encrypt and decrypt to write.
    assert _key_actions(template, _role_id(stack, reader)) == ["kms:Decrypt"]
    (read_write,) = _key_actions(template, _role_id(stack, pool.authenticated_role))  # type: ignore[arg-type]
    assert {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"} <= set(read_write)


def test_own_objects_of_a_bucket_with_a_customer_managed_key_also_grant_the_key() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    bucket = s3.Bucket(stack, "Bucket", encryption=s3.BucketEncryption.KMS)
    reader = iam.Role(stack, "Reader", assumed_by=pool.federated_principal())
    deleter = iam.Role(stack, "Deleter", assumed_by=pool.federated_principal())
    pool.grant_own_objects(reader, bucket, actions=["s3:Get*"])
    pool.grant_own_objects(deleter, bucket, actions=["s3:DeleteObject"])
    pool.grant_own_objects(pool.authenticated_role, bucket)
    template = synth(stack)
    assert _key_actions(template, _role_id(stack, reader)) == ["kms:Decrypt"]
    assert _key_actions(template, _role_id(stack, deleter)) == []
    (read_write,) = _key_actions(template, _role_id(stack, pool.authenticated_role))  # type: ignore[arg-type]
    assert {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*"} <= set(read_write)


@pytest.mark.parametrize("prefix", ["*/", "private/?/", "users/${aws:username}/", "a*b/"])
def test_own_objects_refuse_a_prefix_with_wildcards_or_policy_variables(prefix: str) -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    with pytest.raises(IdentityPoolValidationError, match=r"prefix=.*must be a literal folder"):
        pool.grant_own_objects(pool.authenticated_role, s3.Bucket(stack, "Bucket"), prefix=prefix)


# --- client outputs ---------------------------------------------------------------------------------------


def test_client_outputs_name_the_pool_id_and_region() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Web-Pool")
    pool.add_client_outputs()
    IdentityPool(stack, "Admin").add_client_outputs(prefix="Admin")
    outputs = synth(stack)["Outputs"]
    pool_id = stack.resolve(pool.cfn_identity_pool.logical_id)
    assert outputs["WebPoolIdentityPoolId"]["Value"] == {"Ref": pool_id}
    assert outputs["WebPoolRegion"]["Value"] == "us-east-1"
    assert {"AdminIdentityPoolId", "AdminRegion"} <= set(outputs)


# --- a role per user pool group ---------------------------------------------------------------------------


def _group_pool(stack: cdk.Stack, *, resolve_ambiguous_roles: bool = True) -> tuple[Any, ...]:
    users = cognito.UserPool(stack, "Users")
    provider = UserPoolAuthenticationProvider(user_pool=users)
    pool = IdentityPool(
        stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(user_pools=[provider])
    )
    roles = pool.add_user_pool_group_roles(
        provider, groups={"admins": 0, "viewers": 10}, resolve_ambiguous_roles=resolve_ambiguous_roles
    )
    return pool, provider, roles


def test_each_group_gets_a_role_trusted_only_through_its_user_pool() -> None:
    stack = new_stack()
    pool, _, roles = _group_pool(stack)
    template = synth(stack)
    groups = {
        g["Properties"]["GroupName"]: g["Properties"]
        for g in resources(template, "AWS::Cognito::UserPoolGroup").values()
    }
    assert groups["admins"]["Precedence"] == 0 and groups["viewers"]["Precedence"] == 10
    assert groups["admins"]["RoleArn"] == {"Fn::GetAtt": [_role_id(stack, roles["admins"]), "Arn"]}
    (mapping,) = resources(template, "AWS::Cognito::IdentityPoolRoleAttachment").values()
    assert mapping["Properties"]["RoleMappings"]["Users"]["Type"] == "Token"
    assert _amr(template, _role_id(stack, roles["viewers"])) == [
        {
            "Fn::GetAtt": [
                stack.resolve(pool.user_pool_providers[0].user_pool.node.default_child.logical_id),
                "ProviderName",
            ]
        }
    ]


def test_the_simulator_hands_out_the_higher_precedence_groups_role() -> None:
    stack = new_stack()
    pool, provider, roles = _group_pool(stack)
    sim = RoleResolutionSimulator(stack)
    sim.sign_in(provider, {"cognito:groups": ["viewers", "admins"]}).assert_role(roles["admins"])
    sim.sign_in(provider, {"cognito:groups": ["viewers"]}).assert_role(roles["viewers"])
    sim.sign_in(provider, {"cognito:groups": []}).assert_role(pool.authenticated_role)
    result = sim.sign_in(provider, {"cognito:groups": ["viewers"]}, requested_role=roles["admins"])
    result.assert_denied(Outcome.REQUESTED_ROLE_NOT_ALLOWED)


def test_users_in_no_group_are_denied_when_asked() -> None:
    stack = new_stack()
    _, provider, _ = _group_pool(stack, resolve_ambiguous_roles=False)
    RoleResolutionSimulator(stack).sign_in(provider, {"cognito:groups": []}).assert_denied(Outcome.AMBIGUOUS_DENY)


def test_existing_groups_get_their_role_set() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    provider = UserPoolAuthenticationProvider(user_pool=users)
    pool = IdentityPool(
        stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(user_pools=[provider])
    )
    editors = cognito.UserPoolGroup(stack, "Editors", user_pool=users, group_name="editors", precedence=5)
    roles = pool.add_user_pool_group_roles(provider, groups=[editors], mapping_key="staff")
    (group,) = resources(synth(stack), "AWS::Cognito::UserPoolGroup").values()
    assert group["Properties"]["RoleArn"] == {"Fn::GetAtt": [_role_id(stack, roles["editors"]), "Arn"]}


def test_group_roles_need_a_provider_of_this_pool() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    stranger = UserPoolAuthenticationProvider(user_pool=cognito.UserPool(stack, "Users"))
    with pytest.raises(
        IdentityPoolValidationError, match=r"user_pool=.*must be one of this pool's user pool providers"
    ):
        pool.add_user_pool_group_roles(stranger, groups={"admins": 0})


def _provider_pool(stack: cdk.Stack, *users: Any, **props: Any) -> tuple[IdentityPool, list[Any]]:
    providers = [UserPoolAuthenticationProvider(user_pool=u) for u in users]
    pool = IdentityPool(
        stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(user_pools=providers), **props
    )
    return pool, providers


def test_group_names_follow_cognitos_pattern_and_precedence_range() -> None:
    stack = new_stack()
    pool, (provider,) = _provider_pool(stack, cognito.UserPool(stack, "Users"))
    # Cognito's GroupName is [\p{L}\p{M}\p{S}\p{N}\p{P}]+: any script, symbols and punctuation, no spaces.
    roles = pool.add_user_pool_group_roles(provider, groups={"管理员": 0, "админы": 1, "a+b@c": 2**31 - 1})
    template = synth(stack)
    names = {g["Properties"]["GroupName"] for g in resources(template, "AWS::Cognito::UserPoolGroup").values()}
    assert names == {"管理员", "админы", "a+b@c"}
    assert len({_role_id(stack, role) for role in roles.values()}) == 3


@pytest.mark.parametrize(
    ("groups", "rule"),
    [
        ({"my group": 0}, r"not U\+0020 \(SPACE\)"),
        ({"admins\u200b": 0}, r"not U\+200B \(ZERO WIDTH SPACE\)"),
        ({"g" * 129: 0}, "at most 128 characters"),
        ({"admins": 2**31}, r"from 0 to 2\^31-1"),
    ],
)
def test_group_names_and_precedences_cognito_refuses_are_refused_here(groups: dict[str, int], rule: str) -> None:
    stack = new_stack()
    pool, (provider,) = _provider_pool(stack, cognito.UserPool(stack, "Users"))
    with pytest.raises(IdentityPoolValidationError, match=rf"groups\[.*{rule}"):
        pool.add_user_pool_group_roles(provider, groups=groups)


def test_group_role_descriptions_stay_latin_1_for_iam() -> None:
    stack = new_stack()
    pool, (provider,) = _provider_pool(stack, cognito.UserPool(stack, "Users"))
    roles = pool.add_user_pool_group_roles(provider, groups={"管理员": 0, "café": 1})
    template = synth(stack)  # cfn-lint checks IAM's description pattern
    descriptions = [template["Resources"][_role_id(stack, r)]["Properties"]["Description"] for r in roles.values()]
    assert descriptions == [
        "Role of user pool group \\u7ba1\\u7406\\u5458 in identity pool Pool",
        "Role of user pool group café in identity pool Pool",
    ]


def test_the_same_group_name_in_two_user_pools_gets_two_roles() -> None:
    stack = new_stack()
    pool, (staff, customers) = _provider_pool(
        stack, cognito.UserPool(stack, "Staff"), cognito.UserPool(stack, "Customers")
    )
    staff_roles = pool.add_user_pool_group_roles(staff, groups={"admins": 0})
    customer_roles = pool.add_user_pool_group_roles(customers, groups={"admins": 0})
    template = synth(stack)
    assert _role_id(stack, staff_roles["admins"]) != _role_id(stack, customer_roles["admins"])
    assert len(resources(template, "AWS::Cognito::UserPoolGroup")) == 2


def test_existing_groups_must_be_of_the_providers_user_pool_and_named_once() -> None:
    stack = new_stack()
    users, others = cognito.UserPool(stack, "Users"), cognito.UserPool(stack, "Others")
    pool, (provider,) = _provider_pool(stack, users)
    admins = cognito.UserPoolGroup(stack, "Admins", user_pool=users, group_name="admins")
    again = cognito.UserPoolGroup(stack, "Again", user_pool=users, group_name="admins")
    foreign = cognito.UserPoolGroup(stack, "Foreign", user_pool=others, group_name="editors")
    with pytest.raises(IdentityPoolValidationError, match=r"groups\[1\]='admins': duplicate group name"):
        pool.add_user_pool_group_roles(provider, groups=[admins, again])
    with pytest.raises(IdentityPoolValidationError, match=r"groups\[0\]='editors': is a group of another user pool"):
        pool.add_user_pool_group_roles(provider, groups=[foreign])


def test_group_roles_trust_tag_session_when_principal_tags_come_later() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    pool, (provider,) = _provider_pool(stack, users)
    roles = pool.add_user_pool_group_roles(provider, groups={"admins": 0})
    pool.add_principal_tags(IdentityPoolPrincipalTags.user_pool(users, use_defaults=True))
    template = synth(stack)
    actions = [s["Action"] for s in trust_statements(template, _role_id(stack, roles["admins"]))]
    assert "sts:TagSession" in str(actions)
    RoleResolutionSimulator(stack).sign_in(provider, {"cognito:groups": ["admins"]}).assert_role(roles["admins"])


def test_group_roles_trust_tag_session_when_principal_tags_come_first() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    pool, (provider,) = _provider_pool(stack, users)
    pool.add_principal_tags(IdentityPoolPrincipalTags.user_pool(users, use_defaults=True))
    roles = pool.add_user_pool_group_roles(provider, groups={"admins": 0})
    template = synth(stack)
    (statement,) = trust_statements(template, _role_id(stack, roles["admins"]))
    assert sorted(statement["Action"]) == ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]


def test_groups_of_a_user_pool_in_another_environment_are_refused_naming_both() -> None:
    stack = new_stack()
    users = cognito.UserPool.from_user_pool_arn(
        stack, "Users", "arn:aws:cognito-idp:eu-west-1:210987654321:userpool/eu-west-1_AbCdEf"
    )
    pool, (provider,) = _provider_pool(stack, users)
    with pytest.raises(
        IdentityPoolValidationError,
        match=r"user_pool='TestStack/Users': is in account 210987654321 region eu-west-1, but the groups would be "
        r"created in stack 'TestStack' \(account 123456789012 region us-east-1\)",
    ):
        pool.add_user_pool_group_roles(provider, groups={"admins": 0})


def test_existing_groups_in_the_user_pools_stack_are_refused_not_a_dependency_cycle() -> None:
    app = cdk.App()
    env = cdk.Environment(account="123456789012", region="us-east-1")
    users_stack, pool_stack = cdk.Stack(app, "Users", env=env), cdk.Stack(app, "Identity", env=env)
    users = cognito.UserPool(users_stack, "Users")
    admins = cognito.UserPoolGroup(users_stack, "Admins", user_pool=users, group_name="admins")
    pool, (provider,) = _provider_pool(pool_stack, users)
    with pytest.raises(
        IdentityPoolValidationError,
        match=r"groups\[0\]='Users/Admins': .*defined in stack 'Users', which the identity pool's stack 'Identity' "
        r"depends on .*dependency cycle",
    ):
        pool.add_user_pool_group_roles(provider, groups=[admins])
    # Group names instead: the groups are created in the identity pool's stack, no cycle.
    pool.add_user_pool_group_roles(provider, groups={"editors": 1})
    app.synth()
    assert len(resources(synth(pool_stack), "AWS::Cognito::UserPoolGroup")) == 1
