"""Who can do what: for each pool, every kind of identity it can hand credentials to (guests; each provider's
default path, each rule or token path of its mapping), the role it gets (or denied / unknown, with the reason),
whether the role's trust lets the pool hand it to them, and what the role may do: the statements of its
identity-based policies found in the template, with resources named by logical id and where each comes from.

What the template cannot tell is listed, never guessed: AWS-managed and other policies by ARN, permissions
boundaries, policies attached from other stacks, resource policies, and for guests the enhanced flow's session
policy that narrows what they can use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .tri import Tri

GUEST_SESSION_POLICY = "Cognito's session policy for guests in the enhanced flow (it narrows what they can use)"


@dataclass(frozen=True)
class Permission:
    """One statement of a role's identity-based policies, as the template gives it.

    ```python
    from aws_cdk import aws_s3 as s3

    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Tri, access_report

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    s3.Bucket(self, "Public").grant_read(pool.unauthenticated_role)
    report = access_report(self)
    (statement, *_) = report.paths()[0].role.permissions
    assert statement.effect == "Allow" and "s3:GetObject*" in statement.actions
    ```

    Attributes:
        effect: ``Allow`` or ``Deny`` (or the expression, under ``Fn::If``).
        actions: Its ``Action`` values (or ``NotAction`` when ``negated_actions``).
        resources: Its ``Resource`` values, named by logical id (or ``NotResource`` when ``negated_resources``).
        negated_actions: The statement says ``NotAction``: shown as such, not expanded.
        negated_resources: The statement says ``NotResource``.
        condition: Its ``Condition`` block as compact JSON, or None.
        source: Where it comes from: an inline policy, an ``AWS::IAM::Policy`` or managed policy resource.
        when: The CloudFormation condition it depends on (``Fn::If``), or None.
    """

    effect: str
    actions: tuple[str, ...]
    resources: tuple[str, ...]
    negated_actions: bool = False
    negated_resources: bool = False
    condition: str | None = None
    source: str = ""
    when: str | None = None


@dataclass(frozen=True)
class RoleAccess:
    """A role and what it may do.

    ```python
    from aws_cdk import aws_s3 as s3

    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Tri, access_report

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    s3.Bucket(self, "Public").grant_read(pool.unauthenticated_role)
    report = access_report(self)
    role = report.paths()[0].role
    assert role.permissions and role.caveats  # what it may do, and what is never read
    ```

    Attributes:
        name: The role's logical id, or its ARN expression when the template does not define it.
        stack: The stack that defines it (None when no stack of the assembly does).
        permissions: Its statements.
        unknowns: What may grant more and cannot be read in the template (policies by ARN, the role itself
            when the template does not define it): :meth:`AccessReport.can` is UNKNOWN where these could matter.
        caveats: What is never read and may grant or narrow (permissions boundaries, policies attached from
            other stacks, resource policies, the guests' session policy).
    """

    name: str
    stack: str | None
    permissions: tuple[Permission, ...] = ()
    unknowns: tuple[str, ...] = ()
    caveats: tuple[str, ...] = ()


@dataclass(frozen=True)
class AccessPath:
    """One way an identity of a pool gets (or is refused) credentials.

    ```python
    from aws_cdk import aws_s3 as s3

    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Tri, access_report

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    s3.Bucket(self, "Public").grant_read(pool.unauthenticated_role)
    report = access_report(self)
    (guests,) = [p for p in report.paths() if p.identity == "guests"]
    assert guests.outcome == "role" and guests.trust == "trusted"
    ```

    Attributes:
        identity: ``guests`` or the provider (as the pool names it).
        path: Which path: ``default``, ``rule #0 (hd Equals example.com)``, ``no rule matches``, a group.
        outcome: ``role``, ``denied`` or ``unknown``.
        reason: Why (for denied and unknown), or how.
        role: The role handed out, when there is one.
        trust: ``trusted``, ``refused`` (STS would deny it), ``not deployable`` (no ``aud``) or ``unknown``.
    """

    identity: str
    path: str
    outcome: str
    reason: str = ""
    role: RoleAccess | None = None
    trust: str = ""


@dataclass(frozen=True)
class PoolAccess:
    """One pool's identities and what each can do.

    ```python
    from aws_cdk import aws_s3 as s3

    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Tri, access_report

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    s3.Bucket(self, "Public").grant_read(pool.unauthenticated_role)
    report = access_report(self)
    (pool_access,) = report.pools
    assert pool_access.paths[0].identity == "guests"
    ```

    Attributes:
        pool: The pool (``Stack/LogicalId`` when the assembly has several stacks).
        paths: Every path, guests first.
        notes: What the report cannot tell about the pool as a whole.
    """

    pool: str
    paths: tuple[AccessPath, ...]
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class AccessReport:
    """Who can do what, for every identity pool of an assembly or template.

    ```python
    from aws_cdk import aws_s3 as s3

    from cdk_identitypool import IdentityPool
    from cdk_identitypool.testing import Tri, access_report

    pool = IdentityPool(self, "Pool", allow_unauthenticated_identities=True)
    s3.Bucket(self, "Public").grant_read(pool.unauthenticated_role)
    report = access_report(self)
    bucket = next(r for p in report.paths() if p.role for s in p.role.permissions for r in s.resources)
    assert report.can("guests", "s3:GetObject", bucket) is Tri.YES
    assert report.can("guests", "s3:PutObject", bucket) is Tri.NO
    ```

    Attributes:
        pools: One entry per pool.
    """

    pools: tuple[PoolAccess, ...]

    def paths(self, pool: str | None = None) -> list[AccessPath]:
        """Every path (of one pool, when named)."""
        return [p for access in self.pools if pool in (None, access.pool) for p in access.paths]

    def can(self, identity: str, action: str, resource: str) -> Tri:
        """May ``identity`` (``guests`` or a provider) be allowed ``action`` on ``resource`` (a logical id) by some
        path, by the role's policies in the template? YES when an Allow statement names both (wildcards match);
        UNKNOWN when a path is unknown, a statement is conditional or negated, or the role has policies by ARN;
        NO otherwise. Deny statements are not subtracted, and the caveats (boundaries, other stacks, resource
        policies, the guests' session policy) are not read."""
        results = []
        for path in self.paths():
            if path.identity != identity:
                continue
            if path.outcome == "unknown" or path.role is None:
                results.append(Tri.UNKNOWN if path.outcome == "unknown" else Tri.NO)
                continue
            for permission in path.role.permissions:
                if permission.effect != "Allow":
                    results.append(Tri.UNKNOWN if permission.effect not in ("Allow", "Deny") else Tri.NO)
                    continue
                hit = _matches(permission.actions, action) and _matches(permission.resources, resource)
                if permission.negated_actions or permission.negated_resources:
                    results.append(Tri.UNKNOWN)
                elif hit:
                    results.append(Tri.UNKNOWN if permission.when or permission.condition else Tri.YES)
            if path.role.unknowns:
                results.append(Tri.UNKNOWN)
        return Tri.any_of(results) if results else Tri.NO


def _matches(patterns: tuple[str, ...], value: str) -> bool:
    import fnmatch

    return any(fnmatch.fnmatchcase(value.lower(), p.lower()) or fnmatch.fnmatchcase(value, p) for p in patterns)


__all__ = ["GUEST_SESSION_POLICY", "AccessPath", "AccessReport", "Permission", "PoolAccess", "RoleAccess"]
