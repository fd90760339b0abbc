"""Replaying captured checkouts as the raw ceiling: the same statements, in the same
transactions, with no web framework, ORM or Python business logic in between.

Values that belong to one order are made fresh on every replay: the order number (also
inside the outbox payload and the stored idempotent response), the Idempotency-Key, the outbox
event id and the new order's row id (read back from the INSERT's RETURNING). Everything else
is replayed as captured. On SQLite the statements run through the sqlite3 module from N
threads, each its own connection with the app's pragmas (WAL, BEGIN IMMEDIATE for writes)."""

from __future__ import annotations

import itertools
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from typing import Any

from bench.capture import ORDER_ID_NAME, Checkout, Stmt

NUM, NUM_IN, ORDER_ID = "num", "num_in", "order_id"
_BASES = itertools.count(1)


@dataclass(frozen=True)
class Raw:
    clients: int
    rate: float  # checkouts per second
    p50_ms: float  # whole checkout: every transaction of its three requests
    p95_ms: float
    p99_ms: float
    failed: int


def next_base() -> int:
    """A run number, so that order numbers never repeat across runs on one database."""
    return next(_BASES)


def number(base: int, client: int, seq: int) -> int:
    return 7_000_000_000_000_000 + base * 100_000_000_000 + client * 1_000_000_000 + seq


def slot(name: str, value: Any, co: Checkout) -> str | None:
    """Which per-order value this parameter is, if any."""
    if name == "event_id":
        return NUM
    if isinstance(value, str):
        if value in (co.number, co.key):
            return NUM
        if co.number in value or co.key in value:
            return NUM_IN
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if is_int and value == co.order_id and ORDER_ID_NAME.match(name):
        return ORDER_ID
    return None


def pieces(value: str, co: Checkout) -> list[str]:
    """`value` split around the order's number and key: odd items are where they were."""
    return re.split(f"(?:{re.escape(co.number)}|{re.escape(co.key)})", value)


def is_order_insert(stmt: Stmt) -> bool:
    return stmt.sql.startswith("INSERT INTO orders_order ") and "RETURNING" in stmt.sql


def check(co: Checkout) -> None:
    """Refuse a capture whose new order id could not be told apart (it would be replayed
    as a constant and tie every replayed line to the captured order)."""
    found = any(
        slot(n, v, co) == ORDER_ID
        for _, steps in co.requests
        for s in steps
        if isinstance(s, Stmt)
        for row in s.rows
        for n, v in zip(s.names, row, strict=True)
    )
    if not found:
        raise SystemExit("capture: the order id was not found among named parameters")


# -- SQLite ---------------------------------------------------------------------------------

Filler = list[tuple[int, str, list[str]]]


@dataclass(frozen=True)
class _Op:
    sql: str
    rows: list[tuple[list[Any], Filler]]
    many: bool
    order_insert: bool


def _plan(co: Checkout) -> list[_Op | str]:
    check(co)
    plan: list[_Op | str] = []
    for _, steps in co.requests:
        for s in steps:
            if isinstance(s, str):
                plan.append(s)
                continue
            rows = []
            for row in s.rows:
                fill = [
                    (i, k, pieces(v, co) if k == NUM_IN else [])
                    for i, (n, v) in enumerate(zip(s.names, row, strict=True))
                    if (k := slot(n, v, co)) is not None
                ]
                rows.append((list(row), fill))
            plan.append(_Op(s.sql, rows, s.many, is_order_insert(s)))
    return plan


def _values(row: list[Any], fill: Filler, num: str, order_id: int) -> list[Any]:
    out = list(row)
    for i, kind, parts in fill:
        out[i] = num if kind == NUM else order_id if kind == ORDER_ID else num.join(parts)
    return out


def _one(conn: sqlite3.Connection, plan: list[_Op | str], num: str) -> None:
    order_id = 0
    for op in plan:
        if isinstance(op, str):
            conn.execute(op)
        elif op.many:
            conn.executemany(op.sql, [_values(r, f, num, order_id) for r, f in op.rows])
        else:
            got = conn.execute(op.sql, _values(*op.rows[0], num, order_id)).fetchall()
            if op.order_insert:
                order_id = got[0][0]


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "busy_timeout=10000",
    ):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _worker(
    path: str,
    plan: list[_Op | str],
    client: int,
    base: int,
    until: float,
    out: list[tuple[list[float], int]],
) -> None:
    conn, ms, failed, seq = _connect(path), [], 0, 0
    while time.perf_counter() < until:
        seq += 1
        started = time.perf_counter()
        try:
            _one(conn, plan, str(number(base, client, seq)))
            ms.append((time.perf_counter() - started) * 1000)
        except sqlite3.Error:
            failed += 1
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    conn.close()
    out.append((ms, failed))


def sqlite_ceiling(path: str, checkouts: list[Checkout], clients: int, seconds: float) -> Raw:
    """Replay client i's captured checkout in a loop from `clients` threads."""
    from bench.driver import pct

    plans, base = [_plan(co) for co in checkouts[:clients]], next_base()
    out: list[tuple[list[float], int]] = []
    start = time.perf_counter()
    threads = [
        threading.Thread(target=_worker, args=(path, plans[i], i, base, start + seconds, out))
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    ms = [m for part, _ in out for m in part]
    return Raw(
        clients, len(ms) / wall, pct(ms, 50), pct(ms, 95), pct(ms, 99), sum(f for _, f in out)
    )
