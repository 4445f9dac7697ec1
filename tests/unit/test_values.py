"""Values that look unusual but Cognito accepts: they synthesize (the bad ones are in test_bad_inputs.py)."""

from __future__ import annotations

import aws_cdk as cdk

from cdk_identitypool import (
    IdentityPool,
    IdentityPoolAuthenticationProviders,
    IdentityPoolPrincipalTags,
    IdentityPoolProviderUrl,
    IdentityPoolTwitterLoginProvider,
)
from tests.helpers import new_stack, pool_props, resources, synth


def test_a_name_part_literal_part_token_is_checked_by_its_literal_part_and_kept() -> None:
    stack = new_stack()
    stage = cdk.CfnParameter(stack, "Stage", default="dev")
    IdentityPool(stack, "Pool", identity_pool_name=f"app-{stage.value_as_string}")
    assert pool_props(synth(stack))["IdentityPoolName"] == {"Fn::Join": ["", ["app-", {"Ref": "Stage"}]]}


def test_a_principal_tag_claim_can_be_a_token() -> None:
    stack = new_stack()
    claim = cdk.CfnParameter(stack, "DeptClaim", default="custom:dept")
    IdentityPool(
        stack,
        "Pool",
        principal_tags=[
            IdentityPoolPrincipalTags.social(IdentityPoolProviderUrl.GOOGLE, tags={"dept": claim.value_as_string})
        ],
    )
    (tag,) = resources(synth(stack), "AWS::Cognito::IdentityPoolPrincipalTag").values()
    assert tag["Properties"]["PrincipalTags"] == {"dept": {"Ref": "DeptClaim"}}


def test_an_open_id_issuer_url_is_named_as_cognito_names_it() -> None:
    assert IdentityPoolProviderUrl.open_id("https://login.example.com/").value == "login.example.com"
    assert IdentityPoolProviderUrl.open_id("login.example.com").value == "login.example.com"


def test_a_twitter_key_and_secret_of_128_characters_together() -> None:
    stack = new_stack()
    twitter = IdentityPoolTwitterLoginProvider(consumer_key="k" * 64, consumer_secret="s" * 63)
    IdentityPool(stack, "Pool", authentication_providers=IdentityPoolAuthenticationProviders(twitter=twitter))
    assert len(pool_props(synth(stack))["SupportedLoginProviders"]["api.twitter.com"]) == 128
