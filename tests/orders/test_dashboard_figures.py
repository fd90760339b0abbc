"""The dashboard's figures against hand-computed ones (tests/orders/dashboard_shop.py):
periods are the shop's local days up to now, compared with the same span before up to the
same time of day; an order paid at 23:30 or 00:30 in Shanghai counts on that local day; a
customer who paid twice counts once; money is integer fen."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from mercato.orders.adapters import dashboard_queries as q
from mercato.orders.adapters.dashboard_queries import Figures
from mercato.orders.web import admin_dashboard
from mercato.orders.web import dashboard_view as view
from mercato.platform import clock
from mercato.platform.db import Database
from tests.orders.dashboard_rows import utc
from tests.orders.dashboard_shop import NOW, dashboard_shop


@pytest.fixture
def data(db: Database, shop: dict[str, Any]) -> dict[str, Any]:
    return dashboard_shop(db, shop)


def test_periods_are_local_days_up_to_now() -> None:
    found = view.periods(NOW)
    today, week, month = found["today"], found["7d"], found["30d"]
    assert today.current == q.Window(utc("2026-03-10 00:00"), NOW)
    assert today.previous == q.Window(utc("2026-03-09 00:00"), utc("2026-03-09 14:00"))
    assert (week.first_day, week.last_day) == (date(2026, 3, 4), date(2026, 3, 10))
    assert week.previous == q.Window(utc("2026-02-25 00:00"), utc("2026-03-03 14:00"))
    assert month.current.start == utc("2026-02-09 00:00")
    assert month.previous == q.Window(utc("2026-01-10 00:00"), utc("2026-02-08 14:00"))


def test_a_period_keeps_its_wall_clock_across_daylight_saving() -> None:
    clock.set_zone("America/New_York")  # clocks went forward on 2026-03-08
    try:
        now = utc("2026-03-10 14:00")  # 02:00 in New York on the 10th (EDT, UTC-4)
        week = view.periods(now)["7d"]
        assert week.current.start.isoformat() == "2026-03-04T05:00:00"  # EST midnight
        assert week.previous.end.isoformat() == "2026-03-03T07:00:00"  # 02:00 EST
    finally:
        clock.set_zone(clock.DEFAULT_ZONE)


def test_figures_by_hand(db: Database, data: dict[str, Any]) -> None:
    with db.reading() as tx:
        got = q.figures(tx, view.windows(view.periods(NOW)))
    # Today: orders 1, 2 and 3 (00:30 is today); c1 paid twice and counts once.
    assert got["today"] == Figures(16000, 3, 2)
    assert got["today"].average_fen == 5333  # 160.00 / 3, rounded to the fen
    # Yesterday until 14:00: order 5 only (order 4 was paid at 23:30, after 14:00).
    assert got["today.previous"] == Figures(2000, 1, 1)
    # 03-04 00:00 → now: orders 1-6 (order 6 at 00:10 on the 4th is in, order 7 is not).
    assert got["7d"] == Figures(30000, 6, 5)
    assert got["7d.previous"] == Figures(0, 0, 0)  # order 7 came after 14:00 on 03-03
    # 02-09 → now: orders 1-7 and 10 (c2 paid twice); the previous 30 days: order 8.
    assert got["30d"] == Figures(43000, 8, 6)
    assert got["30d.previous"] == Figures(3000, 1, 1)


def test_changes_against_the_previous_period(db: Database, data: dict[str, Any]) -> None:
    with db.reading() as tx:
        got = q.figures(tx, view.windows(view.periods(NOW)))
    today = {m.key: m for m in view.metrics(got["today"], got["today.previous"])}
    assert today["gmv"].change == 7000  # +700.0 %
    assert today["orders"].change == 2000
    assert today["customers"].change == 1000
    assert today["average"].change == 1667  # 5333 against 2000: +166.65 % → +166.7 %
    week = view.metrics(got["7d"], got["7d.previous"])
    assert {m.change for m in week} == {None}  # nothing to compare with
    assert view.change_permille(95, 100) == -50 and view.percent(-50) == "5.0%"
    assert view.yuan(1234567) == "¥12,345.67" and view.yuan(5) == "¥0.05"


def test_sales_per_local_day(db: Database, data: dict[str, Any]) -> None:
    days, bounds = view.chart_days(NOW)
    assert (days[0], days[-1], len(days)) == (date(2026, 2, 9), date(2026, 3, 10), 30)
    with db.reading() as tx:
        series = dict(zip(days, q.per_range(tx, bounds), strict=True))
    assert series[date(2026, 3, 10)] == (16000, 3)  # 00:30 local is 03-09 in UTC
    assert series[date(2026, 3, 9)] == (10000, 2)  # 23:30 local stays on the 9th
    assert series[date(2026, 3, 4)] == (4000, 1)
    assert series[date(2026, 3, 3)] == (6000, 1)
    assert series[date(2026, 2, 20)] == (7000, 1)
    assert sum(g for g, _n in series.values()) == 43000  # the 30-day figure
    assert sum(n for _g, n in series.values()) == 8


def test_waiting_and_refunds_owed(db: Database, data: dict[str, Any]) -> None:
    with db.reading() as tx:
        assert q.waiting(tx) == {"pending_payment": 1, "paid": 1, "picking": 1}
        assert q.refunds_owed(tx) == 1  # order 3's; order 7's was refunded


def test_best_sellers_and_stock_running_low(db: Database, data: dict[str, Any]) -> None:
    T, P, C, t, p, c = (data[k] for k in ("T", "P", "C", "t", "p", "c"))
    with db.reading() as tx:
        ctx = admin_dashboard.context(tx, NOW, "30d", "gmv", "zh_CN")
        by_units = admin_dashboard.context(tx, NOW, "30d", "units", "zh_CN")["best"]
    best = [(r["sales"].product_id, r["sales"].units, r["sales"].gmv_fen) for r in ctx["best"]]
    assert best == [(T, 9, 20000), (P, 4, 16000), (C, 8, 7000)]  # orders 8, 9 not in
    assert [r["sales"].product_id for r in by_units] == [T, C, P]
    assert [r["share"] for r in ctx["best"]] == [100, 80, 35]
    assert ctx["best"][0]["sku"].product_name == "纯棉圆领T恤"
    low = [(r["stock"].sku_id, r["stock"].available, r["stock"].cover_days) for r in ctx["low"]]
    # Sold out first, then the fewest days left (10 units / 6 sold in 30 days = 50 days);
    # tee0 (200 left) is not low; tee2 (sold before) and tee3 (unpaid) are not watched.
    assert low == [(c[0], 0, 0), (c[1], 10, 50), (t[1], 10, 100), (p[0], 10, 100), (p[1], 10, 300)]
    assert ctx["low_total"] == 5
    assert ctx["to_ship"] == 2 and ctx["picking"] == 1 and ctx["to_pay"] == 1
    assert ctx["refunds"] == 1


def test_nothing_sold_yet(db: Database) -> None:
    with db.reading() as tx:
        ctx = admin_dashboard.context(tx, NOW, "today", "gmv", "en")
    assert ctx["best"] == [] and ctx["low"] == [] and ctx["low_total"] == 0
    assert ctx["chart"]["gmv"] == 0 and len(ctx["chart"]["rows"]) == 30
    assert [m.value for m in ctx["metrics"]] == [0, 0, 0, 0]
