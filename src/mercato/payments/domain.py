"""Provider-neutral payment vocabulary: what we ask a provider for and what it tells us.

Amounts are integer fen throughout; providers' own formats (WeChat fen ints, Alipay yuan
strings) are converted at the adapter edge and never as floats."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from mercato.kernel.errors import Conflict, DomainError, NotFound, Unauthorized

Channel = Literal["native", "jsapi", "h5", "page", "wap"]
NotificationStatus = Literal["paid", "failed", "closed", "refunded", "pending"]
TradeState = Literal["pending", "paid", "closed", "refunded", "failed"]
# A partial refund (payments_refund): requested → processing → succeeded | failed.
RefundStatus = Literal["requested", "processing", "succeeded", "failed"]
REFUND_STATUSES: tuple[RefundStatus, ...] = ("requested", "processing", "succeeded", "failed")
RefundOutcome = Literal["processing", "success", "failed"]
# Who pays an instalment plan's fee: the buyer (Alipay hb_fq_seller_percent 0) or the
# merchant, the buyer then paying no fee (免息, hb_fq_seller_percent 100).
Payer = Literal["buyer", "merchant"]
# The period counts any instalment gateway here offers: Alipay Huabei's 3, 6 and 12 (its
# hb_fq_num takes no others). A bank card gateway with other counts widens this.
INSTALMENT_PERIODS: tuple[int, ...] = (3, 6, 12)

_TRADE_NO = re.compile(r"^[A-Za-z0-9_\-|*]{6,32}$")
# Both providers take these for a refund number (WeChat: out_refund_no; Alipay: out_request_no).
_REFUND_NO = re.compile(r"^[A-Za-z0-9_-]{6,32}$")
MAX_REASON = 200
MAX_FEN = 10**11  # 1 billion yuan: far above any single payment, far below int64 overflow


class PaymentError(DomainError):
    """A provider interaction failed for a reason the caller can act on (422)."""


class InstalmentsUnsupported(PaymentError):
    """Instalments asked of a provider that has none (WeChat Pay, the sandbox): the request
    is wrong whatever the order, so 400."""

    status = 400


class NotificationRejected(Unauthorized):
    """A notification could not be authenticated or does not belong to this merchant (401)."""


class ProviderError(DomainError):
    """The provider answered with an error or an unverifiable response."""

    status = 502

    def __init__(self, code: str, message: str, provider_code: str = "") -> None:
        super().__init__(code, message, None)
        self.provider_code = provider_code


class TradeNotFound(NotFound):
    """The provider does not know this out_trade_no."""


class TradeConflict(Conflict):
    """The provider refuses because of the trade's state (already paid, closed, ...)."""


def valid_trade_no(value: str, field_name: str = "out_trade_no") -> str:
    if not isinstance(value, str) or not _TRADE_NO.match(value):
        raise PaymentError(
            "payments.invalid_trade_no", "Order number must be 6-32 letters or digits", field_name
        )
    return value


def valid_fen(value: int, field_name: str = "amount_fen") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_FEN:
        raise PaymentError(
            "payments.invalid_amount", "Amount must be a positive whole number of fen", field_name
        )
    return value


def valid_instalments(periods: object, payer: object = "buyer") -> int:
    """0 (pay at once) or a period count of INSTALMENT_PERIODS, and a known fee payer."""
    offered = (0, *INSTALMENT_PERIODS)
    if isinstance(periods, bool) or not isinstance(periods, int) or periods not in offered:
        raise PaymentError(
            "payments.invalid_instalments", "Instalments must be 3, 6 or 12 periods", "instalments"
        )
    if payer not in ("buyer", "merchant"):
        raise PaymentError(
            "payments.invalid_instalment_payer",
            "The instalment fee is paid by the buyer or the merchant",
            "instalment_payer",
        )
    return periods


def no_instalments() -> InstalmentsUnsupported:
    return InstalmentsUnsupported(
        "payments.instalments_unsupported",
        "This payment method does not take instalments",
        "instalments",
    )


def refuse_instalments(intent: PaymentIntent) -> None:
    """For the providers without instalments: a request for them is refused, never sent."""
    if intent.instalments:
        raise no_instalments()


