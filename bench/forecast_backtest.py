"""`python -m bench.forecast_backtest` (also `make bench`; BENCH_ONLY=forecast runs only it):
how well the data centre's weekly sales forecast (mercato.analytics.services.forecast) does
against the seasonal naive baseline (the last 4 weeks again), by the same rolling-origin
backtest the page shows (4 origins, 4 weeks apart, each forecasting the next 4 weeks), and
what computing it costs.

Data sets:
(a) synthetic, seeded: BENCH_FORECAST_SKUS (500) SKUs × 104 weeks of units per week — fast,
    medium and slow (intermittent) sellers, a yearly wave and for some a quarterly one,
    growth or decline, the Double 11 week, launches during the two years, gamma-Poisson
    noise (a week's mean itself varies, as real demand does);
(b) the demo shop's own history (`mercato demo`: 90 days of orders) when a database with
    orders is found: BENCH_FORECAST_DATABASE_URL, else MERCATO_DATABASE_URL, else
    ./var/mercato.db (`make run`'s); skipped otherwise.

Then the methods the service could use, on each data set, to show why it uses the one it
does (services.forecast.CHOSEN); BENCH_FORECAST_COMPARE=0 skips that part."""

from __future__ import annotations

import math
import os
import platform
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from mercato.analytics import forecasting as fc
from mercato.analytics.services import forecast

SKUS = int(os.environ.get("BENCH_FORECAST_SKUS", "500"))
WEEKS = 104
SEED = 20260318
ROOT = Path(__file__).resolve().parents[1]
History = dict[int, list[float]]


def _poisson(rng: random.Random, lam: float) -> int:
    if lam > 30:  # normal approximation: Knuth's product loop is slow for large means
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def _sku(rng: random.Random) -> list[float]:
    kind = rng.choices(("fast", "medium", "slow"), (0.2, 0.4, 0.4))[0]
    level = {"fast": rng.uniform(20, 150), "medium": rng.uniform(3, 20),
             "slow": rng.uniform(0.05, 1.5)}[kind]
    growth = rng.uniform(-0.006, 0.01)  # per week: −27% to +68% a year
    yearly, phase = rng.uniform(0, 0.5), rng.uniform(0, 2 * math.pi)
    quarterly = rng.uniform(0, 0.3) if rng.random() < 0.3 else 0.0
    peak = rng.uniform(1.0, 3.0)  # the Double 11 week (week 45 of each year)
    launch = rng.randrange(0, WEEKS - 10) if rng.random() < 0.15 else 0
    ys = []
    for w in range(launch, WEEKS):
        mean = level * (1 + growth) ** (w - launch)
        mean *= max(0.0, 1 + yearly * math.sin(2 * math.pi * w / 52 + phase)
                    + quarterly * math.sin(2 * math.pi * w / 13))
        mean *= peak if w % 52 == 45 else 1.0
        ys.append(float(_poisson(rng, rng.gammavariate(4, mean / 4) if mean > 0 else 0.0)))
    while ys and ys[0] == 0:  # a series starts with its first sale, as the service's do
        ys.pop(0)
    return ys


def synthetic(skus: int = SKUS, seed: int = SEED) -> History:
    rng = random.Random(seed)
    out = {k: _sku(rng) for k in range(1, skus + 1)}
    return {k: ys for k, ys in out.items() if ys}


def demo_history() -> tuple[str, History] | None:
    """The demo shop's weekly series, as the service reads them; None without orders."""
    from mercato.platform import clock
    from mercato.platform.db import Database

    url = (os.environ.get("BENCH_FORECAST_DATABASE_URL") or os.environ.get("MERCATO_DATABASE_URL")
           or f"sqlite:///{ROOT / 'var' / 'mercato.db'}")
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    db = Database(url)
    try:
        with db.transaction(immediate=False) as tx:
            _last, weekly = forecast.history(tx, clock.today())
    finally:
        db.engine.dispose()
    return (url, weekly) if weekly else None


def _figures(label: str, b: fc.Backtest | None, seconds: float) -> str:
    if b is None:
        return f"| {label} | — | — | — | — | — | — | — | {seconds:.2f} |"
    m, s = b.model, b.baseline

    def pct(x: float | None) -> str:
        return "—" if x is None else f"{100 * x:.1f}%"

    rel = "—" if b.relative_mae is None else f"{b.relative_mae:.3f}"
    return (f"| {label} | {b.skus} ({b.weeks:,}) | {pct(m.wape)} / {pct(s.wape)} | "
            f"{m.mae:.2f} / {s.mae:.2f} | {pct(m.bias)} / {pct(s.bias)} | {rel} | "
            f"{pct(b.win_share)} | {b.ties} | {seconds:.2f} |")


