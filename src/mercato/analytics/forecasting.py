"""The sales forecast's rules, pure (no I/O, no model library): weekly series, the baseline,
stock cover, flags and the backtest's arithmetic. The model itself runs in
adapters.forecast_model; services.forecast puts the pieces together.

A series is one SKU's units per week (Monday to Sunday, the shop's days), oldest first, from
the week of its first sale to the last whole week, weeks without sales filled with zeros:
a SKU launched five weeks ago has five weeks, not two years of zeros before it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

HORIZON = 4  # weeks forecast: about the month a reorder is planned for
SEASON = 4  # the baseline's season: the next 4 weeks repeat the last 4 ("as last month")
MIN_WEEKS = 8  # fewer weeks than this since the first sale: too little to fit a model on
FOLDS = 4  # backtest: 4 origins, 4 weeks apart, each forecasting the 4 weeks after it
# Days a reorder takes to arrive (a domestic supplier's usual two weeks): a SKU covering
# fewer days than this runs out before new stock can be in.
LEAD_DAYS = 14
# Syntetos and Boylan's cut-off: one week with sales in more than 1.32 on average is
# "intermittent" demand, where Croston-type methods are usually advised over smoothing.
INTERMITTENT_ADI = 1.32


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def last_whole_week(today: date) -> date:
    """The Monday of the last week that has ended by `today` (the current week is partial:
    its sales so far would read as a drop)."""
    return monday(today) - timedelta(weeks=1)


def series(rows: Iterable[tuple[int, date, float]], last_week: date) -> dict[int, list[float]]:
    """(SKU id, week Monday, units) rows → each SKU's zero-filled weekly series from the week
    of its first sale to `last_week` (rows after it are ignored); SKUs by id."""
    found: dict[int, dict[date, float]] = {}
    for sku, week, units in rows:
        if week <= last_week:
            weeks = found.setdefault(sku, {})
            weeks[week] = weeks.get(week, 0.0) + float(units)
    out = {}
    for sku in sorted(found):
        first = min(found[sku])
        count = (last_week - first).days // 7 + 1
        out[sku] = [found[sku].get(first + timedelta(weeks=i), 0.0) for i in range(count)]
    return out


def intermittent(ys: Sequence[float]) -> bool:
    """Average demand interval (weeks per week with sales) above INTERMITTENT_ADI."""
    selling = sum(1 for y in ys if y > 0)
    return selling == 0 or len(ys) / selling > INTERMITTENT_ADI


def seasonal_naive(ys: Sequence[float], horizon: int = HORIZON,
                   season: int = SEASON) -> list[float]:
    """The baseline: week t + k repeats week t + k - season (the mean of the series when it is
    shorter than a season; nothing without weeks: zeros)."""
    if len(ys) < season:
        return mean_forecast(ys, horizon)
    last = list(ys[-season:])
    return [float(last[k % season]) for k in range(horizon)]


def mean_forecast(ys: Sequence[float], horizon: int = HORIZON) -> list[float]:
    """Every week at the series' mean: the forecast of a SKU with too little history."""
    level = sum(ys) / len(ys) if ys else 0.0
    return [level] * horizon


def clipped(values: Iterable[float]) -> list[float]:
    """No week sells fewer than 0 units (a falling trend may point below); NaN → 0."""
    return [v if v > 0 else 0.0 for v in values]


def whole(units: float) -> int:
    """Whole units for display, halves up (2.5 → 3): a shelf holds no half jacket."""
    return math.floor(units + 0.5)


def cover_days(available: int, forecast: Sequence[float]) -> float | None:
    """Days the units available last at the forecast's rate (its weeks' units per day):
    available ÷ (sum ÷ (7 × weeks)). None ("∞") when no demand is forecast."""
    total = sum(forecast)
    if not forecast or total <= 0:
        return None
    return max(available, 0) / (total / (7 * len(forecast)))


