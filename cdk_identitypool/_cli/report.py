"""The findings of an assembly, and how the command line prints them: text (one line each), JSON, or SARIF
2.1.0 (the template file and line of each finding, for code scanning)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from .._checks.catalog import IdentityPoolCheck, Severity
from .._checks.findings import PoolFinding, TemplateTerms
from .._checks.pool_check import pool_findings
from .._model.assembly import Assembly
from .._model.template import POOL

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_INFORMATION_URI = "https://pypi.org/project/cdk-identitypool/"


@dataclass(frozen=True)
class Located:
    """A finding and where it stands: the template file and line, when known."""

    finding: PoolFinding
    file: str | None
    line: int | None

    @property
    def check(self) -> IdentityPoolCheck:
        return self.finding.check


def check_assembly(assembly: Assembly, only_stack: str | None = None) -> list[Located]:
    """Every finding of every pool of the assembly (of one stack, when named), each once."""
    terms = TemplateTerms(several_stacks=len(assembly.names()) > 1)
    found: list[Located] = []
    seen: set[tuple[str, str, str, str]] = set()
    for stack in assembly:
        if only_stack is not None and stack.name != only_stack:
            continue
        for pool in stack.model.of_type(POOL):
            for finding in pool_findings(assembly, stack, pool.logical_id, terms):
                key = (finding.check.value, finding.stack, finding.logical_id, finding.message)
                if key in seen:
                    continue
                seen.add(key)
                where = assembly.stack(finding.stack)
                resource = where.model.resources.get(finding.logical_id)
                found.append(Located(finding, where.file, resource.line if resource else None))
    return found


def render(found: list[Located], form: str, assembly: Assembly, path: str, version: str) -> str:
    if form == "json":
        return json.dumps([_as_json(item) for item in found], indent=2)
    if form == "sarif":
        return json.dumps(_sarif(found, version), indent=2)
    return _text(found, assembly, path)


def _text(found: list[Located], assembly: Assembly, path: str) -> str:
    pools = sum(len(list(s.model.of_type(POOL))) for s in assembly)
    if not pools:
        return f"no identity pool (AWS::Cognito::IdentityPool) in {path}: nothing to check"
    lines = [
        f"{item.check.severity.name} {item.finding.stack} {item.finding.logical_id}: [{item.check.value}] "
        f"{item.finding.message}"
        for item in found
    ]
    counts = {s: sum(1 for i in found if i.check.severity is s) for s in Severity}
    lines.append(
        f"{pools} identity pool(s) checked: {counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} "
        f"warning(s), {counts[Severity.INFO]} info(s)"
    )
    return "\n".join(lines)


def _as_json(item: Located) -> dict[str, Any]:
    finding = item.finding
    return {
        "check": finding.check.value,
        "severity": finding.check.severity.value,
        "stack": finding.stack,
        "logical_id": finding.logical_id,
        "pool": finding.pool[1],
        "message": finding.message,
        "file": item.file,
        "line": item.line,
    }


def _uri(file: str | None) -> str | None:
    if file is None:
        return None
    relative = os.path.relpath(file)
    return (file if relative.startswith("..") else relative).replace(os.sep, "/")


def _sarif(found: list[Located], version: str) -> dict[str, Any]:
    rules = [
        {
            "id": check.value,
            "name": check.name.title().replace("_", ""),
            "shortDescription": {"text": (check.__doc__ or check.value).split("\n")[0]},
            "fullDescription": {"text": check.explanation},
            "defaultConfiguration": {"level": _SARIF_LEVEL[check.severity]},
        }
        for check in IdentityPoolCheck
    ]
    results = []
    for item in found:
        location: dict[str, Any] = {
            "logicalLocations": [
                {
                    "name": item.finding.logical_id,
                    "fullyQualifiedName": f"{item.finding.stack}/{item.finding.logical_id}",
                }
            ]
        }
        uri = _uri(item.file)
        if uri is not None:
            physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if item.line is not None:
                physical["region"] = {"startLine": item.line}
            location["physicalLocation"] = physical
        results.append(
            {
                "ruleId": item.check.value,
                "level": _SARIF_LEVEL[item.check.severity],
                "message": {"text": item.finding.message},
                "locations": [location],
            }
        )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cdk-identitypool",
                        "version": version,
                        "informationUri": _INFORMATION_URI,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }


__all__ = ["Located", "check_assembly", "render"]
