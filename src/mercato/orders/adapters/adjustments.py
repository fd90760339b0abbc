"""An order's pricing adjustments (orders_adjustment), as the order pages list them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Adjustment


def summed(tx: Session, order_id: int) -> tuple[tuple[str, str, int], ...]:
    """(step, label, fen) per source, in the order they were taken: one statement."""
    rows = tx.execute(
        select(Adjustment.source, Adjustment.step, Adjustment.label, Adjustment.amount_fen)
        .where(Adjustment.order_id == order_id).order_by(Adjustment.id)
    )
    out: dict[str, list[Any]] = {}
    for source, step, label, fen in rows:
        out.setdefault(source, [step, label, 0])[2] += fen
    return tuple((step, label, fen) for step, label, fen in out.values())
