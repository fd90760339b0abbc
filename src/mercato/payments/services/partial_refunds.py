"""Partial refunds asked by after-sales: part of a paid attempt given back through the provider
it came through, under a refund number the caller chose. Asking is one row written in the
caller's transaction, under the lock of the paid attempt, so concurrent asks can never add up
to more than was paid (and an order being closed meanwhile waits for it, or it for the close).
Sending is refund_sending's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from mercato.kernel.errors import Busy, Conflict, NotFound
from mercato.payments.adapters.tables import Payment, PaymentRefund
from mercato.payments.domain import (
    ensure_refundable,
    valid_fen,
    valid_reason,
    valid_refund_no,
)
from mercato.payments.services.common import now, taken_fen
from mercato.payments.services.refunds import refund_number


@dataclass(frozen=True, slots=True)
class RefundView:
    refund_no: str
    order_number: str
    out_trade_no: str  # the paid attempt it gives part of back
    provider: str
    amount_fen: int
    reason: str
    status: str  # requested | processing | succeeded | failed
    refund_id: str  # the provider's, once it answered
    error: str  # the provider's last error while it stays requested ("" if none)
    created_at: datetime  # naive UTC
    updated_at: datetime


def view(r: PaymentRefund) -> RefundView:
    return RefundView(
        r.refund_no,
        r.order_number,
        r.out_trade_no,
        r.provider,
        r.amount_fen,
        r.reason,
        r.status,
        r.refund_id,
        r.error,
        r.created_at,
        r.updated_at,
    )


def by_number(tx: Session, refund_no: str, lock: bool = False) -> PaymentRefund | None:
    q = select(PaymentRefund).where(PaymentRefund.refund_no == refund_no)
    return tx.scalars(q.with_for_update() if lock else q).first()


def _same(r: PaymentRefund, order_number: str, amount_fen: int) -> RefundView:
    """The refund asked again (a retried request): the same one, or a number reused."""
    if r.order_number != order_number or r.amount_fen != amount_fen:
        raise Conflict(
            "payments.refund_no_reused",
            "This refund number was already used for another refund",
            "refund_no",
        )
    return view(r)


def _paid_attempts(tx: Session, order_number: str, lock: bool) -> list[Payment]:
    # A presale order is paid in two parts (two attempts): the balance, then the deposit.
    q = (
        select(Payment)
        .where(Payment.order_number == order_number, Payment.status == "paid")
        .order_by(Payment.attempt.desc())
    )
    return list(tx.scalars(q.with_for_update() if lock else q))


def _left(tx: Session, p: Payment) -> int:
    return max(p.amount_fen - taken_fen(tx, p.out_trade_no), 0)


def _locked_paid_attempt(tx: Session, order_number: str, amount_fen: int) -> Payment:
    """The paid attempt a refund of `amount_fen` comes from: one refund goes back through one
    payment, the latest that still covers it (else the latest, which then refuses it)."""
    paid = _paid_attempts(tx, order_number, lock=True)
    if paid:
        return next((p for p in paid if _left(tx, p) >= amount_fen), paid[0])
    if tx.scalar(select(Payment.id).where(Payment.order_number == order_number).limit(1)):
        # Never paid, or its money is already owed back whole (closed, paid twice).
        raise Conflict("payments.not_paid", "This order has no payment to refund", "order_number")
    raise NotFound("payments.not_found", "No payment of this order", "order_number")


def _not_a_whole_refund_number(tx: Session, refund_no: str) -> None:
    """A whole refund's number (attempt + R) is that refund's at the provider: a partial
    refund under it would be taken for the same refund there."""
    out_trade_no = refund_no[:-1]
    if refund_no != refund_number(out_trade_no):
        return
    if tx.scalar(select(Payment.id).where(Payment.out_trade_no == out_trade_no)):
        raise Conflict(
            "payments.refund_no_reused",
            "This refund number was already used for another refund",
            "refund_no",
        )


def request_refund(
    tx: Session, order_number: str, refund_no: str, amount_fen: int, reason: str
) -> RefundView:
    """See payments.public.request_refund."""
    refund_no, reason = valid_refund_no(refund_no), valid_reason(reason)
    valid_fen(amount_fen)
    found = by_number(tx, refund_no)
    if found is not None:
        return _same(found, order_number, amount_fen)
    p = _locked_paid_attempt(tx, order_number, amount_fen)
    # Behind the lock, a concurrent ask of the same number has committed: see it first.
    found = by_number(tx, refund_no)
    if found is not None:
        return _same(found, order_number, amount_fen)
    _not_a_whole_refund_number(tx, refund_no)
    ensure_refundable(amount_fen, p.amount_fen, taken_fen(tx, p.out_trade_no))
    return _insert(tx, p, refund_no, amount_fen, reason)


def _insert(tx: Session, p: Payment, refund_no: str, amount_fen: int, reason: str) -> RefundView:
    at = now()
    row = {
        "refund_no": refund_no,
        "out_trade_no": p.out_trade_no,
        "order_number": p.order_number,
        "provider": p.provider,
        "amount_fen": amount_fen,
        "reason": reason,
        "status": "requested",
        "refund_id": "",
        "error": "",
        "created_at": at,
        "updated_at": at,
    }
    # The same number asked at once for another order (another attempt's lock) inserts
    # nothing here: it is then that other refund, compared as any repeat.
    ins = pg_insert if tx.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = ins(PaymentRefund).values(**row).on_conflict_do_nothing().returning(PaymentRefund.id)
    if tx.execute(stmt).first() is None:
        other = by_number(tx, refund_no)
        if other is None:  # gone again: the other ask rolled back after we met its row
            raise Busy("payments.refund_busy", "This refund is being asked right now", "refund_no")
        return _same(other, p.order_number, amount_fen)
    return RefundView(
        refund_no,
        p.order_number,
        p.out_trade_no,
        p.provider,
        amount_fen,
        reason,
        "requested",
        "",
        "",
        at,
        at,
    )


def refunds_of_order(tx: Session, order_number: str) -> list[RefundView]:
    q = (
        select(PaymentRefund)
        .where(PaymentRefund.order_number == order_number)
        .order_by(PaymentRefund.id)
    )
    return [view(r) for r in tx.scalars(q)]


def refundable_fen(tx: Session, order_number: str) -> int:
    """What one refund may give back: the most any paid attempt has left."""
    return max((_left(tx, p) for p in _paid_attempts(tx, order_number, lock=False)), default=0)
