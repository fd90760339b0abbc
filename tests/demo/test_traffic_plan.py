"""The demo's visitors, planned (pure): a buyer's visit up to the order in the right order
and ending on the order's own pages, the same ids for the same day planned again, a small
shop's number of visitors with the shop's rhythm, and the evening crowd."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import date, datetime, timedelta

from mercato.demo import history_plan
from mercato.demo.traffic_plan import (
    FEWEST,
    MOST,
    Bought,
    Crowd,
    Day,
    Item,
    Line,
    plan_day,
    visitors,
)

DAY = date(2026, 11, 29)  # a Sunday
START = datetime(2026, 11, 28, 16, 0)  # its first moment in Shanghai, as stored (UTC)
ITEMS = [
    Item(10, "/p/tee", "/c/shirts-tees", (101, 102), ("衬衫T恤", "棉柔家")),
    Item(20, "/p/cup", "/c/drinkware", (201,), ("杯壶",)),
]
ORDER = Bought("2611290000000001", 7, START + timedelta(minutes=5),  # 00:05 local
               (Line(10, 102, "/p/tee", 2),))


def _day() -> Day:
    return Day(DAY, START, START + timedelta(days=1))


def _crowd() -> Crowd:
    return Crowd(map(str, itertools.count(1)).__next__)


def _plan(seed: int, expected: float = 12.0) -> list[dict]:
    return plan_day(random.Random(seed), _day(), ITEMS, [ORDER], _crowd(), expected,
                    START + timedelta(days=2))


def test_a_buyers_visit_leads_to_the_order_and_its_pages() -> None:
    events = sorted((e for e in _plan(1) if e["visitor_id"] == "1"),
                    key=lambda e: e["occurred_at"])
    names = [e["name"] for e in events]
    assert names.index("product_view") < names.index("add_to_cart") < names.index(
        "checkout_started")
    assert events[names.index("linked")]["customer_id"] == 7  # first order: signs in
    view = events[names.index("product_view")]
    cart = events[names.index("add_to_cart")]
    assert (view["product_id"], view["sku_id"], view["path"]) == (10, 102, "/p/tee")
    assert (cart["sku_id"], cart["quantity"]) == (102, 2)
    assert all(e["occurred_at"] < ORDER.at for e in events[: names.index("checkout_started")])
    after = [(e["name"], e["path"], e.get("order_number")) for e in events[-3:]]
    assert after == [("linked", "/checkout", ORDER.number),
                     ("page_view", f"/account/orders/{ORDER.number}/pay", None),
                     ("linked", f"/account/orders/{ORDER.number}/pay", ORDER.number)]
    assert {e["channel"] for e in events} == {"web"}  # orders' events count as the web's
    # Began before midnight: those events are the day before's.
    assert events[0]["day"] == DAY - timedelta(days=1) and events[-1]["day"] == DAY


def test_the_same_day_planned_again_has_the_same_ids() -> None:
    first, again = _plan(3), _plan(3)
    assert [e["id"] for e in first] == [e["id"] for e in again]
    assert len({e["id"] for e in first}) == len(first)
    assert all(e["id"].startswith("demo-20261129-") for e in first)


def test_nothing_after_now_and_only_what_a_beacon_or_page_may_hold() -> None:
    now = START + timedelta(hours=12)
    events = plan_day(random.Random(5), _day(), ITEMS, [], _crowd(), 12.0, now)
    assert events and max(e["occurred_at"] for e in events) <= now
    kinds = Counter(e["name"] for e in events)
    assert kinds["page_view"] > kinds["product_view"] > kinds["add_to_cart"] > 0
    assert kinds["search"] > 0 and "order_placed" not in kinds
    allowed = {"id", "occurred_at", "day", "name", "visitor_id", "channel", "path",
               "product_id", "sku_id", "quantity", "term", "customer_id", "order_number"}
    assert all(set(e) <= allowed for e in events)


def test_visitors_a_day_follow_the_orders_within_a_small_shops_bounds() -> None:
    rng = random.Random(1)
    planned = {day: visitors(expected, rng)
               for day, expected in history_plan.per_day(date(2026, 12, 6))}
    assert all(FEWEST <= n <= MOST for n in planned.values())
    assert planned[date(2026, 11, 11)] == MOST  # Double 11
    assert planned[date(2026, 11, 29)] > planned[date(2026, 11, 25)]  # Sunday > Wednesday
    assert planned[date(2026, 12, 2)] > planned[date(2026, 9, 9)] * 1.5  # the shop grew
    assert visitors(0.0, rng) == FEWEST


def test_visitors_come_in_the_evening_and_some_come_back() -> None:
    crowd, rng = _crowd(), random.Random(2)
    days = []
    for n in range(3):
        d = Day(DAY + timedelta(days=n), START + timedelta(days=n), START + timedelta(days=n + 1))
        days.append(plan_day(rng, d, ITEMS, [], crowd, 20.0, START + timedelta(days=9)))
    events = days[-1]
    hours = Counter((e["occurred_at"].hour + 8) % 24 for e in events if e["name"] == "page_view")
    assert hours[21] > 3 * hours[4]  # Shanghai is UTC+8
    seen = {e["visitor_id"] for e in events}
    assert len(seen) == len({e["visitor_id"] for e in events if e["name"] == "page_view"})
    back = seen & {e["visitor_id"] for e in days[0]}
    assert 0.05 * len(seen) < len(back) < 0.3 * len(seen)  # some of the first day's came back
    channels = Counter(channel for _visitor, channel in crowd.seen)
    assert channels["web"] > channels["app"] > channels["mini"] > 0
