"""IdentityPoolChecks: each seeded misconfiguration is flagged, with the construct path and the fix."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import aws_cdk as cdk
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_dynamodb as dynamodb
from aws_cdk import aws_iam as iam
from aws_cdk import aws_s3 as s3
from aws_cdk.assertions import Annotations, Match

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolCheck,
    IdentityPoolChecks,
    IdentityPoolGoogleLoginProvider,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    IdentityPoolValidationError,
    RoleMappingRule,
    Severity,
    UserPoolAuthenticationProvider,
)
from cdk_identitypool._cli.main import main
from cdk_identitypool._model.mapping_shape import role_mappings_problems
from cdk_identitypool._model.template import TemplateModel
from cdk_identitypool.testing import RoleResolutionSimulator, SimulationError
from tests.helpers import (
    AMAZON,
    about,
    checked,
    cognito_trusted_role,
    map_amazon_users_to,
    new_stack,
    tagged_pool_with_plain_and_tagged_roles,
)
from tests.unit.test_simulator_edges import foreign_template


def test_a_well_built_pool_has_no_findings() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    map_amazon_users_to(pool, iam.Role(stack, "Team", assumed_by=pool.federated_principal("authenticated")))
    annotations = checked(stack)
    assert annotations.find_error("*", Match.any_value()) == []
    assert annotations.find_warning("*", Match.any_value()) == []
    assert annotations.find_info("*", Match.any_value()) == []


def test_a_mapped_role_that_does_not_trust_cognito_is_an_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    map_amazon_users_to(pool, iam.Role(stack, "LambdaRole", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com")))
    annotations = checked(stack)
    annotations.has_error("/TestStack/LambdaRole", about(IdentityPoolCheck.UNTRUSTED_ROLE))
    [error] = annotations.find_error("*", Match.any_value())
    message = str(error.entry.data)
    assert "rule #0 of role mapping 'www.amazon.com' of identity pool TestStack/Pool" in message
    assert "federated_principal('authenticated')" in message


def test_a_role_trusting_every_pool_or_another_pool_is_an_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    other = IdentityPool(stack, "Other")
    any_pool = iam.Role(
        stack,
        "AnyPool",
        assumed_by=iam.FederatedPrincipal("cognito-identity.amazonaws.com", {}, "sts:AssumeRoleWithWebIdentity"),
    )
    borrowed = iam.Role(stack, "Borrowed", assumed_by=other.federated_principal("authenticated"))
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.AMAZON,
            rules=[
                RoleMappingRule(claim="a", claim_value="1", mapped_role=any_pool),
                RoleMappingRule(claim="a", claim_value="2", mapped_role=borrowed),
            ],
        )
    )
    annotations = checked(stack)
    annotations.has_error("/TestStack/AnyPool", about(IdentityPoolCheck.UNTRUSTED_ROLE))
    annotations.has_error("/TestStack/Borrowed", about(IdentityPoolCheck.UNTRUSTED_ROLE))


def test_a_trust_without_amr_is_a_warning() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    map_amazon_users_to(
        pool,
        iam.Role(
            stack,
            "NoAmr",
            assumed_by=iam.FederatedPrincipal(
                "cognito-identity.amazonaws.com",
                {"StringEquals": {"cognito-identity.amazonaws.com:aud": pool.identity_pool_id}},
                "sts:AssumeRoleWithWebIdentity",
            ),
        ),
    )
    annotations = checked(stack)
    annotations.has_warning("/TestStack/NoAmr", about(IdentityPoolCheck.MISSING_AMR))
    assert annotations.find_error("*", Match.any_value()) == []


def test_an_amr_that_admits_guests_on_a_role_for_signed_in_users_is_a_warning() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    map_amazon_users_to(pool, cognito_trusted_role(stack, "Everyone", pool.identity_pool_id, "*"))
    checked(stack).has_warning("/TestStack/Everyone", about(IdentityPoolCheck.MISSING_AMR))


def test_a_guest_role_that_only_admits_signed_in_users_is_an_error() -> None:
    # Built with L1s: the checks read any identity pool, not only IdentityPool.
    stack = new_stack()
    cfn_pool = cognito.CfnIdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    wrong = cognito_trusted_role(stack, "Guests", cfn_pool.ref, "authenticated")
    cognito.CfnIdentityPoolRoleAttachment(
        stack, "Roles", identity_pool_id=cfn_pool.ref, roles={"unauthenticated": wrong.role_arn}
    )
    annotations = checked(stack)
    annotations.has_error(
        "/TestStack/Guests", Match.string_like_regexp(r"untrusted-role.*does not admit unauthenticated identities")
    )
    annotations.has_info("/TestStack/Pool", about(IdentityPoolCheck.GUEST_ACCESS))


def test_principal_tags_need_tag_session_on_roles_you_bring() -> None:
    stack = new_stack()
    tagged_pool_with_plain_and_tagged_roles(stack)
    annotations = checked(stack)
    annotations.has_error("/TestStack/Plain", about(IdentityPoolCheck.TAG_SESSION_NOT_TRUSTED))
    # The pool's default roles get sts:TagSession from the construct; the role built for it is fine.
    [error] = annotations.find_error("*", Match.any_value())
    assert error.id == "/TestStack/Plain"


def test_principal_tags_on_an_l1_pool_check_the_default_roles_too() -> None:
    stack = new_stack()
    cfn_pool = cognito.CfnIdentityPool(
        stack,
        "Pool",
        allow_unauthenticated_identities=False,
        supported_login_providers={"www.amazon.com": "amzn1.application.abc"},
    )
    role = cognito_trusted_role(stack, "SignedIn", cfn_pool.ref, "authenticated")
    cognito.CfnIdentityPoolRoleAttachment(
        stack, "Roles", identity_pool_id=cfn_pool.ref, roles={"authenticated": role.role_arn}
    )
    cognito.CfnIdentityPoolPrincipalTag(
        stack, "Tags", identity_pool_id=cfn_pool.ref, identity_provider_name="www.amazon.com", use_defaults=True
    )
    checked(stack).has_error("/TestStack/SignedIn", about(IdentityPoolCheck.TAG_SESSION_NOT_TRUSTED))


@pytest.mark.parametrize(
    ("grant", "flagged"),
    [
        ("read", None),
        ("read_write", "dynamodb:PutItem"),
        ("wildcard", "s3:*"),
        ("not_action", "NotAction iam:*"),
    ],
)
def test_write_or_wildcard_actions_on_the_guest_role_are_a_warning(grant: str, flagged: str | None) -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    table = dynamodb.Table(
        stack, "Table", partition_key=dynamodb.Attribute(name="pk", type=dynamodb.AttributeType.STRING)
    )
    guest = pool.unauthenticated_role
    if grant == "read":
        table.grant_read_data(guest)
    elif grant == "read_write":
        table.grant_read_write_data(guest)
    elif grant == "wildcard":
        guest.add_to_principal_policy(iam.PolicyStatement(actions=["s3:*"], resources=["*"]))
    else:
        guest.add_to_principal_policy(iam.PolicyStatement(not_actions=["iam:*"], resources=["*"]))
    warnings = checked(stack).find_warning(
        "/TestStack/Pool/UnauthenticatedRole", about(IdentityPoolCheck.GUEST_ROLE_WRITE_ACCESS)
    )
    if flagged is None:
        assert warnings == []
    else:
        [warning] = warnings
        assert flagged in str(warning.entry.data)
        assert "grant_read_data" in str(warning.entry.data)


def test_classic_flow_is_a_warning_and_guest_access_an_info() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool", allow_classic_flow=True, allow_unauthenticated_identities=True)
    annotations = checked(stack)
    annotations.has_warning("/TestStack/Pool", about(IdentityPoolCheck.CLASSIC_FLOW))
    annotations.has_info("/TestStack/Pool", about(IdentityPoolCheck.GUEST_ACCESS))


def test_an_imported_role_cannot_be_verified() -> None:
    stack = new_stack()
    imported = iam.Role.from_role_arn(stack, "Imported", "arn:aws:iam::123456789012:role/shared")
    IdentityPool(stack, "Pool", authenticated_role=imported)
    checked(stack).has_warning(
        "/TestStack/Pool", Match.string_like_regexp(r"unverifiable-role.*arn:aws:iam::123456789012:role/shared")
    )


def test_token_mappings_check_the_roles_of_the_user_pool_groups() -> None:
    stack = new_stack()
    user_pool = cognito.UserPool(stack, "Users")
    client = user_pool.add_client("Web")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=user_pool, user_pool_client=client)]
        ),
    )
    good = iam.Role(stack, "Editors", assumed_by=pool.federated_principal("authenticated"))
    bad = iam.Role(stack, "Viewers", assumed_by=iam.AccountRootPrincipal())
    for name, role in (("editors", good), ("viewers", bad)):
        cognito.CfnUserPoolGroup(
            stack, name, user_pool_id=user_pool.user_pool_id, group_name=name, role_arn=role.role_arn
        )
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            provider_url=IdentityPoolProviderUrl.user_pool(user_pool, client), mapping_key="users", use_token=True
        )
    )
    annotations = checked(stack)
    annotations.has_error(
        "/TestStack/Viewers",
        Match.string_like_regexp(r"untrusted-role.*user pool group 'viewers' \(token role mapping 'users'\)"),
    )
    assert [e.id for e in annotations.find_error("*", Match.any_value())] == ["/TestStack/Viewers"]


def test_acknowledged_errors_become_infos_with_the_reason() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON, allow_classic_flow=True)
    role = iam.Role(stack, "Later", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, role)
    IdentityPoolChecks.acknowledge(role, IdentityPoolCheck.UNTRUSTED_ROLE, "trust is added by another stack")
    IdentityPoolChecks.acknowledge(stack, IdentityPoolCheck.CLASSIC_FLOW, "legacy mobile client")
    annotations = checked(stack)
    assert annotations.find_error("*", Match.any_value()) == []
    assert annotations.find_warning("*", Match.any_value()) == []
    annotations.has_info(
        "/TestStack/Later", Match.string_like_regexp(r"untrusted-role.*acknowledged: trust is added by another stack")
    )
    annotations.has_info("/TestStack/Pool", Match.string_like_regexp(r"classic-flow.*legacy mobile client"))


def test_warnings_can_be_acknowledged_the_cdk_way() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool", allow_classic_flow=True)
    cdk.Annotations.of(stack).acknowledge_warning(IdentityPoolCheck.CLASSIC_FLOW.value, "legacy mobile client")
    assert checked(stack).find_warning("*", Match.any_value()) == []


@pytest.mark.skipif(not hasattr(cdk, "Validations"), reason="CDK's Validations arrived in aws-cdk-lib 2.257")
@pytest.mark.parametrize(
    "rule_id", ["cdk-identitypool:untrusted-role", "cdk-identitypool::cdk-identitypool:untrusted-role"]
)
def test_errors_are_acknowledged_with_cdks_validations(rule_id: str) -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    role = iam.Role(stack, "Later", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, role)
    cdk.Validations.of(pool).acknowledge(cdk.Acknowledgment(id=rule_id, reason="trust is added later"))
    annotations = checked(stack)
    assert annotations.find_error("*", Match.any_value()) == []
    annotations.has_info("/TestStack/Later", Match.string_like_regexp(r"untrusted-role.*acknowledged: trust is added"))


def test_an_acknowledgement_of_another_check_leaves_the_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    role = iam.Role(stack, "Later", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    map_amazon_users_to(pool, role)
    IdentityPoolChecks.acknowledge(role, IdentityPoolCheck.MISSING_AMR, "not this one")
    checked(stack).has_error("/TestStack/Later", Match.string_like_regexp(r"untrusted-role.*Validations\.of"))


def test_acknowledge_needs_a_check_and_a_reason() -> None:
    stack = new_stack()
    with pytest.raises(IdentityPoolValidationError, match="reason=' ': say why"):
        IdentityPoolChecks.acknowledge(stack, IdentityPoolCheck.CLASSIC_FLOW, " ")
    with pytest.raises(IdentityPoolValidationError, match="must be an IdentityPoolCheck"):
        IdentityPoolChecks.acknowledge(stack, "cdk-identitypool:classic-flow", "x")  # type: ignore[arg-type]


def test_every_check_has_a_stable_id_and_a_severity() -> None:
    assert {c.value for c in IdentityPoolCheck} == {
        "cdk-identitypool:untrusted-role",
        "cdk-identitypool:missing-amr",
        "cdk-identitypool:tag-session-not-trusted",
        "cdk-identitypool:guest-role-write-access",
        "cdk-identitypool:classic-flow",
        "cdk-identitypool:guest-access",
        "cdk-identitypool:unverifiable-role",
        "cdk-identitypool:server-side-token-check-off",
        "cdk-identitypool:unconfigured-provider",
        "cdk-identitypool:mapping-refused",
        "cdk-identitypool:provider-not-trusted",
        "cdk-identitypool:guest-role-scoped-by-identity",
        "cdk-identitypool:guest-role-outside-enhanced-flow",
    }
    assert IdentityPoolCheck.UNTRUSTED_ROLE.severity is Severity.ERROR
    assert IdentityPoolCheck.GUEST_ACCESS.severity is Severity.INFO


# --- checks added for templates and apps we did not make ---------------------------------------------------


def _user_pool_pool(stack: cdk.Stack, **provider: Any) -> IdentityPool:
    users = cognito.UserPool(stack, "Users")
    return IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, **provider)]
        ),
    )


def test_server_side_token_check_off_is_a_warning() -> None:
    stack = new_stack()
    _user_pool_pool(stack, disable_server_side_token_check=True)
    checked(stack).has_warning("/TestStack/Pool", about(IdentityPoolCheck.SERVER_SIDE_TOKEN_CHECK_OFF))


def test_server_side_token_check_on_has_no_finding() -> None:
    stack = new_stack()
    _user_pool_pool(stack)
    assert checked(stack).find_warning("*", about(IdentityPoolCheck.SERVER_SIDE_TOKEN_CHECK_OFF)) == []


def test_a_guest_role_keyed_by_identity_id_is_a_warning() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    pool.grant_own_objects(pool.unauthenticated_role, s3.Bucket(stack, "Bucket"), allow_guests=True)
    annotations = checked(stack)
    annotations.has_warning(
        "/TestStack/Pool/UnauthenticatedRole", about(IdentityPoolCheck.GUEST_ROLE_SCOPED_BY_IDENTITY)
    )


def test_signed_in_users_keyed_by_identity_id_have_no_finding() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    pool.grant_own_objects(pool.authenticated_role, s3.Bucket(stack, "Bucket"))
    assert checked(stack).find_warning("*", about(IdentityPoolCheck.GUEST_ROLE_SCOPED_BY_IDENTITY)) == []


def test_guest_actions_outside_the_enhanced_flow_are_a_warning() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", allow_unauthenticated_identities=True)
    pool.unauthenticated_role.add_to_principal_policy(
        iam.PolicyStatement(actions=["secretsmanager:GetSecretValue", "s3:GetObject"], resources=["*"])
    )
    annotations = checked(stack)
    [warning] = annotations.find_warning("*", about(IdentityPoolCheck.GUEST_ROLE_OUTSIDE_ENHANCED_FLOW))
    assert "secretsmanager:GetSecretValue" in str(warning.entry.data)
    assert "s3:GetObject" not in str(warning.entry.data)


def test_a_trust_shaped_by_a_condition_is_unverifiable_not_untrusted() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    role = iam.Role(stack, "Conditional", assumed_by=pool.federated_principal("authenticated"))
    cfn_role = role.node.default_child
    assert isinstance(cfn_role, iam.CfnRole)
    condition = cdk.CfnCondition(stack, "TrustIt", expression=cdk.Fn.condition_equals("a", "a"))
    assert role.assume_role_policy is not None
    statement = stack.resolve(role.assume_role_policy.to_json())["Statement"][0]
    cfn_role.assume_role_policy_document = {
        "Version": "2012-10-17",
        "Statement": [cdk.Fn.condition_if(condition.logical_id, statement, cdk.Aws.NO_VALUE)],
    }
    map_amazon_users_to(pool, role)
    annotations = checked(stack)
    assert annotations.find_error("*", about(IdentityPoolCheck.UNTRUSTED_ROLE)) == []
    annotations.has_warning("/TestStack/Conditional", about(IdentityPoolCheck.UNVERIFIABLE_ROLE))


def test_a_role_of_another_account_is_not_verified_by_a_local_namesake() -> None:
    stack = new_stack()  # account 123456789012
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    iam.Role(stack, "Local", role_name="admins", assumed_by=pool.federated_principal("authenticated"))
    map_amazon_users_to(pool, iam.Role.from_role_arn(stack, "Foreign", "arn:aws:iam::999999999999:role/admins"))
    checked(stack).has_warning("/TestStack/Pool", about(IdentityPoolCheck.UNVERIFIABLE_ROLE))


def test_an_l1_pool_mapping_a_provider_it_lacks_is_an_error() -> None:
    stack = new_stack()
    pool = cognito.CfnIdentityPool(
        stack, "Pool", allow_unauthenticated_identities=False, supported_login_providers={"www.amazon.com": "amzn1.x"}
    )
    role = iam.Role(stack, "Authenticated", assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"))
    token = cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(
        type="Token", ambiguous_role_resolution="Deny", identity_provider="graph.facebook.com"
    )
    cognito.CfnIdentityPoolRoleAttachment(
        stack,
        "Attachment",
        identity_pool_id=pool.ref,
        roles={"authenticated": role.role_arn},
        role_mappings={"facebook": token},
    )
    [error] = checked(stack).find_error("/TestStack/Pool", about(IdentityPoolCheck.UNCONFIGURED_PROVIDER))
    assert "is for graph.facebook.com, which the pool is not configured with" in str(error.entry.data)


def test_an_l1_pool_mapping_its_own_provider_has_no_such_finding() -> None:
    stack = new_stack()
    pool = cognito.CfnIdentityPool(
        stack, "Pool", allow_unauthenticated_identities=False, supported_login_providers={"www.amazon.com": "amzn1.x"}
    )
    token = cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(
        type="Token", ambiguous_role_resolution="Deny", identity_provider="www.amazon.com"
    )
    cognito.CfnIdentityPoolRoleAttachment(
        stack, "Attachment", identity_pool_id=pool.ref, role_mappings={"amazon": token}
    )
    assert checked(stack).find_error("*", about(IdentityPoolCheck.UNCONFIGURED_PROVIDER)) == []


def test_a_role_trusting_one_provider_but_mapped_for_another_is_a_warning() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    facebook_only = iam.Role(
        stack, "FacebookOnly", assumed_by=pool.federated_principal(providers=[IdentityPoolProviderUrl.FACEBOOK])
    )
    map_amazon_users_to(pool, facebook_only)
    [warning] = checked(stack).find_warning("/TestStack/FacebookOnly", about(IdentityPoolCheck.PROVIDER_NOT_TRUSTED))
    assert "handed to users of www.amazon.com" in str(warning.entry.data)


def test_a_role_trusting_the_provider_it_is_mapped_for_has_no_such_finding() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    amazon_only = iam.Role(
        stack, "AmazonOnly", assumed_by=pool.federated_principal(providers=[IdentityPoolProviderUrl.AMAZON])
    )
    map_amazon_users_to(pool, amazon_only)
    assert checked(stack).find_warning("*", about(IdentityPoolCheck.PROVIDER_NOT_TRUSTED)) == []


def test_the_aspect_reads_each_stack_once_for_all_its_pools() -> None:
    from benchmarks.roundtrips import counting

    def aspect_calls(pools: int) -> int:
        """Round trips into Node that the Aspect adds to synthesizing a stack of ``pools`` pools."""
        totals = []
        for with_aspect in (False, True):
            stack = new_stack()
            for i in range(pools):
                IdentityPool(stack, f"Pool{i}", authentication_providers=AMAZON)
            if with_aspect:
                cdk.Aspects.of(stack).add(IdentityPoolChecks())
            with counting() as calls:
                Annotations.from_stack(stack)
            totals.append(sum(calls.values()))
        return totals[1] - totals[0]

    two, four = aspect_calls(2), aspect_calls(4)
    # Linear in the pools (each stack read once); reading the stack again per pool would be quadratic (x4).
    assert four <= 2.2 * two, (two, four)


# --- role mappings Cognito refuses (the API model's RoleMapping and its quotas) -----------------------------


def _rule(**fields: Any) -> dict[str, Any]:
    return {"Claim": "hd", "MatchType": "Equals", "Value": "example.com", "RoleARN": ROLE_ARN, **fields}


ROLE_ARN = "arn:aws:iam::123456789012:role/admins"


def _rules(*rules: Any) -> dict[str, Any]:
    return {"Type": "Rules", "AmbiguousRoleResolution": "Deny", "RulesConfiguration": {"Rules": list(rules)}}


@pytest.mark.parametrize(
    ("mapping", "problem"),
    [
        ({"Type": "Rules", "RulesConfiguration": {"Rules": [_rule()]}}, "AmbiguousRoleResolution is missing"),
        ({"Type": "Token", "AmbiguousRoleResolution": "Allow"}, "AmbiguousRoleResolution is 'Allow'"),
        ({"Type": "Groups", "AmbiguousRoleResolution": "Deny"}, ".Type='Groups': must be 'Token' or 'Rules'"),
        ({"Type": "Rules", "AmbiguousRoleResolution": "Deny"}, "a Rules mapping needs a list of rules"),
        (_rules(*[_rule()] * 26), "26 rules; Cognito evaluates at most 25"),
        (_rules(_rule(MatchType="Regex")), "Rules[0].MatchType='Regex': must be one of"),
        (_rules(_rule(), _rule(Claim=None)), "Rules[1]: has no Claim"),
        (_rules(_rule(Claim="a b")), "U+0020 (SPACE)"),
        (_rules(_rule(Claim="c" * 65)), "65 characters; a claim name has at most 64"),
        (_rules(_rule(Value="")), "Value: 0 characters"),
        (_rules(_rule(Value="v" * 129)), "Value: 129 characters"),
    ],
)
def test_a_mapping_cognito_refuses_is_an_error_in_the_templates_terms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mapping: dict[str, Any], problem: str
) -> None:
    template = foreign_template()
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"] = {"accounts.google.com": mapping}
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(template))
    assert main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "ERROR pool.json Attachment: [cdk-identitypool:mapping-refused]" in out and problem in out, out


def test_eleven_mappings_are_refused_and_deploy_time_parts_are_not_judged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = foreign_template()
    template["Parameters"] = {"Fallback": {"Type": "String"}, "MatchType": {"Type": "String"}}
    template["Conditions"] = {"C": {"Fn::Equals": [{"Ref": "AWS::Region"}, "us-east-1"]}}
    rules = {"Rules": [_rule(MatchType={"Ref": "MatchType"}, Claim={"Fn::If": ["C", "hd", "a b"]})]}
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"] = {
        f"p{i}": {"Type": "Rules", "AmbiguousRoleResolution": {"Ref": "Fallback"}, "RulesConfiguration": rules}
        for i in range(11)
    }
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(template))
    main(["check", str(path)])
    refused = [line for line in capsys.readouterr().out.splitlines() if "mapping-refused" in line]
    assert len(refused) == 1 and "RoleMappings: 11 mappings; Cognito allows at most 10" in refused[0], refused


def test_an_l1_mapping_cognito_refuses_is_an_error_on_the_attachment_in_cdk_terms() -> None:
    stack = new_stack()
    pool = cognito.CfnIdentityPool(
        stack, "Pool", allow_unauthenticated_identities=False, supported_login_providers={"www.amazon.com": "amzn1.x"}
    )
    token = cognito.CfnIdentityPoolRoleAttachment.RoleMappingProperty(type="Token", identity_provider="www.amazon.com")
    cognito.CfnIdentityPoolRoleAttachment(
        stack, "Attachment", identity_pool_id=pool.ref, role_mappings={"amazon": token}
    )
    [error] = checked(stack).find_error("/TestStack/Attachment", about(IdentityPoolCheck.MAPPING_REFUSED))
    assert "AmbiguousRoleResolution is missing" in str(error.entry.data)
    assert "build the mapping with IdentityPoolRoleMapping" in str(error.entry.data)


def test_a_pool_built_with_identity_pool_has_no_refused_mapping() -> None:
    stack = new_stack()
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            google=IdentityPoolGoogleLoginProvider(client_id="c.apps.googleusercontent.com")
        ),
    )
    pool.add_role_mappings(IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True))
    assert checked(stack).find_error("*", about(IdentityPoolCheck.MAPPING_REFUSED)) == []


def test_mappings_at_cognitos_limits_are_taken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = foreign_template()
    rules = _rules(*[_rule(Claim="custom:é" + "c" * 56, Value="v" * 128)] * 25)  # 64 and 128 characters
    keys = ["k" * 128, *(f"p{i}" for i in range(9))]  # 10 mappings, one key of 128 characters
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"] = {key: rules for key in keys}
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(template))
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "unconfigured-provider" in out and "mapping-refused" not in out, out  # the check did read them
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"]["k" * 129] = rules
    path.write_text(json.dumps(template))
    main(["check", str(path)])
    refused = [line for line in capsys.readouterr().out.splitlines() if "mapping-refused" in line]
    assert len(refused) == 2, refused  # 11 mappings, and a key of 129 characters


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        (_rule(MatchType=["Equals"]), "MatchType=['Equals']: must be one of"),
        (_rule(Claim=["hd"]), "Claim=['hd']: must be a string"),
        (_rule(Value={"a": 1, "b": 2}), "Value={'a': 1, 'b': 2}: must be a string"),
    ],
)
def test_rule_parts_of_the_wrong_type_are_refused_not_a_crash(rule: dict[str, Any], problem: str) -> None:
    # The command line refuses these shapes as it reads the file; a template given to the simulator as a dict
    # (or read from an app) reaches the role mapping's reading, which must refuse them, not crash.
    template = foreign_template()
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"] = {"accounts.google.com": _rules(rule)}
    model = TemplateModel.from_template(template)
    mappings = model.resources["Attachment"].properties["RoleMappings"]
    assert any(problem in p for p in role_mappings_problems(model, mappings))
    with pytest.raises(SimulationError, match=re.escape(problem)):
        RoleResolutionSimulator(template).sign_in("accounts.google.com", {"hd": "example.com"})


def test_a_number_where_a_claim_value_is_meant_is_taken_as_its_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = foreign_template()
    template["Resources"]["Attachment"]["Properties"]["RoleMappings"] = {"accounts.google.com": _rules(_rule(Value=5))}
    path = tmp_path / "pool.json"
    path.write_text(json.dumps(template))
    main(["check", str(path)])
    assert "mapping-refused" not in capsys.readouterr().out
