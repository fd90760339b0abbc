"""`python -m bench.checkout` (also the last part of `make bench`; BENCH_ONLY=checkout runs
only it): checkout throughput through the HTTP API on SQLite and PostgreSQL, beside the raw
ceiling of the same SQL (bench/replay.py, bench/pgbench_checkout.py) and the stack's floor
(bench/floor.py: the same requests answered by a bare FastAPI app replaying that SQL), then
the flash race (bench/flash.py). N buyers (each its own customer, token, address and two
SKUs with plenty of stock) loop "add 2 SKUs to the cart, then place the order" against
`mercato serve --workers 2`. One checkout = POST /api/v1/cart/lines ×2 + POST /api/v1/orders
with an Idempotency-Key.

Environment: BENCH_SECONDS (10), BENCH_WARM_UP (3), BENCH_CHECKOUT_DB (sqlite,postgresql),
BENCH_PG_URL (a server where scratch databases may be created), BENCH_SPREAD (1),
BENCH_FLASH_BUYERS (400), BENCH_FLASH_UNITS (100)."""

from __future__ import annotations

import asyncio
import os
import pickle
import platform
import re
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import (
    capture,
    checkout_report,
    driver,
    flash,
    mixed,
    pgbench_checkout,
    replay,
    servers,
    shop,
)
from bench.run import DATA, HELLO_PORT, SECONDS, WORKERS
from bench.shop import Buyer
from mercato.platform.settings import Settings

WARM_UP = float(os.environ.get("BENCH_WARM_UP", "3"))
# uvicorn's workers share one listening socket and each accepts every pending connection it
# can: a burst of new connections may all land on one worker. Spread them evenly (as a
# balancing proxy would) unless BENCH_SPREAD=0.
SPREAD = os.environ.get("BENCH_SPREAD", "1") != "0"


@dataclass(frozen=True)
class Load:
    buyers: int
    checkouts: int  # orders placed (201) in the timed window
    wall: float
    tally: driver.Tally
    driver_cpu: float  # share of one core used by this driver process
    server_cpu: float  # share of one core used by the uvicorn processes (2 cores = 200%)
    pg_cpu: float  # share of one core used by the PostgreSQL backends serving this database
    other_cpu: float  # share of one core used by everything else on the machine meanwhile
    # PostgreSQL connections opened meanwhile (pool overflow). A backend that exits takes its
    # CPU time with it, so with churn `pg_cpu` is a lower bound (and `other_cpu` too high).
    pg_connects: int = 0
    spread: str = ""  # buyers' connections per worker, e.g. "4+4"
    worker_cpu: tuple[float, ...] = ()  # share of one core per uvicorn process, busiest first

    @property
    def rate(self) -> float:
        return self.checkouts / self.wall


async def checkout(conn: driver.Connection, b: Buyer, tally: driver.Tally) -> bool:
    """One checkout; True when the order was placed (201)."""
    auth = {"Authorization": f"Bearer {b.token}"}
    started = time.perf_counter()
    for sku in b.skus:
        t = time.perf_counter()
        status, body = await conn.request(
            "POST", "/api/v1/cart/lines", {"sku_id": sku, "quantity": 1}, auth
        )
        tally.add("add to cart", t, status, body)
    t = time.perf_counter()
    headers = {**auth, "Idempotency-Key": f"bench-{uuid.uuid4().hex}"}
    status, body = await conn.request(
        "POST", "/api/v1/orders", {"address_id": b.address_id, "shipping_method": "sf"}, headers
    )
    placed = tally.add("order POST", t, status, body)
    if placed:
        tally.lap("checkout", started)
    return placed


async def _buyer(conn: driver.Connection, b: Buyer, tally: driver.Tally, until: float) -> int:
    placed = 0
    while time.perf_counter() < until:
        placed += await checkout(conn, b, tally)
    return placed


async def _timed(
    conns: list[driver.Connection], buyers: list[Buyer], seconds: float
) -> tuple[int, float, driver.Tally]:
    tally = driver.Tally()
    start = time.perf_counter()
    runs = (_buyer(c, b, tally, start + seconds) for c, b in zip(conns, buyers, strict=True))
    counts = await asyncio.gather(*runs)
    return sum(counts), time.perf_counter() - start, tally


