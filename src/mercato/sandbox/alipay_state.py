"""State of the fake Alipay gateway: trades in memory, Alipay key, notifications."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from mercato.sandbox import _crypto


class BizError(Exception):
    def __init__(self, sub_code: str, message: str) -> None:
        super().__init__(message)
        self.sub_code, self.message = sub_code, message


@dataclass(frozen=True)
class NotifyRequest:
    url: str
    headers: dict[str, str]
    body: bytes


class AlipayState:
    def __init__(
        self,
        *,
        app_id: str,
        seller_id: str,
        app_public_key: str,
        public_base_url: str = "http://testserver",
        notify_client: httpx.Client | None = None,
    ) -> None:
        self.app_id, self.seller_id = app_id, seller_id
        self.app_key = _crypto.load_public(app_public_key)
        self.alipay_key = _crypto.new_key()
        self.public_base_url = public_base_url.rstrip("/")
        self.notify_client = notify_client
        self.trades: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self.outbox: list[NotifyRequest] = []  # notifications not posted yet (see flush)

    @property
    def alipay_public_key(self) -> str:
        return _crypto.public_pem(self.alipay_key)

    def request_ok(self, params: Mapping[str, str]) -> bool:
        """Requests are signed over every non-empty parameter except `sign` itself."""
        return params.get("sign_type") == "RSA2" and _crypto.rsa_ok(
            self.app_key, _crypto.content_to_sign(params, ("sign",)), params.get("sign", "")
        )

    def signed_response(self, method: str, data: Mapping[str, Any]) -> str:
        """`{"<method>_response": {...}, "sign": "..."}`, signed over the inner JSON text."""
        inner = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        sign = _crypto.rsa_sign(self.alipay_key, inner)
        return f'{{"{method.replace(".", "_")}_response":{inner},"sign":"{sign}"}}'

    def open_trade(
        self,
        biz: Mapping[str, Any],
        notify_url: str,
        return_url: str,
        instalments: tuple[int, int] = (0, 0),
    ) -> dict[str, Any]:
        """`instalments`: Huabei's (periods, seller percent) asked for, (0, 0) for none."""
        no, fen = str(biz["out_trade_no"]), _crypto.yuan_to_fen(str(biz["total_amount"]))
        if fen is None or not biz.get("subject"):
            raise BizError("ACQ.INVALID_PARAMETER", "total_amount or subject is invalid")
        with self.lock:
            trade = self.trades.get(no)
            if trade is None:
                trade = {
                    "out_trade_no": no,
                    "trade_no": "",
                    "trade_status": "WAIT_BUYER_PAY",
                    "total_fen": fen,
                    "subject": biz["subject"],
                    "refunded": 0,
                    "refunds": {},
                    "notify_url": notify_url,
                    "return_url": return_url,
                    "instalments": instalments,
                }
                self.trades[no] = trade
            # Alipay: other instalments need a new out_trade_no (the trade keeps the first).
            elif trade["total_fen"] != fen or trade["instalments"] != instalments:
                raise BizError("ACQ.CONTEXT_INCONSISTENT", "trade reused with other params")
            return trade

    def pay(self, out_trade_no: str) -> dict[str, Any]:
        with self.lock:
            trade = self.trades.get(out_trade_no)
            if trade is None:
                raise BizError("ACQ.TRADE_NOT_EXIST", "trade does not exist")
            if trade["trade_status"] == "TRADE_CLOSED":
                raise BizError("ACQ.TRADE_HAS_CLOSE", "trade is closed")
            if trade["trade_status"] == "WAIT_BUYER_PAY":
                trade["trade_status"] = "TRADE_SUCCESS"
                trade["trade_no"] = (
                    time.strftime("%Y%m%d") + f"2200{secrets.randbelow(10**14):014d}"
                )
                trade["gmt_payment"] = _beijing(time.time())
            return trade

    def build_notification(
        self,
        out_trade_no: str,
        *,
        overrides: Mapping[str, str] | None = None,
        key: Any = None,
    ) -> NotifyRequest:
        """The exact form POST Alipay would send. `overrides` are applied BEFORE signing (a
        genuine but foreign notification); tamper with the body afterwards to forge one."""
        trade = self.trades[out_trade_no]
        params = {
            "notify_time": _beijing(time.time()),
            "notify_type": "trade_status_sync",
            "notify_id": secrets.token_hex(16),
            "charset": "utf-8",
            "version": "1.0",
            "app_id": self.app_id,
            "seller_id": self.seller_id,
            "auth_app_id": self.app_id,
            "out_trade_no": out_trade_no,
            "trade_no": trade["trade_no"],
            "trade_status": trade["trade_status"],
            "total_amount": _crypto.fen_to_yuan(trade["total_fen"]),
            "receipt_amount": _crypto.fen_to_yuan(trade["total_fen"]),
            "subject": trade["subject"],
            "buyer_id": "2088102177846880",
            "gmt_payment": trade.get("gmt_payment", ""),
            **(overrides or {}),
        }
        params = {k: v for k, v in params.items() if v}
        sign = _crypto.rsa_sign(
            key or self.alipay_key, _crypto.content_to_sign(params, ("sign", "sign_type"))
        )
        body = urlencode({**params, "sign_type": "RSA2", "sign": sign}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        return NotifyRequest(trade["notify_url"], headers, body)

    def build_refund_notification(
        self, out_trade_no: str, out_request_no: str, *, overrides: Mapping[str, str] | None = None
    ) -> NotifyRequest:
        """The notification Alipay sends after a refund: the trade's, plus out_biz_no (the
        refund's out_request_no), refund_fee (the trade's refunded total so far, in yuan) and
        gmt_refund; trade_status stays TRADE_SUCCESS until the whole amount is refunded."""
        refund = {
            "out_biz_no": out_request_no,
            "refund_fee": _crypto.fen_to_yuan(self.trades[out_trade_no]["refunded"]),
            "gmt_refund": _beijing(time.time()) + ".000",
            **(overrides or {}),
        }
        return self.build_notification(out_trade_no, overrides=refund)

    def flush(self) -> list[tuple[int, str]]:
        """Post the queued notifications (refunds), oldest first."""
        sent, self.outbox = self.outbox, []
        return [self.deliver(request) for request in sent]

    def deliver(self, request: NotifyRequest) -> tuple[int, str]:
        """POST the notification; Alipay keeps retrying until the body is exactly `success`."""
        client = self.notify_client or httpx.Client(timeout=5.0)
        try:
            resp = client.post(request.url, content=request.body, headers=request.headers)
        except httpx.HTTPError as exc:
            return 0, str(exc)
        return resp.status_code, resp.text


def _beijing(ts: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(ts + 8 * 3600))
