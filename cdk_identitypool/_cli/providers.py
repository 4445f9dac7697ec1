"""``simulate --provider``: a provider name, or the logical id of a user pool, app client, OIDC or SAML provider
of the template, turned into the provider the simulator asks about (as the pool names it)."""

from __future__ import annotations

from typing import Any

from .._model.pool_view import PoolView
from .._model.template import TemplateModel
from .._model.values import as_list, get, getatt_logical_id, ref_logical_id


def provider_for(model: TemplateModel, pool_id: str, given: str) -> Any:
    """What ``--provider given`` means for pool ``pool_id``: a logical id becomes the pool's own name for that
    provider; anything else is a provider name, passed on as it is."""
    resource = model.resources.get(given)
    if resource is None:
        return given
    view = PoolView.of(model, pool_id)
    if resource.type in ("AWS::Cognito::UserPool", "AWS::Cognito::UserPoolClient"):
        for entry in view.user_pool_providers:
            name, client = get(entry, "ProviderName"), get(entry, "ClientId")
            if _names(name, given) or ref_logical_id(client) == given:
                return {"Fn::Join": ["", [name, ":", client]]}
        return given  # not one of the pool's user pools: the simulator says so
    if resource.type == "AWS::IAM::OIDCProvider":
        host = model.oidc_host({"Ref": given})
        return host if host is not None else {"Ref": given}
    if resource.type == "AWS::IAM::SAMLProvider":
        return {"Ref": given}
    return given


def _names(expr: Any, logical_id: str) -> bool:
    """Does a user pool provider name (``Fn::GetAtt [pool, ProviderName]``, or a join around ``Ref pool``)
    name the user pool ``logical_id``?"""
    if getatt_logical_id(expr, "ProviderName") == logical_id:
        return True
    parts = get(expr, "Fn::Join")
    return isinstance(parts, list) and len(parts) == 2 and {"Ref": logical_id} in as_list(parts[1])


__all__ = ["provider_for"]
