"""The pool's final shape, checked at synth: what is added later (tags, removal policies, add_* calls, Lazy
values) and what only the whole pool shows (a mapping for a provider it lacks, duplicates, imported ids).

aws-cdk-lib accepts all of these, so each is an error annotation (``cdk synth`` stops) and
``Template.from_stack`` still synthesizes, as unit tests written for aws-cdk-lib expect.
"""

from __future__ import annotations

import aws_cdk as cdk
import jsii
import pytest
from aws_cdk import aws_cognito as cognito
from aws_cdk import aws_iam as iam
from constructs import IConstruct

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolRoleMapping,
    IdentityPoolValidationError,
    UserPoolAuthenticationProvider,
)
from tests.helpers import AMAZON, SOCIAL, error_annotations, imported_user_pool_pool, new_stack, pool_props, synth

SAML_ARN = "arn:aws:iam::123456789012:saml-provider/Corp"


def errors_of(stack: cdk.Stack) -> list[str]:
    """The error annotations; the stack still synthesizes (``Template.from_stack``), as with aws-cdk-lib."""
    cdk.assertions.Template.from_stack(stack)
    return error_annotations(stack)


def only_error(stack: cdk.Stack) -> str:
    (error,) = errors_of(stack)
    assert "[cdk-identitypool]" in error
    return error


# --- tags, removal policies and add_* calls after construction --------------------------------------------


def test_tags_added_later_with_an_aws_prefix_are_an_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    cdk.Tags.of(pool).add("aws:team", "x")
    errors = errors_of(stack)
    assert any("tags['aws:team']" in e and "reserved for AWS" in e for e in errors), errors


def test_more_than_50_tags_on_the_pool_are_an_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    for i in range(51):
        cdk.Tags.of(pool.cfn_identity_pool).add(f"k{i}", "v")
    assert "tags: 51 tags; at most 50" in only_error(stack)


def test_default_role_tags_follow_iams_characters() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    cdk.Tags.of(pool.authenticated_role).add("team", "a&b")
    error = only_error(stack)
    assert "authenticated_role.tags['team']" in error and "'&'" in error


def test_each_pool_of_a_stack_gets_its_own_problems() -> None:
    stack = new_stack()
    IdentityPool(stack, "Clean")
    tagged = IdentityPool(stack, "Tagged")
    cdk.Tags.of(tagged.unauthenticated_role).add("team", "a&b")
    (error,) = errors_of(stack)
    assert error.startswith("/TestStack/Tagged:") and "unauthenticated_role.tags['team']" in error, error


def test_role_tags_are_checked_when_another_attachment_names_the_pool() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    roles = {"authenticated": pool.authenticated_role.role_arn}
    cognito.CfnIdentityPoolRoleAttachment(stack, "Extra", identity_pool_id=pool.identity_pool_id, roles=roles)
    cdk.Tags.of(pool.authenticated_role).add("team", "a&b")
    assert "authenticated_role.tags['team']" in only_error(stack)


def test_a_stack_that_cannot_render_fails_with_aws_cdk_libs_error() -> None:
    app = cdk.App(context={"@aws-cdk/core:stackResourceLimit": 2})
    stack = cdk.Stack(app, "Small")
    IdentityPool(stack, "Pool")
    with pytest.raises(Exception, match="greater than allowed maximum"):
        app.synth()


def test_tags_within_the_limits_pass() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    for i in range(50):
        cdk.Tags.of(pool).add(f"team:{i}", "Ünïcode value ok")
    assert errors_of(stack) == []


def test_a_snapshot_removal_policy_applied_later_is_an_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    pool.cfn_identity_pool.apply_removal_policy(cdk.RemovalPolicy.SNAPSHOT)  # bypasses the prop check
    assert "removal_policy and update_replace_policy: SNAPSHOT was applied after construction" in only_error(stack)


def test_a_snapshot_update_replace_policy_set_through_cfn_options_is_an_error() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool")
    pool.cfn_identity_pool.cfn_options.update_replace_policy = cdk.CfnDeletionPolicy.SNAPSHOT
    assert "update_replace_policy: SNAPSHOT was applied after construction" in only_error(stack)


