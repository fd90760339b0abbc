"""Placing an order costs the same number of SQL statements for 1 or 50 lines (stock is
reserved with one UPDATE, lines inserted with one executemany)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mercato.platform.db import Database
from tests.checkout.shipping_factory import shipping_methods
from tests.factories import base_taxonomy, make_product
from tests.orders.conftest import fill_cart, make_buyer
from tests.payments.order_helpers import token
from tests.storefront.helpers import count_queries


def _skus(db: Database, n: int) -> list[int]:
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        shipping_methods(tx)
        skus = [(f"BIG-{i}", 100 + i, [("size", f"S{i}", f"S{i}")]) for i in range(n)]
        return make_product(tx, t, "big", "大", "Big", skus, stock_qty=5)["skus"]


def _cost(client: TestClient, db: Database, phone: str, skus: list[int]) -> tuple[int, int]:
    buyer = make_buyer(db, phone)
    fill_cart(db, buyer["id"], dict.fromkeys(skus, 1))
    h = token(client, phone)
    body = {"address_id": buyer["address_id"], "shipping_method": "std"}
    with count_queries(db) as seen:
        r = client.post("/api/v1/orders", json=body, headers={**h, "Idempotency-Key": phone})
        assert r.status_code == 201, r.text
    return len(seen), len(r.json()["lines"])


def test_place_order_statements_do_not_grow_with_lines(client: TestClient, db: Database):
    skus = _skus(db, 51)
    one = _cost(client, db, "13800000001", skus[:1])
    fifty = _cost(client, db, "13800000002", skus[1:51])
    assert (one[1], fifty[1]) == (1, 50)
    assert one[0] == fifty[0], (one, fifty)
    # 18 before the pricing pipeline; it adds the member's tier and points, and the running
    # promotions (one statement each, whatever their number: tests/promotions).
    assert one[0] <= 20, one