def short(cover: float | None, lead_days: int = LEAD_DAYS) -> bool:
    """Flagged: the stock runs out before a reorder placed today could arrive."""
    return cover is not None and cover < lead_days


def fold_origins(history: Mapping[int, Sequence[float]], folds: int = FOLDS,
                 horizon: int = HORIZON, min_weeks: int = MIN_WEEKS) -> list[dict[int, int]]:
    """The backtest's folds, oldest first: per fold, SKU id → weeks trained on (the first
    ones of its series). Every series ends with the same week, so fold i's origin is the
    same week for all: `horizon` × (folds − i) weeks before the end. A SKU joins a fold with
    at least `min_weeks` weeks before its origin (a model is fitted to none fewer)."""
    out = []
    for i in range(folds):
        back = horizon * (folds - i)
        out.append({k: len(ys) - back for k, ys in history.items()
                    if len(ys) - back >= min_weeks})
    return out


@dataclass(frozen=True, slots=True)
class Accuracy:
    """Errors of one method over the weeks scored."""

    mae: float  # mean absolute error, units per SKU-week
    wape: float | None  # Σ|error| ÷ Σ actual (None when nothing sold)
    bias: float | None  # Σ(forecast − actual) ÷ Σ actual: > 0 over-forecasts


@dataclass(frozen=True, slots=True)
class Backtest:
    """The model against the baseline on the same SKU-weeks. wins/ties/losses count SKUs by
    their total absolute error; relative_mae = model's Σ|error| ÷ baseline's (< 1: better)."""

    model: Accuracy
    baseline: Accuracy
    skus: int
    weeks: int  # SKU-weeks scored
    wins: int
    ties: int
    losses: int
    relative_mae: float | None

    @property
    def win_share(self) -> float:
        return self.wins / self.skus if self.skus else 0.0


# One scored fold: (SKU id, actual weeks, the model's forecast, the baseline's forecast).
Fold = tuple[int, Sequence[float], Sequence[float], Sequence[float]]


def _accuracy(errors: float, signed: float, actual: float, weeks: int) -> Accuracy:
    return Accuracy(errors / weeks if weeks else 0.0,
                    errors / actual if actual else None, signed / actual if actual else None)


def score(folds: Iterable[Fold]) -> Backtest | None:
    """The backtest's figures over every fold's weeks; None when nothing was scored."""
    per_sku: dict[int, list[float]] = {}
    model = [0.0, 0.0]  # Σ|error|, Σ error
    base = [0.0, 0.0]
    actual, weeks = 0.0, 0
    for sku, ys, fm, fb in folds:
        errs = per_sku.setdefault(sku, [0.0, 0.0])
        for y, m, b in zip(ys, fm, fb, strict=True):
            model[0] += abs(m - y)
            model[1] += m - y
            base[0] += abs(b - y)
            base[1] += b - y
            errs[0] += abs(m - y)
            errs[1] += abs(b - y)
            actual += y
            weeks += 1
    if not weeks:
        return None
    eps = 1e-9  # equal up to float rounding is a tie
    wins = sum(1 for m, b in per_sku.values() if m < b - eps)
    losses = sum(1 for m, b in per_sku.values() if m > b + eps)
    return Backtest(_accuracy(model[0], model[1], actual, weeks),
                    _accuracy(base[0], base[1], actual, weeks),
                    len(per_sku), weeks, wins, len(per_sku) - wins - losses, losses,
                    model[0] / base[0] if base[0] else None)


def rows_of(history: Mapping[int, Sequence[float]], last_week: date, sku: int,
            first: date, last: date) -> list[tuple[date, float]]:
    """One SKU's weeks touching local days [first, last], as (Monday, units) within its
    series (weeks before its first sale are not shown: it was not on sale)."""
    ys = history.get(sku, [])
    start = last_week - timedelta(weeks=len(ys) - 1)
    return [(start + timedelta(weeks=i), y) for i, y in enumerate(ys)
            if monday(first) <= start + timedelta(weeks=i) <= last]
