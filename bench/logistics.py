"""`python -m bench.logistics` (also `make bench`; BENCH_ONLY=logistics runs only it): the
logistics context on a scratch database of each backend, data in bulk (bench/logistics_data).
1. Allocation: `allocate_order` of every paid order, one `db.unit` each, from 2 threads,
   beside the app's very statements (recorded on a copy) replayed on the driver.
2. Tracking: Kuaidi100 pushes (full histories) to `mercato serve` over 32 keep-alive
   connections of bench/driver.py, with the server's and the database's CPU per push, then
   the same requests to an integration the shop has not (404 before the body is read: the
   framework's floor); beside the app's push SQL on the driver from 32 threads (PostgreSQL:
   tracking_pg's one statement, and services/tracking.py's four, its path until 2026-12-07).
Checked afterwards (logistics_data.check). Environment: BENCH_LOGISTICS_DB (sqlite,
postgresql), BENCH_LOGISTICS_ORDERS (10000), BENCH_LOGISTICS_PUSHES (100000),
BENCH_LOGISTICS_WORKERS (the server's, 2), BENCH_PG_URL."""

from __future__ import annotations

import asyncio
import os
import platform
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.dialects.postgresql import psycopg

from bench import driver, servers, shop
from bench import logistics_data as data
from bench.dashboard_data import analyze
from bench.run import DATA
from mercato.logistics.adapters import tracking_pg
from mercato.logistics.services import allocate
from mercato.platform.db import Database

ORDERS = int(os.environ.get("BENCH_LOGISTICS_ORDERS", "10000"))
PUSHES = int(os.environ.get("BENCH_LOGISTICS_PUSHES", "100000"))
WORKERS = int(os.environ.get("BENCH_LOGISTICS_WORKERS", "2"))
THREADS, CONNECTIONS, PORT = 2, 32, 8805
WRITERS = threading.Lock()  # the raw replays' SQLite writers queue on it, as the app's do
PUSH_PATH = "/api/v1/logistics/push/kuaidi100"
FLOOR_PATH, FLOOR = "/api/v1/logistics/push/x", 20_000  # requests: see the module doc


@dataclass(frozen=True)
class Timed:
    count: int
    wall: float
    ms: list[float]

    def p(self, q: float) -> float:
        return driver.pct(self.ms, q)

    @property
    def rate(self) -> float:
        return self.count / self.wall


def pool(n: int, items: Iterable[Any], setup: Callable[[], Any],
         fn: Callable[[Any, Any], None]) -> Timed:
    """fn(state, item) for every item from `n` threads (state = setup() per thread, closed
    at the end), each call timed; a thread's error is raised here once all are done."""
    todo, ms = iter(items), []

    def work() -> None:
        state = setup()
        try:
            for item in todo:
                started = time.perf_counter()
                fn(state, item)
                ms.append((time.perf_counter() - started) * 1000)
        finally:
            getattr(state, "close", lambda: None)()

    start = time.perf_counter()
    with ThreadPoolExecutor(n) as threads:
        done = [threads.submit(work) for _ in range(n)]
    [f.result() for f in done]  # the first error of any thread is raised here
    return Timed(len(ms), time.perf_counter() - start, ms)


def allocate_app(url: str, numbers: list[str]) -> Timed:
    db = Database(url)
    timed = pool(THREADS, numbers, lambda: None,
                 lambda _s, n: db.unit(lambda tx: allocate.allocate_order(tx, n)))
    db.engine.dispose()
    return timed


Captured = list[tuple[str, Any, bool]]  # (SQL, parameters as sent, executemany)


def capture(url: str, numbers: list[str]) -> list[tuple[Captured, list[int]]]:
    """Each order's statements as the app sends them, and the ids of its new shipments."""
    db, got, out, ids = Database(url), [], [], {}

    def record(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, many: bool) -> None:
        if not sql.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            got.append((sql, params, many))

    event.listen(db.engine, "before_cursor_execute", record)
    for n in numbers:
        got.clear()
        db.unit(lambda tx, n=n: allocate.allocate_order(tx, n))
        out.append(list(got))
    with db.engine.connect() as conn:
        for number, sid in conn.execute(text("SELECT order_number, id FROM logistics_shipment "
                                             "WHERE carrier IS NULL ORDER BY id")):
            ids.setdefault(number, []).append(sid)
    db.engine.dispose()
    return [(stmts, ids.get(n, [])) for stmts, n in zip(out, numbers, strict=True)]


def _remap(sql: str, params: Any, ids: dict[int, int]) -> Any:
    """A shipment line's shipment_id: the replay's own new shipment, not the captured one."""
    if isinstance(params, dict):
        return {k: ids.get(v, v) if k.split("__")[0] == "shipment_id" else v
                for k, v in params.items()}
    cols = sql[sql.index("(") + 1 : sql.index(")")].split(", ")
    at, width = cols.index("shipment_id"), len(cols)
    return tuple(ids.get(v, v) if i % width == at else v for i, v in enumerate(params))


