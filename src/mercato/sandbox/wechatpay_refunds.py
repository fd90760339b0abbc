"""Refunds at the fake WeChat Pay server, as API v3 documents them. POST
/v3/refund/domestic/refunds takes part or all of what is left of a paid order (the same
out_refund_no is the same refund, answered again as it stands); a refund answers SUCCESS at
once, or PROCESSING while `refund_processing` is set, until `finish_refund` ends it. A refund
that ends (SUCCESS, CLOSED, ABNORMAL) is notified to the notify_url of its request as
REFUND.<status>, its resource encrypted with associated_data "refund"; the fake queues those
notifications in `outbox` and `flush()` posts them (the real service sends them
asynchronously, after answering)."""

from __future__ import annotations

import json
import secrets
import uuid
from typing import Any

from mercato.sandbox import _crypto
from mercato.sandbox.wechatpay_state import ApiError, NotifyRequest, WechatPayState, iso_time

_AMOUNTS = ("total", "refund", "payer_total", "payer_refund")
_SUMMARY = {"SUCCESS": "退款成功", "CLOSED": "退款关闭", "ABNORMAL": "退款异常"}


def _answer(record: dict[str, Any]) -> dict[str, Any]:
    """The refund as the API shows it (the fake's own bookkeeping keys start with _)."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


def _checked_amount(order: dict[str, Any], amount: dict[str, Any]) -> int:
    if order["trade_state"] not in ("SUCCESS", "REFUND"):
        raise ApiError(403, "TRADE_ERROR", "order is not paid")
    if amount["total"] != order["amount"]["total"]:
        raise ApiError(400, "PARAM_ERROR", "amount.total does not match the order")
    refund = amount["refund"]
    if not isinstance(refund, int) or isinstance(refund, bool) or refund <= 0:
        raise ApiError(400, "PARAM_ERROR", "amount.refund must be a positive integer")
    if refund > amount["total"] - order["refunded"]:
        raise ApiError(403, "NOT_ENOUGH", "refund exceeds the refundable amount")
    return refund


def refund(fake: WechatPayState, data: dict[str, Any]) -> dict[str, Any]:
    order = fake.orders.get(str(data.get("out_trade_no")))
    if order is None:
        raise ApiError(404, "ORDER_NOT_EXIST", "order does not exist")
    no = str(data["out_refund_no"])
    with fake.lock:
        if no in order["refunds"]:
            return _answer(order["refunds"][no])
        amount = _checked_amount(order, data["amount"])
        order["refunded"] += amount
        order["trade_state"] = "REFUND"
        record = {
            "refund_id": f"50300{secrets.randbelow(10**24):024d}",
            "out_refund_no": no,
            "transaction_id": order["transaction_id"],
            "out_trade_no": order["out_trade_no"],
            "channel": "ORIGINAL",
            "user_received_account": "支付用户零钱",
            "create_time": iso_time(fake.now()),
            "status": "PROCESSING",
            "amount": {
                "refund": amount,
                "total": order["amount"]["total"],
                "payer_refund": amount,
                "payer_total": order["amount"]["total"],
                "currency": "CNY",
            },
            "_notify_url": str(data.get("notify_url") or ""),
        }
        order["refunds"][no] = record
    if not fake.refund_processing:
        finish_refund(fake, no, "SUCCESS")
    return _answer(record)


def _find(fake: WechatPayState, out_refund_no: str) -> tuple[dict[str, Any], dict[str, Any]]:
    for order in fake.orders.values():
        if out_refund_no in order["refunds"]:
            return order, order["refunds"][out_refund_no]
    raise ApiError(404, "RESOURCE_NOT_EXISTS", "refund does not exist")


def finish_refund(fake: WechatPayState, out_refund_no: str, status: str = "SUCCESS") -> None:
    """The refund ends: SUCCESS (money back to the payer), CLOSED (given up: the money stays
    refundable) or ABNORMAL (the payer's account refused it). Its notification is queued."""
    if status not in _SUMMARY:
        raise ValueError(status)
    with fake.lock:
        order, record = _find(fake, out_refund_no)
        if record["status"] != "PROCESSING":
            return
        record["status"] = status
        if status == "SUCCESS":
            record["success_time"] = iso_time(fake.now())
        if status == "CLOSED":
            order["refunded"] -= record["amount"]["refund"]
    if record["_notify_url"]:
        fake.outbox.append(build_refund_notification(fake, out_refund_no))


def build_refund_notification(
    fake: WechatPayState,
    out_refund_no: str,
    *,
    plain_overrides: dict[str, Any] | None = None,
    event_type: str | None = None,
    timestamp: int | None = None,
) -> NotifyRequest:
    """The REFUND.* request the real service would send for the refund as it stands;
    overrides let tests build hostile variants (another amount or refund number)."""
    order, record = _find(fake, out_refund_no)
    keys = ("transaction_id", "out_trade_no", "refund_id", "out_refund_no", "success_time")
    plain = {
        "mchid": fake.mchid,
        **{k: record[k] for k in keys if record.get(k)},
        "refund_status": record["status"],
        "user_received_account": record["user_received_account"],
        "amount": {k: record["amount"][k] for k in _AMOUNTS},
        **(plain_overrides or {}),
    }
    resource = _crypto.gcm_seal(fake.apiv3_key, json.dumps(plain, ensure_ascii=False), "refund")
    envelope = {
        "id": str(uuid.uuid4()),
        "create_time": iso_time(fake.now()),
        "resource_type": "encrypt-resource",
        "event_type": event_type or f"REFUND.{record['status']}",
        "summary": _SUMMARY.get(record["status"], "退款处理中"),
        "resource": {**resource, "original_type": "refund"},
    }
    text = json.dumps(envelope, ensure_ascii=False)
    headers = {
        "Content-Type": "application/json",
        **fake.signed_headers(text, timestamp=timestamp),
    }
    return NotifyRequest(record["_notify_url"] or str(order["notify_url"]), headers, text.encode())
