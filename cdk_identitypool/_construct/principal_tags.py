"""Attributes for access control: principal (session) tags taken from the user's token claims."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from aws_cdk.interfaces.aws_iam import ISAMLProviderRef
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .._model.trust import COGNITO_IDENTITY, TAG_SESSION_ACTION
from .provider_url import IdentityPoolProviderUrl, provider_name_of
from .trust import trust_conditions
from .validation import check_bool, check_instance, check_map_key, check_str, has_attr, is_token

#: STS accepts at most 50 session tags; Cognito's PrincipalTags map has the same limit.
MAX_PRINCIPAL_TAGS = 50
_TAG_KEY_PATTERN = r"[\w\s.:/=+@-]+"


@dataclass(frozen=True, kw_only=True)
class IdentityPoolPrincipalTags:
    """Principal tags for one identity provider (``AWS::Cognito::IdentityPoolPrincipalTag``).

    When a user of this provider gets credentials, Cognito sets each session tag to the value of the
    mapped claim, so IAM policies can use ``aws:PrincipalTag/<key>``. The roles the pool hands out must
    allow ``sts:TagSession`` in their trust policy: the pool's default roles do so automatically; for
    roles you bring, build the principal with ``pool.federated_principal(..., session_tags=True)``.

    Give exactly one of ``use_defaults=True`` and ``tags``.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import (
        IdentityPool,
        IdentityPoolAuthenticationProviders,
        IdentityPoolPrincipalTags,
        UserPoolAuthenticationProvider,
    )

    users = cognito.UserPool(self, "Staff")
    IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users)]
        ),
        principal_tags=[IdentityPoolPrincipalTags.user_pool(users, tags={"department": "custom:dept"})],
    )
    ```

    Args:
        provider_name: The provider, named as in the ``Logins`` map: a user pool's provider name
            (``cognito-idp.<region>.amazonaws.com/<pool id>``), a social provider (``accounts.google.com``),
            an OpenID Connect issuer without ``https://``, or a SAML provider ARN. Required; use the
            factories to derive it from constructs.
        use_defaults: Use Cognito's default mappings for the provider (for user pools: ``username`` from
            ``sub`` and ``client`` from ``aud``). Default: False.
        tags: Custom mappings, session tag key → claim name (e.g. ``{"department": "custom:dept"}``);
            at most 50. Default: none.
        stable_key: What keeps the resource's logical id stable when ``provider_name`` is a token. The
            factories set it to the path of the provider construct. Default: ``provider_name``.
    """

    provider_name: str
    use_defaults: bool = False
    tags: Mapping[str, str] | None = None
    #: The key that keeps the construct id (and so the logical id) stable; derived by the factories.
    stable_key: str | None = None

    def __post_init__(self) -> None:
        check_str("IdentityPoolPrincipalTags.provider_name", self.provider_name, max_len=128)
        check_bool("IdentityPoolPrincipalTags.use_defaults", self.use_defaults)
        tags = self.tags
        if tags is not None:
            if not isinstance(tags, Mapping):
                raise IdentityPoolValidationError(
                    "IdentityPoolPrincipalTags.tags", tags, "must be a dict of tag key to claim name"
                )
            if len(tags) > MAX_PRINCIPAL_TAGS:
                raise IdentityPoolValidationError(
                    "IdentityPoolPrincipalTags.tags",
                    f"{len(tags)} tags",
                    f"at most {MAX_PRINCIPAL_TAGS} principal tags per provider (STS session tag limit)",
                )
            for key, claim in tags.items():
                check_str(
                    "IdentityPoolPrincipalTags.tags key",
                    key,
                    max_len=128,
                    pattern=_TAG_KEY_PATTERN,
                    pattern_words="letters, digits, spaces and _ . : / = + - @",
                    allow_token=False,
                )
                check_map_key("IdentityPoolPrincipalTags.tags key", key)
                if key.lower().startswith("aws:"):
                    raise IdentityPoolValidationError(
                        "IdentityPoolPrincipalTags.tags key", key, "must not start with 'aws:' (reserved by AWS)"
                    )
                check_str(f"IdentityPoolPrincipalTags.tags[{key!r}]", claim, max_len=256)
                if not claim.strip():
                    raise IdentityPoolValidationError(
                        f"IdentityPoolPrincipalTags.tags[{key!r}]", claim, "must name a claim, not be blank"
                    )
        if self.use_defaults and tags:
            raise IdentityPoolValidationError(
                "IdentityPoolPrincipalTags.tags",
                dict(tags),
                "cannot be combined with use_defaults=True: choose the default mappings or your own",
            )
        if not self.use_defaults and not tags:
            raise IdentityPoolValidationError(
                "IdentityPoolPrincipalTags.tags",
                tags,
                "give at least one tag mapping, or use_defaults=True",
            )

    # --- factories ----------------------------------------------------------------------------------

    @classmethod
    def user_pool(
        cls, user_pool: cognito.IUserPool, *, use_defaults: bool = False, tags: Mapping[str, str] | None = None
    ) -> IdentityPoolPrincipalTags:
        """Principal tags for the users of a Cognito user pool (named as the pool names it: a user pool imported
        by id is named after the id's region)."""
        has_attr("user_pool", user_pool, "user_pool_provider_name", "a cognito.IUserPool")
        return cls(
            provider_name=provider_name_of(user_pool),
            use_defaults=use_defaults,
            tags=tags,
            stable_key=user_pool.node.path,
        )

    @classmethod
    def open_id(
        cls,
        provider: iam.IOpenIdConnectProvider | str,
        *,
        use_defaults: bool = False,
        tags: Mapping[str, str] | None = None,
    ) -> IdentityPoolPrincipalTags:
        """Principal tags for an OpenID Connect provider (a construct, or its issuer without ``https://``)."""
        if isinstance(provider, str):
            return cls(provider_name=provider, use_defaults=use_defaults, tags=tags)
        has_attr("provider", provider, "open_id_connect_provider_issuer", "an iam.IOpenIdConnectProvider or str")
        return cls(
            provider_name=provider.open_id_connect_provider_issuer,
            use_defaults=use_defaults,
            tags=tags,
            stable_key=provider.node.path,
        )

    @classmethod
    def saml(
        cls, provider: ISAMLProviderRef | str, *, use_defaults: bool = False, tags: Mapping[str, str] | None = None
    ) -> IdentityPoolPrincipalTags:
        """Principal tags for a SAML provider (a construct, or its ARN)."""
        if isinstance(provider, str):
            return cls(provider_name=provider, use_defaults=use_defaults, tags=tags)
        has_attr("provider", provider, "saml_provider_ref", "an iam.ISAMLProviderRef or str")
        return cls(
            provider_name=provider.saml_provider_ref.saml_provider_arn,
            use_defaults=use_defaults,
            tags=tags,
            stable_key=provider.node.path,
        )

    @classmethod
    def social(
        cls, provider_url: IdentityPoolProviderUrl, *, use_defaults: bool = False, tags: Mapping[str, str] | None = None
    ) -> IdentityPoolPrincipalTags:
        """Principal tags for a social provider, e.g. ``IdentityPoolProviderUrl.GOOGLE``."""
        check_instance("provider_url", provider_url, IdentityPoolProviderUrl, "an IdentityPoolProviderUrl")
        return cls(provider_name=provider_url.value, use_defaults=use_defaults, tags=tags)

    # --- rendering ----------------------------------------------------------------------------------

    @property
    def key(self) -> str:
        """What identifies the provider: the literal name, or the path of the construct behind a token."""
        if self.stable_key is not None:
            return self.stable_key
        if is_token(self.provider_name):
            raise IdentityPoolValidationError(
                "IdentityPoolPrincipalTags.provider_name",
                self.provider_name,
                "is a CDK token: use the factories (user_pool / open_id / saml) so the resource id stays stable",
            )
        return self.provider_name

    @property
    def construct_id(self) -> str:
        """A construct id derived from the provider, so adding other providers never renames this one."""
        import hashlib  # on first use: hashlib costs more to import than this module

        digest = hashlib.sha256(self.key.encode()).hexdigest()[:8].upper()
        readable = re.sub(r"[^A-Za-z0-9]", "", self.key.rsplit("/", 1)[-1])[:24]
        return f"PrincipalTags{readable}{digest}"

    def render_tags(self) -> dict[str, Any] | None:
        """The ``PrincipalTags`` property: tag key to claim name, or None with the default mappings."""
        return dict(self.tags) if self.tags else None


class TaggedPoolState(Protocol):
    """What :func:`add_principal_tags` reads and changes of a pool's state (``pool_state.PoolState`` is one),
    declared here so that this module does not import ``pool_state``, which names this module's class."""

    principal_tags: dict[str, IdentityPoolPrincipalTags]
    tag_session_trusted: bool
    tag_session_later: list[tuple[iam.Role, iam.IPrincipal]]

    @property
    def default_roles(self) -> list[tuple[str, iam.CfnRole]]: ...


def add_principal_tags(
    pool: Construct, state: TaggedPoolState, pool_id: str, principal_tags: Sequence[IdentityPoolPrincipalTags]
) -> None:
    """Add principal-tag mappings to a pool (one per provider); the first makes its default roles, and the
    group roles made before, trust ``sts:TagSession`` (a real statement of each trust, not an L1 override, so
    the checks and the simulator see it like any role's)."""
    seen = set(state.principal_tags)
    for i, tags in enumerate(principal_tags):
        check_instance(f"principal_tags[{i}]", tags, IdentityPoolPrincipalTags, "an IdentityPoolPrincipalTags")
        if tags.key in seen:
            raise IdentityPoolValidationError(
                "principal_tags",
                tags.provider_name,
                "duplicate provider: each provider can have only one principal-tag mapping",
            )
        seen.add(tags.key)
    for tags in principal_tags:
        state.principal_tags[tags.key] = tags
        cognito.CfnIdentityPoolPrincipalTag(
            pool,
            tags.construct_id,
            identity_pool_id=pool_id,
            identity_provider_name=tags.provider_name,
            use_defaults=tags.use_defaults,
            principal_tags=tags.render_tags(),
        )
    if state.principal_tags and not state.tag_session_trusted:
        # A real statement of each default role's trust (not an L1 override), so the checks and the
        # simulator see it like any role's: sts:TagSession for this pool and identity type.
        state.tag_session_trusted = True
        for kind, l1 in state.default_roles:
            trust = cast(iam.Role, l1.node.scope).assume_role_policy
            assert trust is not None
            trust.add_statements(
                iam.PolicyStatement(
                    actions=[TAG_SESSION_ACTION],
                    principals=[iam.FederatedPrincipal(COGNITO_IDENTITY, trust_conditions(pool_id, kind.lower()))],
                )
            )
        for role, principal in state.tag_session_later:
            trust = role.assume_role_policy
            assert trust is not None
            trust.add_statements(iam.PolicyStatement(actions=[TAG_SESSION_ACTION], principals=[principal]))
        state.tag_session_later.clear()
