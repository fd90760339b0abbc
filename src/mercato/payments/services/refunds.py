"""Giving back money an order cannot keep: paid after it was cancelled, paid twice through two
attempts, or paid and then closed by staff. Such an attempt becomes refund_due (and the
order is told, through orders.public.record_refund); a periodic job refunds each in full at
its own provider, outside any database transaction. The refund number is derived from the
attempt, so a retried refund is the same refund at the provider (never a second one).

An attempt that partial refunds (after-sales) already gave part of back owes only the rest:
the amount is fixed when the refund becomes owed (`Payment.refund_fen`), so the two paths
never give back more than was paid, and a refund asked again is asked for the same amount."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato import events
from mercato.kernel.errors import Conflict, NotFound
from mercato.orders import public as orders
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import PaymentError, ProviderError, TradeConflict, TradeNotFound
from mercato.payments.services.common import now, owed_fen, payload, taken_fen, tally
from mercato.platform import batch, outbox
from mercato.platform.db import Database

log = logging.getLogger(__name__)
DUE = ("refund_due", "refunding")
# A refund owed or in progress that has not moved for this long may be asked again by staff.
STUCK = timedelta(minutes=30)
# The provider's answer → the attempt's status → the refund's status as the order shows it.
_ATTEMPT = {"success": "refunded", "processing": "refunding", "failed": "refund_failed"}
_ORDER = {
    "refund_due": "due",
    "refunding": "refunding",
    "refunded": "refunded",
    "refund_failed": "failed",
}


def owe(tx: Session, p: Payment, reason: str) -> None:
    """Attempt `p` (locked) took money its order cannot keep (`reason`, an error code):
    refund what partial refunds have not already given back or are giving back."""
    p.refund_fen, p.updated_at = p.amount_fen - taken_fen(tx, p.out_trade_no), now()
    if p.refund_fen <= 0:
        # Partial refunds give back the whole payment: nothing is owed and no money moves,
        # so no refund event; the order learns its money went back.
        p.status = "refunded"
    else:
        p.status = "refund_due"
        # amount_fen stays the money taken; refund_fen is what will be given back.
        due = payload(p, reason=reason, refund_fen=owed_fen(p))
        outbox.record(tx, events.PAYMENT_REFUND_DUE, due)
    _tell_order(tx, p)


def _tell_order(tx: Session, p: Payment) -> None:
    # Orders keeps no refund amount of its own and takes the payment's (its total).
    orders.record_refund(
        tx, p.order_number, p.provider, p.out_trade_no, p.amount_fen, _ORDER[p.status]
    )


def refund_closed_order(tx: Session, number: str, reason: str = "orders.closed") -> int:
    """The order was closed after payment (the orders.order_closed.v1 subscriber, in its
    transaction): what is left of the payment it kept (after partial refunds) is owed back.
    Returns how many attempts became due (or refunded, when partial refunds had given all of
    it back): 0 for an order never paid, or told again (the attempt is no longer "paid").
    Also for a presale order cancelled with its deposit paid, when the campaign refunds it."""
    paid = tx.scalars(
        select(Payment)
        .where(Payment.order_number == number, Payment.status == "paid")
        .order_by(Payment.attempt.desc())  # the lock order partial refunds take them in
        .with_for_update()
    ).all()
    for p in paid:
        owe(tx, p, reason)
    return len(paid)


def refund_due(
    db: Database, gateways: Mapping[str, PaymentGateway], limit: int = 100
) -> dict[str, int]:
    with db.reading() as tx:
        rows = list(
            tx.execute(
                select(
                    Payment.out_trade_no,
                    Payment.provider,
                    func.coalesce(Payment.refund_fen, Payment.amount_fen),
                    Payment.amount_fen,
                )
                .where(Payment.status.in_(DUE))
                .order_by(Payment.updated_at)
                .limit(limit)
            )
        )

    def refund(row: tuple[str, str, int, int]) -> str:
        out_trade_no, provider, amount, total = row
        gateway = gateways.get(provider)
        return _refund_one(db, gateway, out_trade_no, amount, total) if gateway else "retry"

    return tally(*batch.each("payments.refund_due", rows, refund))


def refund_number(out_trade_no: str) -> str:
    """The one refund number of an attempt: asking again is asking for the same refund."""
    return f"{out_trade_no}R"


def _refund_one(
    db: Database, gateway: PaymentGateway, out_trade_no: str, amount: int, total: int
) -> str:
    try:
        result = gateway.refund(out_trade_no, refund_number(out_trade_no), amount, total)
    except (ProviderError, TradeNotFound, TradeConflict, PaymentError):
        return "retry"  # provider down or refusing for now: the next run asks again
    status = _ATTEMPT[result.status]
    if status == "refund_failed":
        # Asking again with the same refund number gets the same answer: a person takes over.
        log.warning("refund %sR of %s fen refused by %s", out_trade_no, amount, gateway.name)
    return db.unit(lambda tx: settle(tx, out_trade_no, status, result.refund_id))


def settle(tx: Session, out_trade_no: str, status: str, refund_id: str) -> str:
    """The provider's word on attempt `out_trade_no`'s whole refund (its answer, or its
    notification): `status` is refunded, refunding or refund_failed. Returns what happened
    ("already" when the refund is no longer owed or in progress)."""
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
        # amount_fen: the money given back (the payment's amount unless partial refunds gave
        # part of it back first); payment_fen: the payment's.
        extra = {"refund_id": refund_id, "amount_fen": owed_fen(p), "payment_fen": p.amount_fen}
        outbox.record(tx, events.PAYMENT_REFUNDED, payload(p, **extra))
    _tell_order(tx, p)
    return status


def retryable(status: str, updated_at: datetime, at: datetime) -> bool:
    """Staff may ask again for a refund the provider refused (refund_failed), or for one owed
    or in progress that has not moved for STUCK."""
    return status == "refund_failed" or (status in DUE and updated_at <= at - STUCK)


@dataclass(frozen=True, slots=True)
class Retried:
    out_trade_no: str
    refund_no: str
    provider: str
    amount_fen: int  # what the refund gives back
    status: str  # refunded | refunding | refund_failed, or refund_due: no answer (error)
    error: str = ""  # the provider's error code when it did not answer
    total_fen: int = 0  # the payment's amount


def _claim(tx: Session, out_trade_no: str, providers: Mapping[str, object]) -> Retried:
    p = tx.scalars(
        select(Payment).where(Payment.out_trade_no == out_trade_no).with_for_update()
    ).first()
    if p is None:
        raise NotFound("payments.not_found", "No such payment", "out_trade_no")
    at = now()
    if not retryable(p.status, p.updated_at, at):
        raise Conflict(
            "payments.refund_not_retryable", "This refund is not waiting to be retried", "status"
        )
    if p.provider not in providers:
        raise Conflict(
            "payments.provider_gone",
            "This shop no longer takes payments through this provider: refund by hand",
            "provider",
        )
    # Owed again (the refund job may ask too: the same refund number, one refund); a claimed
    # retry is no longer stuck, so a second click meanwhile is refused.
    p.status, p.updated_at = ("refund_due" if p.status == "refund_failed" else p.status), at
    no = refund_number(out_trade_no)
    return Retried(p.out_trade_no, no, p.provider, owed_fen(p), "", total_fen=p.amount_fen)


def retry_refund(
    db: Database, gateways: Mapping[str, PaymentGateway], out_trade_no: str
) -> Retried:
    """Staff ask the provider again for attempt `out_trade_no`'s refund (see `retryable`):
    claimed in one unit of work (audited as the staff member's), asked of the provider
    outside any transaction with the attempt's own refund number (never a second refund),
    and settled in another unit. NotFound, or Conflict when it is not waiting for a retry."""
    claimed = db.unit(lambda tx: _claim(tx, out_trade_no, gateways))
    gateway = gateways[claimed.provider]
    amount, total = claimed.amount_fen, claimed.total_fen
    try:
        result = gateway.refund(out_trade_no, claimed.refund_no, amount, total)
    except ProviderError as exc:  # no answer: still owed, the refund job asks again
        return replace(claimed, status="refund_due", error=exc.provider_code or exc.code)
    except (TradeNotFound, TradeConflict, PaymentError) as exc:
        return replace(claimed, status="refund_due", error=exc.code)
    status = _ATTEMPT[result.status]
    # "already": the refund job settled it meanwhile, from the same answer for the same refund.
    db.unit(lambda tx: settle(tx, out_trade_no, status, result.refund_id))
    return replace(claimed, status=status)
