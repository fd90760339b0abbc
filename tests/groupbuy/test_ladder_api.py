"""The cashback ladder with real orders, through the API and the pages: a deal of group size 2
taking up to 4 people. Two paid → the group succeeds and their orders are released, no
cashback; the group page says it can still be joined and what the next step gives; a third
joins and pays → released at once; the group's time runs out → complete, each of the three
gets the 3-person step once. The two group-buy POSTs honour Idempotency-Key: a replay answers
the stored response (no second seat, no second order), another body or path under the same
key is refused, a refusal is kept, and a retry after a try that died once its order was
written answers that order."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from mercato.groupbuy.web import buying
from mercato.members.adapters.loyalty_tables import PointsEntry
from mercato.orders.adapters.tables import Order
from mercato.platform import idempotency, leases
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from tests.groupbuy.helpers import deliver, events_named, group_row, live_deal, wired_bus
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer
from tests.orders.test_api import token
from tests.payments.order_helpers import pay_in_sandbox

DEAL_FEN = 5900
LADDER = ((2, 300), (3, 800), (4, 1000))


def _post(client: Any, path: str, who: dict[str, Any], key: str | None = None,
          **extra: Any) -> Any:
    body = {"address_id": who["address_id"], "shipping_method": "express", **extra}
    headers = token(client, who["phone"])
    if key is not None:
        headers["Idempotency-Key"] = key
    return client.post(path, json=body, headers=headers)


def _orders(db: Database) -> list[tuple[str, bool]]:
    with db.reading() as tx:
        return [(str(n), bool(h)) for n, h in
                tx.execute(select(Order.number, Order.ship_hold).order_by(Order.id))]


def _pay(app: Any, who: dict[str, Any], number: str) -> None:
    with TestClient(app) as shopper:
        page_login(shopper, who["phone"])
        pay_in_sandbox(shopper, number, "pay")


def _cashback(db: Database) -> list[int]:
    with db.reading() as tx:
        return sorted(tx.scalars(select(PointsEntry.delta).where(PointsEntry.kind == "cashback")))


def _deal(db: Database, market: dict[str, Any]) -> int:
    return live_deal(db, sku_id=market["tee"]["skus"][0], product_id=market["tee"]["id"],
                     price_fen=DEAL_FEN, group_size=2, max_size=4, ladder=LADDER)


def test_a_group_grows_after_success_and_completes_at_its_time(
        app: Any, client: TestClient, db: Database, market: dict, settings: Any) -> None:
    deal = _deal(db, market)
    bus = wired_bus(settings)
    shown = client.get(f"/api/v1/products/skus/{market['tee']['skus'][0]}/group-deal").json()
    assert (shown["group_size"], shown["max_size"]) == (2, 4)
    assert shown["steps"] == [{"people": n, "cashback_fen": f} for n, f in LADDER]
    buyers = [make_buyer(db, f"1380000050{i}") for i in range(3)]
    opened = _post(client, f"/api/v1/group-deals/{deal}/groups", buyers[0])
    assert opened.status_code == 201, opened.text
    code = opened.json()["code"]
    assert _post(client, f"/api/v1/groups/{code}/orders", buyers[1]).status_code == 201
    for who, (number, _held) in zip(buyers[:2], _orders(db), strict=True):
        _pay(app, who, number)
    deliver(db, bus)
    assert group_row(db, code) == ("filled", 2, 2)
    assert [held for _n, held in _orders(db)] == [False, False]  # released to ship
    assert events_named(db, "groupbuy.group_completed.v1") == [] and _cashback(db) == []
    group = client.get(f"/api/v1/groups/{code}").json()
    assert (group["status"], group["completed"], group["seats_left"], group["max_size"]) == (
        "filled", False, 2, 4)
    assert group["next_step"] == {"people": 3, "invite": 1, "cashback_fen": 800}
    page = client.get(f"/groups/{code}").text
    assert "已成团 · 还可加入 2 人" in page and "再邀 1 人返现" in page
    assert 'data-testid="group-share"' in page
    listed = client.get(f"/group-deals/{deal}").text
    assert f'href="/groups/{code}"' in listed and "已成团" in listed

    joined = _post(client, f"/api/v1/groups/{code}/orders", buyers[2])
    assert joined.status_code == 201, joined.text
    third = joined.json()["number"]
    assert _orders(db)[2] == (third, True)  # held until paid
    _pay(app, buyers[2], third)
    deliver(db, bus)
    assert _orders(db)[2] == (third, False)  # the group had succeeded: released at once
    assert group_row(db, code) == ("filled", 3, 3) and _cashback(db) == []
    assert len(events_named(db, "orders.order_released.v1")) == 3

    from mercato.groupbuy import public as groupbuy

    assert groupbuy.expire_groups(db, utcnow() + timedelta(hours=2)) == 1
    deliver(db, bus)
    assert _cashback(db) == [800, 800, 800]  # the 3-person step, once each
    assert groupbuy.expire_groups(db, utcnow() + timedelta(hours=3)) == 0
    deliver(db, bus)
    assert _cashback(db) == [800, 800, 800]
    done = client.get(f"/api/v1/groups/{code}").json()
    assert (done["completed"], done["cashback_fen"], done["seats_left"]) == (True, 800, 0)
    assert done["next_step"] is None and done["completed_at"] is not None
    assert len(events_named(db, "groupbuy.group_completed.v1")) == 1


def test_an_idempotency_key_places_one_seat_and_one_order(
        client: TestClient, db: Database, market: dict) -> None:
    deal = _deal(db, market)
    a, b = make_buyer(db, "13800000601"), make_buyer(db, "13800000602")
    path = f"/api/v1/group-deals/{deal}/groups"
    first = _post(client, path, a, "open-1")
    again = _post(client, path, a, "open-1")
    assert first.status_code == again.status_code == 201, again.text
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert again.json() == first.json() and len(_orders(db)) == 1
    code = first.json()["code"]
    assert group_row(db, code) == ("open", 1, 0)
    other = _post(client, path, a, "open-1", shipping_method="standard")
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency.key_reused"
    elsewhere = _post(client, f"/api/v1/groups/{code}/orders", a, "open-1")  # another path
    assert elsewhere.json()["error"]["code"] == "idempotency.key_reused"

    joined = _post(client, f"/api/v1/groups/{code}/orders", b, "join-1")
    replay = _post(client, f"/api/v1/groups/{code}/orders", b, "join-1")
    assert joined.status_code == replay.status_code == 201, replay.text
    assert replay.json() == joined.json() and replay.headers.get("Idempotent-Replayed") == "true"
    assert group_row(db, code) == ("open", 2, 0) and len(_orders(db)) == 2
    # The same key is the customer's own: another customer's is another key.
    assert _post(client, f"/api/v1/groups/{code}/orders", a, "join-1").json()["error"][
        "code"] == "groupbuy.already_joined"

    bad = _post(client, "/api/v1/groups/NOSUCHCODE1/orders", b, "join-x")
    kept = _post(client, "/api/v1/groups/NOSUCHCODE1/orders", b, "join-x")
    assert bad.status_code == kept.status_code == 404
    assert kept.json() == bad.json() and kept.headers.get("Idempotent-Replayed") == "true"
    assert len(_orders(db)) == 2


def test_a_retry_after_a_try_that_died_once_its_order_was_written_answers_that_order(
        client: TestClient, db: Database, market: dict, settings: Any) -> None:
    deal = _deal(db, market)
    a = make_buyer(db, "13800000701")
    path = f"/api/v1/group-deals/{deal}/groups"
    body = {"address_id": a["address_id"], "shipping_method": "express"}
    scope = f"customer:{a['id']}:POST /api/v1/groupbuy"
    digest = idempotency.request_hash("POST", path, body)
    lease = leases._acquire(db, scope, "open-dead", digest, leases.LEASE)
    assert isinstance(lease, leases.Lease)
    placed, seat = buying.open_group(db, deal, a["id"], a["address_id"], "express", "zh_CN",
                                     settings.order_pay_minutes, "app", lease)
    # ... and the process died before answering; once its lease has run out:
    with db.transaction() as tx:
        tx.execute(update(idempotency.IdempotencyKey)
                   .values(lease_until=utcnow() - timedelta(seconds=1)))
    retry = _post(client, path, a, "open-dead")
    assert retry.status_code == 201, retry.text
    assert (retry.json()["number"], retry.json()["code"]) == (placed.number, seat.code)
    assert retry.json()["total_fen"] == placed.total_fen
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Order)) == 1
    assert group_row(db, seat.code) == ("open", 1, 0)
    replay = _post(client, path, a, "open-dead")
    assert replay.json() == retry.json() and replay.headers.get("Idempotent-Replayed") == "true"
