"""The catalogue of identity pool checks: their ids, severities and explanations (the checks' metadata as data).
Pure: the command line reads it without aws-cdk-lib."""

from __future__ import annotations

import enum
import re

#: The metadata type under which CDK's ``Validations.of(scope).acknowledge`` records acknowledgements
#: (``Validations.ACKNOWLEDGED_RULES_METADATA_KEY``; written by hand on aws-cdk-lib versions without it).
ACKNOWLEDGED_RULES_METADATA = "aws:cdk:acknowledged-rules"
#: The namespace CDK gives rule ids acknowledged without one.
ANNOTATION_NAMESPACE = "Annotation"
#: The cdk-nag pack's plugin name, which CDK's report also offers as the namespace of an acknowledgement.
PLUGIN_NAME = "cdk-identitypool"


class Severity(enum.Enum):
    """How a finding is annotated.

    ```python
    from cdk_identitypool import IdentityPoolCheck, Severity

    errors = [check for check in IdentityPoolCheck if check.severity is Severity.ERROR]
    assert IdentityPoolCheck.UNTRUSTED_ROLE in errors
    ```
    """

    ERROR = "error"
    """An error annotation: ``cdk synth`` and ``cdk deploy`` stop."""
    WARNING = "warning"
    """A warning annotation: ``cdk synth --strict`` stops."""
    INFO = "info"
    """An informational annotation."""


