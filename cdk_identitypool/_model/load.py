"""Reading templates from disk: a template file (JSON, or YAML with CloudFormation's short-form tags) or a cloud
assembly directory (its manifest, the nested assemblies of Stages, the templates of nested stacks).

YAML is read with PyYAML's safe loader plus CloudFormation's tags (``!Ref``, ``!GetAtt a.b``, ``!Sub`` ...),
dates kept as text (``Version: 2012-10-17``), and the line each resource starts on (for SARIF). Anything that
is not a readable template raises :class:`~cdk_identitypool._model.template.MalformedTemplateError` with one
line that names the file and the problem.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from .assembly import Assembly, StackTemplate
from .intrinsics import PSEUDO_PARAMETERS, is_intrinsic
from .shapes import check_shapes
from .template import MalformedTemplateError, TemplateModel
from .values import get

#: A template larger than this is refused (CloudFormation's own limit is 1 MB in S3).
MAX_BYTES = 50 * 1024 * 1024


def read_path(path: str | Path) -> Assembly:
    """The stacks of a cloud assembly directory, or the one template of a file."""
    target = Path(path)
    if target.is_file():
        return Assembly([read_template_file(target, target.name)])
    if target.is_dir():
        if not (target / "manifest.json").is_file():
            raise MalformedTemplateError(f"{path}: a directory without manifest.json is not a cloud assembly")
        stacks = _assembly_stacks(target)
        return Assembly(stacks)
    raise MalformedTemplateError(f"{path}: no such template file or cloud assembly directory")


def read_template_file(path: Path, name: str, account: str | None = None, region: str | None = None) -> StackTemplate:
    """One template file as a stack named ``name`` (of ``account`` and ``region``, when known)."""
    text = _text(path)
    template, lines = parse_template(text, str(path))
    try:
        model = TemplateModel.from_template(template, account=account, lines=lines, region=region)
    except MalformedTemplateError as error:
        raise MalformedTemplateError(f"{path}: {error}") from None
    _check_references(model, str(path))
    check_shapes(model, str(path))
    return StackTemplate(name, model, str(path), _nested(path.parent, template, name, model))


def _check_references(model: TemplateModel, where: str) -> None:
    """A ``Ref`` or ``Fn::GetAtt`` naming nothing of the template: CloudFormation refuses such a template."""
    known = {*model.resources, *model.parameters, *PSEUDO_PARAMETERS}
    for resource in model.resources.values():
        for name in _referenced(resource.properties):
            if name not in known:
                raise MalformedTemplateError(
                    f"{where}: Resources.{resource.logical_id} refers to {name}, which the template does not define "
                    "(CloudFormation refuses it; pass the whole template or the cloud assembly)"
                )


def _referenced(value: Any) -> Iterator[str]:
    if isinstance(value, list):
        for item in value:
            yield from _referenced(item)
    elif isinstance(value, Mapping):
        if len(value) == 1:
            key, arg = next(iter(value.items()))
            if key == "Ref" and isinstance(arg, str):
                yield arg
                return
            if key == "Fn::GetAtt" and isinstance(arg, list) and arg and isinstance(arg[0], str):
                yield arg[0]
                return
        for item in value.values():
            yield from _referenced(item)


def parse_template(text: str, where: str) -> tuple[Any, dict[str, int]]:
    """A template's text (JSON or YAML) decoded, and the line each resource starts on."""
    if not text.strip():
        raise MalformedTemplateError(f"{where}: the file is empty")
    if text.lstrip().startswith("{"):
        try:
            template = json.loads(text)
        except json.JSONDecodeError as error:
            try:
                return _yaml(text, where)  # YAML in flow style also starts with "{"
            except MalformedTemplateError:
                raise MalformedTemplateError(f"{where}: not valid JSON ({error})") from None
        return template, _json_lines(text, template)
    return _yaml(text, where)


def _yaml(text: str, where: str) -> tuple[Any, dict[str, int]]:
    from .cfn_yaml import load_yaml  # PyYAML is imported only for YAML templates

    return load_yaml(text, where)


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise MalformedTemplateError(f"{path}: cannot read it ({error.strerror})") from None
    if len(data) > MAX_BYTES:
        raise MalformedTemplateError(f"{path}: {len(data)} bytes is larger than a template can be")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise MalformedTemplateError(
            f"{path}: not UTF-8 text (byte {error.start}); CloudFormation reads UTF-8"
        ) from None


