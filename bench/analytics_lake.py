"""`python -m bench.analytics_lake` (also `make bench`; BENCH_ONLY=lake runs only it): the
data centre's queries over a lake of 10 million events (issue 18: every dashboard query
≤ 2 s).

The lake (bench/analytics_lake_data.py) is built fresh in a temporary folder and deleted
afterwards; BENCH_LAKE_KEEP=1 builds it in var/bench-lake instead and reuses it on later runs
made the same day with the same settings. Each query runs once to warm up, then
BENCH_LAKE_RUNS (3) times; min and median are printed beside the 2 s aim and beside
DuckDB's own floor over the same files (a bare count and distinct count). A module of the
data centre that is not there yet is reported "not present".

Environment: BENCH_LAKE_EVENTS (10000000), BENCH_LAKE_DAYS (120), BENCH_LAKE_FILES_PER_DAY
(4), BENCH_LAKE_SEGMENTS (300), BENCH_LAKE_TAIL (6000: events in those segments),
BENCH_LAKE_RUNS (3), BENCH_LAKE_SLOW (10: a query whose warm-up took longer, in seconds, is
timed once), BENCH_LAKE_KEEP (0), BENCH_LAKE_EXPLAIN (a query label, or part of one: prints
its EXPLAIN ANALYZE instead of timing it), BENCH_LAKE_DEDUPE (1; 0: the what-if of
without_dedupe)."""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import analytics_lake_data as data
from mercato.analytics.adapters import lake as lakefiles
from mercato.analytics.adapters import merge
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import figures
from mercato.platform import clock

ROOT = Path(__file__).resolve().parents[1]
AIM_S = 2.0
ENV = {"events": ("BENCH_LAKE_EVENTS", 10_000_000), "days": ("BENCH_LAKE_DAYS", 120),
       "files_per_day": ("BENCH_LAKE_FILES_PER_DAY", 4),
       "segments": ("BENCH_LAKE_SEGMENTS", 300), "tail": ("BENCH_LAKE_TAIL", 6_000)}
RUNS = int(os.environ.get("BENCH_LAKE_RUNS", "3"))
SLOW_S = float(os.environ.get("BENCH_LAKE_SLOW", "10"))
CUSTOMER = 1  # a returning customer with orders all along (analytics_lake_data's pool)
Query = Callable[[], object]


def settings() -> dict[str, Any]:
    return {k: int(os.environ.get(name, str(default))) for k, (name, default) in ENV.items()}


@contextlib.contextmanager
def the_lake() -> Iterator[tuple[Path, str]]:
    """(lake folder, how it came to be)."""
    wanted = settings()
    if os.environ.get("BENCH_LAKE_KEEP", "0") != "1":
        with tempfile.TemporaryDirectory(prefix="bench-lake-") as folder:
            built = data.build(Path(folder) / "lake", **wanted)
            yield Path(folder) / "lake", _built(built)
        return
    root, marker = ROOT / "var" / "bench-lake", ROOT / "var" / "bench-lake.json"
    stamp = {**wanted, "today": clock.today().isoformat()}
    if marker.exists() and json.loads(marker.read_text()) == stamp and root.exists():
        yield root, "reused (var/bench-lake, built earlier today with the same settings)"
        return
    marker.unlink(missing_ok=True)
    built = data.build(root, **wanted)
    marker.write_text(json.dumps(stamp))
    yield root, _built(built) + "; kept in var/bench-lake"


def _built(b: data.Built) -> str:
    return (f"built in {b.seconds:.1f} s: {b.events:,} events ({b.in_parquet:,} in {b.files:,} "
            f"Parquet files, {b.in_segments:,} in {b.segments} NDJSON segments), "
            f"{b.first} to {b.last}")


def _optional(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"mercato.analytics.{name}")
    except ImportError:
        return None


def _live_today(live: Any, lake: Lake, channel: str | None) -> Query:
    def run() -> object:
        getattr(live, "_read", {}).clear()  # its per-process memo: time the query itself
        return live.today(lake, channel)
    return run


