"""HTTP face of the fake Alipay gateway (Starlette): /gateway.do plus the cashier page."""

from __future__ import annotations

import html
import json
import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from mercato.platform.i18n import gettext_ as _
from mercato.sandbox import _crypto, alipay_huabei
from mercato.sandbox.alipay_state import AlipayState, BizError

_PAGE_METHODS = {"alipay.trade.page.pay", "alipay.trade.wap.pay"}
_BAD_SIGN = {
    "code": "40002",
    "msg": "Invalid Arguments",
    "sub_code": "isv.invalid-signature",
    "sub_msg": "signature or app_id is invalid",
}


def build_app(fake: AlipayState) -> Starlette:
    async def gateway(request: Request) -> Response:
        return await _gateway(fake, request)

    async def pay(request: Request) -> Response:
        return await _pay(fake, request)

    return Starlette(
        routes=[
            Route("/gateway.do", gateway, methods=["GET", "POST"]),
            Route("/pay/{no}", pay, methods=["POST"]),
        ]
    )


async def _gateway(fake: AlipayState, request: Request) -> Response:
    params: dict[str, str] = dict(request.query_params)
    if request.method == "POST":
        params.update({k: str(v) for k, v in (await request.form()).items()})
    method = params.get("method", "")
    if not fake.request_ok(params) or params.get("app_id") != fake.app_id:
        return _json(json.dumps({method.replace(".", "_") + "_response": _BAD_SIGN}))
    try:
        biz = json.loads(params.get("biz_content") or "{}")
        if method in _PAGE_METHODS:
            return _page_pay(fake, biz, params)
        data = _api(fake, method, biz)
    except BizError as exc:
        data = {
            "code": "40004",
            "msg": "Business Failed",
            "sub_code": exc.sub_code,
            "sub_msg": exc.message,
        }
    except (ValueError, KeyError, TypeError) as exc:
        data = {
            "code": "40002",
            "msg": "Invalid Arguments",
            "sub_code": "isv.invalid-parameter",
            "sub_msg": str(exc),
        }
    return _json(fake.signed_response(method, data))


async def _pay(fake: AlipayState, request: Request) -> Response:
    no = request.path_params["no"]
    try:
        trade = fake.pay(no)
    except BizError as exc:
        return JSONResponse({"sub_code": exc.sub_code, "message": exc.message}, 409)
    status, text = await run_in_threadpool(fake.deliver, fake.build_notification(no))
    accepts_json = "application/json" in request.headers.get("accept", "")
    if trade["return_url"] and not accepts_json:
        query = urlencode(_return_params(fake, trade))
        return RedirectResponse(f"{trade['return_url']}?{query}", 303)
    return JSONResponse(
        {"trade_status": trade["trade_status"], "notify_status": status, "notify_response": text}
    )


def _page_pay(fake: AlipayState, biz: Mapping[str, Any], params: Mapping[str, str]) -> Response:
    """The cashier page; a refused request shows Alipay's error page with its code instead
    (page pay happens in the browser: there is no JSON answer to give)."""
    try:
        hb_fq = alipay_huabei.terms(biz)
        urls = params.get("notify_url", ""), params.get("return_url", "")
        return HTMLResponse(_cashier(fake.open_trade(biz, *urls, instalments=hb_fq)))
    except BizError as exc:
        return HTMLResponse(_error_page(exc.sub_code, exc.message))


def _api(fake: AlipayState, method: str, biz: Mapping[str, Any]) -> dict[str, Any]:
    trade = fake.trades.get(str(biz.get("out_trade_no", "")))
    if method not in ("alipay.trade.query", "alipay.trade.close", "alipay.trade.refund"):
        raise BizError("isv.invalid-method", "method is not supported by the sandbox")
    if trade is None:
        raise BizError("ACQ.TRADE_NOT_EXIST", "trade does not exist")
    with fake.lock:
        if method == "alipay.trade.close":
            if trade["trade_status"] != "WAIT_BUYER_PAY":
                raise BizError("ACQ.TRADE_STATUS_ERROR", "trade cannot be closed")
            trade["trade_status"] = "TRADE_CLOSED"
        elif method == "alipay.trade.refund":
            return _refund(fake, trade, biz)
    return {
        "code": "10000",
        "msg": "Success",
        "out_trade_no": trade["out_trade_no"],
        "trade_no": trade["trade_no"],
        "trade_status": trade["trade_status"],
        "total_amount": _crypto.fen_to_yuan(trade["total_fen"]),
    }


