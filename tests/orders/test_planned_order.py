"""An order is planned from reads, then written only if the cart and the stock still hold
what the plan relied on (place_order.plan_order / write_order): a change in between makes the
write refuse with nothing written, and the API plans again; after the last attempt it answers
409 orders.busy, which an Idempotency-Key does not keep (the same key can then succeed)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from mercato.inventory import public as inventory
from mercato.orders.adapters.tables import Order
from mercato.orders.services import place_order as service
from mercato.orders.services.place_order import PlaceOrder, Replan, plan_order, write_order
from mercato.orders.web import api as orders_api
from mercato.platform.db import Database
from tests.interference import meddling
from tests.orders.conftest import fill_cart
from tests.orders.test_api import _body, token


def _plan(db: Database, buyer: dict[str, Any]) -> service.OrderPlan:
    cmd = PlaceOrder(buyer["id"], buyer["address_id"], "express")
    with db.core_reads() as reads:
        return plan_order(reads, cmd, "en")


def _orders(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Order)) or 0)


def _cart(db: Database, buyer: dict[str, Any]) -> dict[int, int]:
    from mercato.checkout import public as checkout

    with db.reading() as tx:
        view = checkout.view_cart(tx, checkout.CartOwner(buyer["id"], None), "en")
    return {line.sku_id: line.quantity for line in view.lines}


def test_stock_taken_since_the_plan_refuses_the_write(db, market, buyer) -> None:
    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 2})
    plan = _plan(db, buyer)
    with db.transaction() as tx:  # someone else's order takes all but one unit meanwhile
        inventory.reserve_for_order(tx, "other", {tee: 9})
    with pytest.raises(Replan), db.core_transaction() as tx:
        write_order(tx, plan)
    assert _orders(db) == 0 and _cart(db, buyer) == {tee: 2}  # nothing written
    with db.reading() as tx:
        assert inventory.available(tx, [tee]) == {tee: 1}


def test_a_cart_changed_since_the_plan_refuses_the_write(db, market, buyer) -> None:
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1})
    plan = _plan(db, buyer)
    fill_cart(db, buyer["id"], {cup: 1})  # another tab adds an item
    with pytest.raises(Replan), db.core_transaction() as tx:
        write_order(tx, plan)
    assert _orders(db) == 0 and _cart(db, buyer) == {tee: 1, cup: 1}
    with db.core_transaction() as tx:  # planned again: both lines
        placed = write_order(tx, _plan(db, buyer))
    assert sorted(line.sku_id for line in placed.detail.summary.lines) == sorted([tee, cup])
    assert _cart(db, buyer) == {}


def test_a_failed_plan_is_raised_by_the_write(db, market, buyer) -> None:
    plan = _plan(db, buyer)  # empty cart
    assert plan.error is not None and plan.error.code == "orders.empty_cart"
    with pytest.raises(type(plan.error)), db.core_transaction() as tx:
        write_order(tx, plan)


def test_the_api_plans_again_after_a_refused_write(client, db, market, buyer, monkeypatch):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 2})
    # Another tab adds an item between the first plan and its write.
    add = lambda *_: fill_cart(db, buyer["id"], {cup: 1})  # noqa: E731
    wrapped, calls = meddling(orders_api.plan_order, add, 1)
    monkeypatch.setattr(orders_api, "plan_order", wrapped)
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "planned-1"}
    r = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert r.status_code == 201, r.text
    assert len(calls) == 2 and _orders(db) == 1
    assert sorted((ln["sku_id"], ln["quantity"]) for ln in r.json()["lines"]) == sorted(
        [(tee, 2), (cup, 1)]
    )


def test_stock_gone_since_the_plan_is_refused_as_usual(client, db, market, buyer, monkeypatch):
    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 2})
    def rival(*_: Any) -> None:  # another order takes all but one unit meanwhile
        with db.transaction() as tx:
            inventory.reserve_for_order(tx, "other", {tee: 9})

    wrapped, calls = meddling(orders_api.plan_order, rival, 1)
    monkeypatch.setattr(orders_api, "plan_order", wrapped)
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "planned-3"}
    r = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "orders.cart_changed"  # the second plan saw it
    assert len(calls) == 2 and _orders(db) == 0
    replay = client.post("/api/v1/orders", json=_body(buyer), headers=h)  # kept: replayed
    assert replay.json() == r.json() and replay.headers["Idempotent-Replayed"] == "true"
    with db.reading() as tx:
        assert inventory.available(tx, [tee]) == {tee: 1}


def test_busy_after_every_attempt_is_409_and_not_kept(client, db, market, buyer, monkeypatch):
    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1})
    real = orders_api.plan_order  # the cart changes after every plan
    wrapped, calls = meddling(real, lambda *_: fill_cart(db, buyer["id"], {tee: 1}))
    monkeypatch.setattr(orders_api, "plan_order", wrapped)
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "planned-2"}
    r = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert r.status_code == 409, r.text
    assert r.json()["error"]["code"] == "orders.busy"
    assert len(calls) == orders_api.ORDER_ATTEMPTS and _orders(db) == 0
    monkeypatch.setattr(orders_api, "plan_order", real)
    again = client.post("/api/v1/orders", json=_body(buyer), headers=h)  # same key: not kept
    assert again.status_code == 201, again.text
    assert "Idempotent-Replayed" not in again.headers
    assert [ln["quantity"] for ln in again.json()["lines"]] == [1 + orders_api.ORDER_ATTEMPTS]