def _cpu(server_pgid: int, pg_database: str | None) -> tuple[float, ...]:
    return (
        time.process_time(),
        driver.cpu_seconds(pgid=server_pgid),
        driver.cpu_seconds(cmdline=f" {pg_database} ") if pg_database else 0.0,
        driver.busy_seconds(),
    )


async def _measure(
    port: int, server_pgid: int, buyers: list[Buyer], seconds: float, pg_database: str | None
) -> Load:
    conns, spread = await driver.connect(port, len(buyers), WORKERS if SPREAD else 0)
    try:
        await _timed(conns, buyers, WARM_UP)
        url = f"{shop.PG_SERVER.rsplit('/', 1)[0]}/{pg_database}" if pg_database else ""
        sessions = shop.pg_sessions(url) if url else 0
        cpu0, per0 = _cpu(server_pgid, pg_database), driver.cpu_by_pid(server_pgid)
        placed, wall, tally = await _timed(conns, buyers, seconds)
        cpu1, per1 = _cpu(server_pgid, pg_database), driver.cpu_by_pid(server_pgid)
        connects = shop.pg_sessions(url) - sessions - 1 if url else 0
    finally:
        for c in conns:
            c.close()
    mine, server, pg, busy = [(b - a) / wall for a, b in zip(cpu0, cpu1, strict=True)]
    workers = sorted(((t - per0.get(p, 0.0)) / wall for p, t in per1.items()), reverse=True)
    return Load(
        len(buyers),
        placed,
        wall,
        tally,
        mine,
        server,
        pg,
        busy - mine - server - pg,
        connects,
        spread,
        tuple(w for w in workers if w > 0.005),
    )


def measure(
    port: int, server_pgid: int, buyers: list[Buyer], seconds: float, pg_database: str | None
) -> Load:
    """Warm up, then time `seconds` of checkouts by `buyers` (each in-flight checkout is
    finished and counted; the wall clock runs until the last one answers). Each buyer has
    its own keep-alive connection, spread evenly over the workers unless BENCH_SPREAD=0."""
    load: Load = driver.run(_measure(port, server_pgid, buyers, seconds, pg_database))
    return load


# -- `python -m bench.checkout` (and `make bench`, after the storefront benches) -------------

PORT = 8803
CONCURRENCY = (8, 32)
# The second flash race admits this many order POSTs at a time: fewer than one worker's
# threads and pooled connections, so it shows the stock rules without pool starvation.
FLASH_GATE = 32
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


@dataclass
class Results:
    backend: str
    loads: list[Load]
    raws: list[replay.Raw]
    races: list[flash.Race]
    captured: list[capture.Checkout]
    errors: dict[str, Counter[str]]  # server-side exceptions logged, by phase
    raw_busy_cpu: list[float]  # share of a core the whole machine used during each raw run
    floors: list[Load]  # the same load against the stack's floor (bench/floor.py)
    mixed: mixed.Mixed | None = None  # orders, payments and cancels over shared SKUs


def _ceiling(
    backend: str, url: str, captured: list[capture.Checkout], n: int, seconds: float
) -> tuple[replay.Raw, float]:
    """The raw ceiling at `n` clients, and how busy the whole machine was meanwhile (share of
    one core, every process: pgbench's backends are gone before they could be counted)."""

    def once(secs: float) -> replay.Raw:
        if backend == "SQLite":
            return replay.sqlite_ceiling(url.split("///", 1)[1], captured, n, secs)
        return pgbench_checkout.pgbench(url, captured, n, secs)

    once(WARM_UP)
    start, busy = time.perf_counter(), driver.busy_seconds()
    raw = once(seconds)
    return raw, (driver.busy_seconds() - busy) / (time.perf_counter() - start)


_EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Timeout)\w*): (.{0,80})", re.M)


