"""Add-to-cart and reading the cart cost the same number of statements for 1 or 50 lines."""

from __future__ import annotations

from fastapi.testclient import TestClient

from mercato.checkout.domain import CartOwner
from mercato.checkout.services.cart import add_item
from mercato.platform.db import Database
from tests.factories import base_taxonomy, make_product
from tests.storefront.helpers import count_queries


def _many_skus(db: Database, n: int) -> list[int]:
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        skus = [(f"BIG-{i}", 100 + i, [("size", f"S{i}", f"S{i}")]) for i in range(n)]
        return make_product(tx, t, "big", "大", "Big", skus, stock_qty=5)["skus"]


def _cart_with(db: Database, skus: list[int]) -> dict[str, str]:
    with db.transaction() as tx:
        _, token = add_item(tx, CartOwner(None, None), skus[0], 1, "en")
        for sku in skus[1:]:
            add_item(tx, CartOwner(None, token), sku, 1, "en")
    assert token
    return {"X-Cart-Token": token}


def _costs(client: TestClient, db: Database, guest: dict[str, str], new_sku: int) -> tuple:
    with count_queries(db) as add:
        r = client.post(
            "/api/v1/cart/lines", json={"sku_id": new_sku, "quantity": 1}, headers=guest
        )
        assert r.status_code == 200, r.text
    with count_queries(db) as get:
        assert client.get("/api/v1/cart", headers=guest).status_code == 200
    return len(add), len(get), len(r.json()["lines"])


def test_constant_query_count(client: TestClient, db: Database) -> None:
    skus = _many_skus(db, 52)
    small = _costs(client, db, _cart_with(db, skus[:1]), skus[50])
    big = _costs(client, db, _cart_with(db, skus[1:50]), skus[51])
    assert (small[2], big[2]) == (2, 50)
    assert small[:2] == big[:2], (small, big)
    assert small[0] <= 5 and small[1] <= 4, small
