"""Issue 16: a cart priced through the whole pipeline costs the same number of SQL statements
for 1 or 50 lines, with no promotion or 200 running (of every kind, scoped every way) and with
no coupon or 10,000 issued (100 of them the buyer's): the cart page (signed in), the checkout
preview with the coupon chosen for the buyer, and placing an order with a coupon and points.
Promotions and coupons are written in bulk (rows, not the services) to keep the test quick."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import insert

from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.pricing import public as pricing
from mercato.promotions import domain
from mercato.promotions.adapters.rows import scope_text
from mercato.promotions.adapters.tables import Coupon, Promotion
from tests.checkout.shipping_factory import shipping_methods
from tests.factories import base_taxonomy, make_product
from tests.members.conftest import page_login
from tests.members.loyalty_helpers import hold_tier
from tests.orders.conftest import fill_cart, make_buyer
from tests.payments.order_helpers import token
from tests.promotions.helpers import template
from tests.storefront.helpers import count_queries

PROMOTIONS, COUPONS, MINE = 200, 10_000, 100
LINES, QUANTITY, POINTS = 50, 2, 100


def _catalogue(db: Database) -> dict[str, Any]:
    """55 SKUs over 5 products in two categories and two brands, stock for every order."""
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        shipping_methods(tx)
        made = [
            make_product(tx, t, f"p{p}", f"商品{p}", f"Product {p}",
                         [(f"P{p}-{k}", 5000 + 100 * k, [("size", f"S{k}", f"S{k}")])
                          for k in range(11)],
                         category=("tees", "cups")[p % 2], brand=("brand", "other_brand")[p % 2],
                         stock_qty=100)
            for p in range(5)
        ]
    return {**t, "products": [m["id"] for m in made], "skus": [s for m in made for s in m["skus"]]}


def _scope(i: int, world: dict[str, Any]) -> pricing.Scope:
    """Every way a promotion is scoped, in turn: store-wide, a category, a brand, products,
    all but a product, a tier, a channel, several axes at once."""
    products = world["products"]
    return [
        pricing.Scope(),
        pricing.Scope(categories=frozenset({world[("tees", "cups")[i % 2]]})),
        pricing.Scope(brands=frozenset({("north-hill", "blue-lake")[i % 2]})),
        pricing.Scope(products=frozenset(products[i % 5: i % 5 + 2])),
        pricing.Scope(exclude_products=frozenset({products[i % 5]})),
        pricing.Scope(tiers=frozenset({"gold", "diamond"})),
        pricing.Scope(channels=frozenset({("web", "app")[i % 2]})),
        pricing.Scope(categories=frozenset({world["tees"]}), brands=frozenset({"north-hill"}),
                      tiers=frozenset({"gold"})),
    ][i // len(pricing.KINDS) % 8]


def _promotions(db: Database, world: dict[str, Any]) -> None:
    """200 running promotions: every kind, scope and stacking, small rates."""
    now = utcnow()
    rows = [{"name": f"促销{i}", "kind": pricing.KINDS[i % len(pricing.KINDS)], "enabled": True,
             "priority": i % 11,
             "stacking": pricing.EXCLUSIVE if i % 7 == 6 else pricing.STACK,
             "percent_off_bp": 100 + i % 4 * 50, "buy": 3, "pay": 2, "nth": 2,
             "tiers": "[[10000, 500], [30000, 2000]]", "over_fen": 5000,
             "scope": scope_text(_scope(i, world)), "starts_at": now - timedelta(hours=1),
             "ends_at": now + timedelta(days=1 + i % 9) if i % 3 else None,
             "created_by": "t", "created_at": now, "updated_at": now}
            for i in range(PROMOTIONS)]
    with db.transaction() as tx:
        tx.execute(insert(Promotion), rows)


def _coupons(db: Database, templates: list[int], owners: list[int], first: int,
             n: int) -> list[int]:
    """n issued coupons, dealt to `owners` in turn over the templates; their ids."""
    now = utcnow()
    rows = [{"template_id": templates[i % len(templates)], "customer_id": owners[i % len(owners)],
             "code": f"B{first + i:011d}", "off_fen": 0, "status": domain.AVAILABLE,
             "starts_at": now - timedelta(days=1), "ends_at": now + timedelta(days=2 + i % 20),
             "source": "manual", "source_ref": f"b{first + i}", "issued_at": now}
            for i in range(n)]
    with db.transaction() as tx:
        return list(tx.scalars(insert(Coupon).returning(Coupon.id), rows))


class Shop:
    """The catalogue, the coupon templates and a fresh gold buyer per measurement."""

    def __init__(self, db: Database) -> None:
        self.db, self.world, self.made, self.issued = db, _catalogue(db), 0, 0
        # Any cart takes the first (¥1 off, no minimum); the others are picked among.
        self.templates = [
            template(db, name="立减1元", off_fen=100, min_spend_fen=0),
            template(db, name="满100减10", off_fen=1000, min_spend_fen=10_000),
            template(db, name="9折券", kind=pricing.PERCENT_OFF, off_fen=0, percent_off_bp=1000,
                     cap_fen=5000, min_spend_fen=0),
            template(db, name="T恤券", off_fen=500, min_spend_fen=0,
                     scope=pricing.Scope(categories=frozenset({self.world["tees"]}))),
        ]

    def buyer(self, lines: int, coupons: int) -> dict[str, Any]:
        """A gold member with points, `lines` cart lines and `coupons` coupons of their own."""
        self.made += 1
        b = make_buyer(self.db, f"1370000{self.made:04d}")
        with self.db.transaction() as tx:
            hold_tier(tx, b["id"], "gold")
            members.earn_points(tx, b["id"], 10_000, "earn", f"t-{b['id']}", "test")
        fill_cart(self.db, b["id"], dict.fromkeys(self.world["skus"][:lines], QUANTITY))
        b["coupons"] = self.coupons([b["id"]], coupons)
        return b

    def coupons(self, owners: list[int], n: int) -> list[int]:
        if not n:
            return []
        made = _coupons(self.db, self.templates, owners, self.issued, n)
        self.issued += n
        return made


def _steps(body: dict[str, Any]) -> set[str]:
    return {d["step"] for d in body["discounts"]}


def _cart_page(client: TestClient, db: Database, b: dict[str, Any]) -> int:
    page_login(client, b["phone"], b["password"])
    assert client.get("/cart").status_code == 200  # the first view renders; count a hit
    with count_queries(db) as seen:
        r = client.get("/cart")
    assert r.status_code == 200 and r.text.count('data-testid="line-check"') == b["lines"]
    assert ("促销" in r.text) == b["promoted"]  # the promotions' names under the lines
    return len(seen)


def _preview(client: TestClient, db: Database, b: dict[str, Any]) -> int:
    h, body = token(client, b["phone"]), {"address_id": b["address_id"]}
    assert client.post("/api/v1/checkout/preview", json=body, headers=h).status_code == 200
    with count_queries(db) as seen:
        r = client.post("/api/v1/checkout/preview", json=body, headers=h)
    assert r.status_code == 200, r.text
    got = r.json()
    assert len(got["coupons"]) == len(b["coupons"]) and got["item_count"] == b["lines"] * QUANTITY
    assert (got["coupon_id"] is not None) == bool(b["coupons"]), got
    assert ("promotion" in _steps(got)) == b["promoted"], got["discounts"]
    return len(seen)


def _order(client: TestClient, db: Database, b: dict[str, Any]) -> int:
    h = {**token(client, b["phone"]), "Idempotency-Key": f"k-{b['id']}"}
    body = {"address_id": b["address_id"], "shipping_method": "std",
            "coupon_id": b["coupons"][0], "points": POINTS}
    with count_queries(db) as seen:
        r = client.post("/api/v1/orders", json=body, headers=h)
    assert r.status_code == 201, r.text
    got = r.json()
    assert len(got["lines"]) == b["lines"] and got["points_used"] == POINTS
    assert {"coupon", "points"} <= _steps(got), got["discounts"]
    assert ("promotion" in _steps(got)) == b["promoted"], got["discounts"]
    return len(seen)


Measure = Callable[[TestClient, Database, dict[str, Any]], int]


def _counts(client: TestClient, db: Database, measure: Measure,
            least_coupons: int) -> tuple[dict[str, int], dict[str, int]]:
    """Statements of `measure` for 1 and 50 lines, before and after 200 promotions and
    10,000 coupons (the buyer holding `least_coupons` before, 100 after)."""
    shop = Shop(db)
    bare: dict[str, int] = {}
    loaded: dict[str, int] = {}

    def run(out: dict[str, int], lines: int, coupons: int, promoted: bool = False) -> None:
        b = shop.buyer(lines, coupons)
        out[f"{lines} lines"] = measure(client, db, {**b, "lines": lines,
                                                     "promoted": promoted or out is loaded})

    run({}, 1, least_coupons)  # the app's first use (caches filled): not counted
    run(bare, 1, least_coupons)
    run(bare, LINES, least_coupons)
    _promotions(db, shop.world)
    shop.coupons(list(range(900_000, 900_099)), COUPONS - 2 * MINE)
    run({}, 1, MINE, True)  # the promotions read once after they changed (then cached): not counted
    run(loaded, 1, MINE)
    run(loaded, LINES, MINE)
    assert shop.issued == COUPONS + MINE + 3 * least_coupons  # MINE: the uncounted buyer
    return bare, loaded


# An order that got promotions writes its promotion redemptions with a second INSERT into
# promotions_redemption, apart from the coupon's own (promotions.use_coupon, then
# record_promotions): one statement more with promotions than without, however many apply.
# Written as one executemany (the coupon's row among the promotions'), it would be 0.
SPLIT_REDEMPTIONS = 1


@pytest.mark.parametrize(("measure", "least_coupons", "more_with_promotions"),
                         [(_cart_page, 0, 0), (_preview, 0, 0), (_order, 1, SPLIT_REDEMPTIONS)],
                         ids=["cart page", "checkout preview", "order with coupon and points"])
def test_statements_do_not_grow(client: TestClient, db: Database, measure: Measure,
                                least_coupons: int, more_with_promotions: int) -> None:
    bare, loaded = _counts(client, db, measure, least_coupons)
    assert bare["1 lines"] == bare[f"{LINES} lines"], bare
    assert loaded["1 lines"] == loaded[f"{LINES} lines"], loaded
    assert loaded["1 lines"] == bare["1 lines"] + more_with_promotions, (bare, loaded)
