"""Alipay open-platform adapter (RSA2 keys, not certificate mode): page/wap pay redirect,
query, close, refund through the gateway, and asynchronous notification verification."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

import httpx

from mercato.payments.adapters import alipay_protocol as proto
from mercato.payments.adapters import signing
from mercato.payments.adapters.gateway import Ack
from mercato.payments.adapters.huabei import HuabeiInstalments
from mercato.payments.domain import (
    Notification,
    PaymentError,
    PaymentIntent,
    ProviderError,
    ProviderResult,
    RefundResult,
    TradeState,
    TradeStatus,
    rejected,
    valid_fen,
    valid_trade_no,
)

_BEIJING = timezone(timedelta(hours=8))
_PRODUCTS = {
    "page": ("alipay.trade.page.pay", "FAST_INSTANT_TRADE_PAY"),
    "wap": ("alipay.trade.wap.pay", "QUICK_WAP_WAY"),
}
_STATES: dict[str, TradeState] = {
    "WAIT_BUYER_PAY": "pending",
    "TRADE_SUCCESS": "paid",
    "TRADE_FINISHED": "paid",
    "TRADE_CLOSED": "closed",
}


@dataclass(frozen=True)
class AlipayConfig:
    app_id: str
    seller_id: str  # the merchant's 2088... partner id; notifications must name it
    app_private_key: str
    alipay_public_key: str
    gateway_url: str = "https://openapi.alipay.com/gateway.do"


class AlipayGateway:
    name = "alipay"

    def __init__(
        self,
        config: AlipayConfig,
        client: httpx.Client | None = None,
        instalments: HuabeiInstalments | None = None,
    ) -> None:
        self.config = config
        # Huabei instalments: what the shop offers and how a choice goes into the request.
        self.instalments = instalments or HuabeiInstalments()
        self._key = signing.load_private_key(config.app_private_key)
        self._alipay_key = signing.load_public_key(config.alipay_public_key)
        self._client = client or httpx.Client(timeout=10.0)

    def _params(self, method: str, biz: Mapping[str, Any], **extra: str) -> dict[str, str]:
        params = {
            "app_id": self.config.app_id,
            "method": method,
            "format": "JSON",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "version": "1.0",
            "timestamp": datetime.now(_BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":")),
            **{k: v for k, v in extra.items() if v},
        }
        return proto.sign_params(self._key, params)

    def create(self, intent: PaymentIntent) -> ProviderResult:
        """Page/wap pay happen in the shopper's browser: we only sign the redirect URL."""
        if intent.channel not in _PRODUCTS:
            raise ProviderError("payments.unsupported_channel", "Channel not offered by Alipay")
        method, product = _PRODUCTS[intent.channel]
        biz: dict[str, Any] = {
            "out_trade_no": intent.out_trade_no,
            "total_amount": proto.yuan(intent.amount_fen),
            "subject": intent.description,
            "product_code": product,
        }
        if intent.expires_at is not None:  # absolute close time, Beijing wall clock
            biz["time_expire"] = (
                intent.expires_at.replace(tzinfo=UTC)
                .astimezone(_BEIJING)
                .strftime("%Y-%m-%d %H:%M:%S")
            )
        if intent.instalments:
            biz.update(self.instalments.request_fields(intent.instalments, intent.instalment_payer))
        params = self._params(
            method, biz, notify_url=intent.notify_url, return_url=intent.return_url
        )
        url = f"{self.config.gateway_url}?{urlencode(params)}"
        return ProviderResult(self.name, intent.out_trade_no, "redirect", url=url)

    def query(self, out_trade_no: str) -> TradeStatus:
        data = self._call("alipay.trade.query", {"out_trade_no": valid_trade_no(out_trade_no)})
        raw = str(data.get("trade_status", ""))
        return TradeStatus(
            out_trade_no=str(data.get("out_trade_no", out_trade_no)),
            transaction_id=str(data.get("trade_no", "")),
            state=_STATES.get(raw, "pending"),
            amount_fen=proto.to_fen(str(data.get("total_amount", "0")), "total_amount"),
            raw_state=raw,
        )

    def close(self, out_trade_no: str) -> None:
        self._call("alipay.trade.close", {"out_trade_no": valid_trade_no(out_trade_no)})

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int
    ) -> RefundResult:
        """`total_fen` is not part of Alipay's protocol; it is checked here for parity."""
        if valid_fen(amount_fen) > valid_fen(total_fen, "total_fen"):
            raise PaymentError("payments.refund_too_large", "Refund exceeds the payment")
        biz = {
            "out_trade_no": valid_trade_no(out_trade_no),
            "out_request_no": valid_trade_no(refund_no, "refund_no"),
            "refund_amount": proto.yuan(amount_fen),
        }
        data = self._call("alipay.trade.refund", biz)
        return RefundResult(
            refund_no=refund_no,
            refund_id=str(data.get("trade_no", "")),
            status="success",
            amount_fen=amount_fen,
        )

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        """Alipay retries one notify_id for ~25 h, so there is no freshness window here:
        the caller de-duplicates on `raw_id` (notify_id) and checks the amount."""
        params = proto.parse_form(body)
        proto.verify_notification(self._alipay_key, params)
        if params.get("app_id") != self.config.app_id:
            raise rejected("app_mismatch", "Notification is for another app", "app_id")
        if params.get("seller_id") != self.config.seller_id:
            raise rejected("merchant_mismatch", "Notification is for another merchant", "seller_id")
        out_trade_no = params.get("out_trade_no", "")
        if not out_trade_no or "total_amount" not in params:
            raise rejected("malformed_notification", "Notification is malformed", "out_trade_no")
        status, refund = proto.notification_status(params)
        # After a refund: refund_fee is the trade's refunded total so far, and out_biz_no the
        # out_request_no the refund was asked under.
        return Notification(
            out_trade_no=out_trade_no,
            transaction_id=params.get("trade_no", ""),
            amount_fen=proto.to_fen(params["total_amount"], "total_amount"),
            status=status,
            merchant_id=params["seller_id"],
            app_id=params["app_id"],
            raw_id=params.get("notify_id", ""),
            provider=self.name,
            refund_fen=refund,
            refund_no=params.get("out_biz_no", "") if status == "refunded" else "",
            refund_cumulative=status == "refunded",
        )

    def notification_ack(self, ok: bool) -> Ack:
        return 200, (b"success" if ok else b"fail"), "text/plain; charset=utf-8"

    def _call(self, method: str, biz: Mapping[str, Any]) -> dict[str, Any]:
        params = self._params(method, biz)
        try:
            resp = self._client.post(
                self.config.gateway_url,
                data=params,
                headers={"Content-Type": "application/x-www-form-urlencoded;charset=utf-8"},
            )
        except httpx.HTTPError:
            raise ProviderError("payments.provider_unreachable", "Payment provider is unreachable")
        if resp.status_code != 200:
            raise ProviderError(
                "payments.provider_error",
                "Payment provider returned an error",
                str(resp.status_code),
            )
        return proto.verified_response(self._alipay_key, method, resp.text)
