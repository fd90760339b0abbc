"""On PostgreSQL, through the HTTP API: 400 buyers race to order the last 100 units of one
SKU → exactly 100 orders, stock never negative; 8 concurrent deliveries of one payment
notification → the order changes once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select

from mercato.app import create_app
from mercato.checkout.domain import CartOwner
from mercato.checkout.services.cart import add_item
from mercato.inventory.adapters.tables import StockLevel
from mercato.members.adapters.tables import Customer
from mercato.members.services import addresses, sessions
from mercato.orders.adapters.tables import Order
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.platform.db import Database
from tests.checkout.shipping_factory import shipping_methods
from tests.factories import base_taxonomy, make_product
from tests.orders.conftest import ADDRESS
from tests.payments.order_helpers import order_state

BUYERS, UNITS = 400, 100


def _buyers(db: Database, sku: int, n: int, offset: int) -> list[dict[str, str]]:
    """n customers with an address, a token and 1 unit of `sku` in the cart."""
    with db.transaction() as tx:
        rows = [
            {"phone": f"139{offset + i:08d}", "password_hash": "x", "name": "b"} for i in range(n)
        ]
        ids = list(tx.scalars(insert(Customer).returning(Customer.id), rows))
        out = []
        for cid in ids:
            addresses.add_address(tx, cid, ADDRESS)
            add_item(tx, CartOwner(cid, None), sku, 1, "en")
            out.append({"Authorization": f"Bearer {sessions.issue_token(tx, cid)}"})
    return out


def _shop(db: Database, round_: int) -> int:
    with db.transaction() as tx:
        t = base_taxonomy(tx) if round_ == 0 else {"cups": 3, "brand": 1, "warehouse": 1}
        if round_ == 0:
            shipping_methods(tx)
        p = make_product(
            tx,
            t,
            f"hot-{round_}",
            "爆款",
            "Hot",
            [(f"HOT-{round_}", 100, [])],
            category="cups",
            stock_qty=UNITS,
        )
    return int(p["skus"][0])


def _race(client: TestClient, buyers: list[dict[str, str]], address_ids: list[int]) -> list[int]:
    def order(i: int) -> int:
        body = {"address_id": address_ids[i], "shipping_method": "std"}
        return client.post("/api/v1/orders", json=body, headers=buyers[i]).status_code

    with ThreadPoolExecutor(32) as pool:
        return list(pool.map(order, range(len(buyers))))


def test_400_buyers_100_units_through_the_api(pg_db: Database, settings: Any) -> None:
    app = create_app(settings, pg_db)
    with TestClient(app) as client:
        for round_ in range(3):
            sku = _shop(pg_db, round_)
            buyers = _buyers(pg_db, sku, BUYERS, round_ * BUYERS)
            address_ids = list(range(round_ * BUYERS + 1, (round_ + 1) * BUYERS + 1))
            codes = _race(client, buyers, address_ids)
            assert codes.count(201) == UNITS, sorted(set(codes))
            assert codes.count(409) == BUYERS - UNITS
            with pg_db.reading() as tx:
                on_hand, reserved = tx.execute(
                    select(StockLevel.on_hand, StockLevel.reserved).where(StockLevel.sku_id == sku)
                ).one()
                orders = tx.scalar(select(func.count()).select_from(Order))
            assert (on_hand, reserved) == (UNITS, UNITS)
            assert orders == UNITS * (round_ + 1)


def test_eight_concurrent_deliveries_change_the_order_once(pg_db: Database, settings: Any):
    app = create_app(settings, pg_db)
    with TestClient(app) as client:
        sku = _shop(pg_db, 0)
        h = _buyers(pg_db, sku, 1, 0)[0]
        order = client.post(
            "/api/v1/orders", json={"address_id": 1, "shipping_method": "std"}, headers=h
        ).json()
        pay = client.post(
            f"/api/v1/orders/{order['number']}/payments", json={"provider": "sandbox"}, headers=h
        ).json()
        gw = SandboxGateway(settings.secret_key)
        headers, body = gw.notification(pay["out_trade_no"], order["total_fen"], True)

        def deliver(_: int) -> int:
            return client.post(
                "/api/v1/payments/notify/sandbox", content=body, headers=headers
            ).status_code

        for _ in range(3):  # and again: redeliveries after the first batch change nothing
            with ThreadPoolExecutor(8) as pool:
                assert list(pool.map(deliver, range(8))) == [200] * 8
        assert order_state(pg_db, order["number"]) == ("paid", 1, 1)


def test_one_cart_checked_out_eight_times_at_once_is_one_order(pg_db: Database, settings: Any):
    app = create_app(settings, pg_db)
    with TestClient(app) as client:
        sku = _shop(pg_db, 0)
        h = _buyers(pg_db, sku, 1, 0)[0]

        def order(_: int) -> int:
            body = {"address_id": 1, "shipping_method": "std"}  # no Idempotency-Key
            return client.post("/api/v1/orders", json=body, headers=h).status_code

        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(order, range(8)))
    assert sorted(codes) == [201] + [422] * 7  # the others find the cart already ordered
    with pg_db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 1
        assert tx.execute(select(StockLevel.reserved).where(StockLevel.sku_id == sku)).scalar() == 1
