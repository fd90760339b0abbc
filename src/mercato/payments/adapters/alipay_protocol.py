"""Alipay open-platform wire protocol (RSA2): parameter signing, signed sync responses and
asynchronous notification verification. No HTTP here."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qsl

from cryptography.hazmat.primitives.asymmetric import rsa

from mercato.kernel import DomainError, Money
from mercato.payments.adapters import signing
from mercato.payments.domain import (
    NotificationStatus,
    ProviderError,
    TradeConflict,
    TradeNotFound,
    rejected,
)

_CONFLICTS = {
    "ACQ.TRADE_STATUS_ERROR",
    "ACQ.TRADE_HAS_CLOSE",
    "ACQ.TRADE_HAS_SUCCESS",
    "ACQ.TRADE_HAS_FINISHED",
    "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
    "ACQ.SELLER_BALANCE_NOT_ENOUGH",
}


def sign_content(params: Mapping[str, str], exclude: tuple[str, ...] = ("sign",)) -> str:
    """Sorted `k=v` pairs joined by `&`; empty values and excluded keys are left out (as the
    official SDKs do). Requests sign `sign_type` too; notifications exclude it."""
    items = sorted((k, v) for k, v in params.items() if k not in exclude and v != "")
    return "&".join(f"{k}={v}" for k, v in items)


def sign_params(key: rsa.RSAPrivateKey, params: Mapping[str, str]) -> dict[str, str]:
    return {**params, "sign": signing.sign(key, sign_content(params))}


def yuan(fen: int) -> str:
    return Money(fen).format()


def to_fen(text: str, field_name: str) -> int:
    """Yuan string to exact fen with Money.parse ("12.5" -> 1250); no float anywhere."""
    try:
        fen = Money.parse(text).minor
    except DomainError:
        fen = -1
    if fen < 0:
        raise rejected("malformed_notification", "Notification is malformed", field_name)
    return fen


def parse_form(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        raise rejected("malformed_notification", "Notification is malformed", "body")
    params = dict(pairs)
    if len(params) != len(pairs):  # a repeated key could smuggle a second value past checks
        raise rejected("malformed_notification", "Notification is malformed", "body")
    return params


def verify_notification(key: rsa.RSAPublicKey, params: Mapping[str, str]) -> None:
    if params.get("sign_type", "RSA2") != "RSA2":
        raise rejected("unsupported_signature", "Unsupported signature type", "sign_type")
    content = sign_content(params, exclude=("sign", "sign_type"))
    if not signing.verify(key, content, params.get("sign", "")):
        raise rejected("signature_invalid", "Signature verification failed", "sign")


def notification_status(params: Mapping[str, str]) -> tuple[NotificationStatus, int]:
    """(status, refunded fen). Refunds arrive as TRADE_SUCCESS/CLOSED with `refund_fee`."""
    refund = to_fen(params["refund_fee"], "refund_fee") if params.get("refund_fee") else 0
    status = params.get("trade_status", "")
    if status in ("TRADE_SUCCESS", "TRADE_FINISHED"):
        return ("refunded" if refund else "paid"), refund
    if status == "TRADE_CLOSED":
        return ("refunded" if refund else "closed"), refund
    if status == "WAIT_BUYER_PAY":
        return "pending", 0
    raise rejected("malformed_notification", "Notification is malformed", "trade_status")


def verified_response(key: rsa.RSAPublicKey, method: str, text: str) -> dict[str, Any]:
    """Verify the signature over the EXACT bytes of `<method>_response` as sent, then map
    business errors (code != 10000) to domain errors."""
    name = method.replace(".", "_") + "_response"
    try:
        outer = json.loads(text)
        raw = _raw_member(text, name)
    except (ValueError, IndexError):
        raise ProviderError(
            "payments.response_unverified", "Payment provider response failed verification"
        )
    if not isinstance(outer, dict) or "sign" not in outer or raw is None:
        err = outer.get(name) or outer.get("error_response") if isinstance(outer, dict) else None
        code = str(err.get("sub_code") or err.get("code", "")) if isinstance(err, dict) else ""
        raise ProviderError("payments.provider_error", "Payment provider returned an error", code)
    if not signing.verify(key, raw, str(outer["sign"])):
        raise ProviderError(
            "payments.response_unverified", "Payment provider response failed verification"
        )
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ProviderError("payments.provider_error", "Payment provider returned an error")
    if str(data.get("code")) != "10000":
        raise _business_error(str(data.get("sub_code", "")))
    return data


def _raw_member(text: str, name: str) -> str | None:
    start = text.find(f'"{name}"')
    if start < 0:
        return None
    colon = text.index(":", start + len(name) + 2)
    pos = colon + 1
    while text[pos] in " \t\r\n":
        pos += 1
    _, end = json.JSONDecoder().raw_decode(text, pos)
    return text[pos:end]


def _business_error(sub_code: str) -> DomainError:
    if sub_code == "ACQ.TRADE_NOT_EXIST":
        return TradeNotFound("payments.trade_not_found", "Payment provider has no such order")
    if sub_code in _CONFLICTS:
        return TradeConflict("payments.trade_state", "Payment is not in a state that allows this")
    return ProviderError("payments.provider_error", "Payment provider returned an error", sub_code)
