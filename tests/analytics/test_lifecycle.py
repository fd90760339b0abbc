"""The customers' pure rules: life-cycle states at their edges, quintile scores with ties,
the eight RFM segments, the life-cycle curve from its marks, and cohort arithmetic."""

from __future__ import annotations

from datetime import date

import pytest

from mercato.analytics import lifecycle
from mercato.analytics.lifecycle import CohortRow, Rfm

D = date.fromisoformat
START, END = D("2026-03-01"), D("2026-03-31")


@pytest.mark.parametrize(("first", "last", "expected"), [
    ("2026-03-01", "2026-03-01", "new"),  # first paid on the window's first day
    ("2026-03-31", "2026-03-31", "new"),
    ("2026-03-05", "2026-03-20", "new"),  # new even with a second order in the window
    ("2026-02-28", "2026-03-01", "repeat"),
    ("2026-01-01", "2026-02-28", "dormant"),  # 31 days (within 30 the window holds it)
    ("2026-01-01", "2026-02-27", "dormant"),  # 32 days
    ("2026-01-01", "2026-01-01", "dormant"),  # 89 days
    ("2025-12-01", "2025-12-31", "dormant"),  # exactly 90 days
    ("2025-12-01", "2025-12-30", "churned"),  # 91 days
])
def test_states(first: str, last: str, expected: str) -> None:
    assert lifecycle.state(D(first), D(last), START, END) == expected


def test_active_means_at_most_30_days() -> None:
    # Windows of one day, so that only the days since the last order decide.
    assert lifecycle.state(D("2026-01-01"), D("2026-03-01"), END, END) == "active"  # 30 days
    assert lifecycle.state(D("2026-01-01"), D("2026-02-28"), END, END) == "dormant"  # 31


def test_quintiles_score_ties_alike() -> None:
    score = lifecycle.quintile([10, 20, 20, 30, 40, 50, 60, 70, 80, 90])
    # 1 + 5 × worse ÷ 10
    assert [score(v) for v in (10, 20, 30, 40, 50, 60, 70, 80, 90)] == [
        1, 1, 2, 3, 3, 4, 4, 5, 5]  # worse: 0 1 3 4 5 6 7 8 9
    fewer_is_better = lifecycle.quintile([1, 5, 5, 9], higher_is_better=False)
    assert [fewer_is_better(v) for v in (1, 5, 9)] == [4, 2, 1]  # worse: 3, 1, 0 of 4
    assert lifecycle.quintile([7])(7) == 1  # alone: nobody is worse
    assert lifecycle.quintile([3, 3, 3])(3) == 1


def test_the_eight_segments() -> None:
    # Eight customers; fewer days is better. Each column holds two values, four customers
    # each: the better four score 1 + 5 × 4 ÷ 8 = 3, the others 1; the average is 2.
    rows = [(1, 1, 9, 900), (2, 9, 9, 900), (3, 1, 1, 900), (4, 9, 1, 900),
            (5, 1, 9, 100), (6, 9, 9, 100), (7, 1, 1, 100), (8, 9, 1, 100)]
    found = lifecycle.rfm(rows)
    assert [(r.r, r.f, r.m) for r in found] == [
        (3, 3, 3), (1, 3, 3), (3, 1, 3), (1, 1, 3), (3, 3, 1), (1, 3, 1), (3, 1, 1), (1, 1, 1)]
    assert [r.segment for r in found] == [
        "champions", "at_risk", "potential", "win_back", "loyal", "attention", "promising",
        "hibernating"]
    assert found[0] == Rfm(1, 1, 9, 900, 3, 3, 3, "champions") and found[0].score == "333"


def test_one_customer_is_low_everywhere() -> None:
    assert lifecycle.rfm([(7, 3, 2, 500)]) == [Rfm(7, 3, 2, 500, 1, 1, 1, "hibernating")]
    assert lifecycle.rfm([]) == []


def test_the_curve_from_marks() -> None:
    # Customer A paid 01-01 and 02-15; B paid 01-20 only. Spans: A [01-01, 02-15) quiet
    # from 02-01; A [02-15, never) quiet 03-18, lapsed 05-17; B [01-20, never) quiet 02-20,
    # lapsed 04-21.
    marks = {
        "paid": {D("2026-01-01"): 1, D("2026-01-20"): 1, D("2026-02-15"): 1},
        "first": {D("2026-01-01"): 1, D("2026-01-20"): 1},
        "quiet": {D("2026-02-01"): 1, D("2026-02-20"): 1, D("2026-03-18"): 1},
        "lapsed": {D("2026-02-15"): 1, D("2026-04-21"): 1, D("2026-05-17"): 1},
        "resumed": {D("2026-02-15"): 1},
        "opened": {D("2026-01-01"): 2, D("2026-02-01"): 1},
    }
    windows = [(D("2026-01-01"), D("2026-01-01"), D("2026-01-31")),
               (D("2026-02-01"), D("2026-02-01"), D("2026-02-28")),
               (D("2026-04-01"), D("2026-04-10"), D("2026-04-30"))]
    assert lifecycle.curve(marks, windows) == [
        {"new": 2, "repeat": 0, "active": 0, "dormant": 0, "churned": 0},
        {"new": 0, "repeat": 1, "active": 0, "dormant": 1, "churned": 0},  # B idle 39 days
        # A idle 74 days (dormant); B idle 100 days (churned)
        {"new": 0, "repeat": 0, "active": 0, "dormant": 1, "churned": 1},
    ]


def test_cohorts_arithmetic() -> None:
    jan, feb, mar = D("2026-01-01"), D("2026-02-01"), D("2026-03-01")
    cells = {(jan, jan): 4, (jan, feb): 1, (jan, mar): 3, (feb, feb): 3, (feb, mar): 1,
             (D("2025-12-01"), jan): 9}  # a cohort not asked for
    assert lifecycle.month_offset(D("2025-11-01"), D("2026-02-01")) == 3
    assert lifecycle.cohorts(cells, [jan, feb, mar]) == [
        CohortRow(jan, 4, (4, 1, 3), (1.0, 0.25, 0.75)),
        CohortRow(feb, 3, (3, 1), (1.0, 0.3333)),
        CohortRow(mar, 0, (0,), (0.0,)),
    ]