def _refund(fake: AlipayState, trade: dict[str, Any], biz: Mapping[str, Any]) -> dict[str, Any]:
    """A refund under out_request_no (the trade number when absent: a whole refund); the
    same request number again is the same refund (fund_change N). Each new refund queues
    the asynchronous notification Alipay sends after it."""
    request_no = str(biz.get("out_request_no") or trade["out_trade_no"])
    fen = _crypto.yuan_to_fen(str(biz["refund_amount"]))
    new = request_no not in trade["refunds"]
    if new:
        if trade["trade_status"] not in ("TRADE_SUCCESS", "TRADE_CLOSED") or not trade["trade_no"]:
            raise BizError("ACQ.TRADE_STATUS_ERROR", "trade is not paid")
        if fen is None or fen > trade["total_fen"] - trade["refunded"]:
            raise BizError("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "refund exceeds the refundable amount")
        trade["refunded"] += fen
        trade["refunds"][request_no] = fen
        if trade["refunded"] == trade["total_fen"]:
            trade["trade_status"] = "TRADE_CLOSED"
        if trade["notify_url"]:
            fake.outbox.append(fake.build_refund_notification(trade["out_trade_no"], request_no))
    return {
        "code": "10000",
        "msg": "Success",
        "out_trade_no": trade["out_trade_no"],
        "trade_no": trade["trade_no"],
        "fund_change": "Y" if new else "N",
        "refund_fee": _crypto.fen_to_yuan(trade["refunded"]),
        "send_back_fee": _crypto.fen_to_yuan(trade["refunds"][request_no]),
    }


def _return_params(fake: AlipayState, trade: Mapping[str, Any]) -> dict[str, str]:
    params = {
        "method": "alipay.trade.page.pay.return",
        "charset": "utf-8",
        "version": "1.0",
        "app_id": fake.app_id,
        "seller_id": fake.seller_id,
        "sign_type": "RSA2",
        "out_trade_no": trade["out_trade_no"],
        "trade_no": trade["trade_no"],
        "total_amount": _crypto.fen_to_yuan(trade["total_fen"]),
        "timestamp": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 28800)),
    }
    sign = _crypto.rsa_sign(fake.alipay_key, _crypto.content_to_sign(params, ("sign", "sign_type")))
    return {**params, "sign": sign}


def _json(text: str) -> Response:
    return Response(text.encode(), 200, media_type="application/json;charset=utf-8")


def _cashier(trade: Mapping[str, Any]) -> str:
    no = html.escape(trade["out_trade_no"])
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{_('Sandbox Alipay')}</title>"
        f"</head><body><h1>{_('Sandbox Alipay')}</h1><p>{html.escape(str(trade['subject']))}</p>"
        f"<p>¥{_crypto.fen_to_yuan(trade['total_fen'])}</p><p>{no}</p>{_huabei(trade)}"
        f"<form method='post' action='pay/{no}'><button type='submit'>{_('Pay now')}</button>"
        f"</form></body></html>"
    )


def _huabei(trade: Mapping[str, Any]) -> str:
    """The instalments the trade was opened with: 分 N 期 and what each period costs."""
    periods, percent = trade["instalments"]
    if not periods:
        return ""
    owed = alipay_huabei.schedule(trade["total_fen"], periods, percent)
    rows = "".join(
        f"<li data-period='{i}'>¥{_crypto.fen_to_yuan(fen)}</li>" for i, fen in enumerate(owed, 1)
    )
    title = _("Huabei: %(n)s instalments") % {"n": periods}
    free = f" <span>{_('interest-free')}</span>" if percent == 100 else ""
    head = f"<section id='huabei' data-periods='{periods}'><p>{title}{free}</p>"
    return f"{head}<ol>{rows}</ol></section>"


def _error_page(code: str, message: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{_('Sandbox Alipay')}</title>"
        f"</head><body><h1>{_('Sandbox Alipay')}</h1><p class='error'>{_('Payment error')}</p>"
        f"<p>{_('Error code')}: <code id='error-code'>{html.escape(code)}</code></p>"
        f"<p>{html.escape(message)}</p></body></html>"
    )
