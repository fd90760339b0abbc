"""Orders API: placing with Idempotency-Key (Stripe semantics), owner scoping, cancel,
hostile bodies."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from mercato.inventory import public as inventory
from mercato.orders.adapters.tables import Order
from tests.orders.conftest import fill_cart, make_buyer


def token(client: Any, phone: str) -> dict[str, str]:
    r = client.post("/api/v1/customers/token", json={"login": phone, "password": "secret-pass-1"})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _body(buyer: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"address_id": buyer["address_id"], "shipping_method": "express", **kw}


def test_place_list_get_cancel(client, db, market, buyer):
    tee = market["tee"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 2})
    h = token(client, buyer["phone"])
    r = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert r.status_code == 201, r.text
    order = r.json()
    assert order["status"] == "pending_payment" and order["total_fen"] == 19800 + 2000
    assert [t["to_status"] for t in order["timeline"]] == ["pending_payment"]
    listed = client.get("/api/v1/orders", headers=h).json()
    assert [o["number"] for o in listed["orders"]] == [order["number"]]
    assert client.get(f"/api/v1/orders/{order['number']}", headers=h).status_code == 200
    r = client.post(
        f"/api/v1/orders/{order['number']}/cancel", json={"reason": "changed mind"}, headers=h
    )
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    with db.reading() as tx:
        assert inventory.available(tx, [tee]) == {tee: 10}
    again = client.post(f"/api/v1/orders/{order['number']}/cancel", json={}, headers=h)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "orders.invalid_transition"


def test_idempotency_key_replays_and_refuses_other_body(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "k-123"}
    first = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    replay = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert first.status_code == replay.status_code == 201
    assert replay.json() == first.json() and replay.headers["Idempotent-Replayed"] == "true"
    other = client.post("/api/v1/orders", json=_body(buyer, note="x"), headers=h)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency.key_reused"
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 1


def test_idempotency_key_compares_the_parsed_request(client, db, market, buyer):
    """The same JSON with its keys in another order, or other spacing, is the same request."""
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    h = {
        **token(client, buyer["phone"]),
        "Idempotency-Key": "k-parsed",
        "Content-Type": "application/json",
    }
    addr = buyer["address_id"]
    first = client.post(
        "/api/v1/orders", content=f'{{"address_id":{addr},"shipping_method":"express"}}', headers=h
    )
    assert first.status_code == 201, first.text
    for same in (
        f'{{"shipping_method": "express", "address_id": {addr}}}',
        f'{{"address_id":{addr},"shipping_method":"express"}} ',
    ):
        replay = client.post("/api/v1/orders", content=same, headers=h)
        assert replay.status_code == 201 and replay.headers["Idempotent-Replayed"] == "true"
        assert replay.json() == first.json()
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 1


def test_idempotent_error_is_replayed_too(client, db, market, buyer):
    h = {**token(client, buyer["phone"]), "Idempotency-Key": "empty-cart"}
    first = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert first.status_code == 422 and first.json()["error"]["code"] == "orders.empty_cart"
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    replay = client.post("/api/v1/orders", json=_body(buyer), headers=h)
    assert replay.status_code == 422 and replay.json() == first.json()
    fresh = client.post(
        "/api/v1/orders", json=_body(buyer), headers={**h, "Idempotency-Key": "new"}
    )
    assert fresh.status_code == 201


def test_same_key_for_two_customers_is_two_orders(client, db, market, buyer):
    other = make_buyer(db, "13800000002")
    tee = market["tee"]["skus"][0]
    for b in (buyer, other):
        fill_cart(db, b["id"], {tee: 1})
        h = {**token(client, b["phone"]), "Idempotency-Key": "shared"}
        assert client.post("/api/v1/orders", json=_body(b), headers=h).status_code == 201
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 2


def test_hostile_bodies(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    h = token(client, buyer["phone"])
    cases = [
        _body(buyer, total_fen=1),  # a client-sent total is refused, never used
        _body(buyer, address_id=-1),
        _body(buyer, address_id="1"),
        _body(buyer, address_id=2**70),
        _body(buyer, shipping_method=""),
        _body(buyer, note="x" * 501),
        _body(buyer, invoice={"kind": "company", "title": "A"}),
        _body(buyer, invoice={"kind": "bogus"}),
    ]
    for body in cases:
        r = client.post("/api/v1/orders", json=body, headers=h)
        assert r.status_code == 422, (body, r.text)
        assert "code" in r.json()["error"]
    r = client.post("/api/v1/orders", json=_body(buyer, shipping_method="nope"), headers=h)
    assert r.status_code == 404
    assert client.post("/api/v1/orders", json=_body(buyer)).status_code == 401
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 0


def test_other_customers_order_is_not_found(client, db, market, buyer):
    fill_cart(db, buyer["id"], {market["tee"]["skus"][0]: 1})
    number = client.post(
        "/api/v1/orders", json=_body(buyer), headers=token(client, buyer["phone"])
    ).json()["number"]
    other = make_buyer(db, "13800000002")
    h2 = token(client, other["phone"])
    assert client.get(f"/api/v1/orders/{number}", headers=h2).status_code == 404
    assert client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=h2).status_code == 404
    assert client.get("/api/v1/orders/1234567890123456", headers=h2).status_code == 404
    assert client.get("/api/v1/orders/abc", headers=h2).status_code == 422
