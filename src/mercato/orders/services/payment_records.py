"""What payments tells an order besides "paid": an attempt that did not go through, and the
refund of money the order could not keep. Both are kept on the order's own timeline (the
shopper and the merchant read them there, and orders never reads payments' tables). Each
fact is written once, however often payments tells it (redeliveries, re-run jobs)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict
from mercato.orders import domain
from mercato.orders.adapters import repository
from mercato.orders.adapters.tables import Order, TimelineEntry

PAYMENT = "payment"
REFUND = "refund"
REFUND_STATUSES = ("due", "refunding", "refunded", "failed")
# A refund only moves forward: due → refunding → refunded, or failed at the provider. A
# provider that answers at once goes from due straight to refunded.
_RANK = {"": 0, "due": 1, "refunding": 2, "refunded": 3, "failed": 3}


def _check_amount(order: Order, amount_fen: int) -> None:
    # An attempt is opened for the order's total (or, paid in two parts, for one part), and a
    # refund gives a whole attempt back: the timeline keeps no amount of its own, so any
    # other amount would be shown wrong.
    if amount_fen not in domain.parts_fen(order.total_fen, order.deposit_fen):
        raise Conflict("orders.amount_mismatch", "Paid amount differs from the order total")


def _told(tx: Session, order_id: int, kind: str, reference: str) -> list[str]:
    """The statuses already recorded for payment `reference`, oldest first."""
    q = (
        select(TimelineEntry.to_status)
        .where(
            TimelineEntry.order_id == order_id,
            TimelineEntry.kind == kind,
            TimelineEntry.reason == reference,
        )
        .order_by(TimelineEntry.id)
    )
    return list(tx.scalars(q))


def payment_failed(
    tx: Session, number: str, provider: str, reference: str, amount_fen: int
) -> bool:
    """Keep a failed attempt on the timeline while the order awaits payment; False when it
    was already kept, or the order no longer awaits payment (no news to the shopper)."""
    order = repository.lock(tx, number)
    if order.status != domain.PENDING:
        return False
    _check_amount(order, amount_fen)
    if _told(tx, order.id, PAYMENT, reference):
        return False
    actor = f"payments:{provider}"
    repository.add_timeline(tx, order.id, PAYMENT, actor, reference, "", "failed")
    return True


def record_refund(
    tx: Session, number: str, provider: str, reference: str, amount_fen: int, status: str
) -> bool:
    """The refund of payment `reference` reached `status`: one timeline entry per status
    reached (from the previous one); False for a status it already has or has passed. A
    refused ("failed") refund that staff retry moves on again (refunding, refunded)."""
    if status not in REFUND_STATUSES:
        raise ValueError(f"unknown refund status {status!r}")
    order = repository.lock(tx, number)
    _check_amount(order, amount_fen)
    told = _told(tx, order.id, REFUND, reference)
    current = told[-1] if told else ""
    retried = current == "failed" and status != "failed"  # staff retried a refused refund
    if _RANK[status] <= _RANK.get(current, 0) and not retried:
        return False
    actor = f"payments:{provider}"
    repository.add_timeline(tx, order.id, REFUND, actor, reference, current, status)
    return True