class IdentityPoolCheck(enum.Enum):
    """The checks, by their stable ids (the ids appear in the annotations).

    ```python
    from cdk_identitypool import IdentityPool, IdentityPoolCheck, IdentityPoolChecks, Severity

    assert IdentityPoolCheck.CLASSIC_FLOW.value == "cdk-identitypool:classic-flow"
    assert IdentityPoolCheck.CLASSIC_FLOW.severity is Severity.WARNING
    pool = IdentityPool(self, "Legacy", allow_classic_flow=True)
    IdentityPoolChecks.acknowledge(pool, IdentityPoolCheck.CLASSIC_FLOW, "the 2019 Android app uses the basic flow")
    ```
    """

    UNTRUSTED_ROLE = "cdk-identitypool:untrusted-role"
    """Error: a role the pool hands out does not trust ``cognito-identity.amazonaws.com`` with this pool's
    ``aud`` (or, for the guest role, does not admit ``unauthenticated``): credentials would fail."""
    MISSING_AMR = "cdk-identitypool:missing-amr"
    """Warning: a role's trust has no ``amr`` condition (or one that admits guests), so it is not locked to one
    identity type."""
    TAG_SESSION_NOT_TRUSTED = "cdk-identitypool:tag-session-not-trusted"
    """Error: principal tags are configured but a role for signed-in users does not trust ``sts:TagSession``."""
    GUEST_ROLE_WRITE_ACCESS = "cdk-identitypool:guest-role-write-access"
    """Warning: the unauthenticated role is allowed write or wildcard actions."""
    CLASSIC_FLOW = "cdk-identitypool:classic-flow"
    """Warning: the basic (classic) flow is on: role mappings are bypassed, any trusting role can be asked for."""
    GUEST_ACCESS = "cdk-identitypool:guest-access"
    """Info: guests (unauthenticated identities) can get credentials."""
    UNVERIFIABLE_ROLE = "cdk-identitypool:unverifiable-role"
    """Warning: a role is imported, or its trust names the pool by a literal id or depends on a
    CloudFormation condition (``Fn::If``), so it cannot be verified."""
    SERVER_SIDE_TOKEN_CHECK_OFF = "cdk-identitypool:server-side-token-check-off"
    """Warning: a user pool provider has ``ServerSideTokenCheck`` off (CloudFormation's default when the
    property is absent), so users who signed out globally, or were deleted, keep getting credentials while
    their ID token is valid."""
    PROVIDER_NOT_TRUSTED = "cdk-identitypool:provider-not-trusted"
    """Warning: a role's trust names providers in ``amr``, but the pool hands the role to users of another
    provider (through that provider's role mapping): STS refuses their credentials."""
    UNCONFIGURED_PROVIDER = "cdk-identitypool:unconfigured-provider"
    """Error: a role mapping names a provider the pool is not configured with; Cognito refuses the pool's
    roles (SetIdentityPoolRoles). Pools built with ``IdentityPool`` get this from its synth-time check."""
    MAPPING_REFUSED = "cdk-identitypool:mapping-refused"
    """Error: a role mapping has a shape Cognito refuses (no ``AmbiguousRoleResolution``, a match type it does
    not know, a rule without a claim, more than 25 rules or 10 mappings, a claim name or value out of its
    pattern or length): SetIdentityPoolRoles fails, so the attachment does not deploy."""
    GUEST_ROLE_SCOPED_BY_IDENTITY = "cdk-identitypool:guest-role-scoped-by-identity"
    """Warning: the unauthenticated role's permissions use ``${cognito-identity.amazonaws.com:sub}``; a
    guest's identity id changes when the guest signs in, so what it keyed is left behind."""
    GUEST_ROLE_OUTSIDE_ENHANCED_FLOW = "cdk-identitypool:guest-role-outside-enhanced-flow"
    """Warning: the unauthenticated role is granted actions of services that Cognito's scope-down policy for
    guests in the enhanced flow does not cover, so guests cannot use them (only the basic flow could)."""

    @property
    def severity(self) -> Severity:
        """How this check's findings are annotated."""
        return _METADATA[self][0]

    @property
    def explanation(self) -> str:
        """Why the check exists (cdk-nag shows it with ``verbose=True``)."""
        return _METADATA[self][1]


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
#: Each check's severity and why it matters: the checks' metadata as data.
_METADATA: dict[IdentityPoolCheck, tuple[Severity, str]] = {
    IdentityPoolCheck.UNTRUSTED_ROLE: (
        _E,
        "Cognito hands out a role only if its trust admits cognito-identity.amazonaws.com for this pool (aud) "
        "and the identity type (amr); without an aud condition, any pool's identities could assume it.",
    ),
    IdentityPoolCheck.MISSING_AMR: (
        _W,
        "Without an amr condition a role trusts guests and signed-in users alike; in the basic flow a guest "
        "can ask for the role meant for signed-in users.",
    ),
    IdentityPoolCheck.TAG_SESSION_NOT_TRUSTED: (
        _E,
        "With principal tags, Cognito tags the session; STS refuses it unless the role trusts sts:TagSession.",
    ),
    IdentityPoolCheck.GUEST_ROLE_WRITE_ACCESS: (
        _W,
        "Anyone can get guest credentials, so the unauthenticated role should be read-only and narrow.",
    ),
    IdentityPoolCheck.CLASSIC_FLOW: (
        _W,
        "The basic flow lets clients assume any role that trusts the pool, bypassing role mappings.",
    ),
    IdentityPoolCheck.GUEST_ACCESS: (_I, "Guests (unauthenticated identities) can get AWS credentials."),
    IdentityPoolCheck.UNVERIFIABLE_ROLE: (
        _W,
        "A role whose trust cannot be read at synth time may refuse the pool, or trust other pools too.",
    ),
    IdentityPoolCheck.SERVER_SIDE_TOKEN_CHECK_OFF: (
        _W,
        "Without the server-side token check, users who signed out globally or were deleted keep getting "
        "credentials until their ID token expires.",
    ),
    IdentityPoolCheck.UNCONFIGURED_PROVIDER: (
        _E,
        "Cognito refuses role mappings for providers the pool is not configured with (SetIdentityPoolRoles).",
    ),
    IdentityPoolCheck.MAPPING_REFUSED: (
        _E,
        "Cognito checks role mappings against its API model and quotas when the pool's roles are set "
        "(SetIdentityPoolRoles); a mapping it refuses fails the deployment, though cfn-lint passes most of them.",
    ),
    IdentityPoolCheck.PROVIDER_NOT_TRUSTED: (
        _W,
        "A role that trusts only some providers (amr) cannot be assumed by users of another provider.",
    ),
    IdentityPoolCheck.GUEST_ROLE_SCOPED_BY_IDENTITY: (
        _W,
        "A guest's identity id changes when the guest signs in, so data keyed by it is left behind.",
    ),
    IdentityPoolCheck.GUEST_ROLE_OUTSIDE_ENHANCED_FLOW: (
        _W,
        "In the enhanced flow Cognito scopes guest sessions down to a fixed list of services; other actions "
        "granted to guests never work.",
    ),
}

