"""Ordering the lines chosen on the cart page (`sku_ids` in the API, `sku` on the storefront):
the same guarantees as a whole cart (planned write, exactly the priced lines taken, stock
never oversold, Idempotency-Key), and the cart's other lines stay in it untouched."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from mercato.checkout import public as checkout
from mercato.inventory import public as inventory
from mercato.orders.adapters.tables import Order
from mercato.orders.services.place_order import PlaceOrder, Replan, plan_order, write_order
from mercato.orders.web import api as orders_api
from mercato.platform.db import Database
from tests.interference import meddling
from tests.members.conftest import page_login
from tests.orders.conftest import fill_cart
from tests.orders.test_api import _body, token
from tests.storefront.helpers import count_queries, tags_with, text_of


def _cart(db: Database, buyer: dict[str, Any]) -> dict[int, int]:
    with db.reading() as tx:
        view = checkout.view_cart(tx, checkout.CartOwner(buyer["id"], None), "en")
    return {line.sku_id: line.quantity for line in view.lines}


def _orders(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Order)) or 0)


def test_the_api_orders_the_chosen_lines_and_leaves_the_rest(client, db, market, buyer):
    tee, (cup, mug) = market["tee"]["skus"][0], market["cup"]["skus"]
    fill_cart(db, buyer["id"], {tee: 1, cup: 2, mug: 3})
    h = token(client, buyer["phone"])
    r = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[cup, tee]), headers=h)
    assert r.status_code == 201, r.text
    order = r.json()
    assert sorted((ln["sku_id"], ln["quantity"]) for ln in order["lines"]) == sorted(
        [(tee, 1), (cup, 2)]
    )
    assert order["subtotal_fen"] == 9900 + 2 * 3900 and order["item_count"] == 3
    assert _cart(db, buyer) == {mug: 3}
    with db.reading() as tx:
        assert inventory.available(tx, [tee, cup, mug]) == {tee: 9, cup: 8, mug: 10}


def test_the_preview_prices_the_chosen_lines(client, db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1, cup: 2})
    h = token(client, buyer["phone"])
    body = {"address_id": buyer["address_id"], "sku_ids": [cup]}
    r = client.post("/api/v1/checkout/preview", json=body, headers=h)
    assert r.status_code == 200 and r.json()["subtotal_fen"] == 7800
    assert r.json()["item_count"] == 2


@pytest.mark.parametrize(
    "sku_ids", [[], [1, 1], ["1"], [0], [2**63], list(range(1, 102)), 5]
)
def test_bad_choices_are_422_with_the_field(client, db, market, buyer, sku_ids):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    h = token(client, buyer["phone"])
    r = client.post("/api/v1/orders", json=_body(buyer, sku_ids=sku_ids), headers=h)
    assert r.status_code == 422 and r.json()["error"]["field"].startswith("sku_ids"), r.text
    assert _orders(db) == 0


def test_a_chosen_line_gone_from_the_cart_is_refused(client, db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1})
    h = token(client, buyer["phone"])
    r = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[tee, cup]), headers=h)
    assert r.status_code == 409 and r.json()["error"]["code"] == "orders.cart_changed"
    assert r.json()["error"]["field"] == "sku_ids"
    assert _orders(db) == 0 and _cart(db, buyer) == {tee: 1}


def test_an_unsellable_line_blocks_only_when_chosen(client, db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 5, cup: 1})
    with db.transaction() as tx:
        inventory.reserve_for_order(tx, "other", {tee: 8})  # 2 left: the tee line can't go
    h = token(client, buyer["phone"])
    refused = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[tee]), headers=h)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "orders.cart_changed"
    r = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[cup]), headers=h)
    assert r.status_code == 201 and _cart(db, buyer) == {tee: 5}


def test_idempotency_covers_the_choice(client, db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1, cup: 1})
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "chosen-1"}
    first = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[tee]), headers=h)
    replay = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[tee]), headers=h)
    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json() and replay.headers["Idempotent-Replayed"] == "true"
    other = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[cup]), headers=h)
    whole = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert [other.status_code, whole.status_code] == [422, 422]
    assert other.json()["error"]["code"] == "idempotency.key_reused"
    assert _orders(db) == 1 and _cart(db, buyer) == {cup: 1}


def _plan(db: Database, buyer: dict[str, Any], chosen: set[int]) -> Any:
    cmd = PlaceOrder(buyer["id"], buyer["address_id"], "express", sku_ids=frozenset(chosen))
    with db.core_reads() as reads:
        return plan_order(reads, cmd, "en")


def test_a_chosen_line_changed_since_the_plan_refuses_the_write(db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1, cup: 1})
    plan = _plan(db, buyer, {tee})
    fill_cart(db, buyer["id"], {tee: 1})  # another tab: 2 tees now
    with pytest.raises(Replan), db.core_transaction() as tx:
        write_order(tx, plan)
    assert _orders(db) == 0 and _cart(db, buyer) == {tee: 2, cup: 1}


def test_other_lines_changing_since_the_plan_do_not_matter(db, market, buyer):
    tee, (cup, mug) = market["tee"]["skus"][0], market["cup"]["skus"]
    fill_cart(db, buyer["id"], {tee: 1, cup: 1})
    plan = _plan(db, buyer, {tee})
    fill_cart(db, buyer["id"], {cup: 1, mug: 4})  # not chosen: not this order's business
    with db.core_transaction() as tx:
        placed = write_order(tx, plan)
    assert [ln.sku_id for ln in placed.detail.summary.lines] == [tee]
    assert _cart(db, buyer) == {cup: 2, mug: 4}


def test_the_api_plans_again_when_a_chosen_line_changes(client, db, market, buyer, monkeypatch):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1, cup: 1})
    bump = lambda *_: fill_cart(db, buyer["id"], {tee: 1})  # noqa: E731
    wrapped, calls = meddling(orders_api.plan_order, bump, 1)
    monkeypatch.setattr(orders_api, "plan_order", wrapped)
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "chosen-planned"}
    r = client.post("/api/v1/orders", json=_body(buyer, sku_ids=[tee]), headers=h)
    assert r.status_code == 201, r.text
    assert len(calls) == 2 and [(ln["sku_id"], ln["quantity"]) for ln in r.json()["lines"]] == [
        (tee, 2)
    ]
    assert _cart(db, buyer) == {cup: 1}


def test_chosen_lines_cost_the_statements_of_a_whole_cart(client, db, market, buyer):
    from tests.orders.conftest import make_buyer

    tee, (cup, mug) = market["tee"]["skus"][0], market["cup"]["skus"]
    costs = []
    for phone, chosen in (("13800000041", None), ("13800000042", [tee, cup])):
        b = make_buyer(db, phone)
        fill_cart(db, b["id"], {tee: 1, cup: 1, **({mug: 1} if chosen else {})})
        h = {**token(client, phone), "Idempotency-Key": phone}
        body = _body(b, **({"sku_ids": chosen} if chosen else {}))
        with count_queries(db) as seen:
            assert client.post("/api/v1/orders", json=body, headers=h).status_code == 201
        costs.append(len(seen))
    assert costs[0] == costs[1], costs


def test_the_checkout_page_orders_the_chosen_lines(client, db, market, buyer):
    tee, cup = market["tee"]["skus"][0], market["cup"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 1, cup: 2})
    csrf = page_login(client, buyer["phone"])
    page = client.get(f"/checkout?sku={cup}&sku=999999").text  # a SKU not in the cart: left out
    assert len(tags_with(page, "checkout-line")) == 1
    assert text_of(page, "checkout-subtotal") == "¥78.00"
    assert f'name="sku" value="{cup}"' in page and 'value="999999"' not in page
    assert f"next=/checkout%3Fsku%3D{cup}" in page  # a new address comes back to this choice
    summary = client.get(
        "/checkout/summary",
        params={"address_id": buyer["address_id"], "shipping_method": "express", "sku": cup},
        headers={"HX-Request": "true"},
    )
    assert text_of(summary.text, "checkout-total") == "¥98.00"  # 78 + 20 express
    form = {
        "csrf": csrf,
        "idem": "page-chosen",
        "address_id": str(buyer["address_id"]),
        "shipping_method": "std",
        "sku": str(cup),
    }
    r = client.post("/checkout", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("/pay")
    assert _cart(db, buyer) == {tee: 1}
    assert client.get(f"/checkout?sku={cup}", follow_redirects=False).headers["location"] == (
        "/cart"
    )