@dataclass(frozen=True, slots=True)
class PaymentIntent:
    """One request to a provider to collect `amount_fen` for `out_trade_no`."""

    out_trade_no: str
    amount_fen: int
    description: str
    notify_url: str
    channel: Channel = "native"
    currency: str = "CNY"
    payer_openid: str = ""  # WeChat JSAPI: the payer's openid under our appid
    client_ip: str = ""  # WeChat H5: the payer's IP, required by the provider
    return_url: str = ""  # Alipay page/wap: where the browser returns after paying
    # After this moment (UTC) the provider must refuse payment: the order is cancelled then.
    expires_at: datetime | None = None
    # Pay in this many periods (Alipay Huabei; 0: at once), the fee paid by `instalment_payer`.
    instalments: int = 0
    instalment_payer: Payer = "buyer"
    # The part of a presale order this pays ("deposit", "balance"); "" the whole order.
    stage: str = ""

    def __post_init__(self) -> None:
        valid_trade_no(self.out_trade_no)
        valid_fen(self.amount_fen)
        valid_instalments(self.instalments, self.instalment_payer)
        if self.currency != "CNY":
            raise PaymentError("payments.invalid_currency", "Only CNY is supported", "currency")
        if not self.description.strip() or len(self.description) > 127:
            raise PaymentError(
                "payments.invalid_description",
                "Description must be 1-127 characters",
                "description",
            )
        if not self.notify_url.startswith(("https://", "http://")):
            raise PaymentError(
                "payments.invalid_notify_url", "Notify URL must be http(s)", "notify_url"
            )


@dataclass(frozen=True, slots=True)
class ProviderResult:
    """What the shopper's client needs to pay: a QR/redirect URL or signed JSAPI parameters."""

    provider: str
    out_trade_no: str
    action: Literal["qr", "jsapi", "redirect"]
    url: str = ""
    prepay_id: str = ""
    params: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TradeStatus:
    """A provider's answer to "what happened to this order?" (reconciliation)."""

    out_trade_no: str
    transaction_id: str
    state: TradeState
    amount_fen: int
    raw_state: str


@dataclass(frozen=True, slots=True)
class RefundResult:
    refund_no: str
    refund_id: str
    status: Literal["processing", "success", "failed"]
    amount_fen: int


@dataclass(frozen=True, slots=True)
class Notification:
    """A verified, decrypted provider notification. `raw_id` de-duplicates redeliveries."""

    out_trade_no: str
    transaction_id: str
    amount_fen: int
    status: NotificationStatus
    merchant_id: str
    app_id: str
    raw_id: str
    provider: str = ""
    # Refund notifications: the money the provider says went back: this refund's (WeChat
    # amount.refund) or, when `refund_cumulative`, the trade's total so far (Alipay refund_fee).
    refund_fen: int = 0
    refund_no: str = ""  # our refund number (WeChat out_refund_no, Alipay out_biz_no)
    refund_id: str = ""  # the provider's own refund id, when it gives one
    refund_cumulative: bool = False

    def ensure_amount(self, expected_fen: int) -> None:
        """The caller compares against its own order total: a mismatch is never "paid"."""
        if self.amount_fen != expected_fen:
            raise NotificationRejected(
                "payments.amount_mismatch", "Paid amount does not match the order", "amount"
            )


def valid_refund_no(value: object) -> str:
    if not isinstance(value, str) or not _REFUND_NO.match(value):
        raise PaymentError(
            "payments.invalid_refund_no",
            "Refund number must be 6-32 letters, digits, _ or -",
            "refund_no",
        )
    return value


def valid_reason(value: object) -> str:
    """The refund's reason as staff and after-sales wrote it (kept here, never sent)."""
    text = value.strip() if isinstance(value, str) else None
    if text is None or len(text) > MAX_REASON or any(ord(c) < 32 for c in text):
        raise PaymentError(
            "payments.invalid_reason", "Reason must be at most 200 characters", "reason"
        )
    return text


def ensure_refundable(amount_fen: int, paid_fen: int, taken_fen: int) -> None:
    """`taken_fen`: the payment's refunds that are not failed (given back or on their way)."""
    if amount_fen > paid_fen - taken_fen:
        raise Conflict(
            "payments.refund_exceeds_paid",
            "The refund exceeds what is left of the payment",
            "amount_fen",
        )


_SETTLED: dict[RefundOutcome, RefundStatus] = {
    "processing": "processing",
    "success": "succeeded",
    "failed": "failed",
}


def settle_refund(current: str, outcome: RefundOutcome) -> RefundStatus | None:
    """The status a refund takes when its provider says `outcome`; None when nothing changes.
    A success is final. A failure may still turn into a success: WeChat Pay's ABNORMAL refund
    (the payer's card was closed) is finished later under the same refund number, and money
    that went back must be recorded."""
    target = _SETTLED[outcome]
    if current == target or current == "succeeded":
        return None
    if current == "failed" and target != "succeeded":
        return None
    return target


def refund_amount_matches(n: Notification, ours_fen: int, asked_fen: int, paid_fen: int) -> bool:
    """Does refund notification `n` agree with our refund of `ours_fen`? A per-refund amount
    must be ours exactly; a cumulative one (the trade's refunded total) at least ours and at
    most what we asked back in all (`asked_fen`), never more than was paid."""
    if n.refund_cumulative:
        return ours_fen <= n.refund_fen <= min(asked_fen, paid_fen)
    return n.refund_fen == ours_fen


def rejected(code: str, message: str, field_name: str | None = None) -> NotificationRejected:
    return NotificationRejected(f"payments.{code}", message, field_name)