#: Services (action prefixes) whose actions guests keep in the enhanced flow. Two AWS sources, which
#: disagree: the developer guide's list for unauthenticated identities in the enhanced flow
#: (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html) names AppSync,
#: CloudWatch, Cognito Identity and Sync, Comprehend, DynamoDB, Kinesis (Data Streams and Firehose),
#: Lambda, Lex, Location, Machine Learning, Mobile Analytics, Personalize, Pinpoint, Polly, Rekognition,
#: S3, SageMaker, SimpleDB, SES, SNS, SQS, Sumerian, Textract, Transcribe and Translate; the managed session
#: policy AmazonCognitoUnAuthedIdentitiesSessionPolicy (v3) allows only rum:PutRumEvents,
#: sagemaker:InvokeEndpoint, polly, comprehend, translate, transcribe, rekognition, mobiletargeting,
#: firehose, personalize, some geo and some kms actions. Guests demonstrably use S3 and DynamoDB, so the
#: check follows the guide's (wider) list plus the policy's extra services, and only warns.
ENHANCED_FLOW_GUEST_SERVICES = frozenset(
    {
        "appsync",
        "cloudwatch",
        "logs",
        "cognito-identity",
        "cognito-sync",
        "comprehend",
        "dynamodb",
        "firehose",
        "kinesis",
        "lambda",
        "lex",
        "geo",
        "machinelearning",
        "mobileanalytics",
        "personalize",
        "mobiletargeting",
        "polly",
        "rekognition",
        "s3",
        "sagemaker",
        "sdb",
        "ses",
        "sns",
        "sqs",
        "sumerian",
        "textract",
        "transcribe",
        "translate",
        "rum",
        "kms",
    }
)
IDENTITY_ID_VARIABLE = "${cognito-identity.amazonaws.com:sub}"

FIX_TRUST = (
    "build the role with assumed_by=pool.federated_principal('{kind}') (Federated "
    "cognito-identity.amazonaws.com, sts:AssumeRoleWithWebIdentity, StringEquals "
    "cognito-identity.amazonaws.com:aud = the pool id, ForAnyValue:StringLike "
    "cognito-identity.amazonaws.com:amr = '{kind}')"
)

# Action names (after "service:") that only read; a wildcard is read-only when its literal prefix starts with one.
READ_VERBS = (
    "Get",
    "List",
    "Describe",
    "BatchGet",
    "Query",
    "Scan",
    "Head",
    "Select",
    "Lookup",
    "Search",
    "View",
    "Read",
    "Check",
    "ConditionCheck",
    "Retrieve",
    "Filter",
)


def read_only(action: str) -> bool:
    if action == "*":
        return False
    name = action.split(":", 1)[1] if ":" in action else action
    prefix = name.split("*", 1)[0]
    if "*" in name and not prefix:
        return False
    return bool(re.match("|".join(READ_VERBS), prefix))


__all__ = [
    "ACKNOWLEDGED_RULES_METADATA",
    "ANNOTATION_NAMESPACE",
    "ENHANCED_FLOW_GUEST_SERVICES",
    "FIX_TRUST",
    "IDENTITY_ID_VARIABLE",
    "PLUGIN_NAME",
    "IdentityPoolCheck",
    "Severity",
    "read_only",
]
