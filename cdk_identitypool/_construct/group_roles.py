"""A role per user pool group, handed out by a token-based role mapping.

A user pool puts the roles of a user's groups in its ID token: ``cognito:roles`` (all of them) and
``cognito:preferred_role`` (the role of the group with the lowest precedence number). A token-based role
mapping for that user pool makes the identity pool hand out the preferred role, or the role the client
requests if the token carries it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam

from .._errors import IdentityPoolValidationError
from .provider_url import IdentityPoolProviderUrl
from .role_mapping import IdentityPoolRoleMapping
from .validation import check_instance, check_str, has_attr

if TYPE_CHECKING:
    from .identity_pool import IdentityPool


def add_group_roles(
    pool: IdentityPool,
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
    named = _named_groups(user_pool, groups)
    key = mapping_key if mapping_key is not None else user_pool.user_pool.node.id
    check_str("mapping_key", key, max_len=128)
    principal = pool.federated_principal(
        "authenticated", session_tags=bool(pool.principal_tags), providers=[user_pool.user_pool]
    )
    roles: dict[str, iam.Role] = {}
    for name, (precedence, existing) in named.items():
        role = iam.Role(
            pool,
            f"{_construct_id(name)}GroupRole",
            assumed_by=principal,
            description=f"Role of user pool group {name} in identity pool {pool.node.id}"[:1000],
        )
        if existing is None:
            cognito.UserPoolGroup(
                pool,
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
    user_pool: Any, groups: Mapping[str, int] | Sequence[cognito.UserPoolGroup]
) -> dict[str, tuple[int | None, cognito.UserPoolGroup | None]]:
    named: dict[str, tuple[int | None, cognito.UserPoolGroup | None]] = {}
    if isinstance(groups, Mapping):
        for name, precedence in groups.items():
            check_str(f"groups[{name!r}]", name, max_len=128)
            if not isinstance(precedence, int) or isinstance(precedence, bool) or precedence < 0:
                raise IdentityPoolValidationError(
                    f"groups[{name!r}]", precedence, "the precedence must be an int >= 0 (lower wins)"
                )
            named[name] = (precedence, None)
    else:
        for i, group in enumerate(groups):
            check_instance(
                f"groups[{i}]", group, cognito.UserPoolGroup, "a cognito.UserPoolGroup (or name → precedence)"
            )
            l1 = group.node.default_child
            if not isinstance(l1, cognito.CfnUserPoolGroup) or not isinstance(l1.group_name, str):
                raise IdentityPoolValidationError(
                    f"groups[{i}]", group, "needs a group_name (a group defined in this app with a name)"
                )
            named[l1.group_name] = (None, group)
    if not named:
        raise IdentityPoolValidationError("groups", groups, "give at least one group")
    ids = [_construct_id(n) for n in named]
    if len(set(ids)) != len(ids):
        raise IdentityPoolValidationError("groups", list(named), "two group names differ only in punctuation")
    return named


def _construct_id(name: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", name) or "Unnamed"
