"""A customer's profile (/admin/analytics/customers/profile.json and on the page): RFM,
lifetime value and the three favourite categories, counted from the product views and adds
to cart of the customer and of their visitors, tied as the funnel ties them.

Catalogue: T恤 (cotton-tee, linen-polo), 杯具 (ceramic-mug; secret-draft, a draft), 包袋
(tote-bag) and 鞋靴 (runner), created in that order. Customer 201's interest, up to 03-31:
- v1, tied to 201 by order N02's page: views of /p/cotton-tee ×2 and an add of a tee SKU
  (T恤: 2 views, 1 add); a beacon view of the mug by product id (杯具)
- v2, tied to 201 by customer id: a view of /p/ceramic-mug and of the draft (杯具 ×2); two
  views of the bag by id (包袋 ×2); a view with the bag's SKU on the runner's page (the SKU
  wins: 包袋); an add of the runner's SKU (鞋靴: 1 add)
- the app, as 201 itself: a view of the mug (杯具)
- not 201's: v3 was tied to 201 (N02), later to 202 (N04): its 5 runner views are 202's;
  v1's view after the range; a view of an unknown page
So 杯具 4 views, T恤 2 + 1, 包袋 3 views (a tie with T恤: the lower category id first),
鞋靴 1 add (fourth: left out)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.analytics.adapters.lake import Lake
from mercato.analytics.domain import Event
from mercato.catalog.services import taxonomy
from mercato.platform.db import Database
from tests.analytics.helpers import ev
from tests.analytics.test_customers_figures import fixed_lake
from tests.factories import make_product

PAGE = "/admin/analytics/customers"
RANGE = "from=2026-01-01&to=2026-03-31"


@pytest.fixture
def catalogue(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    with db.transaction() as tx:
        t = dict(shop)
        t["bags"] = taxonomy.save_category(tx, None, "bags", "包袋", "Bags").id
        t["shoes"] = taxonomy.save_category(tx, None, "shoes", "鞋靴", "Shoes").id
        bag = make_product(tx, t, "tote-bag", "帆布包", "Tote bag", [("BAG-1", 5900, [])],
                           category="bags")
        shoe = make_product(tx, t, "runner", "跑鞋", "Runner", [("SHOE-1", 29900, [])],
                            category="shoes")
    return {**t, "bag": bag, "shoe": shoe}


def _interest(c: dict[str, Any]) -> list[Event]:
    tee_sku, mug, bag, shoe = c["tee"]["skus"][0], c["cup"]["id"], c["bag"], c["shoe"]
    return [
        ev("2026-01-10", "order_placed", None, customer_id=201, order_number="N02"),
        ev("2025-12-20", "order_placed", None, customer_id=202, order_number="N04"),
        ev("2026-01-09", "product_view", "v1", path="/p/cotton-tee"),
        ev("2026-01-09", "product_view", "v1", path="/p/cotton-tee"),
        ev("2026-01-10", "add_to_cart", "v1", path="/cart/add", sku_id=tee_sku),
        ev("2026-01-10", "linked", "v1", order_number="N02"),
        ev("2026-01-11", "product_view", "v1", path="/p/ceramic-mug", product_id=mug),
        ev("2026-02-01", "linked", "v2", customer_id=201),
        ev("2026-02-01", "product_view", "v2", path="/p/ceramic-mug"),
        ev("2026-02-01", "product_view", "v2", product_id=c["draft"]["id"]),
        ev("2026-02-02", "product_view", "v2", product_id=bag["id"]),
        ev("2026-02-02", "product_view", "v2", product_id=bag["id"]),
        ev("2026-02-02", "product_view", "v2", path="/p/runner", sku_id=bag["skus"][0]),
        ev("2026-02-03", "add_to_cart", "v2", path="/cart/add", sku_id=shoe["skus"][0]),
        ev("2026-02-04", "product_view", None, customer_id=201, product_id=mug, channel="app"),
        ev("2026-01-12", "linked", "v3", order_number="N02"),
        ev("2026-02-05", "linked", "v3", order_number="N04"),
        *[ev("2026-02-06", "product_view", "v3", path="/p/runner") for _ in range(5)],
        ev("2026-04-05", "product_view", "v1", path="/p/runner"),
        ev("2026-02-07", "product_view", "v1", path="/p/gone"),
    ]


@pytest.fixture
def lake(app: Any, catalogue: dict[str, Any]) -> Lake:
    return fixed_lake(Lake.of(app.state.settings).root, _interest(catalogue))


def _favourites(c: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"category_id": c["cups"], "name": "杯具", "views": 4, "adds": 0},
            {"category_id": c["tees"], "name": "T恤", "views": 2, "adds": 1},
            {"category_id": c["bags"], "name": "包袋", "views": 3, "adds": 0}]


def test_the_profile_as_json(admin: TestClient, lake: Lake, catalogue: dict[str, Any]) -> None:
    r = admin.get(f"{PAGE}/profile.json?{RANGE}&customer=201")
    assert r.status_code == 200, r.text
    assert r.json() == {
        "from": "2026-01-01", "to": "2026-03-31", "customer_id": 201,
        "rfm": {"recency_days": 11, "frequency": 2, "monetary_fen": 18000, "r": 3, "f": 3,
                "m": 4, "segment": "champions"},
        # N01 5000 + N02 8000 + N03 12000 - 2000 refunded; N14 is after the range
        "first_paid": "2025-09-15", "last_paid": "2026-03-20", "orders": 3, "ltv_fen": 23000,
        "favourites": _favourites(catalogue),
    }


def test_a_visitor_counts_for_its_latest_tie(admin: TestClient, lake: Lake,
                                              catalogue: dict[str, Any]) -> None:
    r = admin.get(f"{PAGE}/profile.json?{RANGE}&customer=202").json()
    assert r["rfm"] is None  # no order within the range
    assert (r["first_paid"], r["orders"], r["ltv_fen"]) == ("2025-12-20", 1, 3000)
    assert r["favourites"] == [
        {"category_id": catalogue["shoes"], "name": "鞋靴", "views": 5, "adds": 0}]


def test_someone_who_never_paid(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"{PAGE}/profile.json?{RANGE}&customer=999").json()
    assert (r["rfm"], r["first_paid"], r["orders"], r["ltv_fen"], r["favourites"]) == (
        None, None, 0, 0, [])
    for bad in ("", "abc", "0", "-3"):
        r = admin.get(f"{PAGE}/profile.json?{RANGE}&customer={bad}")
        assert r.status_code == 422


def test_the_profile_on_the_page(admin: TestClient, lake: Lake, catalogue: dict[str, Any]) -> None:
    text = admin.get(f"{PAGE}?{RANGE}&customer=201").text
    assert 'data-testid="profile-card" data-customer="201"' in text
    assert 'data-segment="champions"' in text and 'data-fen="23000"' in text
    card = text.split('data-testid="favourites"', 1)[1].split("</ol>", 1)[0]
    assert [f'data-category="{c["category_id"]}"' in card for c in _favourites(catalogue)] == [
        True, True, True]
    assert card.index("杯具") < card.index("T恤") < card.index("包袋") and "鞋靴" not in card
    bad = admin.get(f"{PAGE}?{RANGE}&customer=abc")
    assert bad.status_code == 200 and 'data-error-for="customer"' in bad.text
