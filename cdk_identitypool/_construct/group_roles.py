"""A role per user pool group, handed out by a token-based role mapping.

A user pool puts the roles of a user's groups in its ID token: ``cognito:roles`` (all of them) and
``cognito:preferred_role`` (the role of the group with the lowest precedence number). A token-based role
mapping for that user pool makes the identity pool hand out the preferred role, or the role the client
requests if the token carries it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from aws_cdk import Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .._model.values import normalize
from .pool_members import PoolMembers
from .provider_url import IdentityPoolProviderUrl
from .role_mapping import IdentityPoolRoleMapping
from .validation import check_claim_name, check_instance, check_str, has_attr, iam_description, is_token

#: Cognito's PrecedenceType: 0 .. 2^31-1 (lower wins).
MAX_PRECEDENCE = 2**31 - 1


def add_group_roles(
    pool: PoolMembers,
    user_pool: Any,
    groups: Mapping[str, int] | Sequence[cognito.UserPoolGroup],
    *,
    mapping_key: str | None,
    resolve_ambiguous_roles: bool,
) -> dict[str, iam.Role]:
    """See :meth:`IdentityPool.add_user_pool_group_roles`."""
    if not any(user_pool is p for p in pool.user_pool_providers):
        raise IdentityPoolValidationError(
            "user_pool",
            user_pool,
            "must be one of this pool's user pool providers (given in authentication_providers.user_pools or "
            "to add_user_pool_authentication)",
        )
    has_attr("user_pool", user_pool, "user_pool_client", "a UserPoolAuthenticationProvider")
    named = _named_groups(pool, user_pool, groups)
    if any(existing is None for _, existing in named.values()):
        _refuse_another_environment(pool, user_pool.user_pool)
    key = mapping_key if mapping_key is not None else user_pool.user_pool.node.id
    check_str("mapping_key", key, max_len=128)
    tagged = bool(pool.principal_tags)
    principal = pool.federated_principal("authenticated", session_tags=tagged, providers=[user_pool.user_pool])
    # One scope per user pool provider (its mapping key is unique in the pool): the same group name in two
    # user pools gets two roles.
    scope = Construct(pool, f"{_construct_id(key)}Groups")
    roles: dict[str, iam.Role] = {}
    for name, (precedence, existing) in named.items():
        role = iam.Role(
            scope,
            f"{_construct_id(name)}Role",
            assumed_by=principal,
            description=iam_description(f"Role of user pool group {name} in identity pool {pool.node.id}"),
        )
        if not tagged:  # principal tags added later must reach this trust too
            pool._tag_session_later().append((role, principal))
        if existing is None:
            cognito.UserPoolGroup(
                scope,
                f"{_construct_id(name)}Group",
                user_pool=user_pool.user_pool,
                group_name=name,
                precedence=precedence,
                role=role,
            )
        else:
            l1 = existing.node.default_child
            assert isinstance(l1, cognito.CfnUserPoolGroup)
            l1.role_arn = role.role_arn
        roles[name] = role
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            mapping_key=key,
            provider_url=IdentityPoolProviderUrl.user_pool(user_pool.user_pool, user_pool.user_pool_client),
            use_token=True,
            resolve_ambiguous_roles=resolve_ambiguous_roles,
        )
    )
    return roles


def _named_groups(
    pool: PoolMembers, user_pool: Any, groups: Mapping[str, int] | Sequence[cognito.UserPoolGroup]
) -> dict[str, tuple[int | None, cognito.UserPoolGroup | None]]:
    named: dict[str, tuple[int | None, cognito.UserPoolGroup | None]] = {}
    if isinstance(groups, Mapping):
        for name, precedence in groups.items():
            # A group name becomes a construct id: a token's text changes from run to run.
            check_str("groups key", name, allow_token=False)
            check_str(f"groups[{name!r}]", name, max_len=128)
            check_claim_name(
                f"groups[{name!r}]", name, what="a group name (Cognito's GroupName [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+)"
            )
            if not isinstance(precedence, int) or isinstance(precedence, bool) or not 0 <= precedence <= MAX_PRECEDENCE:
                raise IdentityPoolValidationError(
                    f"groups[{name!r}]",
                    precedence,
                    "the precedence must be an int from 0 to 2^31-1 (2147483647; lower wins)",
                )
            named[name] = (precedence, None)
    else:
        pool_stack = Stack.of(pool)
        for i, group in enumerate(groups):
            check_instance(
                f"groups[{i}]", group, cognito.UserPoolGroup, "a cognito.UserPoolGroup (or name → precedence)"
            )
            l1 = group.node.default_child
            if not isinstance(l1, cognito.CfnUserPoolGroup) or not isinstance(l1.group_name, str):
                raise IdentityPoolValidationError(
                    f"groups[{i}]", group, "needs a group_name (a group defined in this app with a name)"
                )
            if not _same_user_pool(pool_stack, l1.user_pool_id, user_pool.user_pool.user_pool_id):
                raise IdentityPoolValidationError(
                    f"groups[{i}]",
                    l1.group_name,
                    f"is a group of another user pool than the provider's ({user_pool.user_pool.node.path})",
                )
            if l1.group_name in named:
                raise IdentityPoolValidationError(
                    f"groups[{i}]",
                    l1.group_name,
                    "duplicate group name: a user pool's group names are unique (two UserPoolGroups name it)",
                )
            _refuse_group_elsewhere(pool, user_pool.user_pool, group, f"groups[{i}]")
            named[l1.group_name] = (None, group)
    if not named:
        raise IdentityPoolValidationError("groups", groups, "give at least one group")
    ids = [_construct_id(n) for n in named]
    if len(set(ids)) != len(ids):  # only when two hashes collide
        raise IdentityPoolValidationError("groups", list(named), "two group names give the same construct id")
    return named


def _same_user_pool(stack: Stack, group_user_pool_id: str, provider_user_pool_id: str) -> bool:
    if group_user_pool_id == provider_user_pool_id:
        return True
    return bool(normalize(stack.resolve(group_user_pool_id)) == normalize(stack.resolve(provider_user_pool_id)))


def _env_of(resource: Any) -> tuple[str, str]:
    """The account and region of a resource (an imported one's come from its ARN), else of its stack."""
    env = getattr(resource, "env", None)
    if env is None:
        stack = Stack.of(resource)
        return stack.account, stack.region
    return env.account, env.region


def _differs(a: str, b: str) -> bool:
    return not is_token(a) and not is_token(b) and a != b


def _refuse_another_environment(pool: PoolMembers, user_pool: Any) -> None:
    """A group is created in the identity pool's stack: its user pool must be in that account and region."""
    stack = Stack.of(pool)
    account, region = _env_of(user_pool)
    if _differs(account, stack.account) or _differs(region, stack.region):
        raise IdentityPoolValidationError(
            "user_pool",
            user_pool.node.path,
            f"is in account {account} region {region}, but the groups would be created in stack "
            f"{stack.stack_name!r} (account {stack.account} region {stack.region}), where that user pool does "
            "not exist: define the identity pool in the user pool's account and region, or create the groups and "
            "their roles in a stack there yourself",
        )


def _depends_on(stack: Stack, other: Stack, seen: set[str] | None = None) -> bool:
    seen = seen if seen is not None else set()
    for dependency in stack.dependencies:
        if dependency.node.path == other.node.path:
            return True
        if dependency.node.path not in seen:
            seen.add(dependency.node.path)
            if _depends_on(dependency, other, seen):
                return True
    return False


def _refuse_group_elsewhere(pool: PoolMembers, user_pool: Any, group: cognito.UserPoolGroup, prop: str) -> None:
    """Setting an existing group's role makes its stack reference the identity pool's: refuse where that makes
    a dependency cycle (the pool's stack already depends on the group's, e.g. through its user pool) or a
    reference across environments."""
    pool_stack, group_stack = Stack.of(pool), Stack.of(group)
    if group_stack.node.path == pool_stack.node.path:
        return
    account, region = group_stack.account, group_stack.region
    if _differs(account, pool_stack.account) or _differs(region, pool_stack.region):
        why = (
            f"its stack {group_stack.stack_name!r} is in account {account} region {region}, the identity pool's "
            f"stack {pool_stack.stack_name!r} in account {pool_stack.account} region {pool_stack.region}: a role "
            "cannot be referenced across environments"
        )
    elif group_stack.node.path == Stack.of(user_pool).node.path or _depends_on(pool_stack, group_stack):
        why = (
            f"it is defined in stack {group_stack.stack_name!r}, which the identity pool's stack "
            f"{pool_stack.stack_name!r} depends on (e.g. for its user pool): setting its role would make "
            f"{group_stack.stack_name!r} depend on {pool_stack.stack_name!r} too (a dependency cycle)"
        )
    else:
        return
    raise IdentityPoolValidationError(
        prop,
        group.node.path,
        f"cannot get a role of this identity pool: {why}; pass the group names instead (the groups are then "
        "created in the identity pool's stack) or define the identity pool with the groups",
    )


def _construct_id(name: str) -> str:
    """A readable construct id for a name: its ASCII letters and digits, and, unless that is the whole name, a
    short stable hash of the name, so that names differing only in punctuation or in non-ASCII letters
    (``管理员`` / ``编辑``) stay distinct."""
    readable = re.sub(r"[^0-9A-Za-z]", "", name)
    if readable == name:
        return name
    import hashlib  # on first use

    return f"{readable}{hashlib.sha256(name.encode()).hexdigest()[:8].upper()}"
