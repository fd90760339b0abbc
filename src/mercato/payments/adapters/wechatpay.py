"""WeChat Pay API v3 adapter (direct merchant): Native / JSAPI / H5 orders, query, close,
refund, and notification verification. Spoken with `cryptography` + `httpx` only."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import httpx

from mercato.kernel.errors import DomainError
from mercato.payments.adapters import signing
from mercato.payments.adapters import wechatpay_protocol as proto
from mercato.payments.adapters.gateway import Ack
from mercato.payments.adapters.wechatpay_notify import parse_notification
from mercato.payments.domain import (
    Notification,
    NotificationRejected,
    PaymentIntent,
    ProviderError,
    ProviderResult,
    RefundResult,
    TradeConflict,
    TradeNotFound,
    TradeStatus,
    refuse_instalments,
    valid_fen,
    valid_trade_no,
)

_STATES: dict[str, Any] = {
    "SUCCESS": "paid",
    "REFUND": "refunded",
    "NOTPAY": "pending",
    "USERPAYING": "pending",
    "CLOSED": "closed",
    "REVOKED": "closed",
    "PAYERROR": "failed",
}
_REFUND_STATES: dict[str, Any] = {
    "SUCCESS": "success",
    "PROCESSING": "processing",
    "CLOSED": "failed",
    "ABNORMAL": "failed",
}
_CONFLICTS = {"ORDERPAID", "ORDER_CLOSED", "ORDERCLOSED", "NOT_ENOUGH", "TRADE_ERROR"}


@dataclass(frozen=True)
class WechatPayConfig:
    mchid: str
    appid: str
    merchant_serial: str
    merchant_private_key: str
    apiv3_key: str
    platform_keys: Mapping[str, str] = field(default_factory=dict)  # serial/key id -> PEM
    base_url: str = "https://api.mch.weixin.qq.com"
    # Where WeChat Pay posts REFUND.* results; "" leaves it to the merchant platform's setting.
    refund_notify_url: str = ""


class WechatPayGateway:
    name = "wechatpay"

    def __init__(
        self,
        config: WechatPayConfig,
        client: httpx.Client | None = None,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.config = config
        self.appid = config.appid  # JSAPI payers are WeChat users of this appid
        self._key = signing.load_private_key(config.merchant_private_key)
        self._apiv3 = proto.load_apiv3_key(config.apiv3_key)
        self._platform = proto.PlatformKeys(config.platform_keys)
        self._client = client or httpx.Client(timeout=10.0)
        self._now = now

    # -- orders -------------------------------------------------------------------------
    def create(self, intent: PaymentIntent) -> ProviderResult:
        refuse_instalments(intent)  # WeChat Pay has no instalments for us to ask for
        body: dict[str, Any] = {
            "appid": self.config.appid,
            "mchid": self.config.mchid,
            "description": intent.description,
            "out_trade_no": intent.out_trade_no,
            "notify_url": intent.notify_url,
            "amount": {"total": intent.amount_fen, "currency": intent.currency},
        }
        if intent.expires_at is not None:  # RFC 3339 in Beijing time, as the v3 API shows it
            body["time_expire"] = proto.beijing_rfc3339(intent.expires_at)
        if intent.channel == "jsapi":
            body["payer"] = {"openid": intent.payer_openid}
            data = self._call("POST", "/v3/pay/transactions/jsapi", body)
            return self._jsapi_result(intent.out_trade_no, str(data.get("prepay_id", "")))
        if intent.channel == "h5":
            body["scene_info"] = {"payer_client_ip": intent.client_ip, "h5_info": {"type": "Wap"}}
            data = self._call("POST", "/v3/pay/transactions/h5", body)
            return ProviderResult(
                self.name, intent.out_trade_no, "redirect", url=_required(data, "h5_url")
            )
        if intent.channel != "native":
            raise ProviderError("payments.unsupported_channel", "Channel not offered by WeChat Pay")
        data = self._call("POST", "/v3/pay/transactions/native", body)
        return ProviderResult(self.name, intent.out_trade_no, "qr", url=_required(data, "code_url"))

    def jsapi_params(self, prepay_id: str) -> dict[str, str]:
        """The parameters `wx.requestPayment` / `WeixinJSBridge` need, signed with our key."""
        ts, nonce = str(int(self._now())), secrets.token_hex(16)
        package = f"prepay_id={prepay_id}"
        message = f"{self.config.appid}\n{ts}\n{nonce}\n{package}\n"
        return {
            "appId": self.config.appid,
            "timeStamp": ts,
            "nonceStr": nonce,
            "package": package,
            "signType": "RSA",
            "paySign": signing.sign(self._key, message),
        }

    def _jsapi_result(self, out_trade_no: str, prepay_id: str) -> ProviderResult:
        if not prepay_id:
            raise ProviderError("payments.provider_error", "Payment provider returned an error")
        params = self.jsapi_params(prepay_id)
        return ProviderResult(self.name, out_trade_no, "jsapi", prepay_id=prepay_id, params=params)

    def query(self, out_trade_no: str) -> TradeStatus:
        path = f"/v3/pay/transactions/out-trade-no/{quote(valid_trade_no(out_trade_no))}"
        data = self._call("GET", f"{path}?mchid={quote(self.config.mchid)}", None)
        raw = str(data.get("trade_state", ""))
        amount = data.get("amount") or {}
        return TradeStatus(
            out_trade_no=str(data.get("out_trade_no", out_trade_no)),
            transaction_id=str(data.get("transaction_id", "")),
            state=_STATES.get(raw, "pending"),
            amount_fen=int(amount.get("total", 0)),
            raw_state=raw,
        )

    def close(self, out_trade_no: str) -> None:
        path = f"/v3/pay/transactions/out-trade-no/{quote(valid_trade_no(out_trade_no))}/close"
        self._call("POST", path, {"mchid": self.config.mchid})

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int
    ) -> RefundResult:
        body: dict[str, Any] = {
            "out_trade_no": valid_trade_no(out_trade_no),
            "out_refund_no": valid_trade_no(refund_no, "refund_no"),
            "amount": {
                "refund": valid_fen(amount_fen),
                "total": valid_fen(total_fen, "total_fen"),
                "currency": "CNY",
            },
        }
        if self.config.refund_notify_url:
            body["notify_url"] = self.config.refund_notify_url
        data = self._call("POST", "/v3/refund/domestic/refunds", body)
        amount = data.get("amount") or {}
        return RefundResult(
            refund_no=str(data.get("out_refund_no", refund_no)),
            refund_id=str(data.get("refund_id", "")),
            status=_REFUND_STATES.get(str(data.get("status", "")), "processing"),
            amount_fen=int(amount.get("refund", amount_fen)),
        )

    # -- notifications ------------------------------------------------------------------
    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        return parse_notification(
            self.config, self._platform, self._apiv3, self._now, headers, body
        )

    def notification_ack(self, ok: bool) -> Ack:
        if ok:
            return 200, b'{"code":"SUCCESS","message":"OK"}', "application/json"
        return 500, b'{"code":"FAIL","message":"FAIL"}', "application/json"

    # -- transport ----------------------------------------------------------------------
    def _call(self, method: str, path: str, payload: Mapping[str, Any] | None) -> dict[str, Any]:
        url = self.config.base_url.rstrip("/") + path
        parts = urlsplit(url)
        signed_path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) if payload else ""
        auth = proto.authorization(
            mchid=self.config.mchid,
            serial_no=self.config.merchant_serial,
            key=self._key,
            method=method,
            url_path=signed_path,
            body=body,
        )
        headers = {
            "Authorization": auth,
            "Accept": "application/json",
            "Content-Type": "application/json",
            "User-Agent": "mercato-payments/1",
        }
        try:
            resp = self._client.request(method, url, content=body.encode("utf-8"), headers=headers)
        except httpx.HTTPError:
            raise ProviderError("payments.provider_unreachable", "Payment provider is unreachable")
        return self._read(resp)

    def _read(self, resp: httpx.Response) -> dict[str, Any]:
        if not 200 <= resp.status_code < 300:
            raise _error(resp)
        try:
            proto.verify_signed(resp.headers, resp.content, self._platform, self._now)
        except NotificationRejected as exc:
            raise ProviderError(
                "payments.response_unverified",
                "Payment provider response failed verification",
                exc.code,
            )
        if not resp.content:
            return {}
        try:
            data = json.loads(resp.content)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ProviderError("payments.provider_error", "Payment provider returned an error")
        return data


def _required(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ProviderError("payments.provider_error", "Payment provider returned an error", key)
    return value


def _error(resp: httpx.Response) -> DomainError:
    try:
        code = str(resp.json().get("code", ""))
    except ValueError:
        code = ""
    if resp.status_code == 404 or code == "ORDER_NOT_EXIST":
        return TradeNotFound("payments.trade_not_found", "Payment provider has no such order")
    if code in _CONFLICTS:
        return TradeConflict("payments.trade_state", "Payment is not in a state that allows this")
    return ProviderError("payments.provider_error", "Payment provider returned an error", code)
