"""The IdentityPool construct and imported identity pools."""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, overload, runtime_checkable

import jsii
from aws_cdk import Annotations, ArnFormat, IResolvable, RemovalPolicy, Resource, Stack
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_cognito_identitypool as upstream
from aws_cdk import aws_iam as iam
from aws_cdk.interfaces.aws_cognito import IdentityPoolReference, IIdentityPoolRef
from constructs import Construct

from ._errors import IdentityPoolValidationError
from ._principal_tags import IdentityPoolPrincipalTags
from ._providers import (
    IdentityPoolAuthenticationProviders,
    IUserPoolAuthenticationProvider,
    UserPoolAuthenticationProvider,
    UserPoolAuthenticationProviderBindConfig,
)
from ._role_mapping import IdentityPoolRoleMapping, check_unique_keys
from ._trust import ASSUME_ACTION, COGNITO_IDENTITY, TAG_SESSION_ACTION, trust_conditions
from ._validation import (
    check_bool,
    check_instance,
    check_sequence,
    check_str,
    coerce_struct,
    has_attr,
    is_token,
)

#: What a backend of developer-authenticated identities calls: the actions of AWS's managed policy
#: AmazonCognitoDeveloperAuthenticatedIdentities, on this pool only.
DEVELOPER_AUTHENTICATION_ACTIONS = (
    "cognito-identity:GetOpenIdTokenForDeveloperIdentity",
    "cognito-identity:LookupDeveloperIdentity",
    "cognito-identity:MergeDeveloperIdentities",
    "cognito-identity:UnlinkDeveloperIdentity",
)
_NAME_PATTERN = r"[\w\s+=,.@-]+"
_REGION = r"[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d"
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_ID_PATTERN = re.compile(rf"(?P<region>{_REGION}):{_UUID}")
_ARN_PATTERN = re.compile(
    rf"arn:(?P<partition>aws[a-z-]*):cognito-identity:(?P<region>{_REGION}):(?P<account>\d{{12}})"
    rf":identitypool/(?P<id>[^/]+)"
)


@runtime_checkable
class IIdentityPool(IIdentityPoolRef, Protocol):
    """An identity pool, defined in this app or imported: an ``IIdentityPoolRef`` with grants."""

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


class _PoolBase(Resource):
    """What defined and imported pools share: the reference and the grants."""

    identity_pool_id: str
    identity_pool_arn: str
    identity_pool_name: str

    @property
    def identity_pool_ref(self) -> IdentityPoolReference:
        return IdentityPoolReference(identity_pool_id=self.identity_pool_id)

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
        """Let a backend call ``GetOpenIdTokenForDeveloperIdentity`` (and look up / unlink its identities)."""
        return self.grant(grantee, *DEVELOPER_AUTHENTICATION_ACTIONS)


