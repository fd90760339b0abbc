"""Every figure equals the number worked out by hand on a small fixed data set.

Three local days: Sat 2026-02-28 (a week that began Mon 02-23; February), Sun 03-01 (same
week; March) and Mon 03-02 (a new week; March). Five visitors: v1, v2, v3 on the web; v4 and
v5 in the app. Customers: 101 (v1), 102 (v2), 103 (v4); each visitor is tied to its customer
by a `linked` event (seen on the order's payment page).

day    visitor  events
02-27  v3       page_view                                         (before the range)
02-28  v1 web   page_view x2, product_view, add_to_cart
       v2 web   page_view, product_view
       v3 web   page_view, add_to_cart (no product view: out of a closed funnel)
03-01  v1 web   page_view, checkout_started, linked N1
       v2 web   page_view x2, product_view, add_to_cart
       v4 app   page_view, product_view
       orders   N1 placed and paid (customer 101, web, 10000 fen)
03-02  v2 web   page_view, checkout_started, linked N2
       v4 app   page_view x2, product_view, add_to_cart, checkout_started, linked N3
       v5 app   page_view, product_view
       orders   N2 placed (102, web, 5001, never paid); N3 placed and paid (103, app, 3000);
                N4 paid (101, web, 2001; placed 02-20, before the range); N1 refunded 1000
03-03  v1       page_view                                         (after the range)

The first two days are compacted into Parquet; the rest waits in a segment, which also
repeats N1's payment (the same event read twice counts once)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mercato.analytics.adapters.compaction import compact
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services.figures import FunnelStep, TrafficRow, funnel, traffic
from tests.analytics.helpers import ev, write

D1, D2, D3 = "2026-02-28", "2026-03-01", "2026-03-02"
FIRST, LAST = date(2026, 2, 28), date(2026, 3, 2)


def _compacted_days() -> tuple[list, object]:
    paid_n1 = ev(D2, "order_paid", None, id="o-n1-paid", customer_id=101, order_number="N1",
                 value_fen=10000)
    return [
        ev("2026-02-27", "page_view", "v3", path="/"),
        ev(D1, "page_view", "v1", path="/"), ev(D1, "page_view", "v1", path="/p/a"),
        ev(D1, "product_view", "v1", path="/p/a"), ev(D1, "add_to_cart", "v1", sku_id=1),
        ev(D1, "page_view", "v2", path="/p/a"), ev(D1, "product_view", "v2", path="/p/a"),
        ev(D1, "page_view", "v3", path="/"), ev(D1, "add_to_cart", "v3", sku_id=2),
        ev(D2, "page_view", "v1", path="/checkout"), ev(D2, "checkout_started", "v1"),
        ev(D2, "linked", "v1", order_number="N1"),
        ev(D2, "page_view", "v2", path="/"), ev(D2, "page_view", "v2", path="/p/b"),
        ev(D2, "product_view", "v2", path="/p/b"), ev(D2, "add_to_cart", "v2", sku_id=3),
        ev(D2, "page_view", "v4", path="/p/c", channel="app"),
        ev(D2, "product_view", "v4", path="/p/c", channel="app"),
        ev(D2, "order_placed", None, customer_id=101, order_number="N1", value_fen=10000),
        paid_n1,
    ], paid_n1


def _waiting(paid_n1) -> list:  # type: ignore[no-untyped-def]
    app = {"channel": "app"}
    return [
        ev("2026-02-20", "order_placed", None, customer_id=101, order_number="N4",
           value_fen=2001),
        ev(D3, "page_view", "v2", path="/checkout"), ev(D3, "checkout_started", "v2"),
        ev(D3, "linked", "v2", order_number="N2"),
        ev(D3, "page_view", "v4", path="/p/c", **app), ev(D3, "page_view", "v4", path="/", **app),
        ev(D3, "product_view", "v4", **app), ev(D3, "add_to_cart", "v4", **app),
        ev(D3, "checkout_started", "v4", **app), ev(D3, "linked", "v4", order_number="N3", **app),
        ev(D3, "page_view", "v5", path="/", **app), ev(D3, "product_view", "v5", **app),
        ev(D3, "order_placed", None, customer_id=102, order_number="N2", value_fen=5001),
        ev(D3, "order_placed", None, customer_id=103, order_number="N3", value_fen=3000, **app),
        ev(D3, "order_paid", None, customer_id=103, order_number="N3", value_fen=3000, **app),
        ev(D3, "order_paid", None, customer_id=101, order_number="N4", value_fen=2001),
        ev(D3, "refunded", None, order_number="N1", value_fen=1000),
        ev("2026-03-03", "page_view", "v1", path="/"),
        paid_n1,  # read again: counted once
    ]


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    lake = Lake(tmp_path / "lake")
    first, paid_n1 = _compacted_days()
    write(lake, first)
    assert compact(lake) == len(first)
    write(lake, _waiting(paid_n1))
    return lake


def _day(day: str, *figures: float) -> TrafficRow:
    uv, pv, orders, paid, buyers, gmv, aov, conversion = figures
    return TrafficRow(date.fromisoformat(day), int(uv), int(pv), int(orders), int(paid),
                      int(buyers), int(gmv), int(aov), conversion)


def test_by_day(lake: Lake) -> None:
    assert traffic(lake, FIRST, LAST, "day") == [
        #         UV PV orders paid buyers GMV  AOV    conversion
        _day(D1, 3, 4, 0, 0, 0, 0, 0, 0.0),  # v1 v2 v3; 2+1+1 views
        _day(D2, 3, 4, 1, 1, 1, 10000, 10000, 0.3333),  # v1 v2 v4; 1+2+1; N1; 1 buyer of 3
        # v2 v4 v5; 1+2+1; N2 N3 placed; N3 N4 paid by 103 and 101; 3000+2001; 5001/2 =
        # 2500.5, half up 2501; 2 buyers of 3 visitors
        _day(D3, 3, 4, 2, 2, 2, 5001, 2501, 0.6667),
    ]


def test_by_week(lake: Lake) -> None:
    assert traffic(lake, FIRST, LAST, "week") == [
        # the week of Mon 02-23, only 02-28 and 03-01 in range: v1 v2 v3 v4; 4+4 views; N1
        _day("2026-02-23", 4, 8, 1, 1, 1, 10000, 10000, 0.25),
        _day("2026-03-02", 3, 4, 2, 2, 2, 5001, 2501, 0.6667),  # 03-02 alone
    ]


def test_by_month(lake: Lake) -> None:
    assert traffic(lake, FIRST, LAST, "month") == [
        _day("2026-02-01", 3, 4, 0, 0, 0, 0, 0, 0.0),  # 02-28 alone
        # 03-01 and 03-02: v1 v2 v4 v5; 4+4 views; N1 N2 N3 placed; N1 N3 N4 paid by 101 and
        # 103; 10000+3000+2001 = 15001; 15001/3 = 5000.33 → 5000; 2 buyers of 4 visitors
        _day("2026-03-01", 4, 8, 3, 3, 2, 15001, 5000, 0.5),
    ]


def test_by_channel(lake: Lake) -> None:
    assert traffic(lake, FIRST, LAST, "day", "web") == [
        _day(D1, 3, 4, 0, 0, 0, 0, 0, 0.0),
        _day(D2, 2, 3, 1, 1, 1, 10000, 10000, 0.5),  # v1 v2; 1+2 views; N1; 1 of 2
        _day(D3, 1, 1, 1, 1, 1, 2001, 2001, 1.0),  # v2; N2 placed; N4 paid by 101; 1 of 1
    ]
    assert traffic(lake, FIRST, LAST, "day", "app") == [
        _day(D1, 0, 0, 0, 0, 0, 0, 0, 0.0),
        _day(D2, 1, 1, 0, 0, 0, 0, 0, 0.0),  # v4
        _day(D3, 2, 3, 1, 1, 1, 3000, 3000, 0.5),  # v4 v5; 2+1 views; N3 by 103; 1 of 2
    ]


def _steps(*rows: tuple[int, float, float]) -> list[FunnelStep]:
    names = ("product_view", "add_to_cart", "checkout_started", "order_placed", "order_paid")
    return [FunnelStep(n, *r) for n, r in zip(names, rows, strict=True)]


def test_funnel(lake: Lake) -> None:
    # People: 101 (v1), 102 (v2), 103 (v4) through their ties; v3 and v5 as visitors.
    # viewed: 101 102 103 v5 = 4; then added: 101 102 103 = 3 (v3 added without viewing);
    # checkout: 101 (v1 on 03-01) 102 (v2) 103 (v4) = 3; placed N1 N2 N3 = 3;
    # paid: 101 (N1) 103 (N3) = 2, 102 never paid.
    assert funnel(lake, FIRST, LAST) == _steps(
        (4, 0.0, 1.0), (3, 0.25, 0.75), (3, 0.0, 0.75), (3, 0.0, 0.75), (2, 0.3333, 0.5))


def test_funnel_by_channel_and_range(lake: Lake) -> None:
    # app: 103 (v4) did every step, v5 only viewed.
    expected = _steps((2, 0.0, 1.0), (1, 0.5, 0.5), (1, 0.0, 0.5), (1, 0.0, 0.5),
                      (1, 0.0, 0.5))
    assert funnel(lake, FIRST, LAST, "app") == expected
    # 03-02 alone: 103 every step, v5 viewed; 102 (checkout, placed) and 101 (paid N4) did
    # not view a product that day, so a closed funnel leaves them out.
    assert funnel(lake, LAST, LAST) == expected


def test_without_ties_a_visitor_and_its_orders_are_two_people(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "lake")
    write(lake, [
        ev(D1, "product_view", "v1"), ev(D1, "add_to_cart", "v1"),
        ev(D1, "checkout_started", "v1"),
        ev(D1, "order_placed", None, customer_id=101, order_number="N1", value_fen=100),
    ])
    assert [s.people for s in funnel(lake, FIRST, LAST)] == [1, 1, 1, 0, 0]
    write(lake, [ev(D1, "linked", "v1", order_number="N1")])
    assert [s.people for s in funnel(lake, FIRST, LAST)] == [1, 1, 1, 1, 0]


def test_an_empty_lake_is_all_zeros(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "nothing")
    assert traffic(lake, FIRST, FIRST) == [_day(D1, 0, 0, 0, 0, 0, 0, 0, 0.0)]
    assert [s.people for s in funnel(lake, FIRST, LAST)] == [0, 0, 0, 0, 0]
