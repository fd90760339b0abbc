"""The fake Kuaidi100's two endpoints, checking requests as Kuaidi100 documents them:

- POST /poll (订阅): form schema (json) and param {"company", "number", "key",
  "parameters": {"callbackurl", "salt", "resultv2", "phone"}}; answers {"result",
  "returnCode", "message"} with 200, 501 (already polling), 600 (bad key), 601 (key
  expired), 700 (bad data: company, number of 6-32 characters, callback address).
- POST /label/order (电子面单下单, method=order): form method, key, t, sign, param with
  sign = upper(md5(param + t + key + secret)); answers {"success", "code", "message",
  "time", "data"} with 200, 30001 (bad parameters), 30002 (bad sign), 30003 (bad key).

The signature is computed here from scratch: the sandbox shares no code with
mercato.logistics, or it could not catch the adapter getting it wrong."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

COMPANIES = ("zhongtong", "yuantong", "shentong", "yunda")
PRINT_TYPES = ("NON", "IMAGE", "HTML", "CLOUD", "ORDERFIRST")
_LABEL_FORM = ("method", "key", "t", "sign", "param")
_MAN = ("name", "printAddr")


class FakeKuaidi100(Protocol):
    """What the endpoints need of the fake (kuaidi100.FakeKuaidi100), named here so the two
    modules do not import each other."""

    key: str
    secret: str
    key_expired: bool
    fail_with: int | None

    def subscribe(
        self, company: str, number: str, callbackurl: str, salt: str | None, phone: str
    ) -> tuple[str, str]: ...

    def book(self, param: dict[str, Any]) -> dict[str, str]: ...


class Refusal(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


def build_app(fake: FakeKuaidi100) -> Starlette:
    async def poll(request: Request) -> JSONResponse:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            code, message = subscription(fake, form)
        except Refusal as exc:
            return JSONResponse({"result": False, "returnCode": exc.code, "message": exc.message})
        return JSONResponse({"result": code == "200", "returnCode": code, "message": message})

    async def label_order(request: Request) -> JSONResponse:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            data = booking(fake, form)
        except Refusal as exc:
            body = {"success": False, "code": int(exc.code), "message": exc.message, "time": 0}
            return JSONResponse({**body, "data": None})
        return JSONResponse(
            {"success": True, "code": 200, "message": "success", "time": 0, "data": data}
        )

    return Starlette(
        routes=[
            Route("/poll", poll, methods=["POST"]),
            Route("/label/order", label_order, methods=["POST"]),
        ]
    )


def subscription(fake: FakeKuaidi100, form: Mapping[str, str]) -> tuple[str, str]:
    """Check one subscription; returns (returnCode, message) once accepted or a repeat."""
    if form.get("schema", "json") not in ("json", ""):
        raise Refusal("700", "只支持schema=json")  # Kuaidi100 also speaks xml; the fake not
    param = _json(form.get("param", ""), "700", "参数错误")
    if param.get("key") != fake.key:
        raise Refusal("600", "您不是合法的订阅者")
    if fake.key_expired:
        raise Refusal("601", "POLL:KEY已过期")
    company, number = str(param.get("company", "")), str(param.get("number", ""))
    if company not in COMPANIES:
        raise Refusal("700", "不支持的快递公司")
    if not 6 <= len(number) <= 32:
        raise Refusal("700", "单号长度不正确")
    parameters = param.get("parameters")
    if not isinstance(parameters, dict):
        raise Refusal("700", "缺少parameters")
    callback = str(parameters.get("callbackurl", ""))
    if not callback.startswith(("http://", "https://")):
        raise Refusal("700", "错误的回调地址")
    salt = parameters.get("salt")
    phone = str(parameters.get("phone") or "")
    return fake.subscribe(company, number, callback, None if salt is None else str(salt), phone)


def booking(fake: FakeKuaidi100, form: Mapping[str, str]) -> dict[str, str]:
    """Check one 电子面单 order; returns the answer's data."""
    if any(not form.get(name) for name in _LABEL_FORM) or form["method"] != "order":
        raise Refusal("30001", "参数错误")
    if form["key"] != fake.key:
        raise Refusal("30003", "账号信息不正确")
    expected = sign(form["param"] + form["t"] + form["key"] + fake.secret)
    if form["sign"] != expected:
        raise Refusal("30002", "验证签名失败")
    param = _json(form["param"], "30001", "参数错误")
    _check_order(param)
    if fake.fail_with is not None:
        raise Refusal(str(fake.fail_with), "服务器错误" if fake.fail_with == -1 else "模拟失败")
    return fake.book(param)


def sign(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def _check_order(param: Mapping[str, Any]) -> None:
    if param.get("kuaidicom") not in COMPANIES or not param.get("partnerId"):
        raise Refusal("30001", "参数错误: kuaidicom/partnerId")
    print_type = param.get("printType", "NON")
    if print_type not in PRINT_TYPES:
        raise Refusal("30001", "参数错误: printType")
    if print_type in ("CLOUD", "ORDERFIRST") and not param.get("siid"):
        raise Refusal("30001", "参数错误: siid")
    for role in ("recMan", "sendMan"):
        man = param.get(role)
        if not isinstance(man, dict) or any(not man.get(k) for k in _MAN):
            raise Refusal("30001", f"参数错误: {role}")
        if not (man.get("mobile") or man.get("tel")):
            raise Refusal("30001", f"参数错误: {role}.mobile")


def _json(raw: str, code: str, message: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise Refusal(code, message)
    return value