@jsii.implements(IIdentityPoolRef, upstream.IIdentityPool)
class IdentityPool(_PoolBase):
    """An Amazon Cognito identity pool, its default roles and its role attachment.

    Compared with ``aws_cdk.aws_cognito_identitypool.IdentityPool`` (same props, same defaults):
    the pool is retained when removed from the stack (``removal_policy``), role mappings and principal
    tags can be added after construction, and bad props raise :class:`IdentityPoolValidationError`.

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

    role_attachment: cognito.CfnIdentityPoolRoleAttachment

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
        if identity_pool_name is not None:
            check_str(
                "identity_pool_name",
                identity_pool_name,
                max_len=128,
                pattern=_NAME_PATTERN,
                pattern_words="letters, digits, spaces and + = , . @ -",
            )
        guests = check_bool(
            "allow_unauthenticated_identities",
            bool(allow_unauthenticated_identities)
            if allow_unauthenticated_identities is None
            else allow_unauthenticated_identities,
        )
        classic = check_bool("allow_classic_flow", False if allow_classic_flow is None else allow_classic_flow)
        for prop, role in (("authenticated_role", authenticated_role), ("unauthenticated_role", unauthenticated_role)):
            if role is not None:
                has_attr(prop, role, "role_arn", "an iam.IRole")
        providers = (
            coerce_struct("authentication_providers", authentication_providers, IdentityPoolAuthenticationProviders)
            or IdentityPoolAuthenticationProviders()
        )
        check_instance(
            "authentication_providers",
            providers,
            IdentityPoolAuthenticationProviders,
            "an IdentityPoolAuthenticationProviders",
        )
        mappings = [
            coerce_struct(f"role_mappings[{i}]", m, IdentityPoolRoleMapping)
            for i, m in enumerate(check_sequence("role_mappings", role_mappings or []))
        ]
        for i, mapping in enumerate(mappings):
            check_instance(f"role_mappings[{i}]", mapping, IdentityPoolRoleMapping, "an IdentityPoolRoleMapping")
        check_unique_keys(mappings)
        _check_removal_policy(removal_policy)

        super().__init__(scope, id, physical_name=identity_pool_name)
        self._construct_id = id
        self._providers = providers
        self._user_pool_configs: list[UserPoolAuthenticationProviderBindConfig] = []
        self._user_pool_providers: list[IUserPoolAuthenticationProvider] = []
        self._role_mappings: list[IdentityPoolRoleMapping] = []
        self._principal_tags: dict[str, IdentityPoolPrincipalTags] = {}
        self._default_roles: list[iam.Role] = []
        self._oidc_arns = self._unique_arns(
            "authentication_providers.open_id_connect_providers",
            [p.oidc_provider_ref.oidc_provider_arn for p in providers.open_id_connect_providers or ()],
        )
        self._saml_arns = self._unique_arns(
            "authentication_providers.saml_providers",
            [p.saml_provider_ref.saml_provider_arn for p in providers.saml_providers or ()],
        )
        # Like aws-cdk-lib, bind the user pools before the pool resource exists, so they go into its
        # constructor (one call into jsii) instead of a property set afterwards.
        for user_pool in providers.user_pools or ():
            self._bind_user_pool(user_pool)
        logins = providers.supported_login_providers()
        self._cfn = cognito.CfnIdentityPool(
            self,
            "Resource",
            cognito_identity_providers=self._cognito_identity_providers() or None,
            allow_unauthenticated_identities=guests,
            allow_classic_flow=classic or None,
            identity_pool_name=identity_pool_name,
            developer_provider_name=providers.custom_provider,
            supported_login_providers=logins or None,
            open_id_connect_provider_arns=self._oidc_arns or None,
            saml_provider_arns=self._saml_arns or None,
        )
        self._cfn.apply_removal_policy(removal_policy)
        self.identity_pool_id: str = self._cfn.ref
        self._identity_pool_name: str | None = None  # read on first use: see identity_pool_name
        self._identity_pool_arn: str | None = None  # built on first use: see identity_pool_arn
        self.allow_unauthenticated_identities = guests
        self.allow_classic_flow = classic
        self.authenticated_role: iam.IRole = authenticated_role or self._default_role("Authenticated")
        self.unauthenticated_role: iam.IRole = unauthenticated_role or self._default_role("Unauthenticated")
        # DefaultRoleAttachment/Resource: the same path, so the same logical id, as aws-cdk-lib's.
        # Mappings given here are rendered into the constructor (one call into jsii less than a set).
        self._role_mappings.extend(mappings)
        self.role_attachment = cognito.CfnIdentityPoolRoleAttachment(
            Construct(self, "DefaultRoleAttachment"),
            "Resource",
            identity_pool_id=self.identity_pool_id,
            roles={
                "authenticated": self.authenticated_role.role_arn,
                "unauthenticated": self.unauthenticated_role.role_arn,
            },
            role_mappings={m.key: m.render() for m in mappings} or None,
        )
        if principal_tags is not None:
            self.add_principal_tags(*check_sequence("principal_tags", principal_tags))

    @property
    def identity_pool_name(self) -> str:
        """The pool's name (a token, ``Fn::GetAtt Name``; read from the L1 on first use)."""
        if self._identity_pool_name is None:
            self._identity_pool_name = self._cfn.attr_name
        return self._identity_pool_name

    @identity_pool_name.setter
    def identity_pool_name(self, value: str) -> None:
        self._identity_pool_name = value

    @property
    def identity_pool_arn(self) -> str:
        """The ARN, ``arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>`` (a token)."""
        # Built on first use: Stack.of + format_arn are two calls into jsii that most pools never need.
        if self._identity_pool_arn is None:
            self._identity_pool_arn = Stack.of(self).format_arn(
                service="cognito-identity",
                resource="identitypool",
                resource_name=self.identity_pool_id,
                arn_format=ArnFormat.SLASH_RESOURCE_NAME,
            )
        return self._identity_pool_arn

    @identity_pool_arn.setter
    def identity_pool_arn(self, value: str) -> None:
        self._identity_pool_arn = value

    def apply_removal_policy(self, policy: RemovalPolicy) -> None:
        """Change what happens to the pool when it leaves the stack (RETAIN by default)."""
        _check_removal_policy(policy)
        super().apply_removal_policy(policy)

    # --- imports ------------------------------------------------------------------------------------

    @classmethod
    def from_identity_pool_id(cls, scope: Construct, id: str, identity_pool_id: str) -> IIdentityPool:
        """Import a pool by id (``<region>:<uuid>``), in this stack's account and partition.

        An id that is not ``<region>:<uuid>`` raises :class:`IdentityPoolValidationError` where aws-cdk-lib
        raises too (no single ``:``, or a region other than the stack's); otherwise it gets an error
        annotation, so unit tests written for aws-cdk-lib still synthesize while ``cdk synth`` stops.
        """
        check_str("identity_pool_id", identity_pool_id)
        region: str | None = None
        malformed = False
        if not is_token(identity_pool_id):
            match = _ID_PATTERN.fullmatch(identity_pool_id)
            if match is not None:
                region = match["region"]
            else:
                _check_like_aws_cdk_lib(scope, identity_pool_id)
                malformed = True
        arn = Stack.of(scope).format_arn(
            service="cognito-identity",
            resource="identitypool",
            resource_name=identity_pool_id,
            arn_format=ArnFormat.SLASH_RESOURCE_NAME,
            region=region,
        )
        imported = _ImportedIdentityPool(scope, id, identity_pool_id=identity_pool_id, identity_pool_arn=arn)
        if malformed:
            Annotations.of(imported).add_error(
                f"[cdk-identitypool] identity_pool_id={identity_pool_id!r}: must be '<region>:<uuid>', e.g. "
                "'us-east-1:0a1b2c3d-1111-2222-3333-444455556666' (Cognito issues no other form)"
            )
        return imported

    @classmethod
    def from_identity_pool_arn(cls, scope: Construct, id: str, identity_pool_arn: str) -> IIdentityPool:
        """Import a pool by ARN (``arn:<partition>:cognito-identity:<region>:<account>:identitypool/<id>``)."""
        check_str("identity_pool_arn", identity_pool_arn)
        if is_token(identity_pool_arn):
            return cls._from_token_arn(scope, id, identity_pool_arn)
        match = _ARN_PATTERN.fullmatch(identity_pool_arn)
        if match is None:
            raise IdentityPoolValidationError(
                "identity_pool_arn",
                identity_pool_arn,
                "must be 'arn:<partition>:cognito-identity:<region>:<account>:identitypool/<region>:<uuid>'",
            )
        pool_id = match["id"]
        if _ID_PATTERN.fullmatch(pool_id) is None:
            raise IdentityPoolValidationError(
                "identity_pool_arn", identity_pool_arn, f"its resource name {pool_id!r} is not '<region>:<uuid>'"
            )
        if pool_id.split(":")[0] != match["region"]:
            raise IdentityPoolValidationError(
                "identity_pool_arn", identity_pool_arn, "the pool id's region must be the ARN's region"
            )
        return _ImportedIdentityPool(
            scope,
            id,
            identity_pool_id=pool_id,
            identity_pool_arn=identity_pool_arn,
            account=match["account"],
            region=match["region"],
        )

    @classmethod
    def _from_token_arn(cls, scope: Construct, id: str, identity_pool_arn: str) -> IIdentityPool:
        # As aws-cdk-lib does: the parts come from Stack.split_arn (Fn::Select/Fn::Split of a token). The
        # literal parts that are there are checked: the service and the resource type.
        parts = identity_pool_arn.split(":")
        service = parts[2] if len(parts) > 2 else ""
        if service and not is_token(service) and service != "cognito-identity":
            raise IdentityPoolValidationError(
                "identity_pool_arn", identity_pool_arn, f"names the service {service!r}, not 'cognito-identity'"
            )
        resource = parts[5] if len(parts) > 5 else ""
        if resource and not is_token(resource) and not resource.startswith("identitypool/"):
            raise IdentityPoolValidationError(
                "identity_pool_arn", identity_pool_arn, f"names the resource {resource!r}, not 'identitypool/<id>'"
            )
        arn = Stack.of(scope).split_arn(identity_pool_arn, ArnFormat.SLASH_RESOURCE_NAME)
        return _ImportedIdentityPool(
            scope,
            id,
            identity_pool_id=arn.resource_name or "",
            identity_pool_arn=identity_pool_arn,
            account=arn.account,
            region=arn.region,
        )

    # --- providers ----------------------------------------------------------------------------------

    @property
    def authentication_providers(self) -> IdentityPoolAuthenticationProviders:
        """The providers given at construction (user pools added later are in ``user_pool_providers``)."""
        return self._providers

    @property
    def user_pool_providers(self) -> list[IUserPoolAuthenticationProvider]:
        """Every user pool provider, given at construction or added."""
        return list(self._user_pool_providers)

    @overload
    def add_user_pool_authentication(self, user_pool: UserPoolAuthenticationProvider) -> cognito.IUserPoolClient: ...

    @overload
    def add_user_pool_authentication(
        self, user_pool: IUserPoolAuthenticationProvider
    ) -> cognito.IUserPoolClient | None: ...

    def add_user_pool_authentication(
        self, user_pool: IUserPoolAuthenticationProvider
    ) -> cognito.IUserPoolClient | None:
        """Let users of a user pool sign in; returns the provider's app client (None for a provider that
        does not expose one, such as aws-cdk-lib's own ``UserPoolAuthenticationProvider``)."""
        self._bind_user_pool(user_pool)
        self._cfn.cognito_identity_providers = self._cognito_identity_providers()
        client: cognito.IUserPoolClient | None = getattr(user_pool, "user_pool_client", None)
        return client

    def _bind_user_pool(self, user_pool: IUserPoolAuthenticationProvider) -> None:
        has_attr("user_pool", user_pool, "bind", "an IUserPoolAuthenticationProvider")
        config = user_pool.bind(self, self)
        for existing in self._user_pool_configs:
            if (existing.provider_name, existing.client_id) == (config.provider_name, config.client_id):
                raise IdentityPoolValidationError(
                    "user_pools",
                    user_pool,
                    "duplicate provider: this user pool and app client are already an authentication provider",
                )
        self._user_pool_configs.append(config)
        self._user_pool_providers.append(user_pool)

    def _cognito_identity_providers(
        self,
    ) -> list[IResolvable | cognito.CfnIdentityPool.CognitoIdentityProviderProperty]:
        return [
            cognito.CfnIdentityPool.CognitoIdentityProviderProperty(
                client_id=c.client_id, provider_name=c.provider_name, server_side_token_check=c.server_side_token_check
            )
            for c in self._user_pool_configs
        ]

    # --- role mappings ------------------------------------------------------------------------------

    @property
    def role_mappings(self) -> list[IdentityPoolRoleMapping]:
        """The role mappings, in the order they were given."""
        return list(self._role_mappings)

    def add_role_mappings(self, *role_mappings: IdentityPoolRoleMapping) -> None:
        """Add role mappings; all of them are rendered into the one role attachment."""
        for i, mapping in enumerate(role_mappings):
            check_instance(f"role_mappings[{i}]", mapping, IdentityPoolRoleMapping, "an IdentityPoolRoleMapping")
        check_unique_keys([*self._role_mappings, *role_mappings])
        self._role_mappings.extend(role_mappings)
        self.role_attachment.role_mappings = {m.key: m.render() for m in self._role_mappings}

    # --- principal tags -----------------------------------------------------------------------------

    @property
    def principal_tags(self) -> list[IdentityPoolPrincipalTags]:
        """The principal-tag mappings, one per provider."""
        return list(self._principal_tags.values())

    def add_principal_tags(self, *principal_tags: IdentityPoolPrincipalTags) -> None:
        """Map token claims to session tags for some providers (one mapping per provider).

        The pool's default roles then also trust ``sts:TagSession``; roles you bring need it too (see
        :meth:`federated_principal`).
        """
        seen = set(self._principal_tags)
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
            self._principal_tags[tags.key] = tags
            cognito.CfnIdentityPoolPrincipalTag(
                self,
                tags.construct_id,
                identity_pool_id=self.identity_pool_id,
                identity_provider_name=tags.provider_name,
                use_defaults=tags.use_defaults,
                principal_tags=tags.render_tags(),
            )
        if self._principal_tags:
            for role in self._default_roles:
                trust = role.node.default_child
                assert isinstance(trust, iam.CfnRole)
                trust.add_property_override(
                    "AssumeRolePolicyDocument.Statement.0.Action",
                    [ASSUME_ACTION, TAG_SESSION_ACTION],
                )

    def federated_principal(
        self, identity_type: str = "authenticated", *, session_tags: bool = False
    ) -> iam.IPrincipal:
        """The principal for roles you bring: trusts only this pool (aud) and ``identity_type`` (amr).

        Args:
            identity_type: ``authenticated`` or ``unauthenticated``. Default: ``authenticated``.
            session_tags: Also allow ``sts:TagSession``, needed when the pool sets principal tags.
                Default: False.
        """
        if identity_type not in ("authenticated", "unauthenticated"):
            raise IdentityPoolValidationError(
                "identity_type", identity_type, "must be 'authenticated' or 'unauthenticated'"
            )
        check_bool("session_tags", session_tags)
        principal: iam.IPrincipal = iam.FederatedPrincipal(
            COGNITO_IDENTITY, trust_conditions(self.identity_pool_id, identity_type), ASSUME_ACTION
        )
        return iam.SessionTagsPrincipal(principal) if session_tags else principal

    # --- grants -------------------------------------------------------------------------------------

    def grant_developer_authentication(self, grantee: iam.IGrantable) -> iam.Grant:
        """Let a backend call ``GetOpenIdTokenForDeveloperIdentity`` (and look up / unlink its identities)."""
        if self._providers.custom_provider is None:
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
        return self._cfn

    def _default_role(self, kind: str) -> iam.Role:
        role = iam.Role(
            self,
            f"{kind}Role",
            # A literal: renaming the pool must not update its roles (aws-cdk-lib embeds the name token).
            description=f"Default {kind.lower()} role of identity pool {self._construct_id}",
            assumed_by=self.federated_principal(kind.lower()),
        )
        self._default_roles.append(role)
        return role

    @staticmethod
    def _unique_arns(prop: str, arns: list[str]) -> list[str]:
        seen: set[str] = set()
        for arn in arns:
            if arn in seen:
                raise IdentityPoolValidationError(prop, arn, "duplicate provider: each may be given once")
            seen.add(arn)
        return arns


