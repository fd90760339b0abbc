"""Small shared helpers of the payments use cases."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from mercato.payments.adapters.tables import Payment


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
