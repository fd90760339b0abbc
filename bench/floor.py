"""The stack's floor: the checkout bench's three requests answered by a bare FastAPI app on the
same uvicorn, whose handlers only replay the SQL captured from Mercato's own checkout (the
statements the raw ceiling replays) and answer a few bytes of JSON. No validation, no business
logic, no ORM, no pool of ours: what FastAPI, uvicorn and the driver cost around the same SQL.
The distance from here to the raw ceiling is the stack's; from Mercato to here, Mercato's.

Run by bench/checkout.py (`uvicorn bench.floor:app`), configured by FLOOR_CAPTURE (a pickle of
the captured checkouts) and FLOOR_URL. SQLite: each transaction runs on the event loop with
the writer lock (`flock` of <db>-writer, as Mercato's writers queue) taken at BEGIN IMMEDIATE;
PostgreSQL: each request's statements in a worker thread on a connection of that thread, in
autocommit with BEGIN/COMMIT sent as statements (as pgbench does), prepared after first use."""

from __future__ import annotations

import os
import pickle
import random
import sqlite3
import threading
from pathlib import Path
from typing import Any

import anyio.to_thread
import orjson
from fastapi import FastAPI, Request, Response

from bench import replay
from bench.capture import Checkout, Stmt

try:
    import fcntl
except ImportError:  # pragma: no cover - POSIX only, as the bench
    fcntl = None  # type: ignore[assignment]

URL = os.environ.get("FLOOR_URL", "")
SQLITE = URL.startswith("sqlite")
_PIECE = tuple[str, list[tuple[int, str, list[str]]]]

# One order-number base per process, so two workers never make the same number.
_BASE = random.randrange(1000, 9999)
_seq = random.randrange(0, 500_000_000)


class Plan:
    """One request's steps with the per-order values marked (bench.replay.slot)."""

    def __init__(self, steps: tuple[Stmt | str, ...], co: Checkout) -> None:
        self.steps: list[Any] = []
        for s in steps:
            if isinstance(s, str):
                self.steps.append(s)
                continue
            rows = [
                (
                    list(row),
                    [
                        (i, k, replay.pieces(v, co) if k == replay.NUM_IN else [])
                        for i, (n, v) in enumerate(zip(s.names, row, strict=True))
                        if (k := replay.slot(n, v, co)) is not None
                    ],
                )
                for row in s.rows
            ]
            self.steps.append((s, rows))

    def values(self, stmt: Stmt, row: list[Any], fill: Any, num: str, order_id: int) -> Any:
        out = replay._values(row, fill, num, order_id)
        return out if SQLITE else dict(zip(stmt.names, out, strict=True))


def _load() -> list[Checkout]:
    path = os.environ.get("FLOOR_CAPTURE")
    return pickle.loads(Path(path).read_bytes()) if path else []


# A buyer's token → the plans of its three requests, and its two SKUs in request order.
PLANS = {co.buyer.token: [Plan(steps, co) for _, steps in co.requests] for co in _load()}
SKUS = {co.buyer.token: co.buyer.skus for co in _load()}


# -- SQLite ---------------------------------------------------------------------------------

_sqlite: sqlite3.Connection | None = None
_lock_fd: int | None = None


def _sqlite_conn() -> sqlite3.Connection:
    global _sqlite, _lock_fd
    if _sqlite is None:
        path = URL.split("///", 1)[1]
        _sqlite = replay._connect(path)
        _lock_fd = os.open(f"{path}-writer", os.O_RDWR | os.O_CREAT, 0o600)
    return _sqlite


def _run_sqlite(plan: Plan, num: str) -> None:
    conn, order_id, locked = _sqlite_conn(), 0, False
    try:
        for step in plan.steps:
            if isinstance(step, str):
                if step == "BEGIN IMMEDIATE" and _lock_fd is not None and fcntl is not None:
                    fcntl.flock(_lock_fd, fcntl.LOCK_EX)
                    locked = True
                conn.execute(step)
                if step in ("COMMIT", "ROLLBACK") and locked:
                    fcntl.flock(_lock_fd, fcntl.LOCK_UN)  # type: ignore[arg-type]
                    locked = False
                continue
            stmt, rows = step
            args = [plan.values(stmt, r, f, num, order_id) for r, f in rows]
            if stmt.many:
                conn.executemany(stmt.sql, args)
            else:
                got = conn.execute(stmt.sql, args[0]).fetchall()
                if replay.is_order_insert(stmt):
                    order_id = got[0][0]
    finally:
        if locked:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            fcntl.flock(_lock_fd, fcntl.LOCK_UN)  # type: ignore[arg-type]


# -- PostgreSQL -----------------------------------------------------------------------------

_local = threading.local()


def _pg_conn() -> Any:
    conn = getattr(_local, "conn", None)
    if conn is None:
        import psycopg

        conn = _local.conn = psycopg.connect(URL, autocommit=True, prepare_threshold=0)
    return conn


def _run_pg(plan: Plan, num: str) -> None:
    conn, order_id = _pg_conn(), 0
    cur = conn.cursor()
    try:
        for step in plan.steps:
            if isinstance(step, str):
                cur.execute(step)
                continue
            stmt, rows = step
            args = [plan.values(stmt, r, f, num, order_id) for r, f in rows]
            if stmt.many:
                cur.executemany(stmt.sql, args)
            else:
                cur.execute(stmt.sql, args[0])
                if replay.is_order_insert(stmt):
                    order_id = cur.fetchone()[0]
                elif cur.description:
                    cur.fetchall()
    except Exception:
        if conn.info.transaction_status != 0:
            cur.execute("ROLLBACK")
        raise


# -- HTTP -----------------------------------------------------------------------------------

app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)


async def _replay(request: Request, which: int | None, status: int) -> Response:
    global _seq
    token = request.headers.get("authorization", "")[7:]
    plans = PLANS.get(token)
    if plans is None:
        return Response(b'{"error":{"code":"unknown buyer"}}', 401, media_type="application/json")
    body = orjson.loads(await request.body())
    if which is None:  # a cart add: which of the buyer's two captured adds
        which = SKUS[token].index(body["sku_id"])
    _seq += 1
    num = str(replay.number(_BASE, 0, _seq))
    if SQLITE:
        _run_sqlite(plans[which], num)
    else:
        await anyio.to_thread.run_sync(_run_pg, plans[which], num)
    return Response(orjson.dumps({"number": num}), status, media_type="application/json")


@app.post("/api/v1/cart/lines")
async def add_line(request: Request) -> Response:
    return await _replay(request, None, 200)


@app.post("/api/v1/orders")
async def create_order(request: Request) -> Response:
    return await _replay(request, 2, 201)


@app.get("/api/v1/categories")
async def probe() -> Response:  # what servers.Server waits for
    return Response(b"[]", 200, media_type="application/json")
