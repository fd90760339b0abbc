"""`python -m bench.analytics_record` (also `make bench`; BENCH_ONLY=analytics runs only it):
what recording behaviour events costs (issue 18 asks ≥ 20,000 events/s).

(a) 200,000 page views through the recorder as the middleware records them (stamped,
    appended to the buffer from BENCH_ANALYTICS_THREADS threads, written as NDJSON segments
    by the background thread), timed until the last one is on disk;
(b) the middleware's own cost per storefront page: a bare ASGI app called directly, with and
    without AnalyticsMiddleware (a returning visitor: cookie checked, one event appended);
(c) compacting those events into Parquet, and the traffic figures over them.

Environment: BENCH_ANALYTICS_EVENTS (200000), BENCH_ANALYTICS_THREADS (4),
BENCH_ANALYTICS_CALLS (20000, for b)."""

from __future__ import annotations

import asyncio
import os
import platform
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from mercato.analytics import domain
from mercato.analytics.adapters.compaction import compact
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.adapters.recorder import Recorder
from mercato.analytics.services import figures
from mercato.analytics.services.recording import Tracker
from mercato.analytics.web.middleware import AnalyticsMiddleware
from mercato.platform import clock

EVENTS = int(os.environ.get("BENCH_ANALYTICS_EVENTS", "200000"))
THREADS = int(os.environ.get("BENCH_ANALYTICS_THREADS", "4"))
CALLS = int(os.environ.get("BENCH_ANALYTICS_CALLS", "20000"))


def _tracker(root: Path) -> Tracker:
    lake = Lake(root / "lake")
    return Tracker(domain.visitor_key("bench" * 8), lake, Recorder(lake.incoming))


def record(tracker: Tracker) -> tuple[float, float]:
    """(appended per second, on disk per second)."""
    visitors = [domain.new_visitor_id(tracker.key) for _ in range(1000)]
    each = EVENTS // THREADS

    def work(offset: int) -> None:
        for i in range(each):
            tracker.record("page_view", visitors[(offset + i) % 1000], path="/p/cotton-tee")

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(t * 7,)) for t in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    appended = time.perf_counter() - started
    tracker.recorder.flush()
    done = time.perf_counter() - started
    on_disk = sum(len(p.read_bytes().splitlines()) for p in tracker.lake.segments())
    assert on_disk == each * THREADS, (on_disk, each * THREADS)
    return on_disk / appended, on_disk / done


async def _page(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/html; charset=utf-8")]})
    await send({"type": "http.response.body", "body": b"<p>hi</p>"})


def middleware_cost(tracker: Tracker) -> tuple[float, float]:
    """µs per call of the bare page, and with the middleware."""
    cookie = b"mv=" + domain.new_visitor_id(tracker.key).encode()
    scope = {"type": "http", "method": "GET", "path": "/p/cotton-tee", "query_string": b"",
             "scheme": "http", "headers": [(b"cookie", cookie), (b"user-agent", b"Mozilla/5.0")]}
    wrapped = AnalyticsMiddleware(_page, tracker)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(_message: Any) -> None:
        return None

    async def run(app: Any) -> float:
        started = time.perf_counter()
        for _ in range(CALLS):
            await app(dict(scope), receive, send)
        return (time.perf_counter() - started) / CALLS * 1e6

    bare = asyncio.run(run(_page))
    with_it = asyncio.run(run(wrapped))
    tracker.recorder.flush()
    return bare, with_it


def main() -> None:
    print(f"\n# Analytics: recording events — {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as folder:
        tracker = _tracker(Path(folder))
        appended, on_disk = record(tracker)
        print(f"\n{EVENTS:,} page views from {THREADS} threads: {appended:,.0f} events/s "
              f"appended, {on_disk:,.0f} events/s on disk (target ≥ 20,000/s)")
        bare, with_it = middleware_cost(tracker)
        print(f"middleware per storefront page: {with_it - bare:.1f} µs "
              f"({bare:.1f} µs bare app, {with_it:.1f} µs with it; {CALLS:,} calls)")
        started = time.perf_counter()
        written = compact(tracker.lake)
        compacted = time.perf_counter() - started
        today = clock.today()
        started = time.perf_counter()
        (row,) = figures.traffic(tracker.lake, today, today)
        queried = time.perf_counter() - started
        print(f"compaction of {written:,} events into Parquet: {compacted:.2f} s; traffic of "
              f"the day over them: {queried * 1000:.0f} ms (PV {row.pv:,}, UV {row.uv:,})")


if __name__ == "__main__":
    main()
