"""On PostgreSQL, through the HTTP API, orders of chosen lines under concurrency: two tabs
of one shopper make one order of the chosen line (the other lines stay), and buyers racing
for the last units of a chosen SKU never oversell it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from mercato.app import create_app
from mercato.checkout import public as checkout
from mercato.checkout.domain import CartOwner
from mercato.checkout.services.cart import add_item
from mercato.inventory import public as inventory
from mercato.members.adapters.tables import Customer
from mercato.members.services import addresses, sessions
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.checkout.shipping_factory import shipping_methods
from tests.factories import base_taxonomy, make_product
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.postgres
UNITS, BUYERS = 10, 40


def _shop(db: Database) -> tuple[int, int]:
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        shipping_methods(tx)
        hot = make_product(tx, t, "hot", "爆款", "Hot", [("HOT", 100, [])], stock_qty=UNITS)
        calm = make_product(tx, t, "calm", "常备", "Calm", [("CALM", 100, [])], stock_qty=999)
    return int(hot["skus"][0]), int(calm["skus"][0])


def _buyers(db: Database, n: int, lines: dict[int, int]) -> list[tuple[dict[str, str], int]]:
    with db.transaction() as tx:
        rows = [{"phone": f"137{i:08d}", "password_hash": "x", "name": "b"} for i in range(n)]
        out = []
        for cid in tx.scalars(insert(Customer).returning(Customer.id), rows):
            address = addresses.add_address(tx, cid, ADDRESS)
            for sku, qty in lines.items():
                add_item(tx, CartOwner(cid, None), sku, qty, "en")
            out.append(({"Authorization": f"Bearer {sessions.issue_token(tx, cid)}"}, address.id))
    return out


def _orders(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Order)) or 0)


def _all(client: TestClient, calls: list[tuple[dict[str, str], dict[str, Any]]]) -> list[int]:
    def one(call: tuple[dict[str, str], dict[str, Any]]) -> int:
        return client.post("/api/v1/orders", json=call[1], headers=call[0]).status_code

    with ThreadPoolExecutor(16) as pool:
        return list(pool.map(one, calls))


def test_two_tabs_order_the_chosen_line_once(pg_db: Database, settings: Any) -> None:
    hot, calm = _shop(pg_db)
    [(headers, address_id)] = _buyers(pg_db, 1, {hot: 2, calm: 1})
    body = {"address_id": address_id, "shipping_method": "std", "sku_ids": [hot]}
    with TestClient(create_app(settings, pg_db)) as client:
        codes = _all(client, [(headers, body)] * 8)
    assert codes.count(201) == 1 and set(codes) <= {201, 409}, codes
    assert _orders(pg_db) == 1
    with pg_db.reading() as tx:
        cart = checkout.view_cart(tx, checkout.CartOwner(1, None), "en")
        assert {ln.sku_id: ln.quantity for ln in cart.lines} == {calm: 1}
        assert inventory.available(tx, [hot, calm]) == {hot: UNITS - 2, calm: 999}


def test_buyers_racing_for_a_chosen_sku_never_oversell(pg_db: Database, settings: Any) -> None:
    hot, calm = _shop(pg_db)
    buyers = _buyers(pg_db, BUYERS, {hot: 1, calm: 1})
    calls = [
        (h, {"address_id": a, "shipping_method": "std", "sku_ids": [hot]}) for h, a in buyers
    ]
    with TestClient(create_app(settings, pg_db)) as client:
        codes = _all(client, calls)
    assert codes.count(201) == UNITS, sorted(set(codes))
    assert _orders(pg_db) == UNITS
    with pg_db.reading() as tx:
        assert inventory.available(tx, [hot, calm]) == {hot: 0, calm: 999}