def test_a_name_an_aspect_sets_is_checked_at_synth() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool")

    @jsii.implements(cdk.IAspect)
    class Rename:
        def visit(self, node: IConstruct) -> None:
            if isinstance(node, cognito.CfnIdentityPool):
                node.identity_pool_name = "my pool!"

    cdk.Aspects.of(stack).add(Rename())
    assert "identity_pool_name: 'my pool!' (set after construction)" in only_error(stack)


def test_an_add_call_after_synth_raises_instead_of_being_lost() -> None:
    stack = new_stack()
    pool = IdentityPool(stack, "Pool", authentication_providers=AMAZON)
    synth(stack)
    with pytest.raises(IdentityPoolValidationError, match=r"add_role_mappings.*already been synthesized"):
        pool.add_role_mappings(IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.AMAZON, use_token=True))
    with pytest.raises(IdentityPoolValidationError, match=r"add_principal_tags.*already been synthesized"):
        pool.add_principal_tags(IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.AMAZON, use_defaults=True))


# --- a mapping must name a provider the pool has ----------------------------------------------------------


def test_a_mapping_for_a_provider_the_pool_lacks_is_an_error_annotation() -> None:
    stack = new_stack()
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=AMAZON,
        role_mappings=[IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.FACEBOOK, use_token=True)],
    )
    error = only_error(stack)
    assert "role_mappings[0] ('graph.facebook.com')" in error
    assert "not configured with" in error and "add it to authentication_providers" in error


def test_a_user_pool_mapping_on_a_pool_without_user_pools_is_an_error() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    IdentityPool(
        stack,
        "Pool",
        role_mappings=[
            IdentityPoolRoleMapping(
                mapping_key="users",
                provider_url=IdentityPoolProviderUrl.user_pool(users, users.add_client("Web")),
                use_token=True,
            )
        ],
    )
    assert "role_mappings[0] ('users'): maps the provider ${Users" in only_error(stack)


def test_a_mapping_for_another_app_client_of_a_configured_user_pool_is_an_error() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    web, admin = users.add_client("Web"), users.add_client("Admin")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=web)]
        ),
    )
    pool.add_role_mappings(
        IdentityPoolRoleMapping(
            mapping_key="admin", provider_url=IdentityPoolProviderUrl.user_pool(users, admin), use_token=True
        )
    )
    assert "role_mappings[0] ('admin'): maps the provider ${Users" in only_error(stack)


def test_configured_providers_in_any_form_pass() -> None:
    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    client = users.add_client("Web")
    oidc = iam.OpenIdConnectProvider(stack, "Oidc", url="https://login.example.com", client_ids=["app"])
    saml = iam.SamlProvider.from_saml_provider_arn(stack, "Saml", SAML_ARN)
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=client)],
            open_id_connect_providers=[oidc],
            saml_providers=[saml],
            google=SOCIAL.google,
        ),
        role_mappings=[
            IdentityPoolRoleMapping(
                mapping_key="users", provider_url=IdentityPoolProviderUrl.user_pool(users, client), use_token=True
            ),
            # The OIDC provider's ARN is a token: whether it is login.example.com is known only at deploy.
            IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.open_id("login.example.com"), use_token=True),
            IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.saml(SAML_ARN), use_token=True),
            IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, use_token=True),
        ],
    )
    assert errors_of(stack) == []


def test_a_literal_oidc_provider_must_be_the_mapped_one() -> None:
    stack = new_stack()
    oidc = iam.OpenIdConnectProvider.from_open_id_connect_provider_arn(
        stack, "Oidc", "arn:aws:iam::123456789012:oidc-provider/login.example.com"
    )
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(open_id_connect_providers=[oidc]),
        role_mappings=[
            IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.open_id("other.example.com"), use_token=True)
        ],
    )
    assert "'other.example.com', which this pool is not configured with" in only_error(stack)


# --- duplicates in any form -------------------------------------------------------------------------------


