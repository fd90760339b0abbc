"""Group buying through the API: three customers open and join a group, each order at the
deal's price and held from shipping; once all three paid, the group fills, the orders are
released to the logistics centre and cashback is paid. Bad input: a full group, a forged
code, joining twice, a client-sent price — each a clear error with nothing written."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.groupbuy.helpers import deliver, events_named, group_row, live_deal, wired_bus
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer
from tests.orders.test_api import token
from tests.payments.order_helpers import pay_in_sandbox

DEAL_FEN = 5900  # the tee's list price is ¥99.00


def _seat(client: Any, path: str, who: dict[str, Any], **extra: Any) -> Any:
    body = {"address_id": who["address_id"], "shipping_method": "express", **extra}
    return client.post(path, json=body, headers=token(client, who["phone"]))


def _orders(db: Database) -> list[tuple[str, bool, int, str]]:
    with db.reading() as tx:
        rows = tx.execute(select(Order.campaign, Order.ship_hold, Order.total_fen, Order.status)
                          .order_by(Order.id)).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_three_customers_fill_a_group_and_their_orders_are_released(
    app: Any, client: TestClient, db: Database, market: dict, settings: Any
) -> None:
    sku = market["tee"]["skus"][0]
    deal = live_deal(db, sku_id=sku, product_id=market["tee"]["id"], price_fen=DEAL_FEN)
    bus = wired_bus(settings)
    shown = client.get(f"/api/v1/products/skus/{sku}/group-deal").json()
    assert (shown["id"], shown["group_size"], shown["price_fen"]) == (deal, 3, DEAL_FEN)
    buyers = [make_buyer(db, f"1380000010{i}") for i in range(4)]
    r = _seat(client, f"/api/v1/group-deals/{deal}/groups", buyers[0], price_fen=1)
    assert r.status_code == 201, r.text
    code = r.json()["code"]
    assert r.json()["total_fen"] == DEAL_FEN + 2000  # express ¥20: the client's price ignored
    for b in buyers[1:3]:
        assert _seat(client, f"/api/v1/groups/{code}/orders", b).status_code == 201
    group = client.get(f"/api/v1/groups/{code}").json()
    assert (group["status"], group["seats_taken"], group["seats_left"]) == ("open", 3, 0)
    full = _seat(client, f"/api/v1/groups/{code}/orders", buyers[3])
    assert full.status_code == 409 and full.json()["error"]["code"] == "groupbuy.group_full"
    assert [o[:2] for o in _orders(db)] == [(f"group:{_group_id(db, code)}", True)] * 3
    for b, (number,) in zip(buyers[:3], _numbers(db), strict=True):
        with TestClient(app) as shopper:
            page_login(shopper, b["phone"])
            pay_in_sandbox(shopper, number, "pay")
    deliver(db, bus)
    assert group_row(db, code) == ("filled", 3, 3)
    assert [(o[1], o[3]) for o in _orders(db)] == [(False, "paid")] * 3
    assert len(events_named(db, "orders.order_released.v1")) == 3
    assert len(events_named(db, "groupbuy.group_filled.v1")) == 1


def _group_id(db: Database, code: str) -> int:
    from mercato.groupbuy.adapters.tables import Group

    with db.reading() as tx:
        return int(tx.scalar(select(Group.id).where(Group.code == code)) or 0)


def _numbers(db: Database) -> list[tuple[str]]:
    with db.reading() as tx:
        return [tuple(r) for r in tx.execute(select(Order.number).order_by(Order.id))]  # type: ignore[misc]


def test_bad_input_is_refused_with_nothing_written(
    client: TestClient, db: Database, market: dict
) -> None:
    sku = market["tee"]["skus"][0]
    deal = live_deal(db, sku_id=sku, product_id=market["tee"]["id"], price_fen=DEAL_FEN)
    a, b = make_buyer(db, "13800000201"), make_buyer(db, "13800000202")
    code = _seat(client, f"/api/v1/group-deals/{deal}/groups", a).json()["code"]
    cases = [
        (_seat(client, "/api/v1/groups/NOSUCHCODE1/orders", b), 404, "groupbuy.group_not_found"),
        (_seat(client, f"/api/v1/groups/{code}/orders", a), 409, "groupbuy.already_joined"),
        (_seat(client, "/api/v1/group-deals/999999/groups", b), 404, "groupbuy.deal_not_found"),
        (_seat(client, f"/api/v1/groups/{code}/orders", b, address_id=999_999), 404,
         "orders.address_not_found"),
        (_seat(client, f"/api/v1/groups/{code}/orders", b, shipping_method="zeppelin"), 404,
         "checkout.shipping_method_not_found"),
        (_seat(client, "/api/v1/groups/bad%20code!/orders", b), 422, None),
    ]
    for r, status, code_ in cases:
        assert r.status_code == status, r.text
        if code_:
            assert r.json()["error"]["code"] == code_
    assert group_row(db, code) == ("open", 1, 0)  # the failed joins kept no seat
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 1
    assert client.post(f"/api/v1/groups/{code}/orders", json={}).status_code == 401