def _json_lines(text: str, template: Any) -> dict[str, int]:
    """The line of each resource's key in a JSON template (its first occurrence after ``"Resources"``)."""
    resources = template.get("Resources") if isinstance(template, Mapping) else None
    if not isinstance(resources, Mapping):
        return {}
    start = text.find('"Resources"')
    lines: dict[str, int] = {}
    for logical_id in resources:
        at = text.find(json.dumps(logical_id) + ":", start) if start >= 0 else -1
        if at < 0:
            at = text.find(json.dumps(logical_id), start)
        if at >= 0:
            lines[str(logical_id)] = text.count("\n", 0, at) + 1
    return lines


def _assembly_stacks(directory: Path) -> list[StackTemplate]:
    """The stacks of one cloud assembly and of the nested assemblies its Stages write (``Stage/Stack``)."""
    manifest = directory / "manifest.json"
    try:
        artifacts = json.loads(_text(manifest)).get("artifacts")
    except (json.JSONDecodeError, AttributeError) as error:
        raise MalformedTemplateError(f"{manifest}: not a cloud assembly manifest ({error})") from None
    if not isinstance(artifacts, Mapping):
        raise MalformedTemplateError(f"{manifest}: a cloud assembly manifest lists its artifacts; this one has none")
    found: list[StackTemplate] = []
    for name, artifact in artifacts.items():
        if not isinstance(artifact, Mapping):
            continue
        properties = artifact.get("properties") or {}
        if artifact.get("type") == "aws:cloudformation:stack" and isinstance(properties.get("templateFile"), str):
            account, region = _environment(artifact.get("environment"))
            found.append(
                read_template_file(
                    directory / properties["templateFile"], str(artifact.get("displayName") or name), account, region
                )
            )
        elif artifact.get("type") == "cdk:cloud-assembly" and isinstance(properties.get("directoryName"), str):
            found += _assembly_stacks(directory / properties["directoryName"])
    return found


def _environment(environment: Any) -> tuple[str | None, str | None]:
    """The account and the region of ``aws://<account>/<region>``, each when it is literal."""
    if isinstance(environment, str) and environment.startswith("aws://"):
        account, _, region = environment.removeprefix("aws://").partition("/")
        return (
            account if account.isdigit() and len(account) == 12 else None,
            region if re.fullmatch(r"[a-z]{2,4}(-[a-z]+)+-\d+", region) else None,
        )
    return None, None


def _nested(directory: Path, template: Any, parent: str, model: TemplateModel) -> tuple[StackTemplate, ...]:
    """Nested stacks whose template is a file beside the parent's (as ``cdk synth`` writes them:
    ``aws:asset:path`` metadata, or a relative ``TemplateURL``), each with the parameters the parent gives it
    (from the parent's ``model``)."""
    resources = template.get("Resources") if isinstance(template, Mapping) else None
    found = []
    for logical_id, body in (resources or {}).items() if isinstance(resources, Mapping) else ():
        if not isinstance(body, Mapping) or body.get("Type") != "AWS::CloudFormation::Stack":
            continue
        metadata = body.get("Metadata")
        metadata = metadata if isinstance(metadata, Mapping) else {}
        properties = body.get("Properties")
        url = properties.get("TemplateURL") if isinstance(properties, Mapping) else None
        candidates = [
            metadata.get("aws:asset:path"),
            url if isinstance(url, str) and "://" not in url else None,
            _asset_file(directory, url),
        ]
        for candidate in candidates:
            if isinstance(candidate, str) and (directory / candidate).is_file():
                nested = read_template_file(directory / candidate, f"{parent}/{logical_id}")
                given = get(model.resources[str(logical_id)].properties, "Parameters")
                found.append(
                    replace(
                        nested,
                        parent=parent,
                        parent_resource=str(logical_id),
                        parent_parameters=given if isinstance(given, Mapping) and not is_intrinsic(given) else {},
                    )
                )
                break
    return tuple(found)


def _asset_file(directory: Path, url: Any) -> str | None:
    """The file behind a nested stack's ``TemplateURL`` that names a CDK file asset (``<hash>.json``), through
    the assets manifests (``*.assets.json``) beside the template."""
    match = re.search(r"([0-9a-f]{64})\.json", json.dumps(url))
    if match is None:
        return None
    for manifest in sorted(directory.glob("*.assets.json")):
        try:
            files = json.loads(manifest.read_text(encoding="utf-8")).get("files") or {}
        except (OSError, ValueError, AttributeError):
            continue
        source = (files.get(match[1]) or {}).get("source") if isinstance(files, Mapping) else None
        path = source.get("path") if isinstance(source, Mapping) else None
        if isinstance(path, str):
            return path
    return None


__all__ = ["MAX_BYTES", "parse_template", "read_path", "read_template_file"]
