"""Every customers figure equals the number worked out by hand on a small fixed data set.

The range is 2026-01-01 .. 2026-03-31. Paid orders (customer: number day fen):
201: N01 2025-09-15 5000; N02 01-10 8000; N03 03-20 12000 (2000 refunded 03-25);
     N14 04-02 9999 (after the range: never seen)
202: N04 2025-12-20 3000                       206: N10 2025-10-01 7000
203: N05 01-05 10000 (its payment event read twice, and notified twice under another id);
     N06 01-25 6000; N07 02-14 4000; N16 03-31 500
204: N08 02-03 20000 (refunded 15000 + 5000 on 02-10)
205: N09 03-30 1500                            207: N11 and N12 03-02, 9000 + 1000
208: N13 01-31 2500                            a guest's N15 02-01 (no customer): left out
The orders of 2025 are compacted into Parquet; the rest waits in a segment."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from mercato.analytics import lifecycle
from mercato.analytics.adapters.compaction import compact
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.domain import Event
from mercato.analytics.lifecycle import CohortRow, Rfm
from mercato.analytics.services import customers as figures
from tests.analytics.helpers import ev, write

FIRST, LAST = date(2026, 1, 1), date(2026, 3, 31)
ORDERS = [  # (customer, number, day, fen)
    (201, "N01", "2025-09-15", 5000), (202, "N04", "2025-12-20", 3000),
    (206, "N10", "2025-10-01", 7000),
    (201, "N02", "2026-01-10", 8000), (201, "N03", "2026-03-20", 12000),
    (201, "N14", "2026-04-02", 9999),
    (203, "N05", "2026-01-05", 10000), (203, "N06", "2026-01-25", 6000),
    (203, "N07", "2026-02-14", 4000), (203, "N16", "2026-03-31", 500),
    (204, "N08", "2026-02-03", 20000), (205, "N09", "2026-03-30", 1500),
    (207, "N11", "2026-03-02", 9000), (207, "N12", "2026-03-02", 1000),
    (208, "N13", "2026-01-31", 2500),
]


def _paid(customer: int | None, number: str, day: str, fen: int, **more: object) -> Event:
    return ev(day, "order_paid", None, customer_id=customer, order_number=number,
              value_fen=fen, **more)


def _refund(number: str, day: str, fen: int) -> Event:
    return ev(day, "refunded", None, order_number=number, value_fen=fen)


def fixed_lake(root: Path, more: list[Event] | None = None) -> Lake:
    """The data set above in a lake at `root` (plus `more` events in the segment)."""
    lake = Lake(root)
    old = [_paid(*o) for o in ORDERS if o[2] < "2026"]
    write(lake, old)
    assert compact(lake) == len(old)
    twice = _paid(203, "N05", "2026-01-05", 10000, id="n05-paid")
    write(lake, [_paid(*o) for o in ORDERS if o[2] >= "2026"] + [
        twice, twice, _paid(203, "N05", "2026-01-05", 10000),
        _paid(None, "N15", "2026-02-01", 700),
        _refund("N03", "2026-03-25", 2000), _refund("N08", "2026-02-10", 15000),
        _refund("N08", "2026-02-10", 5000), *(more or [])])
    return lake


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    return fixed_lake(tmp_path / "lake")


def _states(lake: Lake, grain: str, first: date = FIRST,
            last: date = LAST) -> dict[str, tuple[int, ...]]:
    return {p.period.isoformat(): (p.new, p.repeat, p.active, p.dormant, p.churned)
            for p in figures.life_cycle(lake, first, last, grain)}


def test_life_cycle_by_month(lake: Lake) -> None:
    assert _states(lake, "month") == {
        #              new repeat active dormant churned
        # Jan: 203 208 new; 201 paid again; 202 idle 42 days; 206 idle 122
        "2026-01-01": (2, 1, 0, 1, 1),
        # Feb: 204 new; 203 again; 208 idle 28; 201 idle 49, 202 idle 70; 206
        "2026-02-01": (1, 1, 1, 2, 1),
        # Mar: 205 207 new; 201 203 again; 204 idle 56, 208 idle 59; 202 idle 101, 206
        "2026-03-01": (2, 2, 0, 2, 2),
    }


def test_life_cycle_by_week_cuts_the_first_week_to_the_range(lake: Lake) -> None:
    weeks = _states(lake, "week")
    assert len(weeks) == 14 and min(weeks) == "2025-12-29"
    # window 01-01..01-04: 202 idle 15 days, 201 (2025-09-15) and 206 churned
    assert weeks["2025-12-29"] == (0, 0, 1, 0, 2)
    # window 03-16..03-22: 201 paid 03-20; 207 idle 20; 203 idle 36, 204 idle 47, 208 idle
    # 50; 202 idle 92 and 206
    assert weeks["2026-03-16"] == (0, 1, 1, 3, 2)


def test_life_cycle_by_day_at_the_30_and_90_day_edges(lake: Lake) -> None:
    days = _states(lake, "day")
    assert days["2026-01-19"] == (0, 0, 3, 0, 1)  # 202 idle exactly 30 days: active
    assert days["2026-01-20"] == (0, 0, 2, 1, 1)  # 31 days: dormant
    assert days["2026-01-25"] == (0, 1, 1, 1, 1)  # 203 paid again
    assert days["2026-03-20"] == (0, 1, 1, 4, 1)  # 202 idle exactly 90 days: dormant
    assert days["2026-03-21"] == (0, 0, 2, 3, 2)  # 91 days: churned
    assert days["2026-03-31"] == (0, 1, 3, 2, 2)  # 203 again; 205 201 207 within 30 days


def _by_definition(day: date) -> tuple[int, ...]:
    """Each customer classified one by one with lifecycle.state, straight from ORDERS."""
    paid: dict[int, list[date]] = {}
    for customer, _n, d, _f in ORDERS:
        if date.fromisoformat(d) <= day:
            paid.setdefault(customer, []).append(date.fromisoformat(d))
    found = [lifecycle.state(min(p), max(p), day, day) for p in paid.values()]
    return tuple(found.count(s) for s in lifecycle.STATES)


def test_every_day_agrees_with_the_definition(lake: Lake) -> None:
    days = _states(lake, "day")
    assert len(days) == 90
    for n in range(90):
        day = FIRST + timedelta(days=n)
        assert days[day.isoformat()] == _by_definition(day), day


def test_rfm(lake: Lake) -> None:
    found = figures.customers(lake, FIRST, LAST)
    # recency (to 03-31), frequency, monetary; scores 1 + 5 × worse ÷ 6; average scores
    # R 16/6, F 14/6, M 16/6, so a score of 3 or more is high.
    assert found.rfm == [
        Rfm(201, 11, 2, 18000, 3, 3, 4, "champions"),  # 8000 + 12000 - 2000
        Rfm(203, 0, 4, 20500, 5, 5, 5, "champions"),  # N05 once
        Rfm(204, 56, 1, 0, 1, 1, 1, "hibernating"),  # refunded whole
        Rfm(205, 1, 1, 1500, 4, 1, 1, "promising"),
        Rfm(207, 29, 2, 10000, 2, 3, 3, "at_risk"),  # two orders on one day
        Rfm(208, 59, 1, 2500, 1, 1, 2, "hibernating"),
    ]
    assert found.ledgers == {}
    counts = {s: (n, share) for s, n, share in figures.segment_counts(found.rfm) if n}
    assert counts == {"champions": (2, 0.3333), "at_risk": (1, 0.1667),
                      "promising": (1, 0.1667), "hibernating": (2, 0.3333)}


def test_lifetime_value_counts_every_order_to_the_range_end(lake: Lake) -> None:
    found = figures.customers(lake, FIRST, LAST, profile_of=201)
    # N01 + N02 + N03 - 2000; N14 is after the range
    assert found.ledgers == {201: figures.Ledger(201, date(2025, 9, 15), date(2026, 3, 20),
                                                 3, 23000)}
    quiet = figures.customers(lake, FIRST, LAST, profile_of=202)  # no order in the range
    assert quiet.ledgers[202] == figures.Ledger(202, date(2025, 12, 20), date(2025, 12, 20),
                                                1, 3000)
    assert [r.customer_id for r in quiet.rfm] == [201, 203, 204, 205, 207, 208]


def test_cohorts(lake: Lake) -> None:
    assert figures.cohorts(lake, FIRST, LAST) == [
        CohortRow(date(2026, 1, 1), 2, (2, 1, 1), (1.0, 0.5, 0.5)),  # 203 208; 203 in Feb, Mar
        CohortRow(date(2026, 2, 1), 1, (1, 0), (1.0, 0.0)),  # 204
        CohortRow(date(2026, 3, 1), 2, (2,), (1.0,)),  # 205 207
    ]
    # 201 202 206 began in 2025: their cohorts are outside the range
    assert figures.cohorts(lake, date(2025, 12, 1), date(2026, 1, 31)) == [
        CohortRow(date(2025, 12, 1), 1, (1, 0), (1.0, 0.0)),
        CohortRow(date(2026, 1, 1), 2, (2,), (1.0,)),
    ]


@pytest.mark.parametrize(("target", "ids"), [
    ("rfm:champions", [201, 203]), ("rfm:hibernating", [204, 208]), ("rfm:loyal", []),
    ("state:new", [205, 207]), ("state:repeat", [201, 203]), ("state:active", []),
    ("state:dormant", [204, 208]), ("state:churned", [202, 206]),
])
def test_targets(lake: Lake, target: str, ids: list[int]) -> None:
    assert figures.target_ids(lake, FIRST, LAST, "month", target) == ids


def test_an_empty_lake(tmp_path: Path) -> None:
    lake = Lake(tmp_path / "none")
    assert _states(lake, "month") == {m: (0, 0, 0, 0, 0)
                                      for m in ("2026-01-01", "2026-02-01", "2026-03-01")}
    assert figures.customers(lake, FIRST, LAST).rfm == []
    assert [r.size for r in figures.cohorts(lake, FIRST, LAST)] == [0, 0, 0]
