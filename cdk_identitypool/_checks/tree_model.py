"""The template model of a stack read from its construct tree (during synthesis, before the template is
written): the resolved properties of its L1 resources, spelled as in a template (``cfn_casing``)."""

from __future__ import annotations

from typing import Any

import aws_cdk as cdk
from aws_cdk import TreeInspector

from .._model.template import Resource, TemplateModel
from .cfn_casing import cfn_properties


def model_of_stack(scope: cdk.Stack) -> TemplateModel:
    """The L1 resources of ``scope`` (not of its nested stacks), with resolved properties.

    Property overrides (``add_property_override``) are not visible here, only in a synthesized template.
    """
    found: dict[str, Resource] = {}
    for node in scope.node.find_all():
        if isinstance(node, cdk.CfnResource) and cdk.Stack.of(node) is scope:
            inspector = TreeInspector()
            inspect = getattr(node, "inspect", None)
            props: Any = {}
            if inspect is not None:
                inspect(inspector)
                props = cfn_properties(scope.resolve(inspector.attributes.get("aws:cdk:cloudformation:props")) or {})
            logical_id = scope.resolve(node.logical_id)
            found[logical_id] = Resource(logical_id, node.cfn_resource_type, props, node.node.path)
    account, region = scope.account, scope.region
    return TemplateModel(
        found,
        None if cdk.Token.is_unresolved(account) else account,
        region=None if cdk.Token.is_unresolved(region) else region,
    )


__all__ = ["model_of_stack"]
