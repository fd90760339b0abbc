"""Orders ready for after-sales: paid, shipped from the shop's warehouse and signed for."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from mercato.inventory.adapters.tables import StockLevel
from mercato.logistics.services import allocate, signing
from mercato.orders.adapters.tables import Order, TimelineEntry
from mercato.platform.db import Database
from tests.logistics.helpers import Recorder, paid_order
from tests.logistics.test_flow import _ship_all
from tests.payments.order_helpers import token


def signed_order(client: Any, db: Database, buyer: dict[str, Any], lines: dict[int, int],
                 days_ago: float = 0) -> str:
    """A paid order shipped and signed for (by the customer) `days_ago` days ago."""
    order = paid_order(client, db, buyer, lines)
    with db.transaction() as tx:
        allocate.allocate_order(tx, order)
    _ship_all(db, order, Recorder())
    with db.transaction() as tx:
        signing.confirm_receipt(tx, order, buyer["id"])
    if days_ago:
        with db.transaction() as tx:
            order_id = tx.scalar(select(Order.id).where(Order.number == order))
            for e in tx.scalars(select(TimelineEntry).where(TimelineEntry.order_id == order_id)):
                e.at -= timedelta(days=days_ago)
    return order


def headers(client: Any, buyer: dict[str, Any]) -> dict[str, str]:
    return token(client, buyer["phone"])


def order_lines(client: Any, buyer: dict[str, Any], order: str) -> list[dict[str, Any]]:
    r = client.get(f"/api/v1/orders/{order}", headers=headers(client, buyer))
    assert r.status_code == 200, r.text
    return list(r.json()["lines"])


def stock_of(db: Database, sku_id: int) -> tuple[int, int]:
    """(on hand, quarantined) over every warehouse."""
    with db.reading() as tx:
        rows = tx.execute(select(StockLevel.on_hand, StockLevel.quarantined)
                          .where(StockLevel.sku_id == sku_id)).all()
    return sum(r[0] for r in rows), sum(r[1] for r in rows)
