"""Security checks for identity pools, as a CDK Aspect that annotates errors, warnings and infos at synth time.

``Aspects.of(app).add(IdentityPoolChecks())`` checks every identity pool of the app (built with
:class:`~cdk_identitypool.IdentityPool` or with the L1 ``CfnIdentityPool``) and the roles it hands out: the
default roles, the roles of rules mappings and, for token mappings of a user pool in the same stack, the
roles of that user pool's groups. Each finding names the construct, the problem and the fix. Findings are
acknowledged the CDK way, errors too: ``Validations.of(scope).acknowledge(Acknowledgment(id=check_id,
reason=...))`` (aws-cdk-lib 2.257+), or :meth:`IdentityPoolChecks.acknowledge` on any version; the same
acknowledgements apply to the cdk-nag pack in :mod:`cdk_identitypool.nag`.
"""

from __future__ import annotations

import aws_cdk as cdk
import jsii
from aws_cdk import aws_cognito as cognito
from constructs import IConstruct

from .._construct.validation import check_str
from .._errors import IdentityPoolValidationError
from .._model.template import TemplateModel
from .app_model import AppFinding, app_findings
from .catalog import ACKNOWLEDGED_RULES_METADATA, ANNOTATION_NAMESPACE, IdentityPoolCheck, Severity


@jsii.implements(cdk.IAspect)
class IdentityPoolChecks:
    """An Aspect that checks every identity pool in the scope it is added to.

    Add it with ``cdk.Aspects.of(app).add(IdentityPoolChecks())``. Findings are annotations: errors stop
    ``cdk deploy`` (and ``cdk synth --strict`` stops on warnings too); read them in tests with
    ``aws_cdk.assertions.Annotations.from_stack(stack)``.

    ```python
    import aws_cdk as cdk
    from aws_cdk.assertions import Annotations, Match
    from cdk_identitypool import IdentityPool, IdentityPoolChecks

    cdk.Aspects.of(self).add(IdentityPoolChecks())  # or cdk.Aspects.of(app)
    IdentityPool(self, "Legacy", allow_classic_flow=True)
    Annotations.from_stack(self).has_warning("*", Match.string_like_regexp("cdk-identitypool:classic-flow"))
    ```
    """

    def __init__(self) -> None:
        self._seen: set[tuple[str, str, str]] = set()
        self._models: dict[str, TemplateModel] = {}  # each stack's model, read once per synthesis

    def visit(self, node: IConstruct) -> None:
        """Check ``node`` if it is an identity pool (called by CDK for every construct of the scope)."""
        if isinstance(node, cdk.Stage | cdk.Stack):
            # CDK visits a stack before what it holds: the pools that follow read each stack once.
            self._models.clear()
        elif isinstance(node, cognito.CfnIdentityPool):
            for finding in app_findings(node, self._models):
                self._report(finding)

    @staticmethod
    def acknowledge(scope: IConstruct, check: IdentityPoolCheck, reason: str) -> None:
        """Accept a finding for ``scope`` and everything under it: the finding becomes an info naming ``reason``.

        Call it on the pool, on the role, or on a stack; errors can be acknowledged too. It records the same
        acknowledgement as ``Validations.of(scope).acknowledge(Acknowledgment(id=check.value, reason=reason))``
        (which it calls where aws-cdk-lib has it), so the cdk-nag pack honours it as well.

        Args:
            scope: The construct (or an ancestor) the finding is about.
            check: Which check.
            reason: Why it is fine here (recorded in the cloud assembly). Required, not blank.
        """
        if not isinstance(check, IdentityPoolCheck):
            raise IdentityPoolValidationError("check", check, "must be an IdentityPoolCheck")
        check_str("reason", reason, allow_token=False)
        if not reason.strip():
            raise IdentityPoolValidationError("reason", reason, "say why the finding is acceptable")
        validations = getattr(cdk, "Validations", None)  # aws-cdk-lib 2.257+
        if validations is not None:
            validations.of(scope).acknowledge(cdk.Acknowledgment(id=check.value, reason=reason))
        else:
            scope.node.add_metadata(ACKNOWLEDGED_RULES_METADATA, {f"{ANNOTATION_NAMESPACE}::{check.value}": reason})

    def _report(self, finding: AppFinding) -> None:
        check, target = finding.check, finding.target
        key = (check.value, target.node.path, finding.message)
        if key in self._seen:
            return
        self._seen.add(key)
        reason = finding.acknowledged()
        annotations = cdk.Annotations.of(target)
        text = f"[{check.value}] {finding.message}"
        if reason is not None:
            annotations.add_info(f"{text} (acknowledged: {reason})")
        elif check.severity is Severity.ERROR:
            annotations.add_error(
                f"{text} To accept it: Validations.of(scope).acknowledge(Acknowledgment(id='{check.value}', "
                "reason=...)) or IdentityPoolChecks.acknowledge(scope, check, reason)."
            )
        elif check.severity is Severity.WARNING:
            annotations.add_warning_v2(check.value, text)
        else:
            annotations.add_info(text)


__all__ = ["IdentityPoolChecks"]