def _given(present: object, call: Query) -> Query | None:
    return call if present else None


def queries(lake: Lake, today: date) -> list[tuple[str, Query | None]]:
    """(label, call) for every dashboard query; None when its module is not there."""
    d30, d120 = today - timedelta(days=29), today - timedelta(days=119)
    out: list[tuple[str, Query | None]] = [
        ("traffic, 30 days by day", lambda: figures.traffic(lake, d30, today, "day")),
        ("traffic, 120 days by week", lambda: figures.traffic(lake, d120, today, "week")),
        ("traffic, 120 days by month", lambda: figures.traffic(lake, d120, today, "month")),
        ("traffic, 30 days by day, channel app",
         lambda: figures.traffic(lake, d30, today, "day", "app")),
        ("funnel, 30 days", lambda: figures.funnel(lake, d30, today)),
        ("funnel, 120 days", lambda: figures.funnel(lake, d120, today)),
    ]
    c: Any = _optional("services.customers")
    cq: Any = _optional("adapters.customer_queries")
    out += [
        ("customers: life-cycle, 30 days by day",
         _given(c, lambda: c.life_cycle(lake, d30, today, "day"))),
        ("customers: life-cycle, 120 days by week",
         _given(c, lambda: c.life_cycle(lake, d120, today, "week"))),
        ("customers: RFM table, 30 days", _given(c, lambda: c.customers(lake, d30, today))),
        ("customers: RFM table, 120 days", _given(c, lambda: c.customers(lake, d120, today))),
        ("customers: cohorts, 120 days", _given(c, lambda: c.cohorts(lake, d120, today))),
        ("customers: a profile (ledger + RFM, lake part)", _given(c and cq, lambda: (
            c.customers(lake, d30, today, profile_of=CUSTOMER),
            cq.looks(lake, CUSTOMER, today)))),
    ]
    f: Any = _optional("services.fulfilment")
    live: Any = _optional("services.live")
    out += [
        ("fulfilment, 30 days", _given(f, lambda: f.fulfilment(lake, d30, today))),
        ("fulfilment, 120 days", _given(f, lambda: f.fulfilment(lake, d120, today))),
        ("live: today's figures", _given(live, _live_today(live, lake, None))),
        ("live: today's figures, channel app", _given(live, _live_today(live, lake, "app"))),
    ]
    return out