def _logged(log: Path, since: int) -> Counter[str]:
    """Exception lines the server wrote to its log after byte `since`."""
    with log.open("rb") as f:
        f.seek(since)
        text = f.read().decode("utf-8", "replace")
    return Counter(f"{m.group(1)}: {m.group(2)}" for m in _EXCEPTION.finditer(text))


def _served(
    s: shop.Shop, log: Path, seconds: float
) -> tuple[list[Load], list[flash.Race], mixed.Mixed, dict[str, Counter[str]]]:
    """The HTTP phases against one server; what it logged is kept per phase."""
    errors: dict[str, Counter[str]] = {}
    with servers.mercato(PORT, WORKERS, s.env, log) as server:
        assert server.proc is not None
        pgid = server.proc.pid
        pg_database = None if s.backend == "SQLite" else s.url.rsplit("/", 1)[1]

        def phase(name: str, work: Any) -> Any:
            since = log.stat().st_size
            out = work()
            errors[name] = _logged(log, since)
            return out

        loads = [
            phase(
                f"{n} buyers", lambda n=n: measure(PORT, pgid, s.buyers[:n], seconds, pg_database)
            )
            for n in CONCURRENCY
        ]
        secret = Settings(database_url=s.url, media_dir=DATA / "media").secret_key
        mix = phase("mixed", lambda: mixed.run(PORT, s, secret, seconds))
        races = [
            phase("flash, all at once", lambda: flash.race(PORT, s, s.flash_skus[0])),
            phase(
                f"flash, ≤ {FLASH_GATE} in flight",
                lambda: flash.race(PORT, s, s.flash_skus[1], FLASH_GATE),
            ),
        ]
    return loads, races, mix, errors


def _floor(s: shop.Shop, captured: list[capture.Checkout], seconds: float) -> list[Load]:
    """The same load against bench/floor.py, which replays the captured SQL."""
    path = DATA / f"floor-{s.backend.lower()}.pickle"
    path.write_bytes(pickle.dumps(captured))
    env = {"FLOOR_CAPTURE": str(path), "FLOOR_URL": s.url}
    pg_database = None if s.backend == "SQLite" else s.url.rsplit("/", 1)[1]
    with servers.floor(PORT, WORKERS, env, DATA / "floor-server.log") as server:
        assert server.proc is not None
        return [
            measure(PORT, server.proc.pid, s.buyers[:n], seconds, pg_database)
            for n in CONCURRENCY
        ]


def run_backend(backend: str, seconds: float) -> Results:
    with shop.database(backend) as url:
        s = shop.populate(backend, url, max(flash.BUYERS, *CONCURRENCY), max(CONCURRENCY))
        captured = capture.capture(url, s.buyers[: max(CONCURRENCY)])
        log = DATA / f"checkout-server-{backend.lower()}.log"
        loads, races, mix, errors = _served(s, log, seconds)
        floors = _floor(s, captured, seconds)
        ceilings = [_ceiling(backend, url, captured, n, seconds) for n in CONCURRENCY]
    raws, busy = [c[0] for c in ceilings], [c[1] for c in ceilings]
    return Results(backend, loads, raws, races, captured, errors, busy, floors, mix)


def main() -> None:
    wanted = [
        BACKENDS[b.strip()]
        for b in os.environ.get("BENCH_CHECKOUT_DB", "sqlite,postgresql").split(",")
        if b.strip()
    ]
    print(
        f"\n# Checkout — {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}, {WORKERS} workers, {WARM_UP:g} s warm-up then "
        f"{SECONDS} s per run, asyncio driver on the same cores\n"
    )
    load_before = os.getloadavg()
    with servers.hello(HELLO_PORT, WORKERS):
        own = driver.own_ceiling(HELLO_PORT, "/hello", max(CONCURRENCY), WARM_UP + 2)
    results = []
    for backend in wanted:
        if backend == "PostgreSQL" and not shop.pg_reachable():
            print(f"(PostgreSQL at {shop.PG_SERVER} is not reachable: skipped)\n")
            continue
        results.append(run_backend(backend, SECONDS))
    checkout_report.report(results, load_before, own)


if __name__ == "__main__":
    main()
