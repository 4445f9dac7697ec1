"""A stack's template as it will be written, rendered once per stack when the app synthesizes.

The synth-time check (``final_shape``) needs what aws-cdk-lib renders for each pool: its tags, name and guest
setting after aspects and property injectors, its removal policies, its default roles' tags, which user pool
each app client belongs to. Reading those L1 by L1 costs about ten calls into Node per pool; rendering the
stack's template costs about a dozen calls per stack, whatever the number of pools.

The template is rendered the way ``cdk synth`` renders it (a synthesizer of our own, bound to the stack,
writes it into a temporary folder), after aspects and reference resolution, so it is the final shape.
``RenderedPool`` is one pool as that template renders it; ``Resolved`` resolves the pools' tokens in one call.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsii
from aws_cdk import ISynthesisSession, LegacyStackSynthesizer, Stack

from .._model.pool_view import PoolView
from .._model.template import MalformedTemplateError, TemplateModel
from .validation import is_token

if TYPE_CHECKING:
    from aws_cdk.cx_api import CloudAssemblyBuilder

    from .pool_state import PoolState


@jsii.implements(ISynthesisSession)
class _Session:
    """A synthesis session that only collects one template (and the missing context nobody reads)."""

    def __init__(self, outdir: str) -> None:
        from aws_cdk.cx_api import CloudAssemblyBuilder  # imported at synth only: it is not needed before

        self._outdir = outdir
        self._assembly = CloudAssemblyBuilder(outdir)

    @property
    def outdir(self) -> str:
        return self._outdir

    @outdir.setter
    def outdir(self, value: str) -> None:
        self._outdir = value

    @property
    def assembly(self) -> CloudAssemblyBuilder:
        return self._assembly

    @assembly.setter
    def assembly(self, value: CloudAssemblyBuilder) -> None:
        self._assembly = value

    @property
    def validate_on_synth(self) -> bool | None:
        return False

    @validate_on_synth.setter
    def validate_on_synth(self, value: bool | None) -> None:
        pass


def render_template(stack: Stack) -> dict[str, Any] | None:
    """``stack``'s CloudFormation template as ``cdk synth`` will write it; None when it cannot be rendered (the
    synthesis that follows raises the same error, with aws-cdk-lib's message)."""
    with tempfile.TemporaryDirectory(prefix="cdk-identitypool-") as outdir:
        synthesizer = LegacyStackSynthesizer()
        synthesizer.bind(stack)  # binds the synthesizer only: the stack keeps its own
        try:
            synthesizer._synthesize_template(_Session(outdir))
        except Exception:  # e.g. more resources than the stack allows: the real synthesis says so next
            return None
        written = sorted(Path(outdir).glob("*.template.json"))
        if len(written) != 1:
            return None
        template = json.loads(written[0].read_text(encoding="utf-8"))
    return template if isinstance(template, dict) else None


def default_logical_id(path: list[str]) -> str:
    """The logical id aws-cdk-lib gives an element at ``path`` (construct ids below its stack), when neither the
    stack nor the element chooses another: the ids without ``Default``, as letters and digits (``Resource``
    left out), then the first 8 hex digits of the MD5 of the path (``Pool/Resource`` → ``PoolD3F588B8``)."""
    import hashlib  # imported at synth only (a few milliseconds at import time otherwise)

    path = [part for part in path if part != "Default"]
    if len(path) == 1 and len(_alphanumeric(path[0])) <= 255:
        return _alphanumeric(path[0])
    digest = hashlib.md5("/".join(path).encode("utf-8"), usedforsecurity=False).hexdigest()[:8].upper()
    human: list[str] = []
    for part in path:
        if not human or not human[-1].endswith(part):
            human.append(part)
    return "".join(_alphanumeric(part) for part in human if part != "Resource")[:240] + digest


def _alphanumeric(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text)


#: What the synth-time check reads of a stack's resources: the properties of the pools, their attachments and
#: the OIDC providers they name; of anything else only the type (a user pool's, for its provider name).
_READ = frozenset(
    {
        "AWS::Cognito::IdentityPool",
        "AWS::Cognito::IdentityPoolRoleAttachment",
        "AWS::IAM::OIDCProvider",
        "Custom::AWSCDKOpenIdConnectProvider",
    }
)


def model_of(template: dict[str, Any] | None, region: str | None) -> TemplateModel | None:
    """The template model of a rendered template, with what the synth-time check reads of it (None without a
    template, or if it does not read)."""
    if template is None:
        return None
    read = {
        **template,
        "Resources": {
            k: r if r.get("Type") in _READ else {"Type": r.get("Type")} for k, r in resources_of(template).items()
        },
    }
    try:
        return TemplateModel.from_template(read, region=region)
    except MalformedTemplateError:
        return None


def resources_of(template: dict[str, Any] | None) -> dict[str, dict[str, Any]]:
    """The template's resources by logical id (empty when there is no template)."""
    resources = (template or {}).get("Resources")
    return {k: v for k, v in resources.items() if isinstance(v, dict)} if isinstance(resources, dict) else {}


