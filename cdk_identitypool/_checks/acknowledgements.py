"""How an acknowledgement of a finding is found on a CDK app: CDK's ``Validations`` metadata
(``aws:cdk:acknowledged-rules``) on the construct, the pool, or an ancestor of either."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from constructs import IConstruct

from .catalog import ACKNOWLEDGED_RULES_METADATA, PLUGIN_NAME, IdentityPoolCheck


def acknowledgement(check: IdentityPoolCheck, targets: Sequence[IConstruct]) -> str | None:
    """The reason ``check`` was acknowledged on one of ``targets`` or an ancestor, through CDK's mechanism.

    The rule id may carry CDK's default namespace (``Annotation::``, how ``Validations.acknowledge`` stores a
    plain id) or the cdk-nag pack's (``cdk-identitypool::``, how CDK's report suggests it).
    """
    for target in targets:
        for scope in target.node.scopes:
            for entry in scope.node.metadata:
                if entry.type != ACKNOWLEDGED_RULES_METADATA or not isinstance(entry.data, Mapping):
                    continue
                for rule_id, reason in entry.data.items():
                    namespace, _, rule = str(rule_id).rpartition("::")
                    if rule == check.value and namespace.lower() in ("", "annotation", PLUGIN_NAME):
                        return str(reason)
    return None


__all__ = ["acknowledgement"]
