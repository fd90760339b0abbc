"""A fake of WeChat's open API (api.weixin.qq.com) for the mini-program login: tests and the
demo hand out wx.login() codes with `issue_code(openid)`, and GET /sns/jscode2session answers
as WeChat documents it (openid, session_key, unionid; errcode 40029 for an unknown or expired
code, 40163 for a used one, 40125 for a wrong secret, 40013 for a wrong appid)."""

from __future__ import annotations

import base64
import secrets
import threading
import time
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

CODE_SECONDS = 300  # a wx.login() code lives five minutes and works once


class FakeWechatApi:
    def __init__(
        self,
        appid: str,
        secret: str,
        *,
        unionids: bool = False,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.appid, self.secret, self.unionids, self.now = appid, secret, unionids, now
        self._codes: dict[str, tuple[str, float]] = {}
        self._used: set[str] = set()
        self._lock = threading.Lock()
        self.app = Starlette(routes=[Route("/sns/jscode2session", self._code2session)])

    def issue_code(self, openid: str) -> str:
        """What wx.login() would give the mini-program of the WeChat user `openid`."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._codes[code] = (openid, self.now() + CODE_SECONDS)
        return code

    def _redeem(self, code: str) -> tuple[str | None, int]:
        with self._lock:
            if code in self._used:
                return None, 40163
            found = self._codes.pop(code, None)
            if found is None or found[1] < self.now():
                return None, 40029
            self._used.add(code)
            return found[0], 0

    async def _code2session(self, request: Request) -> JSONResponse:
        q = request.query_params
        if q.get("grant_type") != "authorization_code":
            return _error(40002, "invalid grant_type")
        if q.get("appid") != self.appid:
            return _error(40013, "invalid appid")
        if q.get("secret") != self.secret:
            return _error(40125, "invalid appsecret")
        openid, errcode = self._redeem(q.get("js_code", ""))
        if openid is None:
            return _error(errcode, "code been used" if errcode == 40163 else "invalid code")
        body = {"openid": openid, "session_key": base64.b64encode(secrets.token_bytes(16)).decode()}
        if self.unionids:
            body["unionid"] = "u" + openid
        return JSONResponse(body)


def _error(code: int, message: str) -> JSONResponse:
    # WeChat answers errors with HTTP 200 and an errcode.
    return JSONResponse({"errcode": code, "errmsg": f"{message}, rid: {secrets.token_hex(8)}"})
