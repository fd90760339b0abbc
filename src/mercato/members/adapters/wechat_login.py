"""WeChat mini-program login (code2Session): the client's `wx.login()` code is exchanged by
the server for the user's openid under our appid (GET /sns/jscode2session). The session_key
that comes with it is neither kept nor passed on: nothing here decrypts user data."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from mercato.kernel.errors import DomainError, TooManyRequests

# Documented errcodes of code2Session that are the client's doing, not ours.
_BAD_CODE = {40029, 40163}  # invalid code; code already used
_RISKY_USER = 40226
_RATE_LIMITED = 45011


class WechatUnavailable(DomainError):
    """WeChat did not answer, or refused our own credentials: the shop must fix its setup."""

    status = 502
    transient = True


@dataclass(frozen=True, slots=True)
class WechatIdentity:
    appid: str
    openid: str
    unionid: str  # "" when the app is not bound to an open platform account


class WechatLogin:
    def __init__(
        self,
        appid: str,
        secret: str,
        base_url: str = "https://api.weixin.qq.com",
        client: httpx.Client | None = None,
    ) -> None:
        self.appid, self._secret = appid, secret
        self._client = client or httpx.Client(base_url=base_url, timeout=5.0)

    def identify(self, code: str) -> WechatIdentity:
        """The openid (and unionid) behind a fresh wx.login() code; each code works once."""
        params = {
            "appid": self.appid,
            "secret": self._secret,
            "js_code": code,
            "grant_type": "authorization_code",
        }
        try:
            r = self._client.get("/sns/jscode2session", params=params)
            data = r.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise WechatUnavailable(
                "members.wechat_unavailable", "WeChat login is unavailable; try again later"
            ) from exc
        errcode = (data.get("errcode") or 0) if isinstance(data, dict) else -1
        if errcode in _BAD_CODE:
            raise DomainError(
                "members.wechat_code_invalid", "The WeChat login code expired or was used", "code"
            )
        if errcode == _RISKY_USER:
            raise DomainError("members.wechat_refused", "WeChat refused this login", "code")
        if errcode == _RATE_LIMITED:
            raise TooManyRequests("members.too_many_attempts", "Too many attempts; try later")
        openid = data.get("openid") if errcode == 0 else None
        if not isinstance(openid, str) or not openid or len(openid) > 64:
            raise WechatUnavailable(
                "members.wechat_unavailable", "WeChat login is unavailable; try again later"
            )
        unionid = data.get("unionid")
        return WechatIdentity(self.appid, openid, unionid if isinstance(unionid, str) else "")
