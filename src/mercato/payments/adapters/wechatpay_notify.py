"""WeChat Pay v3 notifications: verify, decrypt, then check they are ours.

Transaction events (TRANSACTION.*) carry appid and the payment amount; refund events
(REFUND.*) carry no appid, so only the merchant is checked for them."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mercato.payments.adapters import wechatpay_protocol as proto
from mercato.payments.domain import Notification, NotificationStatus, rejected

if TYPE_CHECKING:
    from mercato.payments.adapters.wechatpay import WechatPayConfig

_TRADE: dict[str, NotificationStatus] = {
    "SUCCESS": "paid",
    "REFUND": "refunded",
    "CLOSED": "closed",
    "REVOKED": "closed",
    "PAYERROR": "failed",
    "NOTPAY": "pending",
    "USERPAYING": "pending",
}
_REFUND: dict[str, NotificationStatus] = {
    "SUCCESS": "refunded",
    "CLOSED": "failed",
    "ABNORMAL": "failed",
    "PROCESSING": "pending",
}


def parse_notification(
    config: WechatPayConfig,
    keys: proto.PlatformKeys,
    apiv3_key: bytes,
    now: Callable[[], float],
    headers: Mapping[str, str],
    body: bytes,
) -> Notification:
    text = proto.verify_signed(headers, body, keys, now)
    envelope = _json_object(text)
    if envelope.get("resource_type", "encrypt-resource") != "encrypt-resource":
        raise rejected("malformed_notification", "Notification is malformed", "resource_type")
    resource = envelope.get("resource")
    if not isinstance(resource, dict):
        raise rejected("malformed_notification", "Notification is malformed", "resource")
    plain = proto.decrypt_resource(apiv3_key, resource)
    event = str(envelope.get("event_type", ""))
    if plain.get("mchid") != config.mchid:
        raise rejected("merchant_mismatch", "Notification is for another merchant", "mchid")
    if event.startswith("REFUND."):
        return _refund(plain, str(envelope.get("id", "")))
    if plain.get("appid") != config.appid:
        raise rejected("app_mismatch", "Notification is for another app", "appid")
    return _transaction(plain, str(envelope.get("id", "")))


def _json_object(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise rejected("malformed_notification", "Notification is malformed", "body")
    return data


def _fen(amount: Any, key: str) -> int:
    value = amount.get(key) if isinstance(amount, dict) else None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise rejected("malformed_notification", "Notification is malformed", f"amount.{key}")
    return value


def _text(plain: Mapping[str, Any], key: str) -> str:
    value = plain.get(key)
    if not isinstance(value, str) or not value:
        raise rejected("malformed_notification", "Notification is malformed", key)
    return value


def _transaction(plain: dict[str, Any], raw_id: str) -> Notification:
    state = _TRADE.get(str(plain.get("trade_state", "")))
    if state is None:
        raise rejected("malformed_notification", "Notification is malformed", "trade_state")
    return Notification(
        out_trade_no=_text(plain, "out_trade_no"),
        transaction_id=str(plain.get("transaction_id", "")),
        amount_fen=_fen(plain.get("amount"), "total"),
        status=state,
        merchant_id=_text(plain, "mchid"),
        app_id=_text(plain, "appid"),
        raw_id=raw_id,
        provider="wechatpay",
    )


def _refund(plain: dict[str, Any], raw_id: str) -> Notification:
    state = _REFUND.get(str(plain.get("refund_status", "")))
    if state is None:
        raise rejected("malformed_notification", "Notification is malformed", "refund_status")
    amount = plain.get("amount")
    return Notification(
        out_trade_no=_text(plain, "out_trade_no"),
        transaction_id=str(plain.get("transaction_id", "")),
        amount_fen=_fen(amount, "total"),
        status=state,
        merchant_id=_text(plain, "mchid"),
        app_id="",
        raw_id=raw_id,
        provider="wechatpay",
        refund_fen=_fen(amount, "refund"),
        refund_no=_text(plain, "out_refund_no"),
        refund_id=str(plain.get("refund_id", "")),
    )
