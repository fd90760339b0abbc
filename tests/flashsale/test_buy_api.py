"""Buying in a flash sale through the API: the order at the event's price with the discount
named, the per-customer limit, sold out, the waiting room, bad input, and a seat coming back
when its order is cancelled unpaid."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from mercato import events
from mercato.flashsale import tasks
from mercato.orders.adapters.tables import Adjustment, Order
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from tests.flashsale.conftest import make_event
from tests.flashsale.helpers import seat_statuses, taken
from tests.orders.conftest import make_buyer
from tests.orders.test_api import token


def _buy(client: Any, event_id: int, who: dict[str, Any], sku: int, **kw: Any) -> Any:
    body = {"sku_id": sku, "address_id": who["address_id"], "shipping_method": "express", **kw}
    return client.post(f"/api/v1/flash-sales/{event_id}/orders", json=body,
                       headers=token(client, who["phone"]))


def _orders(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Order)) or 0)


def test_a_flash_buy_orders_at_the_event_price_once_per_customer(
    client: Any, db: Database, market: dict, buyer: dict
) -> None:
    sku = market["tee"]["skus"][0]  # ¥99.00
    event_id = make_event(db, quantity=2, limit=1, skus=(sku,), price_fen=4900)
    listed = client.get("/api/v1/flash-sales").json()
    assert [(e["id"], e["phase"], e["items"][0]["remaining"]) for e in listed] == [
        (event_id, "running", 2)]
    r = _buy(client, event_id, buyer, sku, price_fen=1)  # a client price is ignored
    assert r.status_code == 201, r.text
    out = r.json()
    assert out["total_fen"] == 4900 + 2000 and out["status"] == "pending_payment"
    with db.reading() as tx:
        order = tx.scalars(select(Order)).one()
        adj = tx.scalars(select(Adjustment)).one()
        assert (order.campaign, order.subtotal_fen, order.discount_fen) == (
            f"flash:{event_id}", 9900, 5000)
        assert (adj.step, adj.source, adj.amount_fen, adj.sku_id) == (
            "campaign", f"flash:{event_id}", 5000, sku)
    detail = client.get(f"/api/v1/orders/{out['number']}",
                        headers=token(client, buyer["phone"])).json()
    assert detail["total_fen"] == 6900
    again = _buy(client, event_id, buyer, sku)
    assert again.status_code == 409 and again.json()["error"]["code"] == "flashsale.limit_reached"
    assert _orders(db) == 1 and taken(db, event_id, sku) == 1
    assert client.get(f"/api/v1/flash-sales/{event_id}").json()["items"][0]["remaining"] == 1


def test_sold_out_and_a_cancelled_order_gives_its_seat_back(
    client: Any, db: Database, market: dict, buyer: dict, settings: Settings
) -> None:
    sku = market["cup"]["skus"][0]
    event_id = make_event(db, quantity=1, limit=1, skus=(sku,), price_fen=1900)
    other = make_buyer(db, "13800000002")
    first = _buy(client, event_id, buyer, sku)
    assert first.status_code == 201, first.text
    late = _buy(client, event_id, other, sku)
    assert late.status_code == 409 and late.json()["error"]["code"] == "flashsale.sold_out"
    number = first.json()["number"]
    r = client.post(f"/api/v1/orders/{number}/cancel", json={"reason": "no"},
                    headers=token(client, buyer["phone"]))
    assert r.status_code == 200
    bus = Bus()
    tasks.wire(bus, settings)
    bus.handle(db, Event("ev-1", events.ORDER_CANCELLED, {"number": number}, utcnow()))
    bus.handle(db, Event("ev-1", events.ORDER_CANCELLED, {"number": number}, utcnow()))
    assert list(seat_statuses(db, event_id).values()) == ["released"]
    assert taken(db, event_id, sku) == 0
    assert _buy(client, event_id, other, sku).status_code == 201  # back on sale


def test_bad_input_leaves_nothing_half_written(
    client: Any, db: Database, market: dict, buyer: dict
) -> None:
    sku = market["tee"]["skus"][0]
    now = utcnow()
    later = make_event(db, skus=(sku,), starts=now + timedelta(hours=1),
                       ends=now + timedelta(hours=2))
    over = make_event(db, skus=(sku,), starts=now - timedelta(hours=2),
                      ends=now - timedelta(hours=1))
    running = make_event(db, quantity=5, skus=(sku,))
    cases = [
        (_buy(client, later, buyer, sku), 409, "flashsale.not_started"),
        (_buy(client, over, buyer, sku), 409, "flashsale.ended"),
        (_buy(client, 999_999, buyer, sku), 404, "flashsale.event_not_found"),
        (_buy(client, running, buyer, market["cup"]["skus"][0]), 404,
         "flashsale.item_not_found"),
        (_buy(client, running, buyer, sku, quantity=0), 422, None),
        (_buy(client, running, buyer, sku, address_id=999_999), 404,
         "orders.address_not_found"),
        (_buy(client, running, buyer, sku, shipping_method="zeppelin"), 404,
         "checkout.shipping_method_not_found"),
        (_buy(client, running, buyer, sku, queue_token="forged.token"), 403,
         "flashsale.token_invalid"),
    ]
    for r, status, code in cases:
        assert r.status_code == status, r.text
        if code:
            assert r.json()["error"]["code"] == code
    assert _orders(db) == 0
    assert taken(db, running, sku) == 0  # the seats of failed orders went back
    assert set(seat_statuses(db, running).values()) <= {"released"}
    unauth = client.post(f"/api/v1/flash-sales/{running}/orders", json={})
    assert unauth.status_code == 401


def test_the_waiting_room_answers_429_with_a_token_that_admits_later(
    client: Any, db: Database, market: dict, buyer: dict, monkeypatch: Any
) -> None:
    from mercato.flashsale.web import buying as api

    sku = market["tee"]["skus"][0]
    event_id = make_event(db, quantity=5, limit=2, skus=(sku,), rate=1)
    other = make_buyer(db, "13800000002")
    second = utcnow().replace(microsecond=0)
    monkeypatch.setattr(api, "utcnow", lambda: second)
    assert _buy(client, event_id, buyer, sku).status_code == 201
    r = _buy(client, event_id, other, sku)  # the same second: over the rate of 1 a second
    assert r.status_code == 429 and r.json()["error"]["code"] == "flashsale.queued"
    assert r.headers["Retry-After"] == str(r.json()["retry_after"]) == "1"
    assert _orders(db) == 1
    monkeypatch.setattr(api, "utcnow", lambda: second + timedelta(seconds=1))
    ok = _buy(client, event_id, other, sku, queue_token=r.json()["queue_token"])
    assert ok.status_code == 201, ok.text
    used = _buy(client, event_id, other, sku, queue_token=r.json()["queue_token"])
    assert used.status_code == 409 and used.json()["error"]["code"] == "flashsale.token_used"
    assert _orders(db) == 2


def _keyed(client: Any, event_id: int, who: dict[str, Any], sku: int, key: str,
           **kw: Any) -> Any:
    body = {"sku_id": sku, "address_id": who["address_id"], "shipping_method": "express", **kw}
    return client.post(f"/api/v1/flash-sales/{event_id}/orders", json=body,
                       headers={**token(client, who["phone"]), "Idempotency-Key": key})


def test_a_retried_buy_under_its_idempotency_key_takes_no_second_seat(
    client: Any, db: Database, market: dict, buyer: dict
) -> None:
    sku = market["tee"]["skus"][0]
    event_id = make_event(db, quantity=5, limit=3, skus=(sku,), price_fen=4900)
    first = _keyed(client, event_id, buyer, sku, "buy-1")
    again = _keyed(client, event_id, buyer, sku, "buy-1", queue_token="")
    assert first.status_code == again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json()
    assert _orders(db) == 1 and taken(db, event_id, sku) == 1
    other = _keyed(client, event_id, buyer, sku, "buy-1", quantity=2)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency.key_reused"
    fresh = _keyed(client, event_id, buyer, sku, "buy-2")
    assert fresh.status_code == 201 and fresh.json()["number"] != first.json()["number"]
    assert _orders(db) == 2 and taken(db, event_id, sku) == 2


def test_a_refusal_is_kept_for_its_key_and_nothing_is_written(
    client: Any, db: Database, market: dict, buyer: dict
) -> None:
    sku = market["tee"]["skus"][0]
    event_id = make_event(db, quantity=5, limit=1, skus=(sku,))
    bad = _keyed(client, event_id, buyer, sku, "buy-x", address_id=999_999)
    replay = _keyed(client, event_id, buyer, sku, "buy-x", address_id=999_999)
    assert bad.status_code == replay.status_code == 404
    assert replay.json() == bad.json() and replay.headers.get("Idempotent-Replayed") == "true"
    assert _orders(db) == 0 and taken(db, event_id, sku) == 0


def test_a_try_after_one_that_died_once_its_order_was_written_answers_that_order(
    db: Database, market: dict, buyer: dict
) -> None:
    from mercato.flashsale.web import buying

    class Lease:  # what leases.run_outside hands the work: here, the dead try's note
        def __init__(self) -> None:
            self.recovered, self.points = "", []

        def note(self, tx: Any, point: str) -> None:
            self.points.append(point)

    sku = market["tee"]["skus"][0]
    event_id = make_event(db, quantity=5, limit=3, skus=(sku,), price_fen=4900)
    lease = Lease()
    args = (db, event_id, sku, 1, buyer["id"], buyer["address_id"], "express", "zh_CN", 10)
    done = buying.buy(*args, progress=lease)
    assert not isinstance(done, type(None)) and len(lease.points) == 1
    placed, seat = done  # type: ignore[misc]
    lease.recovered = lease.points[0]  # the process died before answering: taken over
    again = buying.buy(*args, progress=lease)
    assert again == (placed, seat)
    assert _orders(db) == 1 and taken(db, event_id, sku) == 1
