"""Orders priced through the pipeline (issue 16): a gold member with a coupon and points buys
a cart that reaches 满减; the order stores each discount by name and each line's share,
uses the coupon and the points in its own transaction, and gives both back when cancelled.
Bad input: someone else's or a used coupon, more points than held or than the order may
take, a coupon below its minimum spend — each refused with nothing written."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mercato.members import public as members
from mercato.orders.adapters.tables import Adjustment, Order, OrderLine
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from mercato.promotions import public as promotions
from mercato.promotions.adapters.tables import Coupon
from tests.members.loyalty_helpers import hold_tier
from tests.orders.conftest import fill_cart, make_buyer
from tests.payments.order_helpers import deliver_events, token
from tests.promotions import helpers as promo


def _gold(db: Database, customer_id: int, points: int) -> None:
    with db.transaction() as tx:
        hold_tier(tx, customer_id, "gold", priority_shipping=True)
        if points:
            members.earn_points(tx, customer_id, points, "earn", f"test-{customer_id}",
                                "test")


def _coupon(db: Database, customer_id: int, **given: Any) -> int:
    template = promo.template(db, **given)
    with db.transaction() as tx:
        promotions.issue(tx, template, [customer_id], "manual", f"t{template}")
    return promo.coupons_of(db, customer_id)[-1].id


@pytest.fixture
def gold(db: Database, market: dict[str, Any]) -> dict[str, Any]:
    """A gold member (2% off) holding 5,000 points and a ¥10-off-¥100 coupon, while
    满200减20 / 满400减50 runs store-wide; their cart: 2 white M tees (¥99) and a polo
    (¥199) = ¥397."""
    buyer = make_buyer(db)
    _gold(db, buyer["id"], 5000)
    promo.promotion(db, tiers=((20000, 2000), (40000, 5000)))
    coupon = _coupon(db, buyer["id"])
    tee, polo = market["tee"]["skus"][0], market["polo"]["skus"][0]
    fill_cart(db, buyer["id"], {tee: 2, polo: 1})
    return {**buyer, "coupon": coupon, "tee": tee, "polo": polo}


def _place(client: TestClient, b: dict[str, Any], key: str, **extra: Any) -> Any:
    body = {"address_id": b["address_id"], "shipping_method": "std", **extra}
    return client.post("/api/v1/orders", json=body,
                       headers={**token(client, b["phone"]), "Idempotency-Key": key})


def _counts(db: Database) -> tuple[int, int, int]:
    with db.reading() as tx:
        return (tx.scalar(select(func.count()).select_from(Order)) or 0,
                tx.scalar(select(func.count()).select_from(Adjustment)) or 0,
                len(list(tx.scalars(select(Coupon.id).where(Coupon.status == "used")))))


def test_every_discount_named_and_shared_by_the_lines(client: TestClient, db: Database,
                                                      gold: dict[str, Any]) -> None:
    preview = client.post("/api/v1/checkout/preview", headers=token(client, gold["phone"]),
                          json={"address_id": gold["address_id"], "shipping_method": "std",
                                "points": 500})
    assert preview.status_code == 200, preview.text
    p = preview.json()
    assert p["coupon_id"] == gold["coupon"]  # the best coupon, chosen by itself
    r = _place(client, gold, "one", coupon_id=gold["coupon"], points=500)
    assert r.status_code == 201, r.text
    o = r.json()
    # ¥397 → tier 2% (¥7.94, floor per line) → 满200减20 on ¥389.06 → ¥10 coupon → 500 points
    steps = [d["step"] for d in o["discounts"]]
    assert steps == ["tier", "promotion", "coupon", "points"]
    assert [d["amount_fen"] for d in o["discounts"]][1:] == [2000, 1000, 500]
    assert o["discount_fen"] == sum(d["amount_fen"] for d in o["discounts"])
    assert sum(ln["discount_fen"] for ln in o["lines"]) == o["discount_fen"]
    assert o["total_fen"] == o["subtotal_fen"] + o["shipping_fen"] - o["discount_fen"]
    assert o["total_fen"] == p["total_fen"] and o["points_used"] == 500
    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == o["number"])).one()
        lines = list(tx.scalars(select(OrderLine).where(OrderLine.order_id == order.id)))
        assert sum(ln.line_total_fen - ln.discount_fen for ln in lines) + order.shipping_fen \
            == order.total_fen
        assert order.coupon_id == gold["coupon"] and order.priority is True
        assert members.loyalty(tx, gold["id"]).points == 4500
    assert promo.coupon_row(db, gold["coupon"]).used_order_number == o["number"]
    _web(client, gold)
    shown = client.get(f"/account/orders/{o['number']}").text
    assert shown.count('data-testid="order-discount"') == 4


def _web(client: TestClient, b: dict[str, Any]) -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/account/login").text)
    assert csrf is not None
    r = client.post("/account/login", data={"login": b["phone"], "password": b["password"],
                                            "csrf": csrf.group(1)}, follow_redirects=False)
    assert r.status_code in (302, 303), r.text


def test_a_used_coupon_is_refused_and_nothing_written(client: TestClient, db: Database,
                                                      market: dict[str, Any],
                                                      gold: dict[str, Any]) -> None:
    assert _place(client, gold, "first", coupon_id=gold["coupon"]).status_code == 201
    fill_cart(db, gold["id"], {gold["polo"]: 1})
    before = _counts(db)
    r = _place(client, gold, "second", coupon_id=gold["coupon"])
    assert r.status_code == 409 and r.json()["error"]["code"] == "promotions.coupon_used"
    assert r.json()["error"]["field"] == "coupon_id"
    assert _counts(db) == before


@pytest.mark.parametrize(("extra", "status", "code"), [
    ({"points": 6000}, 422, "members.points_insufficient"),
    ({"points": 30000}, 422, "members.points_insufficient"),
    ({"coupon_id": 2_000_000}, 404, "promotions.coupon_not_found"),
])
def test_bad_points_and_coupons(client: TestClient, db: Database, gold: dict[str, Any],
                                extra: dict[str, Any], status: int, code: str) -> None:
    before = _counts(db)
    r = _place(client, gold, "bad", **extra)
    assert (r.status_code, r.json()["error"]["code"]) == (status, code), r.text
    assert _counts(db) == before


def test_points_over_half_of_the_goods_refused(client: TestClient, db: Database,
                                               market: dict[str, Any]) -> None:
    b = make_buyer(db, "13800000077")
    _gold(db, b["id"], 50_000)
    fill_cart(db, b["id"], {market["cup"]["skus"][0]: 1})  # ¥39
    r = _place(client, b, "half", points=3000)
    assert r.status_code == 422 and r.json()["error"]["code"] == "orders.points_over_limit"


def test_someone_elses_coupon_and_one_below_its_minimum(client: TestClient, db: Database,
                                                        market: dict[str, Any],
                                                        gold: dict[str, Any]) -> None:
    other = make_buyer(db, "13800000088")
    theirs = _coupon(db, other["id"])
    r = _place(client, gold, "theirs", coupon_id=theirs)
    assert r.status_code == 404 and r.json()["error"]["code"] == "promotions.coupon_not_found"
    big = _coupon(db, gold["id"], name="满1000减100", off_fen=10000, min_spend_fen=100000)
    r = _place(client, gold, "min", coupon_id=big)
    assert r.status_code == 422 and r.json()["error"]["code"] == "coupon.min_spend"
    assert _counts(db)[0] == 0


def test_cancelling_gives_the_coupon_and_points_back(client: TestClient, db: Database,
                                                     settings: Settings,
                                                     gold: dict[str, Any]) -> None:
    r = _place(client, gold, "c", coupon_id=gold["coupon"], points=800)
    number = r.json()["number"]
    cancel = client.post(f"/api/v1/orders/{number}/cancel", json={"reason": "changed my mind"},
                         headers=token(client, gold["phone"]))
    assert cancel.status_code == 200, cancel.text
    deliver_events(db, settings)
    assert promo.coupon_row(db, gold["coupon"]).status == "available"
    with db.reading() as tx:
        assert members.loyalty(tx, gold["id"]).points == 5000