@dataclass(frozen=True)
class RenderedPool:
    """One pool as the template renders it: its resource, and the resources of its default roles."""

    resource: dict[str, Any]
    roles: list[tuple[str, dict[str, Any]]]
    resources: dict[str, dict[str, Any]]
    region: str | None
    model: TemplateModel | None = None
    """The stack's template model (the one the checks and the simulator read), when the template reads."""
    view: PoolView | None = None
    """The pool in :attr:`model`."""
    mapping_providers: dict[str, Any] = field(default_factory=dict)
    """Each role mapping's ``IdentityProvider`` by its key, as the pool's only attachment renders it."""
    role_mappings: Any = None
    """``RoleMappings`` as the pool's only attachment renders it (None without one)."""

    @classmethod
    def of(
        cls,
        resources: dict[str, dict[str, Any]],
        logical_id: str | None,
        state: PoolState,
        region: str | None,
        model: TemplateModel | None = None,
        attachments: Mapping[str, list[dict[str, Any]]] | None = None,
    ) -> RenderedPool:
        """``attachments``: :func:`attachments_by_pool` of ``resources`` (computed when not given; a stack's
        check computes it once for all its pools)."""
        resource = resources.get(logical_id or "", {})
        named = (attachments if attachments is not None else attachments_by_pool(resources)).get(logical_id or "", [])
        attachment = named[0] if len(named) == 1 else None  # the pool's only attachment (none, or several: None)
        attached = _roles_of(attachment) if attachment is not None else None
        if attached is not None:
            role_ids = [(kind, attached.get(kind.lower())) for kind in state.made]
        else:  # several attachments name the pool: the default roles' ids are read from Node
            role_ids = [(kind, state.stack.resolve(l1.logical_id)) for kind, l1 in state.default_roles]
        roles = [(kind, resources[role_id]) for kind, role_id in role_ids if role_id in resources]
        view = PoolView.of(model, logical_id) if model is not None and logical_id in model.resources else None
        mappings = attachment.get("RoleMappings") if attachment is not None else None
        providers = {
            k: m.get("IdentityProvider")
            for k, m in (mappings.items() if isinstance(mappings, dict) else ())
            if isinstance(m, dict)
        }
        return cls(resource, roles, resources, region, model if view is not None else None, view, providers, mappings)

    @property
    def properties(self) -> dict[str, Any]:
        props = self.resource.get("Properties")
        return props if isinstance(props, dict) else {}

    @property
    def guests(self) -> Any:
        return self.properties.get("AllowUnauthenticatedIdentities")

    @property
    def entries(self) -> list[Mapping[str, Any]]:
        """The pool's user pool providers (``CognitoIdentityProviders``) as the model reads them: aws-cdk-lib's
        name of a user pool of this stack is its ``ProviderName`` there (as rendered without a model)."""
        entries = (
            self.view.user_pool_providers if self.view is not None else self.properties.get("CognitoIdentityProviders")
        )
        return [e for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []


def attachments_by_pool(resources: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The properties of every role attachment of a template, by the logical id of the pool it names (its
    ``IdentityPoolId`` is ``{"Ref": <pool>}``): one pass over the template for all its pools."""
    found: dict[str, list[dict[str, Any]]] = {}
    for r in resources.values():
        props = r.get("Properties")
        if r.get("Type") != "AWS::Cognito::IdentityPoolRoleAttachment" or not isinstance(props, dict):
            continue
        pool = props.get("IdentityPoolId")
        target = pool.get("Ref") if isinstance(pool, dict) and len(pool) == 1 else None
        if isinstance(target, str):
            found.setdefault(target, []).append(props)
    return found


def _roles_of(attachment: dict[str, Any]) -> dict[str, str]:
    """The logical ids of the roles an attachment names, by kind (``authenticated``, ``unauthenticated``)."""
    roles = attachment.get("Roles")
    found: dict[str, str] = {}
    for kind, arn in roles.items() if isinstance(roles, dict) else ():
        target = arn.get("Fn::GetAtt") if isinstance(arn, dict) else None
        if isinstance(target, list) and len(target) == 2 and target[1] == "Arn":
            found[kind] = target[0]
    return found


class Resolved:
    """Resolves the tokens among many values in one call into Node, on first use (cached by the string)."""

    def __init__(self, stack: Stack) -> None:
        self._stack = stack
        self._pending: list[str] = []
        self._done: dict[str, Any] = {}

    def want(self, values: Iterable[Any]) -> None:
        self._pending.extend(v for v in values if isinstance(v, str) and is_token(v))

    def __call__(self, value: Any) -> Any:
        if not (isinstance(value, str) and is_token(value)):
            return value
        if value not in self._done:
            batch = list(dict.fromkeys(v for v in [*self._pending, value] if v not in self._done))
            for v, resolved in zip(batch, self._stack.resolve(batch), strict=True):
                self._done[v] = resolved
            self._pending = []
        return self._done[value]


__all__ = ["RenderedPool", "Resolved", "attachments_by_pool", "render_template", "resources_of"]
