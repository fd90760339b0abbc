"""Record the SQL a checkout really sends: the app runs in-process on the bench database with a
`before_cursor_execute` listener, and each buyer does one checkout (2 cart adds + the order).
The statements are regrouped by transaction (a request holds a read transaction for the token
check and a write transaction side by side; a replay runs them one after the other on one
connection). Pool pings (`SELECT 1` on a connection idle for 5 s: none under load) are raw
driver calls, not captured; pool checkouts are counted."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from bench.run import DATA
from bench.shop import Buyer

BEGIN, COMMIT, ROLLBACK = "BEGIN", "COMMIT", "ROLLBACK"


@dataclass(frozen=True)
class Stmt:
    sql: str
    names: tuple[str, ...]  # bind names (positional dialects: in placeholder order; "" unknown)
    rows: tuple[tuple[Any, ...], ...]  # one parameter tuple per execution (executemany: many)
    many: bool


Step = Stmt | str  # a statement, or BEGIN / BEGIN IMMEDIATE / COMMIT / ROLLBACK


@dataclass(frozen=True)
class Checkout:
    """One buyer's captured checkout; `number`, `key` and `order_id` are the per-order values
    a replay must make fresh each time."""

    buyer: Buyer
    requests: tuple[tuple[str, tuple[Step, ...]], ...]
    number: str
    key: str
    order_id: int
    pool_checkouts: int


def _autocommit(conn: Any) -> bool:
    return getattr(conn.connection.dbapi_connection, "autocommit", False) is True


@dataclass
class _Recorder:
    sqlite: bool
    events: list[tuple[int, Step]] = field(default_factory=list)
    checkouts: int = 0

    def sql(self, conn: Any, _cur: Any, statement: str, params: Any, ctx: Any, many: bool) -> None:
        text = " ".join(statement.split())
        if self.sqlite and text.upper().startswith("BEGIN"):
            self.events.append((id(conn), text.upper()))
            return
        # An autocommit statement is a transaction of its own (own key: ids get reused).
        key = -1 - len(self.events) if _autocommit(conn) else id(conn)
        self.events.append((key, _stmt(text, params, ctx, many)))

    def mark(self, step: str) -> Any:
        def listener(conn: Any, *_a: Any) -> None:
            # An autocommit connection (the token lookup on PostgreSQL) sends no BEGIN,
            # COMMIT or ROLLBACK although SQLAlchemy still marks them: neither may the replay.
            if _autocommit(conn):
                return
            self.events.append((id(conn), step))

        return listener

    def pool(self, *_a: Any) -> None:
        self.checkouts += 1


def _positional_names(ctx: Any, width: int) -> tuple[str, ...]:
    compiled = getattr(ctx, "compiled", None)
    expanded = getattr(ctx, "_expanded_parameters", {})  # an IN list's name → its names
    names = [
        n
        for name in getattr(compiled, "positiontup", None) or ()
        for n in expanded.get(name, [name])
    ]
    return tuple(names) if len(names) == width else ("",) * width


def _stmt(sql: str, params: Any, ctx: Any, many: bool) -> Stmt:
    sets = list(params) if many else [params]
    if sets and isinstance(sets[0], dict):
        names = tuple(sets[0])
        return Stmt(sql, names, tuple(tuple(p[n] for n in names) for p in sets), many)
    rows = tuple(tuple(p) for p in sets)
    return Stmt(sql, _positional_names(ctx, len(rows[0]) if rows else 0), rows, many)


def transactions(events: list[tuple[int, Step]]) -> list[Step]:
    """Interleaved per-connection events → whole transactions, in the order they began."""
    open_: dict[int, tuple[int, list[Step]]] = {}
    done: list[tuple[int, list[Step]]] = []
    for i, (conn, step) in enumerate(events):
        open_.setdefault(conn, (i, []))[1].append(step)
        if step in (COMMIT, ROLLBACK):
            done.append(open_.pop(conn))
    done += open_.values()
    return [s for _, steps in sorted(done, key=lambda d: d[0]) for s in steps]


def _requests(client: Any, rec: _Recorder, b: Buyer, key: str) -> tuple[Any, ...]:
    auth = {"Authorization": f"Bearer {b.token}"}
    calls: list[tuple[str, str, dict[str, Any], dict[str, str]]] = [
        ("add to cart", "/api/v1/cart/lines", {"sku_id": s, "quantity": 1}, auth) for s in b.skus
    ]
    calls.append(
        (
            "order",
            "/api/v1/orders",
            {"address_id": b.address_id, "shipping_method": "sf"},
            {**auth, "Idempotency-Key": key},
        )
    )
    out, response = [], None
    for name, path, body, headers in calls:
        rec.events.clear()
        response = client.post(path, json=body, headers=headers)
        if response.status_code // 100 != 2:
            raise SystemExit(f"capture: {path} answered {response.status_code} {response.text}")
        out.append((name, tuple(transactions(rec.events))))
    assert response is not None
    return tuple(out), response.json()["number"]


def capture(url: str, buyers: list[Buyer]) -> list[Checkout]:
    """One real checkout per buyer through the app in this process, recorded."""
    from fastapi.testclient import TestClient
    from sqlalchemy import event, select

    from mercato.app import create_app
    from mercato.orders.adapters.tables import Order
    from mercato.platform.db import Database
    from mercato.platform.settings import Settings

    db = Database(url)
    rec = _Recorder(sqlite=db.is_sqlite)
    app = create_app(Settings(database_url=url, media_dir=DATA / "media", jobs=False), db)
    out = []
    with TestClient(app) as client:
        client.get("/api/v1/shipping-methods")  # first connection and statement caches
        event.listen(db.engine, "before_cursor_execute", rec.sql)
        event.listen(db.engine.pool, "checkout", rec.pool)
        if not db.is_sqlite:
            event.listen(db.engine, "begin", rec.mark(BEGIN))
        event.listen(db.engine, "commit", rec.mark(COMMIT))
        event.listen(db.engine, "rollback", rec.mark(ROLLBACK))
        for b in buyers:
            # A buyer's first checkout also creates the cart: capture the steady state.
            _requests(client, rec, b, f"warm-{uuid.uuid4().hex}")
            key, rec.checkouts = f"capture-{uuid.uuid4().hex}", 0
            requests, number = _requests(client, rec, b, key)
            pooled = rec.checkouts
            with db.reading() as tx:
                order_id = tx.scalar(select(Order.id).where(Order.number == number))
            out.append(Checkout(b, requests, number, key, int(order_id or 0), pooled))
    db.engine.dispose()
    return out


ORDER_ID_NAME = re.compile(r"^order_id(_\d+)?(__\d+)?$")
