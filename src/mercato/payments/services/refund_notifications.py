"""A VERIFIED refund notification (WeChat Pay REFUND.*, Alipay's notification after a refund)
applied to the refund it names by number: a partial refund (payments_refund) or the attempt's
whole refund (attempt + R). A number we never asked for, or an amount that is not ours, is
rejected with nothing written (the provider keeps the notification for a person to see);
a redelivery is a no-op, and so is news the refund already has."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import (
    Notification,
    NotificationRejected,
    RefundOutcome,
    refund_amount_matches,
    rejected,
)
from mercato.payments.services import refunds
from mercato.payments.services.common import first_delivery, owed_fen, taken_fen
from mercato.payments.services.partial_refunds import by_number
from mercato.payments.services.refund_sending import settle

_OUTCOME: dict[str, RefundOutcome] = {
    "refunded": "success",
    "failed": "failed",
    "pending": "processing",
}
# The same news about an attempt's whole refund.
_WHOLE = {"refunded": "refunded", "failed": "refund_failed", "pending": "refunding"}
_OWED = ("refund_due", "refunding", "refunded", "refund_failed")


def _mismatch() -> NotificationRejected:
    return rejected("refund_amount_mismatch", "Refunded amount does not match the refund", "refund")


def record(tx: Session, p: Payment, n: Notification) -> str:
    """Apply refund notification `n` about attempt `p` (locked; provider and trade amount
    already checked). Returns the refund's status after it (or "already" for a whole refund
    no longer in progress), duplicate or ignored; raises NotificationRejected for an unknown
    refund number or an amount that is not the refund's."""
    if n.refund_no == refunds.refund_number(p.out_trade_no) and p.status in _OWED:
        return _whole(tx, p, n)
    r = by_number(tx, n.refund_no, lock=True)
    if r is None or r.out_trade_no != p.out_trade_no:
        raise rejected("unknown_refund", "No such refund", "out_refund_no")
    # All we asked back of this payment: partial refunds not failed (this one counted even if
    # it is), and the whole refund's rest once it is owed.
    asked = taken_fen(tx, p.out_trade_no) + (r.amount_fen if r.status == "failed" else 0)
    asked += owed_fen(p) if p.status in _OWED else 0
    if not refund_amount_matches(n, r.amount_fen, asked, p.amount_fen):
        raise _mismatch()
    if not first_delivery(tx, n, "received"):
        return "duplicate"
    outcome = _OUTCOME.get(n.status)
    return settle(tx, r, outcome, n.refund_id) if outcome else "ignored"


def _whole(tx: Session, p: Payment, n: Notification) -> str:
    owed = owed_fen(p)
    asked = owed + taken_fen(tx, p.out_trade_no)
    if not refund_amount_matches(n, owed, asked, p.amount_fen):
        raise _mismatch()
    if not first_delivery(tx, n, "received"):
        return "duplicate"
    status = _WHOLE.get(n.status)
    return refunds.settle(tx, p.out_trade_no, status, n.refund_id) if status else "ignored"
