"""The forecasting library behind one function: statsforecast (Nixtla; maintained, fast,
no numba since 2.0), imported here only when a forecast is asked for: the second and the
hundred megabytes it costs are paid by the forecast alone, never by the shop's pages.

Methods (services.forecast chooses per SKU; the backtest in `make bench` measures them):
- "ets": AutoETS without seasonality, the error, trend and damping picked per SKU by AICc;
- "level": AutoETS restricted to a level (model "ZNN": simple exponential smoothing with
  additive or multiplicative errors), no trend;
- "croston": CrostonOptimized, for demand in few weeks (sizes and intervals smoothed apart).
Weekly seasonality (52 weeks) is left out: ETS does not take seasons that long, and few SKUs
have the two years of history it needs."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import Any

METHODS = ("ets", "level", "croston")


def _model(method: str) -> Any:
    from statsforecast.models import AutoETS, CrostonOptimized

    if method == "ets":
        return AutoETS(season_length=1, alias="f")
    if method == "level":
        return AutoETS(season_length=1, model="ZNN", alias="f")
    if method == "croston":
        return CrostonOptimized(alias="f")
    raise ValueError(f"unknown method {method!r}: one of {METHODS}")


def forecast(series: Mapping[int, Sequence[float]], horizon: int,
             method: str) -> dict[int, list[float]]:
    """`horizon` weekly forecasts per series (SKU id → units per week, oldest first, at
    least 2 weeks), unclipped floats. One library call for all series, in this process
    (n_jobs=1: a web worker must not fork)."""
    model = _model(method)
    wanted = {k: v for k, v in series.items() if len(v)}
    if not wanted:
        return {}
    import numpy as np
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import HistoricAverage

    ids = list(wanted)
    lengths = [len(wanted[k]) for k in ids]
    frame = pd.DataFrame({
        "unique_id": np.repeat(np.array(ids, dtype=np.int64), lengths),
        "ds": np.concatenate([np.arange(n, dtype=np.int64) for n in lengths]),
        "y": np.concatenate([np.asarray(wanted[k], dtype=np.float64) for k in ids]),
    })
    # A series the model cannot fit (too short, degenerate) gets its mean instead.
    engine = StatsForecast(models=[model], freq=1, n_jobs=1,
                           fallback_model=HistoricAverage(alias="f"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the library's notes on short series, not ours
        out = engine.forecast(df=frame, h=horizon)
    out = out.sort_values(["unique_id", "ds"])
    keys = out["unique_id"].to_numpy()[::horizon]
    values = np.nan_to_num(out["f"].to_numpy(dtype=np.float64)).reshape(-1, horizon)
    return {int(k): [float(v) for v in row] for k, row in zip(keys, values, strict=True)}
