"""State of the fake WeChat Pay server: orders in memory, platform key, notifications."""

from __future__ import annotations

import json
import secrets
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from mercato.sandbox import _crypto


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class NotifyRequest:
    url: str
    headers: dict[str, str]
    body: bytes


class WechatPayState:
    def __init__(
        self,
        *,
        mchid: str,
        appid: str,
        apiv3_key: str,
        merchant_serial: str,
        merchant_public_key: str,
        public_base_url: str = "http://testserver",
        notify_client: httpx.Client | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.mchid, self.appid, self.merchant_serial = mchid, appid, merchant_serial
        self.apiv3_key = apiv3_key.encode()
        self.merchant_key = _crypto.load_public(merchant_public_key)
        self.platform_key = _crypto.new_key()
        self.platform_serial = secrets.token_hex(20).upper()
        self.public_base_url = public_base_url.rstrip("/")
        self.notify_client = notify_client
        self.now = now
        self.orders: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        # Refunds answer PROCESSING until finished (the usual case at the real service).
        self.refund_processing = False
        self.outbox: list[NotifyRequest] = []  # notifications not posted yet (see flush)

    @property
    def platform_public_key(self) -> str:
        return _crypto.public_pem(self.platform_key)

    # -- signing ------------------------------------------------------------------------
    def signed_headers(
        self, body: str, *, timestamp: int | None = None, serial: str | None = None
    ) -> dict[str, str]:
        ts = str(int(self.now()) if timestamp is None else timestamp)
        nonce = secrets.token_hex(16)
        return {
            "Wechatpay-Timestamp": ts,
            "Wechatpay-Nonce": nonce,
            "Wechatpay-Serial": serial or self.platform_serial,
            "Wechatpay-Signature": _crypto.rsa_sign(self.platform_key, f"{ts}\n{nonce}\n{body}\n"),
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
        }

    # -- orders -------------------------------------------------------------------------
    def open_order(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        """Idempotent on out_trade_no when the parameters match, as the real service is."""
        no = body["out_trade_no"]
        with self.lock:
            order = self.orders.get(no)
            if order is None:
                order = {
                    "out_trade_no": no,
                    "trade_type": kind,
                    "trade_state": "NOTPAY",
                    "transaction_id": "",
                    "refunded": 0,
                    "refunds": {},
                    "prepay_id": f"wx{secrets.token_hex(14)}",
                    **body,
                }
                self.orders[no] = order
            elif order["amount"]["total"] != body["amount"]["total"]:
                raise ApiError(400, "INVALID_REQUEST", "out_trade_no reused with other params")
            elif order["trade_state"] != "NOTPAY":
                raise ApiError(
                    403,
                    "ORDERPAID" if order["transaction_id"] else "ORDER_CLOSED",
                    "order is not payable",
                )
            return order

    def pay(self, out_trade_no: str, openid: str = "sandbox-openid") -> dict[str, Any]:
        with self.lock:
            order = self.orders.get(out_trade_no)
            if order is None:
                raise ApiError(404, "ORDER_NOT_EXIST", "no such order")
            if order["trade_state"] not in ("NOTPAY", "SUCCESS"):
                raise ApiError(403, "ORDER_CLOSED", "order is closed")
            if order["trade_state"] == "NOTPAY":
                order.update(
                    trade_state="SUCCESS",
                    payer={"openid": openid},
                    transaction_id=f"42000{int(self.now())}{secrets.randbelow(10**8):08d}",
                    success_time=iso_time(self.now()),
                )
            return order

    def transaction(self, order: dict[str, Any]) -> dict[str, Any]:
        """The transaction object as query and notifications present it."""
        keys = (
            "appid",
            "mchid",
            "out_trade_no",
            "transaction_id",
            "trade_type",
            "trade_state",
            "success_time",
            "payer",
        )
        data = {k: order[k] for k in keys if order.get(k)}
        data["trade_type"] = order["trade_type"].upper()
        total = order["amount"]["total"]
        data["amount"] = {
            "total": total,
            "payer_total": total,
            "currency": "CNY",
            "payer_currency": "CNY",
        }
        return data

    # -- notifications ------------------------------------------------------------------
    def build_notification(
        self,
        out_trade_no: str,
        *,
        plain_overrides: dict[str, Any] | None = None,
        timestamp: int | None = None,
        serial: str | None = None,
        apiv3_key: bytes | None = None,
        event_type: str = "TRANSACTION.SUCCESS",
    ) -> NotifyRequest:
        """The exact HTTP request the real service would send; overrides exist so tests can
        build hostile variants (other merchant, stale clock, unknown key, wrong APIv3 key)."""
        order = self.orders[out_trade_no]
        plain = {**self.transaction(order), **(plain_overrides or {})}
        resource = _crypto.gcm_seal(
            apiv3_key or self.apiv3_key, json.dumps(plain, ensure_ascii=False), "transaction"
        )
        envelope = {
            "id": str(uuid.uuid4()),
            "create_time": iso_time(self.now()),
            "resource_type": "encrypt-resource",
            "event_type": event_type,
            "summary": "支付成功",
            "resource": {**resource, "original_type": "transaction"},
        }
        text = json.dumps(envelope, ensure_ascii=False)
        headers = {
            "Content-Type": "application/json",
            **self.signed_headers(text, timestamp=timestamp, serial=serial),
        }
        return NotifyRequest(str(order["notify_url"]), headers, text.encode())

    def flush(self) -> list[tuple[int, str]]:
        """Post the queued notifications (refund results), oldest first."""
        sent, self.outbox = self.outbox, []
        return [self.deliver(request) for request in sent]

    def deliver(self, request: NotifyRequest) -> tuple[int, str]:
        """POST the notification; the real service retries until it sees 200/204 + SUCCESS."""
        client = self.notify_client or httpx.Client(timeout=5.0)
        try:
            resp = client.post(request.url, content=request.body, headers=request.headers)
        except httpx.HTTPError as exc:
            return 0, str(exc)
        return resp.status_code, resp.text


def iso_time(ts: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S+08:00", time.gmtime(ts + 8 * 3600))