# jsii's metaclass makes ``IdentityPool(...)`` look like ``(*args, **kwargs)`` to help() and IDEs: show ours.
IdentityPool.__signature__ = inspect.signature(IdentityPool.__init__).replace(
    parameters=list(inspect.signature(IdentityPool.__init__).parameters.values())[1:]
)


def _check_removal_policy(policy: Any) -> None:
    check_instance("removal_policy", policy, RemovalPolicy, "an aws_cdk.RemovalPolicy")
    if policy not in (RemovalPolicy.RETAIN, RemovalPolicy.DESTROY, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE):
        raise IdentityPoolValidationError(
            "removal_policy",
            policy,
            "must be RETAIN, DESTROY or RETAIN_ON_UPDATE_OR_DELETE: identity pools have no snapshots",
        )


def _check_like_aws_cdk_lib(scope: Construct, identity_pool_id: str) -> None:
    """Raise for a malformed id where aws-cdk-lib's ``from_identity_pool_id`` raises too."""
    parts = identity_pool_id.split(":")
    if len(parts) != 2:
        raise IdentityPoolValidationError(
            "identity_pool_id",
            identity_pool_id,
            "must be '<region>:<uuid>', e.g. 'us-east-1:0a1b2c3d-1111-2222-3333-444455556666'",
        )
    stack_region = Stack.of(scope).region
    if not is_token(stack_region) and parts[0] != stack_region:
        raise IdentityPoolValidationError(
            "identity_pool_id",
            identity_pool_id,
            f"must be '<region>:<uuid>' with this stack's region {stack_region!r} (or a well-formed id of any region)",
        )


@jsii.implements(IIdentityPoolRef)
class _ImportedIdentityPool(_PoolBase):
    def __init__(
        self,
        scope: Construct,
        id: str,
        *,
        identity_pool_id: str,
        identity_pool_arn: str,
        account: str | None = None,
        region: str | None = None,
    ) -> None:
        super().__init__(scope, id, account=account, region=region)
        self.identity_pool_id: str = identity_pool_id
        self.identity_pool_arn: str = identity_pool_arn
        # An imported pool's name cannot be read at synth time; like aws-cdk-lib, the id stands in for it.
        self.identity_pool_name: str = identity_pool_id
