"""The identity pool checks as a cdk-nag pack (needs the ``[nag]`` extra: cdk-nag 3, aws-cdk-lib 2.257+).

Register it next to the packs you already run::

    from aws_cdk import Validations
    from cdk_nag import AwsSolutionsChecks
    from cdk_identitypool.nag import IdentityPoolNagPack

    Validations.of(app).add_plugins(AwsSolutionsChecks(app), IdentityPoolNagPack(app))

Its findings appear in CDK's validation report under the plugin name ``cdk-identitypool``, with the rule ids
of :class:`~cdk_identitypool.IdentityPoolCheck` (``cdk-identitypool:untrusted-role``, ...). Acknowledge any
of them, errors included, as you acknowledge cdk-nag's own rules::

    Validations.of(role).acknowledge(Acknowledgment(id="cdk-identitypool:untrusted-role", reason="..."))

An acknowledgement on the pool also covers findings about the roles it hands out, as with
:class:`~cdk_identitypool.IdentityPoolChecks`. As with every cdk-nag 3 pack, an unacknowledged finding of any
severity fails synthesis.

``cdk-identitypool:guest-access`` is not part of the pack: guest access is a choice the pool states
(``allow_unauthenticated_identities=True``), and cdk-nag's ``AwsSolutions-COG7`` already reports it as an
error, so one acknowledgement (of COG7) records that choice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import jsii
from aws_cdk import CfnResource
from aws_cdk import aws_cognito as cognito
from constructs import IConstruct

from ._checks.app_model import AppFinding, app_findings
from ._checks.catalog import PLUGIN_NAME, IdentityPoolCheck, Severity
from ._model.template import TemplateModel

if TYPE_CHECKING:  # aws-cdk-lib 2.257+ (the pack needs it anyway)
    from aws_cdk import IPolicyValidationContext, PolicyValidationPluginReport

try:
    import cdk_nag
except ImportError as _missing:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "cdk_identitypool.nag needs cdk-nag 3: pip install 'cdk-identitypool[nag]' (aws-cdk-lib 2.257 or later)"
    ) from _missing

NAG_CHECKS = tuple(c for c in IdentityPoolCheck if c is not IdentityPoolCheck.GUEST_ACCESS)
"""The checks the pack applies: all but ``guest-access`` (see the module docs)."""

_LEVEL = {
    Severity.ERROR: cdk_nag.NagMessageLevel.ERROR,
    Severity.WARNING: cdk_nag.NagMessageLevel.WARN,
    Severity.INFO: cdk_nag.NagMessageLevel.INFO,
}


class IdentityPoolNagPack(cdk_nag.NagPack):
    """cdk-nag pack of the identity pool checks: ``Validations.of(app).add_plugins(IdentityPoolNagPack(app))``.

    ```python
    from aws_cdk import Validations
    from cdk_identitypool import IdentityPool
    from cdk_identitypool.nag import IdentityPoolNagPack

    app = self.node.root
    Validations.of(app).add_plugins(IdentityPoolNagPack(app))  # next to AwsSolutionsChecks(app), if you run it
    IdentityPool(self, "Pool")
    ```
    """

    def __init__(
        self,
        scope: IConstruct | None = None,
        *,
        verbose: bool | None = None,
        write_suppressions_to_cloud_formation: bool | None = None,
    ) -> None:
        """Make the pack; register it with ``Validations.of(app).add_plugins(...)``.

        Args:
            scope: The app (or stage) the pack is registered on; needed for ``write_suppressions_to_cloud_formation``.
                Default: none.
            verbose: Add each check's explanation to its findings. Default: False.
            write_suppressions_to_cloud_formation: Copy acknowledgements into the template's ``cdk_nag`` metadata,
                as cdk-nag 2 did. Default: False.
        """
        super().__init__(
            scope, verbose=verbose, write_suppressions_to_cloud_formation=write_suppressions_to_cloud_formation
        )
        # cdk-nag names a rule "<pack name>-<suffix>": split our ids at their first "-" so that the rule id is
        # exactly the check's id ("cdk" + "identitypool:untrusted-role").
        self._pack_name = PLUGIN_NAME.split("-", 1)[0]
        self._models: dict[str, TemplateModel] = {}  # each stack's model, read once per validation

    def validate(self, context: IPolicyValidationContext) -> PolicyValidationPluginReport:
        """One validation of the app (CDK calls it at each synthesis): each stack is read once for its pools."""
        self._models.clear()
        return super().validate(context)

    def validate_scope(self, scope: IConstruct) -> PolicyValidationPluginReport:
        """Validate ``scope`` now (as ``validate`` does at synthesis)."""
        self._models.clear()
        return super().validate_scope(scope)

    @property
    def name(self) -> str:
        """The plugin name CDK's validation report shows (and accepts as the namespace of an acknowledgement)."""
        return PLUGIN_NAME

    def _check_resource(self, node: CfnResource) -> None:
        if not isinstance(node, cognito.CfnIdentityPool):
            return
        seen: set[tuple[str, str]] = set()
        for finding in app_findings(node, self._models):
            resource = _resource_of(finding.target)
            key = (finding.check.value, resource.node.path)
            if finding.check not in NAG_CHECKS or key in seen or finding.acknowledged() is not None:
                continue
            seen.add(key)
            # jsii reads the rule's members as class properties; they need no setters (hence the cast).
            self._apply_rule(cast(cdk_nag.IApplyRule, _Rule(finding, resource)))


@jsii.implements(cdk_nag.IApplyRule)
class _Rule:
    """One finding, as cdk-nag's rule interface: the rule is already decided (non-compliant)."""

    def __init__(self, finding: AppFinding, resource: CfnResource) -> None:
        self._finding = finding
        self._resource = resource

    @property
    def node(self) -> CfnResource:
        return self._resource

    @property
    def info(self) -> str:
        return self._finding.message

    @property
    def explanation(self) -> str:
        return self._finding.check.explanation

    @property
    def level(self) -> cdk_nag.NagMessageLevel:
        return _LEVEL[self._finding.check.severity]

    @property
    def rule_suffix_override(self) -> str:
        return self._finding.check.value.split("-", 1)[1]

    def rule(self, node: CfnResource) -> cdk_nag.NagRuleCompliance:
        return cdk_nag.NagRuleCompliance.NON_COMPLIANT


def _resource_of(target: IConstruct) -> CfnResource:
    """The CloudFormation resource a finding is reported on: the target, or its default child."""
    if isinstance(target, CfnResource):
        return target
    child = target.node.default_child
    if isinstance(child, CfnResource):
        return child
    raise AssertionError(f"{target.node.path} has no CloudFormation resource to report on")  # pragma: no cover


__all__ = ["NAG_CHECKS", "IdentityPoolNagPack"]
