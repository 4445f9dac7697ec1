"""``report`` and ``diff``: the access report as text, markdown (a table and a Mermaid flowchart, for a pull
request comment) or JSON, and what changed in who can do what between two assemblies or templates."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator

from .._model.access import AccessPath, AccessReport, Permission


def permission_text(permission: Permission) -> str:
    """One statement in one line: ``Allow dynamodb:GetItem, dynamodb:Query on Notes [if ...] (source)``."""
    actions = ("NOT " if permission.negated_actions else "") + ", ".join(permission.actions)
    resources = ("NOT " if permission.negated_resources else "") + ", ".join(permission.resources)
    extra = ""
    if permission.condition:
        extra += f" if {permission.condition}"
    if permission.when:
        extra += f" (when condition {permission.when})"
    return f"{permission.effect} {actions} on {resources}{extra} [{permission.source}]"


def _role_lines(path: AccessPath) -> list[str]:
    role = path.role
    if role is None:
        return []
    lines = [permission_text(p) for p in role.permissions] or ["(no statements in the template)"]
    return lines + [f"unknown: {u}" for u in role.unknowns] + [f"not read: {c}" for c in role.caveats]


def render_text(report: AccessReport) -> str:
    if not report.pools:
        return "no identity pool (AWS::Cognito::IdentityPool) found"
    out: list[str] = []
    for pool in report.pools:
        out.append(f"identity pool {pool.pool}")
        for note in pool.notes:
            out.append(f"  note: {note}")
        for path in pool.paths:
            head = f"  {path.identity} · {path.path} → "
            if path.outcome == "role" and path.role is not None:
                head += f"{path.role.name} (trust: {path.trust})"
            else:
                head += f"{path.outcome}: {path.reason}"
            out.append(head)
            out.extend(f"      {line}" for line in _role_lines(path))
    return "\n".join(out)


def render_markdown(report: AccessReport) -> str:
    out: list[str] = []
    for pool in report.pools:
        out += [
            f"### Identity pool `{pool.pool}`",
            "",
            "| identity | path | role | trust | may do |",
            "|---|---|---|---|---|",
        ]
        for path in pool.paths:
            role = f"`{path.role.name}`" if path.outcome == "role" and path.role else f"{path.outcome}: {path.reason}"
            allowed = "<br>".join(_md(line) for line in _role_lines(path)) if path.outcome == "role" else ""
            out.append(f"| {_md(path.identity)} | {_md(path.path)} | {_md(role)} | {path.trust} | {allowed} |")
        out += ["", "```mermaid", *mermaid(pool.paths), "```", ""]
    return "\n".join(out) if out else "No identity pool found."


def mermaid(paths: tuple[AccessPath, ...]) -> list[str]:
    """A flowchart: identities → paths → roles → resources (Allow statements)."""
    ids: dict[str, str] = {}

    def node(kind: str, label: str) -> str:
        key = f"{kind}:{label}"
        if key not in ids:
            ids[key] = f"{kind[0]}{len(ids)}"
        return ids[key]

    lines = ["flowchart LR"]
    edges: list[str] = []
    for path in paths:
        who = node("identity", path.identity)
        via = node("path", f"{path.identity}/{path.path}")
        lines.append(f'  {who}(["{_mm(path.identity)}"])')
        lines.append(f'  {via}["{_mm(path.path)}"]')
        edges.append(f"  {who} --> {via}")
        if path.outcome != "role" or path.role is None:
            end = node("end", path.outcome)
            lines.append(f'  {end}{{"{path.outcome}"}}')
            edges.append(f"  {via} --> {end}")
            continue
        role = node("role", path.role.name)
        lines.append(f'  {role}[["{_mm(path.role.name)}"]]')
        edges.append(f"  {via} -->|trust: {path.trust}| {role}")
        for permission in path.role.permissions:
            if permission.effect != "Allow":
                continue
            for resource in permission.resources:
                target = node("resource", resource)
                lines.append(f'  {target}[("{_mm(resource)}")]')
                edges.append(f'  {role} -->|"{_mm(", ".join(permission.actions))}"| {target}')
    return list(dict.fromkeys(lines + edges))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _mm(text: str) -> str:
    return re.sub(r'["\[\]{}<>|]', "'", text)[:120]


def render_json(report: AccessReport) -> str:
    return json.dumps(dataclasses.asdict(report), indent=2)


# --- diff ----------------------------------------------------------------------------------------------------


_TRUST_RANK = {"refused": 0, "not deployable": 0, "unknown": 1, "": 1, "trusted": 2}


def _facts(
    report: AccessReport,
) -> tuple[dict[tuple[str, str, str], str], dict[tuple[str, str, str], str], set[tuple[str, ...]]]:
    roles: dict[tuple[str, str, str], str] = {}
    trusts: dict[tuple[str, str, str], str] = {}
    grants: set[tuple[str, ...]] = set()
    for pool in report.pools:
        for path in pool.paths:
            key = (pool.pool, path.identity, path.path)
            roles[key] = path.role.name if path.outcome == "role" and path.role else path.outcome
            trusts[key] = path.trust
            for fact in _grants(path):
                grants.add((*key, *fact))
    return roles, trusts, grants


def _grants(path: AccessPath) -> Iterator[tuple[str, str, str]]:
    if path.outcome != "role" or path.role is None:
        return
    for permission in path.role.permissions:
        if permission.effect == "Deny":
            continue
        qualifier = permission.condition or permission.when or ""
        negation = "NOT " if permission.negated_actions else ""
        for action in permission.actions:
            for resource in permission.resources:
                on = ("NOT " if permission.negated_resources else "") + resource
                yield f"{permission.effect} {negation}{action}", on, qualifier


@dataclasses.dataclass(frozen=True)
class AccessDiff:
    """What changed: one line each, and whether any identity gained access or any trust widened."""

    lines: tuple[str, ...]
    widened: bool


def diff(old: AccessReport, new: AccessReport) -> AccessDiff:
    old_roles, old_trusts, old_grants = _facts(old)
    new_roles, new_trusts, new_grants = _facts(new)
    lines: list[str] = []
    widened = False
    for key in sorted(set(old_roles) | set(new_roles)):
        pool, identity, path = key
        before, after = old_roles.get(key, "absent"), new_roles.get(key, "absent")
        if before != after:
            lines.append(f"{pool} · {identity} · {path}: {before} → {after}")
        t_before, t_after = old_trusts.get(key, ""), new_trusts.get(key, "")
        if before == after and t_before != t_after:
            lines.append(f"{pool} · {identity} · {path}: trust {t_before or 'none'} → {t_after or 'none'}")
            widened |= _TRUST_RANK.get(t_after, 1) > _TRUST_RANK.get(t_before, 1)
    for fact in sorted(new_grants - old_grants):
        pool, identity, path, action, resource, qualifier = fact
        lines.append(f"{pool} · {identity}: + {action} on {resource}{' if ' + qualifier if qualifier else ''} ({path})")
        widened = True
    for fact in sorted(old_grants - new_grants):
        pool, identity, path, action, resource, qualifier = fact
        lines.append(f"{pool} · {identity}: - {action} on {resource}{' if ' + qualifier if qualifier else ''} ({path})")
    return AccessDiff(tuple(lines), widened)


def render_diff(change: AccessDiff, form: str) -> str:
    if form == "json":
        return json.dumps({"widened": change.widened, "changes": list(change.lines)}, indent=2)
    if not change.lines:
        return "no change in who can do what"
    if form == "markdown":
        verdict = "**Access grows: review needed.**" if change.widened else "Access does not grow."
        return "\n".join([f"### Identity pool access: {verdict}", "", *(f"- {_md(line)}" for line in change.lines)])
    return "\n".join(change.lines)


__all__ = [
    "AccessDiff",
    "diff",
    "mermaid",
    "permission_text",
    "render_diff",
    "render_json",
    "render_markdown",
    "render_text",
]
