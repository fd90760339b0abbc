"""HTTP face of the fake WeChat Pay server (Starlette): the v3 endpoints plus a pay page."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from mercato.platform.i18n import gettext_ as _
from mercato.sandbox import _crypto, wechatpay_refunds
from mercato.sandbox.wechatpay_state import ApiError, WechatPayState

_AUTH = re.compile(r'(\w+)="([^"]*)"')
_KINDS = {"native", "jsapi", "h5"}


def build_app(fake: WechatPayState) -> Starlette:
    async def guarded(request: Request) -> Response:
        try:
            body = (await request.body()).decode()
            _check_auth(fake, request, body)
            return await _dispatch(fake, request, body)
        except ApiError as exc:
            return JSONResponse({"code": exc.code, "message": exc.message}, exc.status)
        except (ValueError, KeyError, TypeError) as exc:
            return JSONResponse({"code": "PARAM_ERROR", "message": str(exc)}, 400)

    async def pay_page(request: Request) -> Response:
        no = request.path_params["no"]
        order = fake.orders.get(no)
        if order is None:
            return HTMLResponse(_("No such order"), 404)
        if request.method == "GET":
            return HTMLResponse(_page(order))
        try:
            fake.pay(no)
        except ApiError as exc:
            return JSONResponse({"code": exc.code, "message": exc.message}, exc.status)
        status, text = await run_in_threadpool(fake.deliver, fake.build_notification(no))
        return JSONResponse(
            {"trade_state": order["trade_state"], "notify_status": status, "notify_response": text}
        )

    return Starlette(
        routes=[
            Route("/v3/{path:path}", guarded, methods=["GET", "POST"]),
            Route("/pay/{no}", pay_page, methods=["GET", "POST"]),
        ]
    )


def _check_auth(fake: WechatPayState, request: Request, body: str) -> None:
    header = request.headers.get("authorization", "")
    scheme, _sep, rest = header.partition(" ")
    fields = dict(_AUTH.findall(rest))
    query = request.url.query
    url = request.url.path + (f"?{query}" if query else "")
    ts = fields.get("timestamp", "")
    message = f"{request.method}\n{url}\n{ts}\n{fields.get('nonce_str', '')}\n{body}\n"
    if (
        scheme != "WECHATPAY2-SHA256-RSA2048"
        or fields.get("mchid") != fake.mchid
        or fields.get("serial_no", "").upper() != fake.merchant_serial.upper()
        or not ts.isdigit()
        or abs(fake.now() - int(ts)) > 300
        or not _crypto.rsa_ok(fake.merchant_key, message, fields.get("signature", ""))
    ):
        raise ApiError(401, "SIGN_ERROR", "signature verification failed")


async def _dispatch(fake: WechatPayState, request: Request, body: str) -> Response:
    parts = request.url.path.split("/v3/", 1)[1].split("/")
    data: dict[str, Any] = json.loads(body) if body else {}
    if request.method == "POST" and parts[:2] == ["pay", "transactions"] and len(parts) == 3:
        return _signed(fake, 200, _create(fake, parts[2], data))
    if parts[:3] == ["pay", "transactions", "out-trade-no"] and len(parts) >= 4:
        order = fake.orders.get(parts[3])
        if order is None:
            raise ApiError(404, "ORDER_NOT_EXIST", "order does not exist")
        if request.method == "GET" and len(parts) == 4:
            if request.query_params.get("mchid") != fake.mchid:
                raise ApiError(400, "PARAM_ERROR", "mchid mismatch")
            return _signed(fake, 200, fake.transaction(order))
        if request.method == "POST" and parts[4:] == ["close"]:
            _close(fake, order, data)
            return _signed(fake, 204, None)
    if request.method == "POST" and parts == ["refund", "domestic", "refunds"]:
        return _signed(fake, 200, wechatpay_refunds.refund(fake, data))
    raise ApiError(404, "NOT_FOUND", "no such endpoint")


def _create(fake: WechatPayState, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    if kind not in _KINDS:
        raise ApiError(404, "NOT_FOUND", "no such endpoint")
    if data.get("appid") != fake.appid or data.get("mchid") != fake.mchid:
        raise ApiError(400, "APPID_MCHID_NOT_MATCH", "appid and mchid do not match")
    total = data["amount"]["total"]
    if not isinstance(total, int) or isinstance(total, bool) or total <= 0:
        raise ApiError(400, "PARAM_ERROR", "amount.total must be a positive integer")
    if not (data["description"] and data["notify_url"] and data["out_trade_no"]):
        raise ApiError(400, "PARAM_ERROR", "missing required field")
    if kind == "jsapi" and not data["payer"]["openid"]:
        raise ApiError(400, "PARAM_ERROR", "payer.openid is required")
    if kind == "h5" and not data["scene_info"]["payer_client_ip"]:
        raise ApiError(400, "PARAM_ERROR", "scene_info.payer_client_ip is required")
    order = fake.open_order(kind, data)
    page = f"{fake.public_base_url}/pay/{order['out_trade_no']}"
    return {
        "native": {"code_url": page},
        "h5": {"h5_url": page},
        "jsapi": {"prepay_id": order["prepay_id"]},
    }[kind]


def _close(fake: WechatPayState, order: dict[str, Any], data: dict[str, Any]) -> None:
    if data.get("mchid") != fake.mchid:
        raise ApiError(400, "PARAM_ERROR", "mchid mismatch")
    with fake.lock:
        if order["trade_state"] in ("SUCCESS", "REFUND"):
            raise ApiError(400, "ORDERPAID", "order is paid")
        order["trade_state"] = "CLOSED"


def _signed(fake: WechatPayState, status: int, data: dict[str, Any] | None) -> Response:
    text = "" if data is None else json.dumps(data, ensure_ascii=False)
    media = None if data is None else "application/json"
    return Response(text.encode(), status, headers=fake.signed_headers(text), media_type=media)


def _page(order: dict[str, Any]) -> str:
    no = html.escape(order["out_trade_no"])
    total = _crypto.fen_to_yuan(order["amount"]["total"])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{_('Sandbox WeChat Pay')}"
        f"</title></head><body><h1>{_('Sandbox WeChat Pay')}</h1>"
        f"<p>{html.escape(order['description'])}</p><p>¥{total}</p><p>{no}</p>"
        f"<form method='post'><button type='submit'>{_('Pay now')}</button></form></body></html>"
    )