def test_the_same_import_twice_is_a_duplicate() -> None:
    stack = new_stack()
    first = iam.SamlProvider.from_saml_provider_arn(stack, "A", cdk.Fn.import_value("CorpSaml"))
    second = iam.SamlProvider.from_saml_provider_arn(stack, "B", cdk.Fn.import_value("CorpSaml"))
    IdentityPool(
        stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(saml_providers=[first, second])
    )
    assert "saml_providers[1]: the same provider as authentication_providers.saml_providers[0]" in only_error(stack)


def test_a_user_pool_imported_by_id_and_by_arn_is_a_duplicate() -> None:
    # Both are named after the id's region, so the duplicate is seen at construction.
    stack = cdk.Stack(cdk.App(), "Agnostic")  # no region: the id import's name would use AWS::Region
    by_id = cognito.UserPool.from_user_pool_id(stack, "ById", "eu-west-1_AbCdEfGhI")
    by_arn = cognito.UserPool.from_user_pool_arn(
        stack, "ByArn", "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEfGhI"
    )
    with pytest.raises(IdentityPoolValidationError, match=r"user_pools\[1\]=.*duplicate provider"):
        pool_of_two(stack, by_id, by_arn)


def test_a_user_pool_of_the_eusc_partition_imported_by_id_and_by_arn_is_a_duplicate() -> None:
    # eusc-de-east-1 has a four-letter prefix: its ids are region names too.
    stack = cdk.Stack(cdk.App(), "Agnostic")
    by_id = cognito.UserPool.from_user_pool_id(stack, "ById", "eusc-de-east-1_AbCdEfGhI")
    by_arn = cognito.UserPool.from_user_pool_arn(
        stack, "ByArn", "arn:aws-eusc:cognito-idp:eusc-de-east-1:123456789012:userpool/eusc-de-east-1_AbCdEfGhI"
    )
    with pytest.raises(IdentityPoolValidationError, match=r"user_pools\[1\]=.*duplicate provider"):
        pool_of_two(stack, by_id, by_arn)


def test_a_user_pool_given_as_a_literal_name_and_as_a_token_is_a_duplicate_at_synth() -> None:
    stack = new_stack()
    users = cognito.UserPool.from_user_pool_id(stack, "Users", "us-east-1_AbCdEfGhI")
    same = cognito.UserPool.from_user_pool_id(stack, "Same", cdk.Lazy.uncached_string(_Produce("us-east-1_AbCdEfGhI")))
    pool_of_two(stack, users, same)
    assert "user_pools[1]: the same provider as user_pools[0]" in only_error(stack)


def pool_of_two(stack: cdk.Stack, first: cognito.IUserPool, second: cognito.IUserPool) -> IdentityPool:
    """A pool with two user pool providers sharing one imported app client."""
    client = cognito.UserPoolClient.from_user_pool_client_id(stack, "Client", "abc123")
    return IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[
                UserPoolAuthenticationProvider(user_pool=first, user_pool_client=client),
                UserPoolAuthenticationProvider(user_pool=second, user_pool_client=client),
            ]
        ),
    )


# --- imports and pairs ------------------------------------------------------------------------------------


def test_a_user_pool_imported_from_another_region_is_named_with_its_region() -> None:
    stack = new_stack()  # us-east-1
    imported_user_pool_pool(stack)
    (provider,) = pool_props(synth(stack))["CognitoIdentityProviders"]
    assert provider["ProviderName"] == {
        "Fn::Join": ["", ["cognito-idp.eu-west-1.", {"Ref": "AWS::URLSuffix"}, "/eu-west-1_AbCdEfGhI"]]
    }


@pytest.mark.parametrize(
    ("user_pool_id", "client_id", "expected"),
    [
        ("not-an-id", "abc123", "the user pool id 'not-an-id' is not '<region>_<id>'"),
        ("eu-west-1_AbCdEfGhI", "bad-client!", "the app client id 'bad-client!' must be"),
    ],
)
def test_malformed_imported_ids_are_an_error(user_pool_id: str, client_id: str, expected: str) -> None:
    stack = new_stack()
    users = cognito.UserPool.from_user_pool_id(stack, "Users", user_pool_id)
    client = cognito.UserPoolClient.from_user_pool_client_id(stack, "Client", client_id)
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=client)]
        ),
    )
    assert expected in only_error(stack)


