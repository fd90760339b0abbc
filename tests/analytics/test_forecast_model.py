"""The forecast with the model library (statsforecast): series whose right answer is plain,
the method chosen per SKU, the backtest end to end, and the day's forecast kept on disk."""

from __future__ import annotations

import random
from datetime import date, datetime
from pathlib import Path

import pytest

from mercato.analytics import forecasting as fc
from mercato.analytics.adapters import forecast_model, forecast_store
from mercato.analytics.services import forecast


def test_a_steady_seller_is_forecast_at_its_rate() -> None:
    found = forecast.predict({1: [10.0] * 20, 2: [0.0] * 6 + [25.0] * 14})
    assert found[1].forecast == pytest.approx([10.0] * 4, abs=0.01)
    assert found[1].baseline == [10.0] * 4 and found[1].method == "level"
    assert found[1].enough and found[1].recent == 40.0
    assert found[2].forecast == pytest.approx([25.0] * 4, abs=0.5)  # the level it moved to


def test_too_little_history_gets_its_mean() -> None:
    found = forecast.predict({7: [2.0, 4.0, 0.0, 6.0, 3.0]})[7]
    assert found.method == forecast.SHORT and not found.enough
    assert found.forecast == [3.0] * 4
    assert found.baseline == [4.0, 0.0, 6.0, 3.0]  # the last 4 weeks again


def test_the_method_by_history() -> None:
    assert forecast.method_for([1.0] * 7) == forecast.SHORT
    assert forecast.method_for([1.0] * 8) == "level"
    assert forecast.method_for([1.0, 0.0] * 4, ("ets", "croston")) == "croston"
    assert forecast.method_for([1.0] * 8, ("ets", "croston")) == "ets"


def test_no_week_is_forecast_below_zero() -> None:
    falling = [40.0, 35.0, 30.0, 25.0, 20.0, 15.0, 10.0, 5.0, 1.0, 0.0]
    raw = forecast_model.forecast({1: falling}, 4, "ets")[1]
    assert min(raw) < 0  # the trend points below zero...
    assert forecast.predict({1: falling}, ("ets", "ets"))[1].forecast[-1] == 0.0  # ...clipped


def test_the_baseline_is_the_librarys_seasonal_naive() -> None:
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import SeasonalNaive

    rng = random.Random(7)
    ys = [float(rng.randint(0, 30)) for _ in range(23)]
    frame = pd.DataFrame({"unique_id": 1, "ds": range(len(ys)), "y": ys})
    out = StatsForecast([SeasonalNaive(season_length=4)], freq=1).forecast(df=frame, h=4)
    assert fc.seasonal_naive(ys) == out["SeasonalNaive"].tolist()


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError):
        forecast_model.forecast({1: [1.0] * 10}, 4, "prophet")


def test_backtest_of_steady_and_changing_sellers() -> None:
    # Steady: both methods exact. Alternating 0/8: the level says 4 (|e| 4 a week), the
    # seasonal naive repeats the pattern exactly: it wins that SKU.
    b = forecast.backtest({1: [6.0] * 30, 2: [0.0, 8.0] * 15})
    assert b is not None
    assert (b.skus, b.weeks, b.ties, b.losses, b.wins) == (2, 32, 1, 1, 0)
    assert b.baseline.mae == 0.0 and b.model.mae == pytest.approx(2.0, abs=0.05)
    assert forecast.backtest({1: [6.0] * 9}) is None  # no fold has 8 weeks before it


def _stored(tmp_path: Path, day: date) -> forecast.Forecast:
    history = {1: [10.0] * 20, 2: [1.0, 2.0]}
    return forecast.Forecast(day, datetime(2026, 3, 18, 2, 0), date(2026, 3, 9),
                             forecast.predict(history), forecast.backtest(history), 0.5)


def test_the_days_forecast_is_read_back_as_written(tmp_path: Path) -> None:
    day = date(2026, 3, 18)
    f = _stored(tmp_path, day)
    forecast_store.save(tmp_path, day, forecast._dumped(f))
    assert forecast._loaded(forecast_store.load(tmp_path, day) or {}) == f
    assert forecast.latest(None, tmp_path, day) == f  # type: ignore[arg-type]  # no query
    later = date(2026, 3, 19)
    forecast_store.save(tmp_path, later, forecast._dumped(_stored(tmp_path, later)))
    assert [p.name for p in tmp_path.glob("*.json")] == ["2026-03-19.json"]
    assert forecast_store.load(tmp_path, day) is None
    (tmp_path / "2026-03-20.json").write_text("{not json")
    assert forecast_store.load(tmp_path, date(2026, 3, 20)) is None
