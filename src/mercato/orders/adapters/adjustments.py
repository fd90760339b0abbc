"""An order's pricing adjustments (orders_adjustment), as the order pages list them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Adjustment
from mercato.pricing import public as pricing


def summed(tx: Session, order_id: int) -> tuple[tuple[str, str, int], ...]:
    """(step, label, fen) per source, in the order they were taken: one statement."""
    rows = tx.execute(
        select(Adjustment.source, Adjustment.step, Adjustment.label, Adjustment.amount_fen)
        .where(Adjustment.order_id == order_id).order_by(Adjustment.id)
    )
    return pricing.by_source((r[0], r[1], r[2], int(r[3])) for r in rows)
