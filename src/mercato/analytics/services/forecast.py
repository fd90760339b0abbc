"""The weekly sales forecast per SKU, its stock cover and its backtest.

History: units sold per SKU per week (orders.public.weekly_units: paid, not cancelled or
closed) over the last HISTORY_WEEKS whole weeks; each SKU's series starts at its first sale
(forecasting.series). Forecast: the next HORIZON weeks (the current, partial week first),
by a method chosen per SKU (`method_for`), clipped at 0; fewer than MIN_WEEKS weeks: the
series' mean ("not enough history"). Baseline: the seasonal naive (the last 4 weeks again).

Method, chosen by the backtest of `make bench` (bench/forecast_backtest.py): AutoETS
restricted to a level ("level") for every SKU. Letting AutoETS pick a trend ("ets") was
worse on the synthetic two years (WAPE 49.1% against 48.0%) and ten times slower;
CrostonOptimized for intermittent SKUs was no better there (91.6% against 90.7% on those
SKUs) and over-forecast the demo shop's sparse SKUs 2.5-fold (bias +156%).

Cost: the library's import (~2 s) and about a third of a millisecond per SKU and fold
(the demo shop's 782 SKUs: under 3 s for its first page), so the result is kept for the
shop's day (`latest`: in this process, and on disk for the machine's other processes):
the first page of the day computes it, the rest read it. Stock is read live each time."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from mercato.analytics import forecasting as fc
from mercato.analytics.adapters import forecast_model, forecast_store
from mercato.catalog import public as catalog
from mercato.inventory import public as inventory
from mercato.orders import public as orders
from mercato.platform import clock
from mercato.platform.tx import AnyTx

HISTORY_WEEKS = 156  # three years: the longest range the data centre shows
# (method for smooth demand, method for intermittent demand): forecast_model.METHODS.
Methods = tuple[str, str]
CHOSEN: Methods = ("level", "level")
SHORT = "mean"  # the method name of a SKU with too little history


@dataclass(frozen=True, slots=True)
class SkuForecast:
    sku_id: int
    history: list[float]  # units per week, from the week of its first sale to last_week
    forecast: list[float]  # the next HORIZON weeks, ≥ 0
    baseline: list[float]  # the seasonal naive's, for the same weeks
    method: str  # forecast_model.METHODS, or SHORT

    @property
    def enough(self) -> bool:
        return self.method != SHORT

    @property
    def recent(self) -> float:
        """Units sold in the last four whole weeks."""
        return sum(self.history[-fc.HORIZON:])


@dataclass(frozen=True, slots=True)
class Forecast:
    day: date  # the shop's day it was computed for
    computed_at: datetime  # stored time (naive UTC)
    last_week: date  # Monday of the last whole week of history
    skus: dict[int, SkuForecast]
    backtest: fc.Backtest | None
    seconds: float  # what computing it took

    @property
    def weeks(self) -> list[date]:
        """The Mondays of the forecast weeks."""
        return [self.last_week + timedelta(weeks=k + 1) for k in range(fc.HORIZON)]


def method_for(ys: Sequence[float], methods: Methods = CHOSEN) -> str:
    if len(ys) < fc.MIN_WEEKS:
        return SHORT
    return methods[1] if fc.intermittent(ys) else methods[0]


def _fit(history: Mapping[int, Sequence[float]],
         methods: Mapping[int, str]) -> dict[int, list[float]]:
    """Every series' forecast by its method: one library call per method."""
    out = {k: fc.mean_forecast(ys) for k, ys in history.items() if methods[k] == SHORT}
    for method in forecast_model.METHODS:
        chosen = {k: ys for k, ys in history.items() if methods[k] == method}
        if chosen:
            out |= forecast_model.forecast(chosen, fc.HORIZON, method)
    return {k: fc.clipped(v) for k, v in out.items()}


def predict(history: Mapping[int, Sequence[float]],
            methods: Methods = CHOSEN) -> dict[int, SkuForecast]:
    chosen = {k: method_for(ys, methods) for k, ys in history.items()}
    found = _fit(history, chosen)
    return {k: SkuForecast(k, list(ys), found[k], fc.seasonal_naive(ys), chosen[k])
            for k, ys in history.items()}


def backtest(history: Mapping[int, Sequence[float]],
             methods: Methods = CHOSEN) -> fc.Backtest | None:
    """Rolling origin: forecasts made FOLDS × HORIZON weeks ago, then every HORIZON weeks,
    by the same rules, against what was sold; SKUs with MIN_WEEKS weeks before an origin."""
    scored: list[fc.Fold] = []
    for origin in fc.fold_origins(history):
        train = {k: history[k][:n] for k, n in origin.items()}
        found = _fit(train, {k: method_for(ys, methods) for k, ys in train.items()})
        scored += [(k, history[k][n:n + fc.HORIZON], found[k], fc.seasonal_naive(train[k]))
                   for k, n in origin.items()]
    return fc.score(scored)


