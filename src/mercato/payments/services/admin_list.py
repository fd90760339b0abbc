"""The payments centre's read models: every payment attempt (filtered by provider, status,
local days and order number), the money per status under the same filter, and what is known
of why an attempt failed (the provider's own notification, when one came). A fixed number of
statements per page, whatever the number of attempts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from mercato.kernel.paging import page_count
from mercato.payments.adapters.tables import Payment, PaymentRefund, ReceivedNotification
from mercato.payments.services.partial_refunds import RefundView, view

PER_PAGE = 20
# An attempt's life (adapters/tables.py): the order of the status filter.
STATUSES = (
    "pending",
    "paid",
    "failed",
    "closing",
    "closed",
    "refund_due",
    "refunding",
    "refunded",
    "refund_failed",
)
REFUNDS = ("refund_due", "refunding", "refunded", "refund_failed")
PROVIDERS = ("wechatpay", "alipay", "sandbox")
REFUNDS_VIEW = "refunds"


@dataclass(frozen=True, slots=True)
class PaymentFilter:
    view: str = ""  # "" every attempt; REFUNDS_VIEW those whose money is owed or given back
    provider: str = ""
    status: str = ""
    number: str = ""  # the start of an order number or of a payment number (out_trade_no)
    since: datetime | None = None  # created_at in [since, until): local days, in UTC
    until: datetime | None = None
    page: int = 1


@dataclass(frozen=True, slots=True)
class PaymentRow:
    out_trade_no: str
    order_number: str
    provider: str
    channel: str
    amount_fen: int
    currency: str
    status: str
    created_at: datetime
    updated_at: datetime
    paid_at: datetime | None
    transaction_id: str
    notified: str = ""  # a failed or closed attempt: what the provider's notification said
    refund_fen: int | None = None  # what the whole refund gives back, once owed


@dataclass(frozen=True, slots=True)
class PaymentPage:
    rows: tuple[PaymentRow, ...]
    total: int
    page: int
    pages: int
    # The partial refunds (after-sales) of the page's attempts, oldest first.
    partials: Mapping[str, tuple[RefundView, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class StatusTotal:
    count: int
    amount_fen: int


def _where(f: PaymentFilter, with_status: bool = True) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.view == REFUNDS_VIEW and with_status:
        out.append(Payment.status.in_(REFUNDS))
    if f.provider:
        out.append(Payment.provider == f.provider)
    if f.status and with_status:
        out.append(Payment.status == f.status)
    if f.number:
        out.append(Payment.out_trade_no.like(f"{f.number}%"))  # out_trade_no = number + 2
    if f.since:
        out.append(Payment.created_at >= f.since)
    if f.until:
        out.append(Payment.created_at < f.until)
    return out


def _notified(tx: Session, failed: list[str]) -> dict[str, str]:
    """The last failed/closed notification of each attempt in `failed`. One statement."""
    if not failed:
        return {}
    q = (
        select(ReceivedNotification.out_trade_no, ReceivedNotification.status)
        .where(
            ReceivedNotification.out_trade_no.in_(failed),
            ReceivedNotification.status.in_(("failed", "closed")),
        )
        .order_by(ReceivedNotification.id)
    )
    return {no: status for no, status in tx.execute(q)}


def _partials(tx: Session, attempts: list[str]) -> dict[str, tuple[RefundView, ...]]:
    """The partial refunds of each attempt in `attempts`. One statement."""
    if not attempts:
        return {}
    q = (
        select(PaymentRefund)
        .where(PaymentRefund.out_trade_no.in_(attempts))
        .order_by(PaymentRefund.id)
    )
    found: dict[str, tuple[RefundView, ...]] = {}
    for r in tx.scalars(q):
        found[r.out_trade_no] = (*found.get(r.out_trade_no, ()), view(r))
    return found


def list_payments(tx: Session, f: PaymentFilter) -> PaymentPage:
    """The attempts matching `f`, newest first, PER_PAGE a page (clamped to the last)."""
    where = _where(f)
    total = tx.scalar(select(func.count()).select_from(Payment).where(*where)) or 0
    pages = page_count(total, PER_PAGE)
    page = min(max(f.page, 1), pages)
    q = select(Payment).where(*where).order_by(Payment.created_at.desc(), Payment.id.desc())
    found = list(tx.scalars(q.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    notified = _notified(tx, [p.out_trade_no for p in found if p.status in ("failed", "closed")])
    rows = tuple(
        PaymentRow(
            p.out_trade_no,
            p.order_number,
            p.provider,
            p.channel,
            p.amount_fen,
            p.currency,
            p.status,
            p.created_at,
            p.updated_at,
            p.paid_at,
            p.transaction_id,
            notified.get(p.out_trade_no, ""),
            p.refund_fen,
        )
        for p in found
    )
    partials = _partials(tx, [p.out_trade_no for p in found])
    return PaymentPage(rows, total, page, pages, partials)


def totals(tx: Session, f: PaymentFilter) -> dict[str, StatusTotal]:
    """Attempts and their money per status under `f`'s other filters (provider, number and
    days; not its status or view), so each figure is what choosing that status lists. One
    statement."""
    q = (
        select(Payment.status, func.count(), func.coalesce(func.sum(Payment.amount_fen), 0))
        .where(*_where(f, with_status=False))
        .group_by(Payment.status)
    )
    return {s: StatusTotal(int(n), int(fen)) for s, n, fen in tx.execute(q)}