def test_a_malformed_saml_arn_is_an_error() -> None:
    stack = new_stack()
    saml = iam.SamlProvider.from_saml_provider_arn(stack, "Saml", "arn:aws:iam::123:saml-provider/Corp")
    IdentityPool(stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(saml_providers=[saml]))
    assert "saml_providers[0]: 'arn:aws:iam::123:saml-provider/Corp' is not an IAM SAML provider ARN" in only_error(
        stack
    )


def test_a_client_of_another_user_pool_is_an_error() -> None:
    stack = new_stack()
    users, others = cognito.UserPool(stack, "Users"), cognito.UserPool(stack, "Others")
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=others.add_client("Web"))]
        ),
    )
    assert "user_pools[0].user_pool_client: the app client belongs to another user pool" in only_error(stack)


# --- values that resolve only at synth --------------------------------------------------------------------


@jsii.implements(cdk.IStringProducer)
class _Produce:
    def __init__(self, value: str) -> None:
        self._value = value

    def produce(self, context: cdk.IResolveContext) -> str:
        return self._value


def test_a_lazy_name_that_resolves_to_an_invalid_value_is_an_error() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool", identity_pool_name=cdk.Lazy.uncached_string(_Produce("bad name!")))
    error = only_error(stack)
    assert "identity_pool_name" in error and "'bad name!'" in error


def test_a_lazy_name_that_resolves_to_a_valid_value_passes() -> None:
    stack = new_stack()
    IdentityPool(stack, "Pool", identity_pool_name=cdk.Lazy.uncached_string(_Produce("good name")))
    assert pool_props(synth(stack))["IdentityPoolName"] == "good name"


def test_the_same_provider_under_two_mapping_keys_is_a_duplicate() -> None:
    stack = new_stack()
    saml = iam.SamlProvider.from_saml_provider_arn(stack, "Saml", SAML_ARN)
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(saml_providers=[saml]),
        role_mappings=[
            IdentityPoolRoleMapping(
                mapping_key="corp", provider_url=IdentityPoolProviderUrl.saml(SAML_ARN), use_token=True
            ),
            IdentityPoolRoleMapping(
                mapping_key="corp-again",
                provider_url=IdentityPoolProviderUrl.saml(saml.saml_provider_arn),
                use_token=True,
            ),
        ],
    )
    assert "role_mappings[1]: the same provider as role_mappings[0]" in only_error(stack)


def test_principal_tags_for_one_provider_in_two_forms_are_a_duplicate() -> None:
    stack = new_stack()
    same = cdk.Lazy.uncached_string(_Produce("accounts.google.com"))
    IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(google=SOCIAL.google),
        principal_tags=[
            IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, use_defaults=True),
            IdentityPoolPrincipalTags(provider_name=same, use_defaults=True, stable_key="google-again"),
        ],
    )
    assert "principal_tags[1]: the same provider as principal_tags[0]" in only_error(stack)


def test_the_same_user_pool_through_ours_and_aws_cdk_libs_provider_is_a_duplicate() -> None:
    from aws_cdk import aws_cognito_identitypool as upstream

    stack = new_stack()
    users = cognito.UserPool(stack, "Users")
    web = users.add_client("Web")
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(
            user_pools=[UserPoolAuthenticationProvider(user_pool=users, user_pool_client=web)]
        ),
    )
    pool.add_user_pool_authentication(upstream.UserPoolAuthenticationProvider(user_pool=users, user_pool_client=web))
    error = only_error(stack)
    assert "user_pools[1]: the same provider as user_pools[0]" in error
    assert "(${Users0A0EEA89.ProviderName}:${UsersWebA39D1A70})" in error  # shown as the template spells it