HEAD = ("| data | SKUs (SKU-weeks) scored | WAPE model / naive | MAE model / naive | "
        "bias model / naive | MAE ratio | model better on | ties | seconds |\n"
        "|---|---|---|---|---|---|---|---|---|")


def _timed(fn: Callable[[], fc.Backtest | None]) -> tuple[fc.Backtest | None, float]:
    started = time.perf_counter()
    found = fn()
    return found, time.perf_counter() - started


def _yearly(history: History) -> fc.Backtest | None:
    """The seasonal naive of 52 weeks (the same week last year) scored against the 4-week one
    on the folds whose SKUs have a year before the origin."""
    folds: list[fc.Fold] = []
    for origin in fc.fold_origins(history, min_weeks=52):
        for k, n in origin.items():
            train = history[k][:n]
            folds.append((k, history[k][n:n + fc.HORIZON], fc.seasonal_naive(train, season=52),
                          fc.seasonal_naive(train)))
    return fc.score(folds)


def compare(name: str, history: History) -> None:
    """Each candidate as "the model" of the same backtest (naive: the 4-week baseline)."""
    print(f"\nMethods on {name} (smooth / intermittent: AutoETS 'ets' picks error, trend and "
          "damping; 'level' is AutoETS without trend; 'croston' is CrostonOptimized):\n")
    print(HEAD.replace("| data |", "| method |"))
    candidates: list[forecast.Methods] = [("level", "level"), ("ets", "ets"),
                                          ("level", "croston"), ("ets", "croston")]
    for methods in candidates:
        found, seconds = _timed(partial(forecast.backtest, history, methods))
        mark = " (used)" if methods == forecast.CHOSEN else ""
        print(_figures(" / ".join(methods) + mark, found, seconds))
    intermittent = {k: ys for k, ys in history.items() if fc.intermittent(ys)}
    for method in ("level", "croston"):
        found, seconds = _timed(partial(forecast.backtest, intermittent, (method, method)))
        print(_figures(f"{method}, intermittent SKUs only", found, seconds))
    found, seconds = _timed(lambda: _yearly(history))
    print(_figures("seasonal naive 52 weeks (SKUs with a year)", found, seconds))


def run(name: str, history: History) -> tuple[str, str]:
    """(The backtest's table row, a line on the forecast itself)."""
    weeks = sum(len(ys) for ys in history.values())
    started = time.perf_counter()
    predicted = forecast.predict(history)
    fitted = time.perf_counter() - started
    tested, seconds = _timed(lambda: forecast.backtest(history))
    short = sum(1 for f in predicted.values() if not f.enough)
    return _figures(name.split(" (")[0], tested, seconds), (
        f"- {name}: {len(history)} SKUs, {weeks:,} SKU-weeks; the next {fc.HORIZON} weeks "
        f"forecast in {fitted:.2f} s ({short} SKUs with under {fc.MIN_WEEKS} weeks: their mean)")


def main() -> None:
    print(f"\n# Sales forecast backtest — {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}; model {forecast.CHOSEN} "
          f"(smooth / intermittent), baseline seasonal naive of {fc.SEASON} weeks\n")
    started = time.perf_counter()
    from statsforecast import StatsForecast, models  # noqa: F401  timed apart from the fits

    print(f"statsforecast imported in {time.perf_counter() - started:.2f} s\n\n{HEAD}")
    sets = [(f"synthetic ({SKUS} SKUs × {WEEKS} weeks, seed {SEED})", synthetic())]
    demo = demo_history()
    if demo is not None:
        sets.append((f"demo shop ({demo[0]})", demo[1]))
    done = [run(name, history) for name, history in sets]
    print("\n".join(row for row, _note in done) + "\n")
    print("\n".join(note for _row, note in done))
    if demo is None:
        print("- demo shop: no orders found (run `mercato demo`, or set "
              "BENCH_FORECAST_DATABASE_URL to a shop's database)")
    if os.environ.get("BENCH_FORECAST_COMPARE", "1") != "0":
        for name, history in sets:
            compare(name.split(" (")[0], history)


if __name__ == "__main__":
    main()
