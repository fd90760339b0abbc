"""HTTP face of the fake SF Express open platform (Starlette): POST /std/service, a form of
partnerID, requestID, serviceCode, timestamp, msgData and msgDigest, checked the way the
platform checks it before any service runs. Its refusals use the platform's codes, HTTP 200:
A1001 a parameter missing, A1002 a timestamp too old or too new, A1004 a partner or service
the account has no permission for, A1006 a msgDigest that does not match, A1007 a requestID
seen before. Then the service answers inside apiResultData, a JSON string; the order
checks below refuse with SF's business codes there (success false, errorCode)."""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

SERVICES = ("EXP_RECE_CREATE_ORDER", "EXP_RECE_SEARCH_ORDER_RESP", "EXP_RECE_SEARCH_ROUTES")
_REQUIRED = ("partnerID", "requestID", "serviceCode", "timestamp", "msgData", "msgDigest")
# What java.net.URLEncoder leaves alone; everything else is %XX of its UTF-8 bytes.
_KEPT = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-*_")
STALE_MS = 30 * 60 * 1000
_PARTY_CODES = {1: ("1010", "1011", "1012"), 2: ("1014", "1015", "1016")}
_PARTY_TEXT = ("地址不能为空", "联系人不能为空", "电话不能为空")


class BizError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


class Refusal(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


class Platform(Protocol):
    partner_id: str
    check_word: str
    now: Callable[[], float]

    def first_use(self, request_id: str) -> bool: ...

    def serve(self, service: str, msg: Mapping[str, Any]) -> dict[str, Any]: ...


def url_encode(text: str) -> str:
    """URLEncoder.encode(text, "UTF-8"), written out byte by byte as Java does it."""
    out = []
    for byte in text.encode("utf-8"):
        if byte in _KEPT:
            out.append(chr(byte))
        elif byte == 0x20:
            out.append("+")
        else:
            out.append(f"%{byte:02X}")
    return "".join(out)


def expected_digest(msg_data: str, timestamp: str, check_word: str) -> str:
    md5 = hashlib.md5(url_encode(msg_data + timestamp + check_word).encode("ascii"))
    return base64.b64encode(md5.digest()).decode("ascii")


def check(fake: Platform, form: Mapping[str, str]) -> None:
    """The platform's checks, in the order a refusal is most useful to the caller."""
    if any(not form.get(name) for name in _REQUIRED):
        raise Refusal("A1001", "必传参数不可为空")
    if form["partnerID"] != fake.partner_id or form["serviceCode"] not in SERVICES:
        raise Refusal("A1004", "无对应服务权限")
    try:
        stamp = int(form["timestamp"])
    except ValueError:
        raise Refusal("A1002", "请求时效已过期")
    if abs(fake.now() * 1000 - stamp) > STALE_MS:
        raise Refusal("A1002", "请求时效已过期")
    digest = expected_digest(form["msgData"], form["timestamp"], fake.check_word)
    if form["msgDigest"] != digest:
        raise Refusal("A1006", "数字签名无效")
    if not fake.first_use(form["requestID"]):
        raise Refusal("A1007", "重复请求")


def envelope(code: str, message: str = "", result: Mapping[str, Any] | None = None) -> JSONResponse:
    data = None if result is None else json.dumps(result, ensure_ascii=False)
    return JSONResponse(
        {
            "apiErrorMsg": message,
            "apiResponseID": uuid.uuid4().hex.upper(),
            "apiResultCode": code,
            "apiResultData": data,
        }
    )


def build_app(fake: Platform) -> Starlette:
    async def service(request: Request) -> JSONResponse:
        form = {k: str(v) for k, v in (await request.form()).items()}
        try:
            check(fake, form)
        except Refusal as exc:
            return envelope(exc.code, exc.message)
        try:
            msg = json.loads(form["msgData"])
        except ValueError:
            msg = None
        if not isinstance(msg, dict):
            return envelope("A1000", "", _failed("4002", "报文解析错误"))
        return envelope("A1000", "", fake.serve(form["serviceCode"], msg))

    return Starlette(routes=[Route("/std/service", service, methods=["POST"])])


def _failed(code: str, message: str) -> dict[str, Any]:
    return {"success": False, "errorCode": code, "errorMsg": message, "msgData": None}


def order_id(msg: Mapping[str, Any]) -> str:
    found = str(msg.get("orderId") or "").strip()
    if not found:
        raise BizError("8013", "未传入订单号")
    return found


def check_order(msg: Mapping[str, Any]) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """EXP_RECE_CREATE_ORDER's required content; the (sender, recipient) contacts."""
    sender, recipient = _party(msg, 1), _party(msg, 2)
    cargo = msg.get("cargoDetails")
    if not isinstance(cargo, list) or not cargo:
        raise BizError("1023", "托寄物品名不能为空")
    if any(not isinstance(c, dict) or not str(c.get("name") or "").strip() for c in cargo):
        raise BizError("1023", "托寄物品名不能为空")
    card = str(msg.get("monthlyCard") or "")
    if card and not (card.isdigit() and len(card) == 10):
        raise BizError("6126", "月结卡号不合法")
    return sender, recipient


def _party(msg: Mapping[str, Any], kind: int) -> Mapping[str, Any]:
    entries = msg.get("contactInfoList")
    listed = [c for c in entries or [] if isinstance(c, dict)]
    found = next((c for c in listed if str(c.get("contactType")) == str(kind)), {})
    who = "寄件" if kind == 1 else "到件"
    values = (found.get("address"), found.get("contact"), found.get("mobile") or found.get("tel"))
    for code, text, value in zip(_PARTY_CODES[kind], _PARTY_TEXT, values, strict=True):
        if not str(value or "").strip():
            raise BizError(code, who + text)
    return found
