"""Recording a VERIFIED provider notification (the adapter checked signature and merchant).
Here: de-duplicate on (provider, notification id), lock the attempt, check the amount against
our own record, and move payment and order once. Eight concurrent deliveries of the same
notification change the order once: the inbox's unique key admits one, the row lock orders
the rest behind it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato import events
from mercato.kernel.errors import Conflict
from mercato.orders import public as orders
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import Notification, rejected
from mercato.payments.services import refund_notifications, refunds
from mercato.payments.services.common import first_delivery, now, payload
from mercato.platform import outbox

# The attempt already took its money (kept, or owed back and maybe given back already).
_TOOK_MONEY = frozenset({"paid", "refund_due", "refunding", "refunded", "refund_failed"})


def _paid(tx: Session, p: Payment, n: Notification) -> str:
    if p.status in _TOOK_MONEY:
        return "already"
    p.status, p.transaction_id, p.paid_at, p.updated_at = (
        "paid",
        n.transaction_id[:64],
        now(),
        now(),
    )
    try:
        with tx.begin_nested():
            orders.mark_paid(tx, p.order_number, n.amount_fen, p.provider, p.out_trade_no,
                             p.stage)
    except Conflict as exc:
        # Money arrived for an order that cannot take it (cancelled, or paid by another
        # attempt): keep the fact and hand it to refunds.
        refunds.owe(tx, p, exc.code)
        return "refund_due"
    outbox.record(tx, events.PAYMENT_SUCCEEDED, payload(p))
    return "paid"


def record(tx: Session, n: Notification) -> str:
    """Apply a verified notification; returns what happened: paid, already, refund_due,
    failed, ignored or duplicate (a refund's: see refund_notifications.record). Raises
    NotificationRejected (nothing written) for an unknown trade, another provider's trade, a
    wrong amount, or a refund number we never asked for."""
    p = tx.scalars(
        select(Payment).where(Payment.out_trade_no == n.out_trade_no).with_for_update()
    ).first()
    if p is None or p.provider != n.provider:
        raise rejected("unknown_trade", "No such payment", "out_trade_no")
    if n.amount_fen != p.amount_fen:
        raise rejected("amount_mismatch", "Paid amount does not match the order", "amount")
    if n.refund_no:
        return refund_notifications.record(tx, p, n)
    if not first_delivery(tx, n, "received"):
        return "duplicate"
    if n.status == "paid":
        return _paid(tx, p, n)
    if n.status in ("failed", "closed") and p.status in ("pending", "closing"):
        return _failed(tx, p, n)
    return "ignored"


def _failed(tx: Session, p: Payment, n: Notification) -> str:
    p.status, p.updated_at = ("failed" if n.status == "failed" else "closed"), now()
    outbox.record(tx, events.PAYMENT_FAILED, payload(p, status=n.status))
    # The shopper is told while the order awaits payment (orders decides: not once it is
    # paid by another attempt or cancelled, whose attempts we close ourselves).
    orders.payment_failed(tx, p.order_number, p.provider, p.out_trade_no, p.amount_fen)
    return "failed"
