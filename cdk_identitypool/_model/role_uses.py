"""Which roles an identity pool can hand out, read from one role attachment: its default roles and, per role
mapping, the roles of its rules and (a Token mapping) of its user pool's groups. The checks (each role's trust)
and the access report (each identity's paths) both read it, so the decision lives here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .intrinsics import is_intrinsic
from .pool_view import PoolView
from .template import USER_POOL_GROUP, Resource, TemplateModel
from .values import get, getatt_logical_id, ref_logical_id
from .values import split_provider_client as _split


@dataclass(frozen=True)
class MappingRoles:
    """The roles one role mapping hands out.

    Attributes:
        key: The mapping's key in ``RoleMappings``.
        mapping: The mapping as the template gives it.
        provider: Its ``IdentityProvider`` (the key when absent).
        token: Whether it is a ``Token`` mapping.
        user_pool: For a Token mapping of a user pool named ``Fn::GetAtt [X, ProviderName]``: ``X``; else None.
        groups: The groups of that user pool with a role (``RoleArn``); their roles are the token's.
        rules: Its rules, in order (each hands out its ``RoleARN``).
    """

    key: Any
    mapping: Any
    provider: Any
    token: bool
    user_pool: str | None
    groups: tuple[Resource, ...]
    rules: tuple[Any, ...]


@dataclass(frozen=True)
class AttachmentRoles:
    """The roles a pool hands out through one role attachment (or none).

    Attributes:
        authenticated: The default authenticated role's ARN (None when absent).
        unauthenticated: The unauthenticated role's ARN (None when absent).
        role_mappings: ``RoleMappings`` as the template gives it.
        mappings: Each mapping's roles; None when ``RoleMappings`` is an intrinsic or not a dict.
    """

    authenticated: Any
    unauthenticated: Any
    role_mappings: Any
    mappings: tuple[MappingRoles, ...] | None


def attachment_roles(model: TemplateModel, pool: PoolView, attachment: Resource | None) -> AttachmentRoles:
    """The roles ``pool`` hands out through ``attachment`` (None: the pool has no single attachment)."""
    roles = pool.roles(attachment)
    role_mappings = pool.role_mappings(attachment)
    mappings = None
    if isinstance(role_mappings, Mapping) and not is_intrinsic(role_mappings):
        mappings = tuple(mapping_roles(model, key, mapping) for key, mapping in role_mappings.items())
    return AttachmentRoles(get(roles, "authenticated"), get(roles, "unauthenticated"), role_mappings, mappings)


def mapping_roles(model: TemplateModel, key: Any, mapping: Any) -> MappingRoles:
    """The roles role mapping ``key`` hands out: its rules' roles and, for a Token mapping of a user pool in
    ``model``, the roles of that user pool's groups."""
    provider = get(mapping, "IdentityProvider", key)
    token = get(mapping, "Type") == "Token"
    user_pool = token_user_pool(provider) if token else None
    rules = get(get(mapping, "RulesConfiguration"), "Rules")
    return MappingRoles(
        key,
        mapping,
        provider,
        token,
        user_pool,
        tuple(group_roles(model, user_pool)) if user_pool is not None else (),
        tuple(rules) if isinstance(rules, list) else (),
    )


def token_user_pool(provider: Any) -> str | None:
    """The logical id ``X`` of a provider name ``Fn::GetAtt [X, ProviderName]`` + ``:<client id>``, else None."""
    split = _split(provider)
    return getatt_logical_id(split[0], "ProviderName") if split else None


def group_roles(model: TemplateModel, user_pool: str) -> list[Resource]:
    """The groups of user pool ``user_pool`` (a logical id) in ``model`` that have a role."""
    return [
        group
        for group in model.of_type(USER_POOL_GROUP)
        if ref_logical_id(get(group.properties, "UserPoolId")) == user_pool
        and get(group.properties, "RoleArn") is not None
    ]


__all__ = ["AttachmentRoles", "MappingRoles", "attachment_roles", "group_roles", "mapping_roles", "token_user_pool"]
