"""The checks find a role by identity across the stacks of an app, never by a look-alike logical id or name."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from aws_cdk.assertions import Annotations, Match

from cdk_identitypool import IdentityPool, IdentityPoolCheck
from tests.helpers import AMAZON, about, checked, cognito_trusted_role, map_amazon_users_to, new_stack


def other_stack(stack: cdk.Stack, account: str = "123456789012") -> cdk.Stack:
    app = stack.node.root
    assert isinstance(app, cdk.App)
    return cdk.Stack(app, "Other", env=cdk.Environment(account=account, region="us-east-1"))


def test_a_role_of_another_stack_is_checked_there_not_as_the_local_namesake() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    # Same construct path in both stacks, so the same logical id: only the other stack's role is mapped.
    iam.Role(stack, "Role", assumed_by=pool.federated_principal("authenticated"))
    foreign = iam.Role(other_stack(stack), "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, foreign)
    checked(stack)
    Annotations.from_stack(foreign.stack).has_error("/Other/Role", about(IdentityPoolCheck.UNTRUSTED_ROLE))


def test_a_role_of_another_stack_trusting_a_literal_pool_id_is_unverifiable_there() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    iam.Role(stack, "Role", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))  # the local namesake
    other = other_stack(stack)
    # A trust naming the pool by reference would make the two stacks depend on each other: a literal id.
    role = cognito_trusted_role(other, "Role", "us-east-1:11111111-2222-3333-4444-555555555555", "authenticated")
    map_amazon_users_to(pool, role)
    annotations = checked(stack)
    assert annotations.find_error("*", Match.any_value()) == []
    other_annotations = Annotations.from_stack(other)
    assert other_annotations.find_error("*", Match.any_value()) == []
    other_annotations.has_warning("/Other/Role", about(IdentityPoolCheck.UNVERIFIABLE_ROLE))


def test_a_role_mapped_by_name_is_found_in_another_stack_of_the_same_account() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    other = other_stack(stack)
    iam.Role(other, "Team", role_name="team", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, iam.Role.from_role_name(stack, "TeamByName", "team"))
    checked(stack)
    Annotations.from_stack(other).has_error("/Other/Team", about(IdentityPoolCheck.UNTRUSTED_ROLE))


def test_a_role_of_the_same_name_in_another_account_is_not_taken_for_it() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    other = other_stack(stack, account="999999999999")
    iam.Role(other, "Team", role_name="team", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, iam.Role.from_role_name(stack, "TeamByName", "team"))
    checked(stack).has_warning("/TestStack/Pool", about(IdentityPoolCheck.UNVERIFIABLE_ROLE))
    assert Annotations.from_stack(other).find_error("*", Match.any_value()) == []
