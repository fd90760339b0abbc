"""WeChat for mini-program customers: link the signed-in customer's account to their WeChat
user with a wx.login() code, sign in with such a code, unlink. The code is exchanged with
WeChat by the server (code2Session); the client never sends an openid."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from pydantic import BaseModel, Field

from mercato.kernel.errors import NotFound
from mercato.members import public as members
from mercato.members.adapters.wechat_login import WechatLogin
from mercato.members.services import wechat
from mercato.members.web.api import _ERROR, SECURED, _errors
from mercato.members.web.common import mark_signed_in
from mercato.members.web.schemas import CustomerOut, StrictIn, TokenOut
from mercato.web.deps import DbDep, LocaleDep, TxDep
from mercato.web.routing import Router
from mercato.web.times import ShopDateTime

router = Router(prefix="/api/v1", tags=["customers"])
_MORE = {
    404: "WeChat sign-in is off in this shop, or no customer is linked to this WeChat user",
    409: "This WeChat user is linked to another customer",
    422: "The code is invalid, expired or used (`field`: code), or WeChat refused the user",
    429: "WeChat's rate limit: retry later",
    502: "WeChat did not answer, or refused the shop's credentials",
}


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    out = _errors(*(c for c in codes if c not in _MORE))
    out.update({c: {"description": _MORE[c], **_ERROR} for c in codes if c in _MORE})
    return out


class WechatCodeIn(StrictIn):
    code: Annotated[str, Field(min_length=1, max_length=128, description="From wx.login()")]
    name: Annotated[str, Field(max_length=120, description="Label of the token")] = "mini-program"


class WechatLinkOut(BaseModel):
    appid: str
    linked_at: ShopDateTime


def wechat_login(request: Request) -> WechatLogin:
    """Built once from settings (MERCATO_WECHATPAY_APPID + MERCATO_WECHAT_APP_SECRET)."""
    state = request.app.state
    login: WechatLogin | None = getattr(state, "wechat_login", None)
    if login is None:
        s = state.settings
        if not (s.wechatpay_appid and s.wechat_app_secret):
            raise NotFound("members.wechat_off", "This shop does not offer WeChat sign-in")
        login = state.wechat_login = WechatLogin(
            s.wechatpay_appid, s.wechat_app_secret, s.wechat_api_base_url
        )
    return login


LoginDep = Annotated[WechatLogin, Depends(wechat_login)]


@router.post(
    "/customers/wechat-token",
    response_model=TokenOut,
    responses=_responses(404, 422, 429, 502),
    summary="Sign in with WeChat: a bearer token for the customer linked to the code's user",
)
def wechat_token(
    body: WechatCodeIn, request: Request, login: LoginDep, db: DbDep, _loc: LocaleDep
) -> TokenOut:
    who = login.identify(body.code)  # before any transaction: a network call
    with db.transaction() as tx:
        view, token = wechat.sign_in(tx, who, body.name)
    mark_signed_in(request, view.id)
    return TokenOut(token=token, customer=CustomerOut(**asdict(view)))


@router.put(
    "/me/wechat",
    response_model=WechatLinkOut,
    dependencies=SECURED,
    responses=_responses(401, 403, 404, 409, 422, 429, 502),
    summary="Link my account to the WeChat user of a wx.login() code",
)
def link_wechat(
    body: WechatCodeIn, customer: members.CustomerDep, login: LoginDep, db: DbDep, _loc: LocaleDep
) -> WechatLinkOut:
    who = login.identify(body.code)
    with db.transaction() as tx:
        linked_at = wechat.link(tx, customer.id, who)
    return WechatLinkOut(appid=who.appid, linked_at=linked_at)


@router.delete(
    "/me/wechat",
    status_code=204,
    dependencies=SECURED,
    responses=_responses(401, 403, 404),
    summary="Unlink my WeChat user",
)
def unlink_wechat(customer: members.CustomerDep, login: LoginDep, tx: TxDep) -> Response:
    if not wechat.unlink(tx, customer.id, login.appid):
        raise NotFound("members.wechat_not_linked", "No WeChat user is linked to this account")
    return Response(status_code=204)
