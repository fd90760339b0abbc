"""Giving back money an order cannot keep: paid after it was cancelled, paid twice through two
attempts, or paid and then closed by staff. Such an attempt becomes refund_due (and the
order is told, through orders.public.record_refund); a periodic job refunds each in full at
its own provider, outside any database transaction. The refund number is derived from the
attempt, so a retried refund is the same refund at the provider (never a second one)."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato import events
from mercato.orders import public as orders
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import PaymentError, ProviderError, TradeConflict, TradeNotFound
from mercato.payments.services.common import now, payload, tally
from mercato.platform import batch, outbox
from mercato.platform.db import Database

log = logging.getLogger(__name__)
DUE = ("refund_due", "refunding")
# The provider's answer → the attempt's status → the refund's status as the order shows it.
_ATTEMPT = {"success": "refunded", "processing": "refunding", "failed": "refund_failed"}
_ORDER = {
    "refund_due": "due",
    "refunding": "refunding",
    "refunded": "refunded",
    "refund_failed": "failed",
}


def owe(tx: Session, p: Payment, reason: str) -> None:
    """Attempt `p` took money its order cannot keep (`reason`, an error code): refund it."""
    p.status, p.updated_at = "refund_due", now()
    outbox.record(tx, events.PAYMENT_REFUND_DUE, payload(p, reason=reason))
    _tell_order(tx, p)


def _tell_order(tx: Session, p: Payment) -> None:
    orders.record_refund(
        tx, p.order_number, p.provider, p.out_trade_no, p.amount_fen, _ORDER[p.status]
    )


def refund_closed_order(tx: Session, number: str) -> int:
    """The order was closed after payment (the orders.order_closed.v1 subscriber, in its
    transaction): the payment it kept is owed back. Returns how many attempts became due: 0
    for an order never paid, or told again (the attempt is no longer "paid")."""
    paid = tx.scalars(
        select(Payment)
        .where(Payment.order_number == number, Payment.status == "paid")
        .with_for_update()
    ).all()
    for p in paid:
        owe(tx, p, "orders.closed")
    return len(paid)


def refund_due(
    db: Database, gateways: Mapping[str, PaymentGateway], limit: int = 100
) -> dict[str, int]:
    with db.reading() as tx:
        rows = list(
            tx.execute(
                select(Payment.out_trade_no, Payment.provider, Payment.amount_fen)
                .where(Payment.status.in_(DUE))
                .order_by(Payment.updated_at)
                .limit(limit)
            )
        )

    def refund(row: tuple[str, str, int]) -> str:
        out_trade_no, provider, amount = row
        gateway = gateways.get(provider)
        return _refund_one(db, gateway, out_trade_no, amount) if gateway else "retry"

    return tally(*batch.each("payments.refund_due", rows, refund))


def _refund_one(db: Database, gateway: PaymentGateway, out_trade_no: str, amount: int) -> str:
    try:
        result = gateway.refund(out_trade_no, f"{out_trade_no}R", amount, amount)
    except (ProviderError, TradeNotFound, TradeConflict, PaymentError):
        return "retry"  # provider down or refusing for now: the next run asks again
    status = _ATTEMPT[result.status]
    if status == "refund_failed":
        # Asking again with the same refund number gets the same answer: a person takes over.
        log.warning("refund %sR of %s fen refused by %s", out_trade_no, amount, gateway.name)
    return db.unit(lambda tx: _settle(tx, out_trade_no, status, result.refund_id))


def _settle(tx: Session, out_trade_no: str, status: str, refund_id: str) -> str:
    p = tx.scalars(
        select(Payment)
        .where(Payment.out_trade_no == out_trade_no, Payment.status.in_(DUE))
        .with_for_update()
    ).first()
    if p is None:
        return "already"  # settled meanwhile by another run
    if p.status == status:
        return status  # still processing at the provider: nothing new to tell
    p.status, p.updated_at = status, now()
    if status == "refunded":
        outbox.record(tx, events.PAYMENT_REFUNDED, payload(p, refund_id=refund_id))
    _tell_order(tx, p)
    return status
