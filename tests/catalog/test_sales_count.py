"""A paid order counts toward its products' sales (已售 N), once per order, through the
orders.order_paid.v1 event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mercato.catalog.adapters.tables import Product
from tests.members.conftest import page_login
from tests.payments.order_helpers import deliver_events, pay_in_sandbox, placed_order


def _sales(db: Any, product_id: int) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(Product.sales_count).where(Product.id == product_id)))


def test_a_paid_order_counts_once(client: Any, db: Any, market: Any, buyer: Any, settings: Any):
    tee = market["tee"]
    before = _sales(db, tee["id"])
    number, _total, _h = placed_order(client, db, market, buyer, qty=2)
    deliver_events(db, settings)
    assert _sales(db, tee["id"]) == before  # placed, not paid: nothing sold yet
    page_login(client, buyer["phone"])
    pay_in_sandbox(client, number, "pay")
    deliver_events(db, settings)
    deliver_events(db, settings)  # relaying again counts nothing more
    assert _sales(db, tee["id"]) == before + 2
    page = client.get(f"/p/{tee['slug']}").text
    assert "已售" in page