def test_a_pool_in_a_nested_stack_is_checked_at_synth() -> None:
    app = cdk.App()
    parent = cdk.Stack(app, "Parent", env=cdk.Environment(account="123456789012", region="us-east-1"))
    nested = cdk.NestedStack(parent, "Auth")
    cdk.Tags.of(IdentityPool(nested, "Pool")).add("aws:team", "x")
    assembly = app.synth()
    artifact = assembly.get_stack_artifact(parent.artifact_id)
    messages = [m.entry.data for m in artifact.messages if m.level == cdk.cx_api.SynthesisMessageLevel.ERROR]
    assert any("tags['aws:team']" in str(m) and "reserved for AWS" in str(m) for m in messages), messages


@pytest.mark.parametrize(
    "path",
    [
        ["Pool"],
        ["Pool", "Resource"],
        ["My-Pool", "Resource"],
        ["Outer", "Default", "Resource"],
        ["Auth", "AuthPool"],
        ["MyPool", "Pool"],
    ],
)
def test_the_logical_id_a_stack_gives_is_known_without_asking(path: list[str]) -> None:
    from constructs import Construct

    from cdk_identitypool._construct.rendered import default_logical_id

    stack = new_stack()
    scope: Construct = stack
    for part in path[:-1]:
        scope = Construct(scope, part)
    element = cdk.CfnResource(scope, path[-1], type="AWS::Cognito::IdentityPool")
    assert default_logical_id(path) == stack.resolve(element.logical_id)


def test_pools_a_stack_names_its_own_way_are_still_checked_each() -> None:
    stack = new_stack()
    first, second = IdentityPool(stack, "First"), IdentityPool(stack, "Second")
    first.cfn_identity_pool.override_logical_id("Renamed")
    cdk.Tags.of(first).add("aws:a", "x")
    cdk.Tags.of(second.unauthenticated_role).add("team", "a&b")
    errors = errors_of(stack)
    assert any(e.startswith("/TestStack/First:") and "tags['aws:a']" in e for e in errors), errors
    assert any(e.startswith("/TestStack/Second:") and "unauthenticated_role.tags['team']" in e for e in errors)


def google_pool_mapped_as_g(stack: cdk.Stack) -> tuple[IdentityPool, cognito.CfnIdentityPoolRoleAttachment]:
    """A Google pool with a token mapping keyed ``g``, and its role attachment (to override)."""
    pool = IdentityPool(
        stack,
        "Pool",
        authentication_providers=IdentityPoolAuthenticationProviders(google=SOCIAL.google),
        role_mappings=[
            IdentityPoolRoleMapping(provider_url=IdentityPoolProviderUrl.GOOGLE, mapping_key="g", use_token=True)
        ],
    )
    attachment = next(c for c in pool.node.find_all() if isinstance(c, cognito.CfnIdentityPoolRoleAttachment))
    return pool, attachment


def test_property_overrides_of_the_pool_and_its_attachment_are_checked_at_synth() -> None:
    stack = new_stack()
    pool, attachment = google_pool_mapped_as_g(stack)
    pool.cfn_identity_pool.add_property_override("IdentityPoolName", "bad name!")
    attachment.add_property_override("RoleMappings.g.IdentityProvider", "graph.facebook.com")
    errors = errors_of(stack)
    assert any("identity_pool_name: 'bad name!' (set after construction)" in e for e in errors), errors
    assert any("role_mappings[0] ('g'): maps the provider 'graph.facebook.com'" in e for e in errors), errors


def test_a_mapping_overridden_into_a_shape_cognito_refuses_is_an_error_at_synth() -> None:
    stack = new_stack()
    _, attachment = google_pool_mapped_as_g(stack)
    attachment.add_property_override("RoleMappings.g.AmbiguousRoleResolution", "Allow")
    error = only_error(stack)
    assert "role_mappings: Cognito refuses the rendered RoleMappings['g']: AmbiguousRoleResolution is 'Allow'" in error
    template = cdk.assertions.Template.from_stack(stack)  # still written, as for aws-cdk-lib's pool (unit tests)
    template.has_resource_properties(
        "AWS::Cognito::IdentityPoolRoleAttachment", {"RoleMappings": {"g": {"AmbiguousRoleResolution": "Allow"}}}
    )