def _replay_order(cur: Any, stmts: Captured, old: list[int]) -> None:
    ids: dict[int, int] = {}
    for sql, params, many in stmts:
        if sql.startswith("INSERT INTO logistics_shipment_line "):
            params = _remap(sql, params, ids)
        (cur.executemany if many and isinstance(params, list) else cur.execute)(sql, params)
        if sql.startswith("INSERT INTO logistics_shipment ("):
            ids[old[len(ids)]] = cur.fetchone()[0] if cur.description else cur.lastrowid
        elif cur.description:
            cur.fetchall()


def replay(url: str, captured: list[tuple[Captured, list[int]]]) -> Timed:
    return pool(THREADS, captured, lambda: data.Raw(url, WRITERS),
                lambda raw, c: raw.unit(lambda cur: _replay_order(cur, *c)))


_SELECT = ("SELECT id, waybill_no, stage, last_event_at, signed_at FROM logistics_shipment "
           "WHERE carrier = ? AND waybill_no IN (?) ORDER BY id")
_SEEN = "SELECT key FROM logistics_tracking_event WHERE key IN ({})"
_INSERT = ("INSERT INTO logistics_tracking_event (shipment_id, key, stage, occurred_at, "
           "description, location, code, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_UPDATE = ("UPDATE logistics_shipment SET stage = ?, last_event_at = ?, last_heard_at = ?, "
           "updated_at = ? WHERE id = ?")
_ONE = str(text(tracking_pg.PUSH_SQL).compile(dialect=psycopg.dialect()))


def _raw_push(raw: data.Raw, push: tuple[str, list[tuple[Any, ...]]]) -> None:
    """The four statements of services/tracking.py, the shipment set to the newest scan."""
    waybill, rows = push
    newest = max(rows, key=lambda r: r[2])

    def tx(cur: Any) -> None:
        cur.execute(raw.sql(_SELECT + ("" if raw.sqlite else " FOR UPDATE")), ("zto", waybill))
        sid = cur.fetchone()[0]
        cur.execute(raw.sql(_SEEN.format(", ".join(["?"] * len(rows)))), [r[0] for r in rows])
        seen = {r[0] for r in cur.fetchall()}
        new = [[raw.value(v) for v in (sid, *r)] for r in rows if r[0] not in seen]
        if new:
            cur.executemany(raw.sql(_INSERT), new)
        now = datetime.now()
        cur.execute(raw.sql(_UPDATE), [raw.value(v) for v in (*newest[1:3], now, now, sid)])

    raw.unit(tx)


def _raw_one(raw: data.Raw, push: tuple[str, list[tuple[Any, ...]]]) -> None:
    """The app's one statement on PostgreSQL, bound as the app binds it."""
    waybill, rows = push
    raw.conn.execute(_ONE, tracking_pg.bind("zto", waybill, [r[:6] for r in rows], datetime.now()))


def push_raw(url: str, pushes: data.Pushes, one: bool) -> Timed:
    timed = pool(CONNECTIONS, pushes.raw, lambda: data.Raw(url, WRITERS, autocommit=one),
                 _raw_one if one else _raw_push)
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM logistics_tracking_event"))
        conn.execute(text("UPDATE logistics_shipment SET stage = '', last_event_at = NULL, "
                          "last_heard_at = NULL WHERE carrier = 'zto'"))
    analyze(db)
    db.engine.dispose()
    return timed


async def _send(conn: driver.Connection, body: bytes, path: str) -> int:
    """One push on a driver connection; its status (the answer is read and dropped)."""
    await conn.open()
    assert conn._r is not None and conn._w is not None
    conn._w.write(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{PORT}\r\nContent-Type: "
                  "application/x-www-form-urlencoded\r\nContent-Length: "
                  f"{len(body)}\r\n\r\n".encode() + body)
    head = (await conn._r.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
    await conn._r.readexactly(int(head.split("content-length:", 1)[1].split("\r\n", 1)[0]))
    return int(head.split(" ", 2)[1])


async def _drive(bodies: list[bytes], warm: list[bytes],
                 path: str) -> tuple[Timed, int, float]:
    """(timings, non-2xx, the driver's share of a core)."""
    conns, _split = await driver.connect(PORT, CONNECTIONS, WORKERS)
    for conn, body in zip(conns, warm, strict=True):
        await _send(conn, body, path)
    todo, ms, bad = iter(bodies), [], [0]

    async def one(conn: driver.Connection) -> None:
        for body in todo:
            started = time.perf_counter()
            status = await _send(conn, body, path)
            bad[0] += status // 100 != 2
            ms.append((time.perf_counter() - started) * 1000)
        conn.close()

    cpu, start = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(c) for c in conns))
    wall = time.perf_counter() - start
    return Timed(len(ms), wall, ms), bad[0], (time.process_time() - cpu) / wall