def timed(call: Query) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of RUNS calls after a warm-up; of one call only when the warm-up
    took more than SLOW_S (the verdict is plain, and `make bench` stays short). The CPU time
    (all of this process's threads) tells a slow query from a busy machine."""
    started = time.perf_counter()
    call()  # warm-up: the OS file cache, DuckDB's import
    runs = RUNS if time.perf_counter() - started <= SLOW_S else 1
    out = []
    for _ in range(runs):
        started, cpu = time.perf_counter(), time.process_time()
        call()
        out.append((time.perf_counter() - started, time.process_time() - cpu))
    return out


def floors(lake: Lake, today: date) -> list[tuple[str, Query]]:
    """DuckDB's floor: a count and a distinct count over the Parquet files alone."""
    def floor(first: date | None) -> Query:
        files = lake.parquet(first, today)
        listed = ", ".join(lakefiles.literal(f) for f in files)
        sql = f"SELECT count(*), count(DISTINCT visitor_id) FROM read_parquet([{listed}])"
        return lambda: lakefiles.fetch(sql, [])
    return [("floor: count(*), count(DISTINCT visitor_id), all Parquet files", floor(None)),
            ("floor: the same over the last 30 days' files",
             floor(today - timedelta(days=29)))]


@contextlib.contextmanager
def explaining() -> Iterator[None]:
    """lake.fetch prints EXPLAIN ANALYZE of its SQL instead of answering (the callers then
    see no rows)."""
    plain = lakefiles.fetch

    def explain(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        for _kind, plan in plain("EXPLAIN ANALYZE " + sql, params):
            print(plan)
        return []

    lakefiles.fetch = explain
    try:
        yield
    finally:
        lakefiles.fetch = plain


@contextlib.contextmanager
def without_dedupe() -> Iterator[None]:
    """What-if (BENCH_LAKE_DEDUPE=0): lake.deduped made a plain filter wherever the figures'
    modules imported it. The figures stay right on this lake (its files hold each event
    once); the difference in time is what the per-id dedupe costs."""
    original = lakefiles.deduped

    def plain(source: str, where: str) -> str:
        return f"SELECT * FROM ({source}) AS raw WHERE {where}"

    patched = [m for m in list(sys.modules.values())
               if getattr(m, "__name__", "").startswith("mercato.analytics.")
               and getattr(m, "deduped", None) is original]
    for module in patched:
        module.deduped = plain  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in patched:
            module.deduped = original  # type: ignore[attr-defined]


def _row(label: str, times: list[tuple[float, float]] | None, floor: bool = False) -> str:
    if times is None:
        return f"| {label} | — | — | — | ≤ {AIM_S:.0f} s | not present |"
    walls = [wall for wall, _cpu in times]
    best, mid = min(walls), statistics.median(walls)
    cpu = statistics.median(c for _wall, c in times)
    if len(times) == 1:
        label += " (timed once: slow)"
    verdict = "—" if floor else "PASS" if mid <= AIM_S else "**MISS**"
    return (f"| {label} | {best * 1000:,.0f} | {mid * 1000:,.0f} | {cpu:.1f} | "
            f"≤ {AIM_S:.0f} s | {verdict} |")


def measure(lake: Lake, today: date) -> None:
    wanted = os.environ.get("BENCH_LAKE_EXPLAIN", "")
    listed = queries(lake, today)  # imports the modules before without_dedupe patches them
    dedupe = os.environ.get("BENCH_LAKE_DEDUPE", "1") != "0"
    if not dedupe:
        print("What-if: every query WITHOUT the per-id dedupe (lake.deduped a plain filter).\n")
    with contextlib.nullcontext() if dedupe else without_dedupe():
        _measure(lake, today, listed, wanted)


def _measure(lake: Lake, today: date, listed: list[tuple[str, Query | None]],
             wanted: str) -> None:
    print(f"| query | min ms | median ms (of {RUNS}) | CPU s (median) | aim | result |")
    print("|---|---|---|---|---|---|")
    for label, floor in floors(lake, today):
        print(_row(label, timed(floor), floor=True), flush=True)
    for label, call in listed:
        if wanted and call is not None and wanted in label:
            with explaining():
                print(f"\nEXPLAIN ANALYZE — {label}:")
                with contextlib.suppress(Exception):  # callers may not take no rows
                    call()
            continue
        try:
            print(_row(label, None if call is None else timed(call)), flush=True)
        except (TypeError, AttributeError) as exc:  # a module being rewritten as we run
            print(f"| {label} | — | — | — | ≤ {AIM_S:.0f} s | failed: {exc} |", flush=True)


def main() -> None:
    print(f"\n# Analytics: the data centre's queries over the lake — "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {sys.version.split()[0]}, DuckDB {_duckdb_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at start\n")
    with the_lake() as (root, how):
        size = data.size_on_disk(root)
        print(f"Lake {how}; {size / 2**20:,.0f} MiB on disk.")
        if os.environ.get("BENCH_LAKE_MERGE", "1") != "0":  # 0: every day left in pieces
            started = time.perf_counter()
            merged = merge.merge(Lake(root), clock.today(), most=100_000)
            print(f"Daily merge (what the periodic job does): {len(merged)} closed days "
                  f"to one file each in {time.perf_counter() - started:.1f} s; today keeps "
                  "its files and the segments wait.")
        print()
        measure(Lake(root), clock.today())


def _duckdb_version() -> str:
    import duckdb

    return str(duckdb.__version__)


if __name__ == "__main__":
    main()
