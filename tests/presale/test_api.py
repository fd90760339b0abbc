"""Presales through the API: the live campaigns and one campaign (a draft is unknown), a
deposit order at the campaign's price (a client's is ignored) in two parts, every refusal as
the shared error JSON with nothing kept, and an Idempotency-Key that places one order however
often the request is sent."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from mercato.orders.adapters.tables import Order
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.presale import public as presale
from mercato.presale.adapters.tables import Campaign, PresaleOrder
from tests.orders.conftest import make_buyer
from tests.payments.order_helpers import token
from tests.presale.helpers import (
    BALANCE,
    DEDUCT,
    DEPOSIT,
    PRICE,
    UNIT,
    count,
    held,
    item_row,
    make_campaign,
    move_deposit_window,
)


def _deposit(client: Any, campaign_id: int, who: dict[str, Any], sku: int,
             headers: dict[str, str] | None = None, **kw: Any) -> Any:
    body = {"sku_id": sku, "address_id": who["address_id"], "shipping_method": "express", **kw}
    auth = token(client, who["phone"])
    return client.post(f"/api/v1/presales/{campaign_id}/orders", json=body,
                       headers={**auth, **(headers or {})})


def _code(r: Any) -> tuple[int, str]:
    return r.status_code, r.json()["error"]["code"]


def test_live_presales_and_one_presale(client: Any, db: Database, market: dict) -> None:
    sku, other = market["tee"]["skus"][:2]
    live = make_campaign(db, (sku, other), planned=7, limit=2)
    make_campaign(db, (sku,), publish=False)  # a draft: nobody sees it
    called_off = make_campaign(db, (sku,))
    over = make_campaign(db, (other,))
    with db.transaction() as tx:
        presale.move_campaign(tx, called_off, "cancelled")
        past = utcnow() - timedelta(minutes=1)
        tx.execute(update(Campaign).where(Campaign.id == over).values(
            deposit_starts=past - timedelta(days=3), deposit_ends=past - timedelta(days=2),
            balance_starts=past - timedelta(days=1), balance_ends=past))
    listed = client.get("/api/v1/presales").json()
    assert [c["id"] for c in listed] == [live]
    one = client.get(f"/api/v1/presales/{live}").json()
    assert (one["phase"], one["rule"], one["per_customer_limit"]) == ("deposit", "keep", 2)
    assert one["items"][0] == {"sku_id": sku, "price_fen": PRICE, "deposit_fen": DEPOSIT,
                               "deduct_fen": DEDUCT, "balance_fen": BALANCE, "planned": 7,
                               "remaining": 7}
    assert client.get(f"/api/v1/presales/{over}").json()["phase"] == "ended"
    draft = client.get(f"/api/v1/presales/{live + 1}")
    assert _code(draft) == (404, "presale.not_found")
    assert draft.json()["error"]["field"] == "campaign_id" and draft.json()["error"]["message"]
    assert client.get("/api/v1/presales/0").status_code == 422


def test_a_deposit_order_and_the_refusals(client: Any, db: Database, market: dict,
                                          buyer: dict) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,), planned=3, limit=2)
    body = {"sku_id": sku, "address_id": buyer["address_id"], "shipping_method": "express"}
    assert client.post(f"/api/v1/presales/{c}/orders", json=body).status_code == 401
    refusals = [
        (dict(quantity=0), (422, "request.invalid")),
        (dict(quantity=3), (422, "presale.invalid_quantity")),
        (dict(sku_id=999999), (404, "presale.item_not_found")),
        (dict(address_id=999999), (404, "orders.address_not_found")),
        (dict(shipping_method="zeppelin"), (404, "checkout.shipping_method_not_found")),
    ]
    for change, expected in refusals:
        assert _code(_deposit(client, c, buyer, sku, **change)) == expected, change
    assert count(db, Order) == 0 and item_row(db, c, sku)[2] == 0

    r = _deposit(client, c, buyer, sku, quantity=2, price_fen=1, unit_price_fen=1)
    assert r.status_code == 201, r.text
    out = r.json()
    assert (out["deposit_fen"], out["status"], out["currency"]) == (
        2 * DEPOSIT, "pending_payment", "CNY")
    shipping = out["total_fen"] - 2 * UNIT
    assert shipping >= 0 and out["balance_fen"] == 2 * BALANCE + shipping
    assert out["deposit_fen"] + out["balance_fen"] == out["total_fen"]
    assert out["pay_deadline"] < out["balance_from"] < out["balance_until"]
    assert _code(_deposit(client, c, buyer, sku)) == (409, "presale.limit_reached")
    other = make_buyer(db, "13800000002")
    assert _code(_deposit(client, c, other, sku, quantity=2)) == (409, "presale.sold_out")
    assert _deposit(client, c, other, sku).status_code == 201
    third = make_buyer(db, "13800000003")
    assert _code(_deposit(client, c, third, sku)) == (409, "presale.sold_out")
    item_id, _, taken = item_row(db, c, sku)
    assert (count(db, Order), count(db, PresaleOrder), taken) == (2, 2, 3)
    assert held(db, item_id) == {buyer["id"]: 2, other["id"]: 1}
    # The payment centre opens the deposit, the part due now.
    pay = client.post(f"/api/v1/orders/{out['number']}/payments",
                      json={"provider": "sandbox", "channel": "page"},
                      headers=token(client, buyer["phone"]))
    assert pay.status_code == 201 and pay.json()["amount_fen"] == 2 * DEPOSIT


def test_the_windows_and_a_called_off_campaign(client: Any, db: Database, market: dict,
                                               buyer: dict) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,), starts=utcnow() + timedelta(hours=1))
    assert _code(_deposit(client, c, buyer, sku)) == (409, "presale.not_started")
    now = utcnow()
    move_deposit_window(db, c, now - timedelta(days=1), now - timedelta(seconds=1))
    assert _code(_deposit(client, c, buyer, sku)) == (409, "presale.deposit_closed")
    with db.transaction() as tx:
        presale.move_campaign(tx, c, "cancelled")
    assert _code(_deposit(client, c, buyer, sku)) == (409, "presale.cancelled")
    draft = make_campaign(db, (sku,), publish=False)
    assert _code(_deposit(client, draft, buyer, sku)) == (404, "presale.not_found")
    assert count(db, Order) == 0


def test_an_idempotency_key_places_one_order(client: Any, db: Database, market: dict,
                                             buyer: dict) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,), limit=3)
    key = {"Idempotency-Key": "presale-order-1"}
    first = _deposit(client, c, buyer, sku, key)
    again = _deposit(client, c, buyer, sku, key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert count(db, Order) == 1 and item_row(db, c, sku)[2] == 1
    other = _deposit(client, c, buyer, sku, key, quantity=2)
    assert _code(other) == (422, "idempotency.key_reused")
    # A refusal is the stored answer too: the same request gets it again, nothing kept.
    bad = {"Idempotency-Key": "presale-order-2"}
    refused = _deposit(client, c, buyer, sku, bad, address_id=999999)
    assert _code(refused) == (404, "orders.address_not_found")
    replay = _deposit(client, c, buyer, sku, bad, address_id=999999)
    assert _code(replay) == (404, "orders.address_not_found")
    assert replay.headers["idempotent-replayed"] == "true"
    assert count(db, Order) == 1 and item_row(db, c, sku)[2] == 1
    too_long = _deposit(client, c, buyer, sku, {"Idempotency-Key": "k" * 256})
    assert too_long.status_code == 422 and count(db, Order) == 1
