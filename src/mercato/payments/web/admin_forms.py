"""The payments centre's words and filter: statuses (of attempts and of partial refunds),
providers and channels as staff read them, badge colours, what is known of why an attempt
failed or a refund waits, and the list filter read from a query string (a typed day is a day
in the shop's time zone)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime

from mercato.payments.services import refunds
from mercato.payments.services.admin_list import (
    PROVIDERS,
    REFUNDS,
    REFUNDS_VIEW,
    STATUSES,
    PaymentFilter,
    PaymentRow,
)
from mercato.platform import clock
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _
from mercato.web.date_filters import day_range

# msgids, translated when shown.
_STATUS = {
    "pending": N_("Awaiting the payer"),
    "paid": N_("Paid"),
    "failed": N_("Payment failed"),
    "closing": N_("Closing at the provider"),
    "closed": N_("Closed"),
    "refund_due": N_("To be refunded"),
    "refunding": N_("Refunding"),
    "refunded": N_("Refunded"),
    "refund_failed": N_("Refund failed"),
}
_BADGE = {"paid": "ok", "failed": "bad", "refund_due": "warn", "refunding": "info"}
_BADGE["refund_failed"] = "bad"
_PROVIDER = {"wechatpay": N_("WeChat Pay"), "alipay": N_("Alipay"), "sandbox": N_("Demo payment")}
_CHANNEL = {
    "native": N_("QR code"),
    "jsapi": N_("Inside WeChat"),
    "h5": N_("Phone browser"),
    "page": N_("PC web page"),
    "wap": N_("Phone web page"),
}
_REASON = {
    ("failed", "failed"): N_("The provider reported that the payment failed."),
    ("failed", ""): N_("The provider refused to open this payment."),
    ("closed", "closed"): N_("Closed by the provider: not paid in time."),
    ("closed", ""): N_("Closed at the provider: the order was cancelled."),
    ("closing", ""): N_("Being closed at the provider: the order was cancelled."),
    ("refund_due", ""): N_("The order could not keep this payment: the refund job sends it."),
    ("refunding", ""): N_("The provider accepted the refund and is processing it."),
    ("refund_failed", ""): N_(
        "The provider refused the refund: retry it, or give the money back by hand and tell "
        "the customer."
    ),
}
# Partial refunds (after-sales): requested → processing → succeeded | failed.
_REFUND_STATUS = {
    "requested": N_("Refund requested"),
    "processing": N_("Refunding"),
    "succeeded": N_("Refunded"),
    "failed": N_("Refund failed"),
}
_REFUND_BADGE = {"requested": "warn", "processing": "info", "succeeded": "ok", "failed": "bad"}
_NUMBER = re.compile(r"^[A-Za-z0-9]{0,32}$")


def status_label(status: str) -> str:
    msgid = _STATUS.get(status)
    return _(msgid) if msgid else status


def status_badge(status: str) -> str:
    return _BADGE.get(status, "")


def refund_status_label(status: str) -> str:
    msgid = _REFUND_STATUS.get(status)
    return _(msgid) if msgid else status


def refund_status_badge(status: str) -> str:
    return _REFUND_BADGE.get(status, "")


def provider_label(code: str) -> str:
    msgid = _PROVIDER.get(code)
    return _(msgid) if msgid else code


def channel_label(code: str) -> str:
    msgid = _CHANNEL.get(code)
    return _(msgid) if msgid else code


def stuck(row: PaymentRow, at: datetime) -> bool:
    """A refund owed or in progress that has not moved for refunds.STUCK."""
    return row.status in refunds.DUE and refunds.retryable(row.status, row.updated_at, at)


def reason(row: PaymentRow, at: datetime) -> str:
    """What is known of why the attempt failed or where its refund stands ("" if nothing)."""
    if stuck(row, at):
        return _("Not moved since %(time)s: retry to ask the provider now.") % {
            "time": clock.shop_time(row.updated_at)
        }
    msgid = _REASON.get((row.status, row.notified)) or _REASON.get((row.status, ""))
    return _(msgid) if msgid else ""


def _page(raw: str) -> int:
    return min(int(raw), 10_000) if raw.isascii() and raw.isdigit() and len(raw) <= 6 else 1


def parse_filter(params: Mapping[str, str], view: str) -> tuple[PaymentFilter, dict[str, str]]:
    """The filter from a query string and an error per field it could not use (left out)."""
    errors: dict[str, str] = {}
    days = day_range(params, errors)
    number = params.get("q", "").strip()
    if not _NUMBER.match(number):
        errors["q"] = _("Enter the start of an order or payment number")
        number = ""
    status = params.get("status", "")
    allowed = REFUNDS if view == REFUNDS_VIEW else STATUSES
    provider = params.get("provider", "")
    f = PaymentFilter(
        view=view,
        provider=provider if provider in PROVIDERS else "",
        status=status if status in allowed else "",
        number=number,
        since=clock.day_start_utc(days["date_from"]) if days["date_from"] else None,
        until=clock.day_end_utc(days["date_to"]) if days["date_to"] else None,
        page=_page(params.get("page", "")),
    )
    return f, errors


def params_of(params: Mapping[str, str], f: PaymentFilter) -> dict[str, str]:
    """The filter as query parameters (no page), for tabs, pager and the retry's way back."""
    raw = {
        "provider": f.provider,
        "status": f.status,
        "q": f.number,
        "date_from": params.get("date_from", "") if f.since else "",
        "date_to": params.get("date_to", "") if f.until else "",
    }
    return {k: v.strip() for k, v in raw.items() if v}
