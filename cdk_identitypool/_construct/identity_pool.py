"""The IdentityPool construct: aws-cdk-lib's L2, with checked props and what it lacks."""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, overload

import jsii
from aws_cdk import RemovalPolicy, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam
from aws_cdk.interfaces.aws_cognito import IdentityPoolReference, IIdentityPoolRef
from constructs import Construct

from .._errors import IdentityPoolValidationError
from .._model.trust import ASSUME_ACTION, COGNITO_IDENTITY
from . import final_shape as _final_shape
from .imported import import_by_arn, import_by_id
from .patterns import PoolPatterns
from .placement import check_mapped_role_stacks
from .pool_base import IIdentityPool, PoolGrants
from .pool_props import CheckedProps, check_pool_props
from .pool_state import PoolState
from .principal_tags import IdentityPoolPrincipalTags, add_principal_tags
from .provider_url import IdentityPoolProviderUrl
from .providers import (
    IdentityPoolAuthenticationProviders,
    IUserPoolAuthenticationProvider,
    UserPoolAuthenticationProvider,
)
from .role_mapping import IdentityPoolRoleMapping, check_unique_keys
from .trust import federated_amr, trust_conditions
from .upstream import to_upstream_logins, to_upstream_mapping
from .user_pool_binding import UserPoolBinding
from .validation import (
    check_in_stack,
    check_instance,
    check_removal_policy,
    check_sequence,
    coerce_struct,
    iam_description,
    needs_literal_description,
)


