"""The forecast's pure rules (mercato.analytics.forecasting), each against numbers worked out
by hand: weekly series, the seasonal naive, stock cover and its flag, the backtest's folds
and figures."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest

from mercato.analytics import forecasting as fc

MON = date(2026, 3, 9)


def week(n: int) -> date:
    return MON + timedelta(weeks=n)


def test_the_last_whole_week_ends_before_the_current_one() -> None:
    assert fc.last_whole_week(date(2026, 3, 18)) == date(2026, 3, 9)  # a Wednesday
    assert fc.last_whole_week(date(2026, 3, 16)) == date(2026, 3, 9)  # Monday: last week done
    assert fc.last_whole_week(date(2026, 3, 15)) == date(2026, 3, 2)  # Sunday: still going


def test_series_start_at_the_first_sale_and_fill_weeks_without_sales() -> None:
    rows = [(1, week(-3), 3), (1, week(-1), 5), (2, week(0), 1), (1, week(-1), 2),
            (1, week(2), 9)]  # after the last week: not history yet
    assert fc.series(rows, week(0)) == {1: [3.0, 0.0, 7.0, 0.0], 2: [1.0]}
    assert fc.series([], week(0)) == {}


def test_the_seasonal_naive_repeats_the_last_four_weeks() -> None:
    assert fc.seasonal_naive([1, 2, 3, 4, 5, 6]) == [3, 4, 5, 6]
    assert fc.seasonal_naive([1, 2, 3, 4, 5, 6], horizon=6) == [3, 4, 5, 6, 3, 4]
    assert fc.seasonal_naive([1, 2, 3], horizon=2, season=2) == [2, 3]
    assert fc.seasonal_naive([2, 4]) == [3, 3, 3, 3]  # shorter than a season: the mean
    assert fc.seasonal_naive([]) == [0, 0, 0, 0]
    assert fc.mean_forecast([2, 4, 0, 6, 3], 2) == [3.0, 3.0]


def test_intermittent_demand_by_the_average_interval() -> None:
    assert fc.intermittent([1, 0, 1, 0])  # a sale every 2 weeks
    assert fc.intermittent([1, 1, 1, 0])  # every 1.33 weeks: just over 1.32
    assert not fc.intermittent([1, 1, 1, 1, 0])  # every 1.25 weeks
    assert fc.intermittent([0, 0])


def test_cover_in_days_and_the_flag() -> None:
    assert fc.cover_days(10, [7, 7, 7, 7]) == 10.0  # 28 units in 28 days: one a day
    assert fc.cover_days(14, [2, 2, 2, 2]) == pytest.approx(49.0)  # 8 in 28 days
    assert fc.cover_days(20, [10, 0]) == 28.0  # 10 in 14 days
    assert fc.cover_days(0, [1, 1, 1, 1]) == 0.0
    assert fc.cover_days(-3, [7, 7, 7, 7]) == 0.0  # oversold counts as none left
    assert fc.cover_days(5, [0, 0, 0, 0]) is None  # no demand: lasts for ever
    assert fc.cover_days(5, []) is None
    assert fc.short(13.9) and fc.short(0.0)
    assert not fc.short(14.0) and not fc.short(None)
    assert fc.short(20.0, lead_days=21)


def test_units_for_display_and_no_negative_week() -> None:
    assert [fc.whole(x) for x in (2.5, 2.49, 0.0, 0.5, 10.0)] == [3, 2, 0, 1, 10]
    assert fc.clipped([-1.5, math.nan, 2.25, 0.0]) == [0.0, 0.0, 2.25, 0.0]


def test_folds_share_their_origin_week_and_need_eight_weeks() -> None:
    history = {1: [1.0] * 24, 2: [1.0] * 18, 3: [1.0] * 10}
    # Origins 16, 12, 8 and 4 weeks before the end; SKU 2 has 2, 6, 10, 14 weeks before them.
    assert fc.fold_origins(history) == [{1: 8}, {1: 12}, {1: 16, 2: 10}, {1: 20, 2: 14}]
    assert fc.fold_origins(history, folds=1, horizon=2, min_weeks=8) == [{1: 22, 2: 16, 3: 8}]


FOLDS: list[fc.Fold] = [
    (1, [10, 10], [9, 12], [10, 14]),  # model |e| 1+2=3 (signed +1); naive 0+4=4 (+4)
    (2, [0, 4], [1, 4], [2, 0]),  # model 1 (+1); naive 2+4=6 (−2)
    (3, [2, 2], [2, 2], [2, 2]),  # both exact: a tie
    (4, [1, 1], [3, 3], [1, 1]),  # model 2+2=4 (+4); naive exact: a loss
]


def test_backtest_figures() -> None:
    b = fc.score(FOLDS)
    assert b is not None
    # Model: Σ|e| 8, Σe 6; naive: Σ|e| 10, Σe 2; sold 10+10+0+4+2+2+1+1 = 30; 8 SKU-weeks.
    assert b.model == fc.Accuracy(mae=1.0, wape=pytest.approx(8 / 30), bias=pytest.approx(0.2))
    assert b.baseline == fc.Accuracy(1.25, pytest.approx(10 / 30), pytest.approx(2 / 30))
    assert (b.skus, b.weeks, b.wins, b.ties, b.losses) == (4, 8, 2, 1, 1)
    assert b.relative_mae == pytest.approx(0.8)
    assert b.win_share == 0.5


def test_backtest_adds_a_skus_folds_before_judging_it() -> None:
    # SKU 1 loses its first fold (3 vs 1) and wins its second (0 vs 4): 3 < 5 overall.
    b = fc.score([(1, [5], [8], [4]), (1, [5], [5], [9])])
    assert b is not None and (b.skus, b.wins, b.losses) == (1, 1, 0)
    assert b.model.mae == 1.5 and b.baseline.mae == 2.5


def test_backtest_of_nothing_sold_and_of_nothing() -> None:
    b = fc.score([(1, [0, 0], [1, 0], [0, 0])])
    assert b is not None and b.model.wape is None and b.model.bias is None
    assert b.model.mae == 0.5 and b.relative_mae is None and b.losses == 1
    assert fc.score([]) is None


def test_weeks_shown_within_the_range() -> None:
    history = {7: [1.0, 2.0, 3.0, 4.0, 5.0]}  # weeks of Feb 9, 16, 23, Mar 2, 9
    shown = fc.rows_of(history, MON, 7, date(2026, 2, 18), date(2026, 3, 4))
    assert shown == [(date(2026, 2, 16), 2.0), (date(2026, 2, 23), 3.0), (date(2026, 3, 2), 4.0)]
    assert fc.rows_of(history, MON, 8, date(2026, 2, 1), date(2026, 3, 9)) == []
