"""A read-only model of the identity-pool parts of a CloudFormation template (trust policies are evaluated
in ``_trust``).

Shared by the role-resolution simulator (``cdk_identitypool.testing``) and the security checks
(``cdk_identitypool._pool_check``). It reads a template (a synthesized one, or the resolved properties of a
construct tree spelled as in a template: ``_checks.tree_model``): one key casing, exact lookups. Intrinsics are
compared structurally after :func:`normalize`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .intrinsics import normalize_template, show, unknown_reason
from .values import (
    as_list,
    get,
    getatt_logical_id,
    join_parts,
    normalize,
    ref_logical_id,
    ref_of,
)

POOL = "AWS::Cognito::IdentityPool"
ATTACHMENT = "AWS::Cognito::IdentityPoolRoleAttachment"
PRINCIPAL_TAG = "AWS::Cognito::IdentityPoolPrincipalTag"
ROLE = "AWS::IAM::Role"
POLICY = "AWS::IAM::Policy"
MANAGED_POLICY = "AWS::IAM::ManagedPolicy"
USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup"


@dataclass(frozen=True)
class Resource:
    """One resource: its logical id, type, properties (as the template spells them), its construct path when
    a CDK app made it (``aws:cdk:path``), and the line of the template it starts on, when read from a file."""

    logical_id: str
    type: str
    properties: Mapping[str, Any]
    path: str | None
    line: int | None = None
    condition: str | None = None


class MalformedTemplateError(ValueError):
    """A template whose identity-pool parts are not shaped as CloudFormation requires."""


class TemplateModel:
    """Resources by logical id, with their construct paths when known.

    Args:
        resources: The resources, by logical id.
        account: The template's account id, when it is known (a stack with an explicit environment); a
            literal role ARN names a role of this template only in this account.
        region: The template's region, when it is known; a user pool provider named after it is one of
            this template's user pools.
    """

    def __init__(
        self,
        resources: Mapping[str, Resource],
        account: str | None = None,
        *,
        parameters: Mapping[str, Any] | None = None,
        exports: Mapping[str, Any] | None = None,
        region: str | None = None,
        outputs: Mapping[str, Any] | None = None,
    ) -> None:
        self.resources = _canonical_forms(dict(resources), region)
        self.account = account
        self.region = region
        self._pool_index: dict[str, dict[Any, list[Resource]]] = {}
        self.parameters: dict[str, Any] = dict(parameters or {})
        self.exports: dict[str, Any] = dict(exports or {})
        """The values this template exports (``Outputs.*.Export.Name`` → ``Value``), by literal export name."""
        self.outputs: dict[str, Any] = dict(outputs or {})
        """Every output's ``Value``, by the output's logical id (a nested stack's parent reads them)."""

    @classmethod
    def from_template(
        cls,
        template: Any,
        paths: Mapping[str, str] | None = None,
        account: str | None = None,
        lines: Mapping[str, int] | None = None,
        region: str | None = None,
    ) -> TemplateModel:
        """The model of a template dict; ``Fn::Sub`` / ``Fn::Join`` that spell a simpler intrinsic are read as it.

        Args:
            template: The template (JSON or YAML, decoded).
            paths: Construct paths by logical id. Default: each resource's ``aws:cdk:path`` metadata.
            account: The template's account, when known. Default: unknown.
            region: The template's region, when known. Default: unknown.
            lines: The line each resource starts on, by logical id. Default: none.
        """
        if not isinstance(template, Mapping):
            raise MalformedTemplateError(f"template: must be a dict (a CloudFormation template), not {_kind(template)}")
        bodies = template.get("Resources") or {}
        if not isinstance(bodies, Mapping):
            raise MalformedTemplateError(f"template.Resources: must be a dict of resources, not {_kind(bodies)}")
        parameters = template.get("Parameters") or {}
        if not isinstance(parameters, Mapping):
            raise MalformedTemplateError(f"template.Parameters: must be a dict, not {_kind(parameters)}")
        names = frozenset(map(str, [*bodies, *parameters]))
        found: dict[str, Resource] = {}
        for logical_id, body in bodies.items():
            if not isinstance(body, Mapping) or not isinstance(body.get("Type"), str):
                raise MalformedTemplateError(
                    f"template.Resources.{logical_id}: must be a dict with a string Type, not {_kind(body)}"
                )
            props = body.get("Properties") or {}
            if not isinstance(props, Mapping):
                raise MalformedTemplateError(f"template.Resources.{logical_id}.Properties: must be a dict")
            metadata = body.get("Metadata")
            path = (paths or {}).get(logical_id) or (
                metadata.get("aws:cdk:path") if isinstance(metadata, Mapping) else None
            )
            condition = body.get("Condition")
            found[str(logical_id)] = Resource(
                str(logical_id),
                body["Type"],
                _documents_parsed(body["Type"], normalize_template(props, names)),
                path if isinstance(path, str) else None,
                (lines or {}).get(str(logical_id)),
                condition if isinstance(condition, str) else None,
            )
        exports: dict[str, Any] = {}
        values: dict[str, Any] = {}
        outputs = template.get("Outputs")
        for key, output in outputs.items() if isinstance(outputs, Mapping) else ():
            value = normalize_template(get(output, "Value"), names)
            values[str(key)] = value
            name = normalize_template(get(get(output, "Export"), "Name"), names)
            if isinstance(name, str):
                exports[name] = value
        return cls(found, account, parameters=parameters, exports=exports, region=region, outputs=values)

    def unknown_reason(self, expr: Any) -> str | None:
        """Why ``expr`` is known only at deploy time (a parameter, a custom resource's attribute, an import,
        a condition), or None."""
        return unknown_reason(expr, {r.logical_id: r.type for r in self.resources.values()}, self.parameters)

    def of_type(self, type_: str) -> Iterator[Resource]:
        return (r for r in self.resources.values() if r.type == type_)

    def role_for_arn(self, arn: Any) -> Resource | None:
        """The AWS::IAM::Role behind an ARN: ``Fn::GetAtt [id, Arn]``, or the ARN of a named role of this
        template's account (a literal ARN in that account, or one built on ``AWS::AccountId``). A role of
        another (or an unknown) account is never taken for a local role of the same name."""
        logical_id = getatt_logical_id(arn, "Arn")
        if logical_id is not None:
            found = self.resources.get(logical_id)
            return found if found is not None and found.type == ROLE else None
        name = self.local_role_name(arn)
        return self.role_named(name) if name is not None else None

    def role_named(self, name: str) -> Resource | None:
        """The AWS::IAM::Role whose literal ``RoleName`` is ``name``."""
        return next((r for r in self.of_type(ROLE) if get(r.properties, "RoleName") == name), None)

    def local_role_name(self, arn: Any) -> str | None:
        """The role name of an ARN in this template's account: a literal ARN, or one joined from literals,
        ``AWS::Partition`` and ``AWS::AccountId`` (which is this template's account)."""
        text = ""
        for part in join_parts(arn):
            if isinstance(part, str):
                text += part
            elif part in ({"Ref": "AWS::Partition"}, {"Ref": "AWS::AccountId"}):
                text += "{partition}" if part == {"Ref": "AWS::Partition"} else "{account}"
            else:
                return None
        match = re.fullmatch(r"arn:(?:[\w-]+|\{partition\}):iam::(\d{12}|\{account\}):role/(?:.*/)?([^/]+)", text)
        if match is None or (match[1] != "{account}" and match[1] != self.account):
            return None
        return match[2]

    def for_pool(self, type_: str, pool_logical_id: str) -> list[Resource]:
        """Resources of ``type_`` whose IdentityPoolId is ``{"Ref": pool}`` (indexed on first use, so that
        reading every pool of a large template stays linear)."""
        index = self._pool_index.get(type_)
        if index is None:
            index = self._pool_index[type_] = {}
            for resource in self.of_type(type_):
                index.setdefault(normalize(get(resource.properties, "IdentityPoolId")), []).append(resource)
        return list(index.get(normalize(ref_of(pool_logical_id)), []))

    def oidc_host(self, arn: Any) -> str | None:
        """The issuer host (no ``https://``) of an OIDC provider, by its ARN (literal or Ref)."""
        if isinstance(arn, str) and ":oidc-provider/" in arn:
            return arn.split(":oidc-provider/", 1)[1]
        logical_id = ref_logical_id(arn)
        resource = self.resources.get(logical_id) if logical_id else None
        url = get(resource.properties, "Url") if resource else None
        if isinstance(url, str):
            return url.removeprefix("https://").rstrip("/")
        return None

    def literal(self, expr: Any) -> Any:
        """Evaluate the few intrinsics with a synth-time value (an OIDC provider's issuer); else ``expr``."""
        if isinstance(expr, Mapping) and set(expr) == {"Fn::Select"}:
            index, source = expr["Fn::Select"]
            if (
                index == 1
                and isinstance(source, Mapping)
                and set(source) == {"Fn::Split"}
                and source["Fn::Split"][0] == ":oidc-provider/"
            ):
                host = self.oidc_host(source["Fn::Split"][1])
                if host is not None:
                    return host
        parts = join_parts(expr)
        if len(parts) > 1:
            return _evaluated_join(parts, self.account)
        return expr

    def role_statements(self, role: Resource) -> list[dict[str, Any]]:
        """Identity-policy statements of a role: inline policies, AWS::IAM::Policy and customer managed policies.

        Each statement carries ``"__source__"``: the inline policy's name, or the policy resource's logical id.
        A statement (or policy) chosen by ``Fn::If`` is read in each branch, marked ``"__condition__": <name>``
        (``AWS::NoValue`` branches are dropped); so is a policy resource with a ``Condition``.
        """
        statements: list[dict[str, Any]] = []
        for inline in _branches(get(role.properties, "Policies"), None):
            source = f"inline policy {show(get(inline, 'PolicyName'))}"
            found = _branches(get(get(inline, "PolicyDocument"), "Statement"), inline.get("__condition__"))
            statements.extend({**s, "__source__": source} for s in found)
        want = normalize(ref_of(role.logical_id))
        for policy in (*self.of_type(POLICY), *self.of_type(MANAGED_POLICY)):
            if any(normalize(r) == want for r in _branches(get(policy.properties, "Roles"), None, keep=True)):
                document = get(policy.properties, "PolicyDocument")
                found = _branches(get(document, "Statement"), policy.condition)
                statements.extend({**s, "__source__": f"{policy.type} {policy.logical_id}"} for s in found)
        return statements


_REGION_IN_NAME = re.compile(r"cognito-idp\.(?P<region>[a-z]{2}(?:-gov)?-[a-z]+-\d)\.")


def _evaluated_join(parts: list[Any], account: str | None) -> Any:
    """A join of literals and pseudo parameters whose value is certain (``AWS::URLSuffix`` next to a named
    commercial, GovCloud or China region, ``AWS::AccountId`` when the account is known), else the join."""
    text = "".join(p for p in parts if isinstance(p, str))
    region = _REGION_IN_NAME.search(text)
    values = {
        "AWS::URLSuffix": (
            None if region is None else "amazonaws.com.cn" if region["region"].startswith("cn-") else "amazonaws.com"
        ),
        "AWS::AccountId": account,
    }
    out = []
    for part in parts:
        value = part if isinstance(part, str) else values.get(ref_logical_id(part) or "")
        if value is None:
            return {"Fn::Join": ["", parts]}
        out.append(value)
    return "".join(out)


def _branches(value: Any, condition: str | None, keep: bool = False) -> list[Any]:
    """The items of a list (or the one value) with each ``Fn::If`` read in both branches; dicts only unless
    ``keep``. Items from a branch carry ``"__condition__"`` (the condition's name)."""
    out: list[Any] = []
    for item in as_list(value):
        if isinstance(item, Mapping) and set(item) == {"Fn::If"} and isinstance(item["Fn::If"], list):
            name, *options = item["Fn::If"] + [None, None]
            for option in options[:2]:
                if option is not None and option != {"Ref": "AWS::NoValue"}:
                    out.extend(_branches(option, str(name), keep))
        elif keep:
            out.append(item)
        elif isinstance(item, Mapping):
            out.append({**item, "__condition__": condition} if condition else dict(item))
    return out


_DOCUMENTS = {ROLE: ("AssumeRolePolicyDocument",), POLICY: ("PolicyDocument",), MANAGED_POLICY: ("PolicyDocument",)}


def _documents_parsed(type_: str, props: Any) -> Any:
    """Policy documents given as JSON text (CloudFormation accepts both) as the mappings they spell; inline
    policies of a role too."""
    if not isinstance(props, Mapping) or type_ not in _DOCUMENTS:
        return props
    out = dict(props)
    for name in _DOCUMENTS[type_]:
        out[name] = _json_document(out.get(name))
    if type_ == ROLE and isinstance(out.get("Policies"), list):
        out["Policies"] = [
            {**p, "PolicyDocument": _json_document(p.get("PolicyDocument"))} if isinstance(p, Mapping) else p
            for p in out["Policies"]
        ]
    return out


def _json_document(value: Any) -> Any:
    if isinstance(value, str) and value.lstrip().startswith("{"):
        try:
            return json.loads(value)
        except ValueError:
            return value  # not JSON: the shape check names it
    return value


def _canonical_forms(resources: dict[str, Resource], region: str | None) -> dict[str, Resource]:
    """Values written in one form, so that comparisons see one form (in one walk of the properties):

    - ``Fn::GetAtt [<identity pool>, Id]`` is the pool's ``Ref``;
    - aws-cdk-lib names a user pool provider ``cognito-idp.<region>.<URL suffix>/<user pool id>`` after the
      identity pool's region. For a user pool of this template, with ``AWS::Region`` or the template's own
      (known) region, that is the user pool's ``ProviderName`` (``Fn::GetAtt [<user pool>, ProviderName]``);
      another literal region stays as it is (unknown).
    """
    pools = {r.logical_id for r in resources.values() if r.type == POOL}
    user_pools = {r.logical_id for r in resources.values() if r.type == "AWS::Cognito::UserPool"}
    if not pools and not user_pools:
        return resources

    def rewrite(value: Any) -> Any:
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        if isinstance(value, Mapping):
            target = getatt_logical_id(value, "Id")
            if target in pools:
                return {"Ref": target}
            named = _provider_name_prefix(join_parts(value), user_pools, region) if user_pools else None
            if named is not None:
                return named
            return {k: rewrite(v) for k, v in value.items()}
        return value

    return {
        k: Resource(r.logical_id, r.type, rewrite(r.properties), r.path, r.line, r.condition)
        for k, r in resources.items()
    }


_URL_SUFFIX = {"Ref": "AWS::URLSuffix"}


def _provider_name_prefix(parts: list[Any], user_pools: Collection[str], region: str | None) -> Any:
    """``parts`` (a flattened join) with a leading ``cognito-idp.<region>.<URL suffix>/<Ref user pool>`` written
    as the user pool's ``ProviderName``; None when they do not start so."""
    if len(parts) >= 6 and parts[:5] == ["cognito-idp.", {"Ref": "AWS::Region"}, ".", _URL_SUFFIX, "/"]:
        target, rest = parts[5], parts[6:]
    elif (
        len(parts) >= 4
        and region is not None
        and parts[0] == f"cognito-idp.{region}."
        and parts[1:3] == [_URL_SUFFIX, "/"]
    ):
        target, rest = parts[3], parts[4:]
    else:
        return None
    logical_id = ref_logical_id(target)
    if logical_id not in user_pools:
        return None
    name = {"Fn::GetAtt": [logical_id, "ProviderName"]}
    return name if not rest else {"Fn::Join": ["", [name, *rest]]}


def _kind(value: Any) -> str:
    return f"a {type(value).__name__}" if value is not None else "nothing"