def history(tx: AnyTx, today: date) -> tuple[date, dict[int, list[float]]]:
    """(Monday of the last whole week, each SKU's series up to it) as of local day `today`."""
    last = fc.last_whole_week(today)
    first = last - timedelta(weeks=HISTORY_WEEKS - 1)
    rows = orders.weekly_units(tx, first, last + timedelta(days=6))
    return last, fc.series(((r.sku_id, r.week, r.units) for r in rows), last)


def compute(tx: AnyTx, today: date) -> Forecast:
    """The forecast as of local day `today` (history up to the last whole week)."""
    started = time.perf_counter()
    last, weekly = history(tx, today)
    skus, tested = predict(weekly), backtest(weekly)
    return Forecast(today, clock.utcnow(), last, skus, tested, time.perf_counter() - started)


# --- kept for the day --------------------------------------------------------------------

_kept: dict[str, Forecast] = {}  # folder → the latest forecast read or computed
_lock = threading.Lock()  # one computation at a time in this process


def latest(tx: AnyTx, folder: Path, today: date) -> Forecast:
    """Today's forecast: from this process's memory, else the folder, else computed (once,
    under a lock) and stored there."""
    key = str(folder)
    found = _kept.get(key)
    if found is not None and found.day == today:
        return found
    with _lock:
        found = _kept.get(key)
        if found is None or found.day != today:
            stored = forecast_store.load(folder, today)
            found = _loaded(stored) if stored else None
            if found is None:
                found = compute(tx, today)
                forecast_store.save(folder, today, _dumped(found))
            _kept[key] = found
        return found


def _dumped(f: Forecast) -> dict[str, Any]:
    return {"day": f.day.isoformat(), "computed_at": f.computed_at.isoformat(),
            "last_week": f.last_week.isoformat(), "seconds": f.seconds,
            "backtest": asdict(f.backtest) if f.backtest else None,
            "skus": [[s.sku_id, s.history, s.forecast, s.baseline, s.method]
                     for s in f.skus.values()]}


def _loaded(d: dict[str, Any]) -> Forecast | None:
    try:
        bt = d["backtest"]
        tested = fc.Backtest(**{**bt, "model": fc.Accuracy(**bt["model"]),
                                "baseline": fc.Accuracy(**bt["baseline"])}) if bt else None
        skus = {int(s[0]): SkuForecast(int(s[0]), s[1], s[2], s[3], s[4]) for s in d["skus"]}
        return Forecast(date.fromisoformat(d["day"]), datetime.fromisoformat(d["computed_at"]),
                        date.fromisoformat(d["last_week"]), skus, tested, float(d["seconds"]))
    except (KeyError, TypeError, ValueError):
        return None  # written by another version: computed again


# --- the table ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SkuRow:
    sku_id: int
    code: str  # inventory's copy of the SKU code ("" for a SKU inventory no longer knows)
    name: str  # product name and options in the page's language ("" for one deleted since)
    recent: int  # units sold in the last four whole weeks
    forecast: list[float]  # units per week, the next HORIZON weeks
    baseline: list[float]
    available: int  # sellable now: on hand minus reserved, active warehouses
    cover_days: float | None  # None: no demand forecast ("∞")
    short: bool  # covers fewer days than forecasting.LEAD_DAYS
    method: str

    @property
    def total(self) -> float:
        return sum(self.forecast)

    @property
    def enough(self) -> bool:
        return self.method != SHORT


def table(tx: AnyTx, f: Forecast, locale: str) -> list[SkuRow]:
    """Every SKU of the forecast with its stock read now, by cover (shortest first; no
    demand last), then forecast units (most first). Three statements: stock, codes, names."""
    ids = list(f.skus)
    stock = inventory.available(tx, ids)
    codes = inventory.sku_codes(tx, ids)
    names = catalog.sku_snapshots(tx, ids, locale)
    rows = []
    for k, s in f.skus.items():
        snap = names.get(k)
        name = " · ".join([snap.product_name, *snap.option_labels]) if snap else ""
        cover = fc.cover_days(stock.get(k, 0), s.forecast)
        rows.append(SkuRow(k, codes.get(k, ""), name, round(s.recent), s.forecast, s.baseline,
                           stock.get(k, 0), cover, fc.short(cover), s.method))
    return sorted(rows, key=lambda r: (r.cover_days is None, r.cover_days or 0.0, -r.total,
                                       r.sku_id))
