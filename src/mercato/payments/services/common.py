"""Small shared helpers of the payments use cases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from mercato.payments.adapters.tables import Payment, PaymentRefund, ReceivedNotification
from mercato.payments.domain import Notification


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def tally(done: list[str], failed: Sequence[object]) -> dict[str, int]:
    """A batch job's outcomes counted by name; items that raised count as "failed"."""
    counts: dict[str, int] = {}
    for outcome in done:
        counts[outcome] = counts.get(outcome, 0) + 1
    if failed:
        counts["failed"] = len(failed)
    return counts


def payload(p: Payment, **extra: object) -> dict[str, object]:
    """The body of a payments.* event about attempt `p`."""
    return {
        "order_number": p.order_number,
        "out_trade_no": p.out_trade_no,
        "provider": p.provider,
        "amount_fen": p.amount_fen,
        "currency": p.currency,
        "transaction_id": p.transaction_id,
        **extra,
    }


def owed_fen(p: Payment) -> int:
    """What attempt `p`'s whole refund gives back (its amount less earlier partial refunds)."""
    return p.amount_fen if p.refund_fen is None else p.refund_fen


def taken_fen(tx: Session, out_trade_no: str) -> int:
    """The money of attempt `out_trade_no` that partial refunds gave back or are giving back
    (every one not failed: one requested may still go out)."""
    total = tx.scalar(
        select(func.coalesce(func.sum(PaymentRefund.amount_fen), 0)).where(
            PaymentRefund.out_trade_no == out_trade_no, PaymentRefund.status != "failed"
        )
    )
    return int(total or 0)


def first_delivery(tx: Session, n: Notification, outcome: str) -> bool:
    """Record notification `n` in the inbox; False if it was already there (a redelivery)."""
    ins = pg_insert if tx.get_bind().dialect.name == "postgresql" else sqlite_insert
    row = tx.execute(
        ins(ReceivedNotification)
        .values(
            provider=n.provider,
            notification_id=n.raw_id[:128],
            out_trade_no=n.out_trade_no,
            status=n.status,
            amount_fen=n.amount_fen,
            outcome=outcome,
            received_at=now(),
        )
        .on_conflict_do_nothing()
        .returning(ReceivedNotification.id)
    ).first()
    return row is not None