def push_app(url: str, pushes: data.Pushes) -> tuple[Timed, int, float, float, float, float]:
    """Timings, non-2xx, the driver's share of a core, server and database CPU ms a push;
    then the framework's floor (req/s at FLOOR_PATH)."""
    env = {"MERCATO_DATABASE_URL": url, "MERCATO_MEDIA_DIR": str(DATA / "media"),
           "MERCATO_JOBS": "false", "MERCATO_SANDBOX_SMTP_PORT": str(PORT + 1000),
           "MERCATO_CARRIERS_SANDBOX": "false", "MERCATO_KUAIDI100_KEY": "BenchKuaidi100Key",
           "MERCATO_KUAIDI100_CUSTOMER": "BENCH", "MERCATO_KUAIDI100_SECRET": "bench",
           "MERCATO_KUAIDI100_SALT": data.SALT}
    name = "" if url.startswith("sqlite") else url.rsplit("/", 1)[1]
    bodies = [b.encode() for b in pushes.bodies]
    warm = [b.encode() for b in data.warm_bodies(CONNECTIONS)]
    with servers.mercato(PORT, WORKERS, env, DATA / "logistics-server.log") as server:
        pgid = server.proc.pid if server.proc else None
        cpu = driver.cpu_seconds(pgid), (name and driver.cpu_seconds(cmdline=name)) or 0.0
        timed, bad, share = driver.run(_drive(bodies, warm, PUSH_PATH))
        used = [driver.cpu_seconds(pgid) - cpu[0],
                (name and driver.cpu_seconds(cmdline=name) - cpu[1]) or 0.0]
        floor = driver.run(_drive(bodies[:FLOOR], warm, FLOOR_PATH))[0].rate
    return timed, bad, share, *(round(1000 * u / timed.count, 2) for u in used), floor


def run_backend(backend: str) -> tuple[str, str]:
    """This backend's row of each table."""
    with data.scratch(backend) as s:
        db = Database(s.url)
        numbers = data.seed_paid(db, ORDERS)
        pushes = data.make_pushes(PUSHES)
        data.seed_shipped(db, ORDERS + 1, len(pushes.final))
        analyze(db)
        db.engine.dispose()
        capture_url, replay_url = s.make("_capture"), s.make("_replay")
        app = allocate_app(s.url, numbers)
        captured = capture(capture_url, numbers)
        raw = replay(replay_url, captured)
        raw_push = push_raw(s.url, pushes, one=backend == "PostgreSQL")
        four = f"{push_raw(s.url, pushes, False).rate:,.0f}" if backend == "PostgreSQL" else "—"
        http, bad, share, server_ms, db_ms, floor = push_app(s.url, pushes)
        made, ok, stored, push_ok = data.check(s.url, pushes)
    per = sum(len(c) for c, _ in captured) / len(captured)
    return (
        f"| {backend} | {ORDERS:,} | {per:.1f} | **{app.rate:,.0f}** | {app.p(50):.1f} / "
        f"{app.p(95):.1f} | {raw.rate:,.0f} | {raw.p(50):.1f} / {raw.p(95):.1f} | "
        f"{100 * app.rate / raw.rate:.0f}% | {made} | {ok} |",
        f"| {backend} | {http.count:,} ({pushes.repeats:,} repeats, {pushes.late:,} late) | "
        f"{stored:,} | **{http.rate:,.0f}** | {stored / http.wall:,.0f} | {http.p(50):.1f} / "
        f"{http.p(95):.1f} / {http.p(99):.1f} | {bad} | {raw_push.rate:,.0f} | {four} | "
        f"{floor:,.0f} | {100 * http.rate / raw_push.rate:.0f}% | {server_ms:.2f} / "
        f"{db_ms or '(in server)'} | {100 * share:.0f}% | {push_ok} |",
    )


def main() -> None:
    rows = []
    for backend in os.environ.get("BENCH_LOGISTICS_DB", "sqlite,postgresql").split(","):
        name = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[backend.strip()]
        if name == "PostgreSQL" and not shop.pg_reachable():
            print(f"(PostgreSQL at {shop.PG_SERVER} is not reachable: skipped)")
            continue
        rows.append(run_backend(name))
    print(f"\n# Logistics — {platform.processor() or platform.machine()}, {os.cpu_count()} "
          f"cores, Python {sys.version.split()[0]}\n\nAllocation of paid orders "
          f"(`allocate_order`, one unit each, {THREADS} threads in-process; raw = the captured "
          "statements replayed on the driver):\n\n| backend | orders | statements / order "
          "| orders/s | p50 / p95 ms | raw orders/s | raw p50 / p95 ms | vs raw | shipments "
          "| checks |\n" + "|---" * 10 + "|\n" + "\n".join(a for a, _ in rows))
    print(f"\nKuaidi100 pushes over HTTP (`mercato serve`, {WORKERS} workers, {CONNECTIONS} "
          "connections, bench/driver.py; raw = the app's push SQL on the driver, same "
          "concurrency):\n\n| backend | pushes | events stored | pushes/s | events stored/s | "
          "p50 / p95 / p99 ms | non-2xx | raw pushes/s | raw, 4 statements | floor (404) req/s "
          "| vs raw | CPU ms / push: server / database | driver CPU | checks |\n" + "|---" * 14
          + "|\n" + "\n".join(p for _, p in rows))


if __name__ == "__main__":
    main()
