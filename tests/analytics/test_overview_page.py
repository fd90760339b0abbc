"""The data centre's overview page (/admin/analytics): its figures equal the services' and
the hand-counted ones on a small fixed data set, the filter applies to charts, tables and
CSV links, a refused filter is shown, and only staff with reports see it.

day          events
Sun 03-01    v1 web: page_view x2, product_view, add_to_cart; v2 app: page_view, product_view
             order A placed and paid (customer 11, web, ¥100.00)
Mon 03-02    v1 web: page_view, checkout_started, linked to customer 11; v3 web: page_view
             order B placed and paid (customer 12, app, ¥25.50); order C placed (11, web)
today        v4 web: page_view; order T paid (web, ¥19.99) and U paid (app, ¥10.00)

By day: 03-01 UV 2 (v1 v2), PV 3, 1 order, 1 paid, GMV 10000, conversion 1/2;
        03-02 UV 2 (v1 v3), PV 2, 2 orders, 1 paid, GMV 2550, conversion 1/2.
Funnel: v1 is customer 11 (linked): viewed, carted, checked out, placed A and C, paid A; v2
viewed only; customer 12 never viewed: [2, 1, 1, 1, 1]."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.access import team
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import figures
from mercato.platform import clock
from mercato.platform.db import Database
from tests.analytics.helpers import ev, write

D1, D2 = "2026-03-01", "2026-03-02"
RANGE = "from=2026-03-01&to=2026-03-02"


@pytest.fixture
def lake(admin: TestClient) -> Lake:
    lake = Lake.of(admin.app.state.settings)  # type: ignore[attr-defined]
    today = clock.today().isoformat()
    app = {"channel": "app"}
    write(lake, [
        ev(D1, "page_view", "v1", path="/"), ev(D1, "page_view", "v1", path="/p/a"),
        ev(D1, "product_view", "v1", path="/p/a"), ev(D1, "add_to_cart", "v1", sku_id=1),
        ev(D1, "page_view", "v2", path="/p/b", **app), ev(D1, "product_view", "v2", **app),
        ev(D1, "order_placed", None, customer_id=11, order_number="A", value_fen=10000),
        ev(D1, "order_paid", None, customer_id=11, order_number="A", value_fen=10000),
        ev(D2, "page_view", "v1", path="/checkout"), ev(D2, "checkout_started", "v1"),
        ev(D2, "linked", "v1", customer_id=11), ev(D2, "page_view", "v3", path="/"),
        ev(D2, "order_placed", None, customer_id=12, order_number="B", value_fen=2550, **app),
        ev(D2, "order_paid", None, customer_id=12, order_number="B", value_fen=2550, **app),
        ev(D2, "order_placed", None, customer_id=11, order_number="C", value_fen=4001),
        ev(today, "page_view", "v4", path="/"),
        ev(today, "order_paid", None, customer_id=13, order_number="T", value_fen=1999),
        ev(today, "order_paid", None, customer_id=14, order_number="U", value_fen=1000, **app),
    ])
    return lake


def _chart(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="overview-data">(.*?)</script>',
                      html, re.S)
    assert found, "no chart data"
    return dict(json.loads(found.group(1)))


def _table(html: str, testid: str) -> list[list[str]]:
    body = re.search(rf'data-testid="{testid}">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert body, testid
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S)]


def _live(html: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(
        r'data-live="(\w+)"[^>]*>\s*<span[^>]*>[^<]*</span>\s*<b class="kpi-value" '
        r'data-value="(\d+)"', html)}


def test_the_page_shows_the_services_figures(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"/admin/analytics?{RANGE}")
    assert r.status_code == 200
    chart = _chart(r.text)
    first, last = date(2026, 3, 1), date(2026, 3, 2)
    keys = ("uv", "pv", "orders", "paid_orders", "gmv_fen", "conversion")
    assert [{k: row[k] for k in ("period", *keys)} for row in chart["rows"]] == [
        {"period": r.period.isoformat(), **{k: getattr(r, k) for k in keys}}
        for r in figures.traffic(lake, first, last)]
    assert [(row["uv"], row["pv"], row["orders"], row["paid_orders"], row["gmv_fen"],
             row["conversion"]) for row in chart["rows"]] == [
        (2, 3, 1, 1, 10000, 0.5), (2, 2, 2, 1, 2550, 0.5)]
    assert [{k: s[k] for k in ("step", "people", "drop", "of_first")}
            for s in chart["funnel"]] == [asdict(s) for s in figures.funnel(lake, first, last)]
    assert [s["people"] for s in chart["funnel"]] == [2, 1, 1, 1, 1]
    assert _table(r.text, "traffic-table") == [  # the latest period first
        ["2026-03-02", "2", "2", "2", "1", "1", "¥25.50", "¥25.50", "50.00%"],
        ["2026-03-01", "2", "3", "1", "1", "1", "¥100.00", "¥100.00", "50.00%"]]
    assert _table(r.text, "funnel-table")[:2] == [
        ["浏览商品", "2", "—", "100.00%"], ["加入购物车", "1", "50.00%", "50.00%"]]
    assert "¥125.50" in r.text  # the range's GMV
    assert _live(r.text) == {"gmv_fen": 2999, "paid_orders": 2, "visitors": 1, "aov_fen": 1500}


def test_the_filter_applies_to_charts_tables_cards_and_links(
    admin: TestClient, lake: Lake
) -> None:
    r = admin.get(f"/admin/analytics?{RANGE}&grain=week&channel=app")
    assert r.status_code == 200
    chart = _chart(r.text)
    # 03-01 is a Sunday: its week began on 02-23; 03-02 starts the next one. The app alone:
    # v2's visit on 03-01, order B on 03-02 (conversion 1 buyer / 0 visitors shows 0).
    assert [(row["period"], row["uv"], row["orders"], row["paid_orders"], row["gmv_fen"])
            for row in chart["rows"]] == [("2026-02-23", 1, 0, 0, 0), ("2026-03-02", 0, 1, 1, 2550)]
    assert [row[0] for row in _table(r.text, "traffic-table")] == [
        "2026-03-02 当周", "2026-02-23 当周"]
    assert [s["people"] for s in chart["funnel"]] == [1, 0, 0, 0, 0]  # v2 viewed in the app
    assert _live(r.text) == {"gmv_fen": 1000, "paid_orders": 1, "visitors": 0, "aov_fen": 1000}
    query = "from=2026-03-01&amp;to=2026-03-02&amp;grain=week&amp;channel=app"
    assert f'href="/admin/analytics/traffic.csv?{query}"' in r.text
    assert f'href="/admin/analytics/funnel.csv?{query}"' in r.text
    assert 'data-url="/admin/analytics/live?channel=app"' in r.text


def test_the_csv_links_download_with_the_page_session(admin: TestClient, lake: Lake) -> None:
    r = admin.get(f"/admin/analytics/traffic.csv?{RANGE}&grain=day&channel=app")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    assert r.content.decode("utf-8-sig").splitlines() == [
        "period,uv,pv,orders,paid_orders,buyers,gmv_fen,aov_fen,conversion",
        "2026-03-01,1,1,0,0,0,0,0,0.0", "2026-03-02,0,0,1,1,1,2550,2550,0.0"]
    r = admin.get(f"/admin/analytics/funnel.csv?{RANGE}&grain=day")
    assert r.content.decode("utf-8-sig").splitlines() == [
        "step,people,drop,of_first", "product_view,2,0.0,1.0", "add_to_cart,1,0.5,0.5",
        "checkout_started,1,0.0,0.5", "order_placed,1,0.0,0.5", "order_paid,1,0.0,0.5"]


@pytest.mark.parametrize(("query", "field"), [
    ("from=2026-03-02&to=2026-03-01", "to"), ("grain=year", "grain"), ("channel=tv", "channel")])
def test_a_refused_filter_is_422_with_its_error_and_the_default_range(
    admin: TestClient, lake: Lake, query: str, field: str
) -> None:
    r = admin.get(f"/admin/analytics?{query}")
    assert r.status_code == 422
    assert re.search(rf'<p class="errors" role="alert" data-error-for="{field}">\S', r.text)
    assert f'value="{clock.today().isoformat()}"' in r.text  # the default range, to today
    assert len(_chart(r.text)["rows"]) == 30


def test_only_staff_with_reports_see_the_page(client: TestClient, db: Database) -> None:
    with db.transaction() as tx:
        team.add_staff(tx, "kefu@example.com", "correct-horse-9", "", "service")
    assert client.get("/admin/analytics", follow_redirects=False).status_code == 303  # sign in
    r = client.post("/admin/login", data={"email": "kefu@example.com",
                                          "password": "correct-horse-9"}, follow_redirects=False)
    assert r.status_code == 303
    for url in ("/admin/analytics", "/admin/analytics/live"):
        r = client.get(url)
        assert r.status_code == 403 and "您没有执行此操作的权限" in r.text
