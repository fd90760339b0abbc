"""GET /admin/analytics/forecast and its CSVs on the small shop, "now" Wed 2026-03-18 in
Shanghai: the history ends with the week of Mon 03-09, the forecast is for the weeks of
03-16, 03-23, 03-30 and 04-06. Orders (paid Wednesdays at noon):

SKU       sold per week                      stock  forecast (4 weeks)  cover (days)
TEE-WH-M  7, the 12 weeks 12-22 … 03-09      10     7 a week: 28        10 ÷ (28 ÷ 28) = 10: flag
TEE-BL-M  2, 4, 6 the weeks 02-23 … 03-09    10     mean 4: 16          10 ÷ (16 ÷ 28) = 17.5
MUG-350   14, the same 12 weeks              100    14 a week: 56       100 ÷ (56 ÷ 28) = 50

Flag: under 14 days (the lead time). TEE-BL-M has 3 weeks: not enough history, its mean.

TEE-WH-M also sold 100 on Mon 03-16: this week, not history yet. The backtest's one fold
(12 weeks: the last 4 tested after 8) scores TEE-WH-M and MUG-350: 2 SKUs, 8 SKU-weeks."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.inventory import services as stock
from mercato.platform import clock
from mercato.platform.db import Database
from tests.orders.dashboard_rows import add_order, utc
from tests.orders.staff_helpers import member
from tests.storefront.helpers import count_queries

NOW = utc("2026-03-18 10:00")
RANGE = "from=2026-02-23&to=2026-03-18"  # the chart's history: the last three whole weeks


def _shop(db: Database, shop: dict[str, Any]) -> dict[str, int]:
    tee, cup = shop["tee"], shop["cup"]
    ids = {"wh": tee["skus"][0], "bl": tee["skus"][2], "mug": cup["skus"][0]}
    first = date(2025, 12, 24)  # the Wednesday of the week of Mon 12-22
    with db.transaction() as tx:
        stock.set_on_hand(tx, ids["mug"], shop["warehouse"], 100, "count", "test")
        for n in range(12):
            paid = f"{first + timedelta(weeks=n)} 12:00"
            add_order(tx, 1, 700, paid, "completed", [(tee["id"], ids["wh"], 7, 700)])
            add_order(tx, 2, 1400, paid, "completed", [(cup["id"], ids["mug"], 14, 1400)])
        for n, units in ((9, 2), (10, 4), (11, 6)):
            paid = f"{first + timedelta(weeks=n)} 12:00"
            add_order(tx, 3, 100 * units, paid, "completed",
                      [(tee["id"], ids["bl"], units, 100 * units)])
        add_order(tx, 4, 1, "2026-03-16 09:00", "paid", [(tee["id"], ids["wh"], 100, 1)])
    return ids


@pytest.fixture
def at_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: NOW)


def _chart(html: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="forecast-data">(.*?)</script>', html, re.S)
    assert m, "no chart JSON"
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def _cells(html: str, sku: int) -> dict[str, str]:
    row = re.search(rf'<tr data-sku="{sku}".*?</tr>', html, re.S)
    assert row, f"no row for SKU {sku}"
    return dict(re.findall(r'data-col="(\w+)"[^>]*>\s*([^<]*?)\s*<', row.group(0)))


def test_the_table_by_cover(admin: TestClient, db: Database, shop: Any, at_now: None) -> None:
    ids = _shop(db, shop)
    r = admin.get(f"/admin/analytics/forecast?{RANGE}")
    assert r.status_code == 200, r.text
    html = r.text
    assert re.findall(r'<tr data-sku="(\d+)"', html) == [str(ids[k]) for k in ("wh", "bl", "mug")]
    assert _cells(html, ids["wh"]) == {"recent": "28", "forecast": "28", "available": "10",
                                       "cover": "10"}
    assert _cells(html, ids["bl"]) == {"recent": "12", "forecast": "16", "available": "10",
                                       "cover": "18"}
    assert _cells(html, ids["mug"]) == {"recent": "56", "forecast": "56", "available": "100",
                                        "cover": "50"}
    assert html.count('data-flag="short"') == 1 and html.count('data-flag="history"') == 1
    short = re.search(r'data-testid="kpi-short".*?data-value="(\d+)"', html, re.S)
    assert short and short[1] == "1"
    assert "立即补货" in html and "TEE-WH-M" in html and "陶瓷马克杯 · 容量: 350毫升" in html


def test_the_chart_of_the_first_or_the_chosen_sku(
    admin: TestClient, db: Database, shop: Any, at_now: None
) -> None:
    ids = _shop(db, shop)
    chart = _chart(admin.get(f"/admin/analytics/forecast?{RANGE}").text)
    weeks = chart["weeks"]
    assert chart["sku"] == "TEE-WH-M"
    assert [w["week"] for w in weeks] == ["2026-02-23", "2026-03-02", "2026-03-09",
                                          "2026-03-16", "2026-03-23", "2026-03-30", "2026-04-06"]
    assert [w["sold"] for w in weeks] == [7.0, 7.0, 7.0, None, None, None, None]
    assert [w["forecast"] for w in weeks[3:]] == pytest.approx([7.0] * 4, abs=0.01)
    assert [w["baseline"] for w in weeks[3:]] == [7.0] * 4
    html = admin.get(f"/admin/analytics/forecast?{RANGE}&sku={ids['mug']}").text
    mug = _chart(html)["weeks"]
    assert [w["sold"] for w in mug[:3]] == [14.0] * 3 and mug[3]["forecast"] == 14.0
    assert '<tr data-week="2026-04-06">' in html  # the same figures as a table
    assert 'data-testid="not-enough"' in admin.get(
        f"/admin/analytics/forecast?{RANGE}&sku={ids['bl']}").text


def _csv(admin: TestClient, path: str) -> list[list[str]]:
    r = admin.get(path)
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf")
    assert r.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_the_csvs(admin: TestClient, db: Database, shop: Any, at_now: None) -> None:
    ids = _shop(db, shop)
    head, wh, bl, mug = _csv(admin, f"/admin/analytics/forecast.csv?{RANGE}")
    assert head[3:9] == ["sold_last_4_weeks", "forecast_2026-03-16", "forecast_2026-03-23",
                         "forecast_2026-03-30", "forecast_2026-04-06", "forecast_4_weeks"]
    assert wh[:4] == [str(ids["wh"]), "TEE-WH-M", "纯棉圆领T恤 · 颜色: 白色 · 尺码: M", "28"]
    assert [float(x) for x in wh[4:9]] == pytest.approx([7, 7, 7, 7, 28], abs=0.05)
    assert wh[9:] == ["28.0", "10", "10.0", "1", "level"]
    # 3 weeks: both the forecast and the seasonal naive are its mean, 4 a week.
    assert bl[4:] == ["4.0", "4.0", "4.0", "4.0", "16.0", "16.0", "10", "17.5", "0", "mean"]
    assert mug[0] == str(ids["mug"]) and mug[-3:] == ["50.0", "0", "level"]
    weeks = _csv(admin, f"/admin/analytics/forecast/weeks.csv?{RANGE}&sku={ids['mug']}")
    assert weeks[0] == ["week", "sold", "forecast", "seasonal_naive"]
    assert weeks[1] == ["2026-02-23", "14.0", "", ""] and len(weeks) == 8
    assert weeks[7][0] == "2026-04-06" and weeks[7][3] == "14.0"
    tested = _csv(admin, f"/admin/analytics/forecast/backtest.csv?{RANGE}")
    assert [row[0] for row in tested[1:]] == ["model", "seasonal_naive"]
    assert tested[2][1:6] == ["0.0", "0.0", "0.0", "2", "8"]  # naive: exact on steady sales
    assert float(tested[1][2]) == pytest.approx(0.0, abs=0.01)


def test_the_forecast_is_kept_for_the_day(
    admin: TestClient, db: Database, shop: Any, at_now: None
) -> None:
    _shop(db, shop)
    assert admin.get("/admin/analytics/forecast").status_code == 200
    with count_queries(db) as seen:
        again = admin.get(f"/admin/analytics/forecast?{RANGE}")
    assert again.status_code == 200
    assert not [s for s in seen if "orders_line" in s]  # read back, not computed again


def test_no_sales_yet(admin: TestClient, at_now: None) -> None:
    html = admin.get("/admin/analytics/forecast").text
    assert 'data-testid="forecast-empty"' in html
    assert _chart(html)["weeks"] == []


def test_a_reversed_range_is_refused(admin: TestClient, db: Database, shop: Any,
                                     at_now: None) -> None:
    _shop(db, shop)
    r = admin.get("/admin/analytics/forecast?from=2026-03-10&to=2026-03-01")
    assert r.status_code == 422
    assert 'data-error-for="to"' in r.text and 'data-testid="table-skus"' in r.text
    assert admin.get("/admin/analytics/forecast.csv?from=2026-03-10&to=2026-03-01"
                     ).status_code == 422


def test_staff_without_reports_are_refused(app: Any, db: Database) -> None:
    service = member(app, db, "service")  # customer service: no reports permission
    for path in ("/admin/analytics/forecast", "/admin/analytics/forecast.csv",
                 "/admin/analytics/forecast/weeks.csv", "/admin/analytics/forecast/backtest.csv"):
        assert service.get(path).status_code == 403
    assert member(app, db, "finance").get("/admin/analytics/forecast").status_code == 200