@jsii.implements(IIdentityPoolRef)
class IdentityPool(PoolGrants, PoolPatterns, upstream.IdentityPool):
    """An Amazon Cognito identity pool, its default roles and its role attachment.

    A subclass of ``aws_cdk.aws_cognito_identitypool.IdentityPool`` (same props, same defaults, same
    resources and logical ids; property injectors aimed at it apply). On top of it: the pool is retained
    when removed from the stack (``removal_policy``), role mappings and principal tags can be added after
    construction, grants, the default roles' descriptions stay deployable (a literal when the pool's name is a
    token or has characters IAM refuses), and bad props raise :class:`IdentityPoolValidationError`.

    ```python
    from aws_cdk import aws_cognito as cognito
    from cdk_identitypool import IdentityPool, IdentityPoolAuthenticationProviders, UserPoolAuthenticationProvider

    users = cognito.UserPool(self, "Users")
    pool = IdentityPool(
        self,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users)]
        ),
    )
    pool.add_client_outputs()  # stack outputs PoolIdentityPoolId and PoolRegion, for the app's configuration
    ```

    Attributes:
        identity_pool_id: The pool's id, ``<region>:<uuid>`` (a token: ``Ref`` of the pool).
        identity_pool_arn: The pool's ARN (a token).
        identity_pool_name: The pool's name (a token: ``Fn::GetAtt Name``).
        authenticated_role: The default role of signed-in users (given, or made by the pool).
        unauthenticated_role: The default role of guests (given, or made by the pool).
        role_attachment: The ``AWS::Cognito::IdentityPoolRoleAttachment`` (L1) holding the default roles
            and the role mappings.
        allow_unauthenticated_identities: Whether guests can get credentials.
        allow_classic_flow: Whether the basic (classic) flow is allowed.
    """

    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        allow_classic_flow: bool | None = None,
        allow_unauthenticated_identities: bool | None = None,
        authenticated_role: iam.IRole | None = None,
        authentication_providers: IdentityPoolAuthenticationProviders
        | upstream.IdentityPoolAuthenticationProviders
        | Mapping[str, Any]
        | None = None,
        identity_pool_name: str | None = None,
        role_mappings: Sequence[IdentityPoolRoleMapping | upstream.IdentityPoolRoleMapping | Mapping[str, Any]]
        | None = None,
        unauthenticated_role: iam.IRole | None = None,
        removal_policy: RemovalPolicy = RemovalPolicy.RETAIN,
        principal_tags: Sequence[IdentityPoolPrincipalTags] | None = None,
    ) -> None:
        """Define the pool, its default roles (unless given) and its role attachment in ``scope``.

        Args:
            scope: The parent construct.
            id: The construct id.
            identity_pool_name: The pool's name (1-128 letters, digits, spaces and ``+=,.@-``).
                Default: a name CloudFormation generates at deploy time.
            allow_unauthenticated_identities: Let guests (no login) get credentials.
                Default: False.
            allow_classic_flow: Allow the basic (classic) authentication flow. Default: False.
            authenticated_role: The default role of signed-in users. Default: a role with no permissions,
                trusted only by this pool (aud) for authenticated identities (amr).
            unauthenticated_role: The default role of guests. Default: a role with no permissions, trusted
                only by this pool (aud) for unauthenticated identities (amr).
            authentication_providers: The identity providers. Default: none.
            role_mappings: Per-provider role mappings. Default: none.
            removal_policy: What happens to the pool when it leaves the stack. Default:
                ``RemovalPolicy.RETAIN`` (it holds user identities); aws-cdk-lib's default is DESTROY.
            principal_tags: Attributes for access control, per provider. When any are set, the default roles
                also trust ``sts:TagSession``. Default: none.

        Raises:
            IdentityPoolValidationError: A prop breaks a rule (the message names the prop, value and rule).
        """
        stack = check_in_stack(scope)  # every prop is checked before aws-cdk-lib sees it: a bad one is a clear error
        checked = check_pool_props(
            identity_pool_name=identity_pool_name,
            allow_unauthenticated_identities=allow_unauthenticated_identities,
            allow_classic_flow=allow_classic_flow,
            authenticated_role=authenticated_role,
            unauthenticated_role=unauthenticated_role,
            authentication_providers=authentication_providers,
            role_mappings=role_mappings,
            removal_policy=removal_policy,
        )
        user_pool_keys, bind_later = self._build_upstream(scope, id, stack, checked)
        guests = checked.guests  # a name: pyright --verifytypes takes the attribute's type from it
        self.allow_unauthenticated_identities = guests
        self.allow_classic_flow: bool = bool(allow_classic_flow)
        self._state = self._new_state(id if scope is stack else None, id, stack, checked, user_pool_keys)
        self._apply_later_props(checked, principal_tags, bind_later)

    def _build_upstream(
        self, scope: Construct, id: str, stack: Stack, checked: CheckedProps
    ) -> tuple[list[object], list[UserPoolBinding]]:
        """aws-cdk-lib builds the pool, its roles and attachment, binds the user pools and renders the role
        mappings in one call into Node. Returns ``PoolState.user_pool_keys``, and the user pool providers to add
        once the pool has its state (all of them, in order, when one is bound in Python)."""
        seen: list[object] = []
        bindings = [
            UserPoolBinding.of(f"authentication_providers.user_pools[{i}]", p, stack, seen)
            for i, p in enumerate(checked.providers.user_pools or ())
        ]
        in_node = all(b.passed is not None for b in bindings)
        user_pools = [b.passed for b in bindings if b.passed is not None] if in_node else []
        super().__init__(
            scope,
            id,
            allow_classic_flow=checked.classic_flow,
            allow_unauthenticated_identities=checked.guests,
            authenticated_role=checked.authenticated_role,
            unauthenticated_role=checked.unauthenticated_role,
            identity_pool_name=checked.name,
            authentication_providers=to_upstream_logins(checked.providers, user_pools),
            role_mappings=[to_upstream_mapping(m) for m in checked.role_mappings] or None,
        )
        return seen, [] if in_node else bindings

    def _new_state(
        self, root_id: str | None, id: str, stack: Stack, checked: CheckedProps, user_pool_keys: list[object]
    ) -> PoolState:
        """The pool's state, just built (its final shape checked at synth from now on); the default roles
        aws-cdk-lib made keep its description unless IAM could refuse it."""
        # The default roles aws-cdk-lib made, in the order it made them (authenticated first).
        given = {"Authenticated": checked.authenticated_role, "Unauthenticated": checked.unauthenticated_role}
        made = [kind for kind, role in given.items() if role is None]
        state = PoolState.of(self, stack, made, checked, checked.name)
        state.user_pool_providers.extend(checked.providers.user_pools or ())
        state.user_pool_keys.extend(user_pool_keys)
        state.root_id = root_id  # made right in its stack: its logical id follows from its id
        if made and needs_literal_description(checked.name):
            # aws-cdk-lib's description embeds the pool's name, which IAM may refuse (it takes Latin-1 only):
            # a literal instead, with an id such as 身份池 escaped.
            for kind, l1 in state.default_roles:
                l1.description = iam_description(f"Default {kind.lower()} role of identity pool {id}")
        _final_shape.watch(self, state)
        return state

    def _apply_later_props(
        self,
        checked: CheckedProps,
        principal_tags: Sequence[IdentityPoolPrincipalTags] | None,
        bind_later: Sequence[UserPoolBinding],
    ) -> None:
        """What is applied once the pool has its state: user pool providers bound in Python, the removal policy
        (aws-cdk-lib's L2 takes none), the mapped roles' stacks checked, and the principal tags."""
        for binding in bind_later:  # providers bound in Python see a pool with its state, as added ones do
            upstream.IdentityPool.add_user_pool_authentication(self, binding.for_pool(self))
        upstream.IdentityPool.apply_removal_policy(self, checked.removal_policy)
        if checked.role_mappings:
            check_mapped_role_stacks(self._state, checked.role_mappings)
        if principal_tags is not None:
            self.add_principal_tags(*check_sequence("principal_tags", principal_tags))

    if TYPE_CHECKING:  # for type checkers on aws-cdk-lib versions whose IdentityPool lacks it (added below)

        @property
        def identity_pool_ref(self) -> IdentityPoolReference:
            """A reference to this pool, for aws-cdk-lib's L1s that take an ``IIdentityPoolRef``."""
            ...

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        """Change what happens to the pool when it leaves the stack (RETAIN by default)."""
        check_removal_policy(policy)
        super().apply_removal_policy(policy)

    # --- imports ------------------------------------------------------------------------------------

    @classmethod
    def from_identity_pool_id(cls, scope: Construct, id: str, identity_pool_id: str) -> IIdentityPool:
        """Import a pool by id (``<region>:<uuid>``), in this stack's account; its ARN names the id's region and
        that region's partition (``cn-north-1`` → ``aws-cn``, ``us-gov-west-1`` → ``aws-us-gov``, ...).

        An id that is not ``<region>:<uuid>`` raises :class:`IdentityPoolValidationError` where aws-cdk-lib
        raises too (no single ``:``, or a region other than the stack's); otherwise it gets an error
        annotation, so unit tests written for aws-cdk-lib still synthesize while ``cdk synth`` stops.
        """
        return import_by_id(scope, id, identity_pool_id)

    @classmethod
    def from_identity_pool_arn(cls, scope: Construct, id: str, identity_pool_arn: str) -> IIdentityPool:
        """Import a pool by ARN (``arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>``).

        A token ARN (``Fn.import_value(...)``) is accepted; its literal parts are checked.
        """
        return import_by_arn(scope, id, identity_pool_arn)

    # --- providers ----------------------------------------------------------------------------------

    @property
    def authentication_providers(self) -> IdentityPoolAuthenticationProviders:
        """The providers given at construction (user pools added later are in ``user_pool_providers``)."""
        return self._state.providers

    @property
    def user_pool_providers(self) -> list[IUserPoolAuthenticationProvider]:
        """Every user pool provider, given at construction or added."""
        return list(self._state.user_pool_providers)

    @overload  # type: ignore[override]
    def add_user_pool_authentication(self, user_pool: UserPoolAuthenticationProvider) -> cognito.IUserPoolClient: ...

    @overload
    def add_user_pool_authentication(
        self, user_pool: IUserPoolAuthenticationProvider | upstream.IUserPoolAuthenticationProvider
    ) -> cognito.IUserPoolClient | None: ...

    def add_user_pool_authentication(
        self, user_pool: IUserPoolAuthenticationProvider | upstream.IUserPoolAuthenticationProvider
    ) -> cognito.IUserPoolClient | None:
        """Let users of a user pool sign in; returns the provider's app client (None for a provider that
        does not expose one, such as aws-cdk-lib's own ``UserPoolAuthenticationProvider``)."""
        self._check_not_synthesized("add_user_pool_authentication")
        state = self._state
        binding = UserPoolBinding.of("user_pool", user_pool, state.stack, state.user_pool_keys)
        upstream.IdentityPool.add_user_pool_authentication(self, binding.for_pool(self))
        state.user_pool_providers.append(user_pool)
        client: cognito.IUserPoolClient | None = getattr(user_pool, "user_pool_client", None)
        return client

    # --- role mappings ------------------------------------------------------------------------------

    @property
    def role_mappings(self) -> list[IdentityPoolRoleMapping]:
        """The role mappings, in the order they were given."""
        return list(self._state.role_mappings)

    def add_role_mappings(
        self, *role_mappings: IdentityPoolRoleMapping | upstream.IdentityPoolRoleMapping | Mapping[str, Any]
    ) -> None:
        """Add role mappings; all of them are rendered into the one role attachment.

        Like the constructor's ``role_mappings``, each may also be aws-cdk-lib's ``IdentityPoolRoleMapping``
        struct or a dict of its keyword props.
        """
        self._check_not_synthesized("add_role_mappings")
        mappings = [
            check_instance(
                f"role_mappings[{i}]",
                coerce_struct(f"role_mappings[{i}]", mapping, IdentityPoolRoleMapping),
                IdentityPoolRoleMapping,
                "an IdentityPoolRoleMapping",
            )
            for i, mapping in enumerate(role_mappings)
        ]
        check_unique_keys([*self._state.role_mappings, *mappings])
        check_mapped_role_stacks(self._state, mappings)
        self._state.role_mappings.extend(mappings)
        self._state.attachment.role_mappings = {m.key: m.render() for m in self._state.role_mappings}

    # --- principal tags -----------------------------------------------------------------------------

    @property
    def principal_tags(self) -> list[IdentityPoolPrincipalTags]:
        """The principal-tag mappings, one per provider."""
        return list(self._state.principal_tags.values())

    def add_principal_tags(self, *principal_tags: IdentityPoolPrincipalTags) -> None:
        """Map token claims to session tags for some providers (one mapping per provider).

        The pool's default roles then also trust ``sts:TagSession``; roles you bring need it too (see
        :meth:`federated_principal`).
        """
        self._check_not_synthesized("add_principal_tags")
        add_principal_tags(self, self._state, self._id(), principal_tags)

    def federated_principal(
        self,
        identity_type: str = "authenticated",
        *,
        session_tags: bool = False,
        providers: Sequence[IdentityPoolProviderUrl | cognito.IUserPool | str] | None = None,
    ) -> iam.IPrincipal:
        """The principal for roles you bring: trusts only this pool (aud) and ``identity_type`` (amr).

        Args:
            identity_type: ``authenticated`` or ``unauthenticated``. Default: ``authenticated``.
            session_tags: Also allow ``sts:TagSession``, needed when the pool sets principal tags.
                Default: False.
            providers: Only users signed in through one of these providers may assume the role (the
                ``amr`` claim names them): an ``IdentityPoolProviderUrl`` (e.g. ``FACEBOOK``), a user pool
                (``cognito.IUserPool``), or a provider name as ``amr`` carries it (e.g. the developer
                provider's name). Only for ``authenticated``; at least one; no wildcards (``*``, ``?``), and
                not ``authenticated`` / ``unauthenticated`` (every identity's ``amr`` has one). Default: None
                (any provider).
        """
        amr = federated_amr(identity_type, session_tags, providers)
        principal: iam.IPrincipal = iam.FederatedPrincipal(
            COGNITO_IDENTITY, trust_conditions(self._id(), identity_type, amr), ASSUME_ACTION
        )
        return iam.SessionTagsPrincipal(principal) if session_tags else principal

    # --- grants -------------------------------------------------------------------------------------

    def grant_developer_authentication(self, grantee: iam.IGrantable) -> iam.Grant:
        """Let a backend call ``GetOpenIdTokenForDeveloperIdentity`` (and look up, merge, unlink its identities)."""
        if self._state.providers.custom_provider is None:
            raise IdentityPoolValidationError(
                "authentication_providers.custom_provider",
                None,
                "grant_developer_authentication needs a developer provider: set "
                "IdentityPoolAuthenticationProviders(custom_provider='login.example.com')",
            )
        return super().grant_developer_authentication(grantee)

    # --- internals ----------------------------------------------------------------------------------

    @property
    def cfn_identity_pool(self) -> cognito.CfnIdentityPool:
        """The L1 ``AWS::Cognito::IdentityPool`` (escape hatch)."""
        return self._state.cfn

    def _check_not_synthesized(self, method: str) -> None:
        if self._state.synthesized:
            raise IdentityPoolValidationError(
                method,
                self.node.path,
                "the app has already been synthesized, so this change would not reach the template; "
                "make it before app.synth() (or Template.from_stack)",
            )

    def _tag_session_later(self) -> list[tuple[iam.Role, iam.IPrincipal]]:
        """Roles made before principal tags (group roles): their trusts get ``sts:TagSession`` with the first."""
        return self._state.tag_session_later

    def _id(self) -> str:
        """``identity_pool_id``, read from Node once."""
        if self._state.pool_id is None:
            self._state.pool_id = self.identity_pool_id
        return self._state.pool_id


if not hasattr(upstream.IdentityPool, "identity_pool_ref"):  # older aws-cdk-lib (2.224 has none): add it

    def _identity_pool_ref(self: IdentityPool) -> IdentityPoolReference:
        return IdentityPoolReference(identity_pool_id=self.identity_pool_id)

    setattr(IdentityPool, "identity_pool_ref", property(_identity_pool_ref))  # noqa: B010 (mypy: read-only)


# jsii's metaclass makes ``IdentityPool(...)`` look like ``(*args, **kwargs)`` to help() and IDEs: show ours.
_INIT = inspect.signature(IdentityPool.__init__)
IdentityPool.__signature__ = _INIT.replace(parameters=list(_INIT.parameters.values())[1:])
