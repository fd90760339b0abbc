"""GET /admin: the one admin home, its figures and links, a fixed number of statements
whatever the number of orders, and the dashboard permission."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.access import team
from mercato.orders.adapters.tables import Order
from mercato.platform import clock
from mercato.platform.db import Database
from tests.access.test_permission_matrix import staff_routes
from tests.orders import admin_factory as f
from tests.orders.dashboard_rows import add_order
from tests.orders.dashboard_shop import NOW, dashboard_shop
from tests.storefront.helpers import count_queries


@pytest.fixture
def at_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)


def _values(html: str) -> dict[str, int]:
    return {
        k: int(v) for k, v in re.findall(r'data-metric="(\w+)".*?data-value="(\d+)"', html, re.S)
    }


def test_admin_home_is_one_route(app: Any) -> None:
    homes = [(m, p) for m, p, _area, _api in staff_routes(app) if p == "/admin"]
    assert homes == [("GET", "/admin")]


def test_page_shows_the_figures_and_links(
    admin: TestClient, db: Database, shop: Any, at_now: None
) -> None:
    dashboard_shop(db, shop)
    html = admin.get("/admin").text
    assert _values(html) == {"gmv": 16000, "orders": 3, "customers": 2, "average": 5333}
    assert "¥160.00" in html and "▲ 700.0%" in html and "上期 ¥20.00" in html
    # To ship: the warehouse's shipment queue (logistics), empty here: these orders were
    # written as rows, never paid through the bus (tests/logistics count a real queue).
    assert re.search(r'href="/admin/shipments"[^>]*data-todo="to_ship"', html)
    assert re.search(r'data-todo="to_ship">.*?<b data-count>0</b>', html, re.S)
    assert 'href="/admin/payments/refunds"' in html
    assert 'href="/admin/orders?date_from=2026-03-10&amp;date_to=2026-03-10"' in html
    week = admin.get("/admin?period=7d").text
    assert _values(week) == {"gmv": 30000, "orders": 6, "customers": 5, "average": 5000}
    assert 'href="/admin/orders?date_from=2026-03-04&amp;date_to=2026-03-10"' in week
    assert '<script src="/static/vendor/echarts.min.js?v=' in week
    assert '"gmv": 16000, "orders": 3' in week  # the chart's JSON: today's day


def test_the_chart_library_is_only_on_the_dashboard(admin: TestClient) -> None:
    assert "echarts" not in admin.get("/admin/orders").text


def _orders(db: Database, shop: Any, n: int, start: int) -> None:
    skus = [(shop[k]["id"], s) for k in ("tee", "polo", "cup") for s in shop[k]["skus"]]
    with db.transaction() as tx:
        for i in range(n):
            product, sku = skus[i % len(skus)]
            day = 10 - (i % 40) // 2 if i % 40 < 20 else 1 + i % 28
            month = 3 if i % 40 < 20 else 2
            paid = f"2026-{month:02d}-{day:02d} {(i * 7) % 24:02d}:15"
            add_order(tx, start + i, 1000 + i, paid, "completed", [(product, sku, 1, 900)])


def test_statements_do_not_grow_with_orders(
    admin: TestClient, db: Database, shop: Any, at_now: None
) -> None:
    dashboard_shop(db, shop)
    admin.get("/admin")  # warm: sessions, caches
    with count_queries(db) as few:
        assert admin.get("/admin").status_code == 200
    _orders(db, shop, 400, 100)
    with count_queries(db) as many:
        assert admin.get("/admin?period=30d&top=units").status_code == 200
    assert len(few) == len(many), (few, many)
    assert len(many) <= 12, many  # the staff session, then the dashboard's 7


def _member(db: Database, email: str, permissions: list[str]) -> None:
    with db.transaction() as tx:
        code = f"r{abs(hash(email)) % 10**8}"
        team.save_role(tx, None, team.RoleData(code, code, permissions))
        team.add_staff(tx, email, "correct-horse-9", "", code)


def _signed_in(app: Any, email: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    r = client.post("/admin/login", data={"email": email, "password": "correct-horse-9"})
    assert r.status_code == 303, r.text
    return client


def test_without_dashboard_view_the_home_is_refused(app: Any, db: Database) -> None:
    _member(db, "clerk@example.com", ["orders.view", "orders.edit"])
    r = _signed_in(app, "clerk@example.com").get("/admin")
    assert r.status_code == 403 and "您没有执行此操作的权限" in r.text


def test_figures_link_only_where_the_member_may_go(
    app: Any, db: Database, shop: Any, at_now: None
) -> None:
    dashboard_shop(db, shop)
    _member(db, "boss@example.com", ["dashboard.view"])
    html = _signed_in(app, "boss@example.com").get("/admin").text
    assert _values(html)["gmv"] == 16000
    for page in ("/admin/orders", "/admin/payments", "/admin/stock", "/admin/products/"):
        assert f'href="{page}' not in html, page


def test_a_real_order_paid_now_counts_today(admin: TestClient, db: Database, shop: Any) -> None:
    market = f.order_shop(db, shop)
    buyer = f.customer(db, "13700000001")
    number = f.place(db, buyer, {market["tee"]["skus"][0]: 2})
    f.pay(db, number)
    with db.reading() as tx:
        total = tx.scalar(select(Order.total_fen).where(Order.number == number))
    values = _values(admin.get("/admin").text)
    assert values == {"gmv": total, "orders": 1, "customers": 1, "average": total}
