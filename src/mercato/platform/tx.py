"""A transaction on one pooled connection without an ORM Session: the money path's unit of
work (cart, checkout, idempotency keys). A Session's begin, commit and close cost ~70 µs of
CPU on SQLite and ~100 µs on PostgreSQL beyond the driver's own (docs/benchmarks.md), three
times a checkout, and on SQLite inside the write lock every other writer waits for.

It answers the part of Session's interface the money path uses (`connection()`, `info`,
`get_bind()`, `begin_nested()`), so the same adapter functions take either (`AnyTx`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.base import NestedTransaction
from sqlalchemy.orm import Session

Hook = Callable[[dict[str, Any]], None]


class CoreTx:
    """Begins at its first statement (on SQLite the write lock is taken then, as with a
    Session), unless `begin=False` (reads in the driver's autocommit, Database.core_reads);
    `finish` commits or rolls back and gives the connection back to the pool."""

    __slots__ = ("_begin", "_conn", "_engine", "_hooks", "info")

    def __init__(self, engine: Engine, hooks: list[Hook], begin: bool = True) -> None:
        self._engine, self._hooks, self._begin = engine, hooks, begin
        self._conn: Connection | None = None
        self.info: dict[str, Any] = {}

    def connection(self) -> Connection:
        conn = self._conn
        if conn is None:
            conn = self._conn = self._engine.connect()
            if self._begin:  # else each statement commits on its own (the drivers' autocommit)
                conn.begin()
        return conn

    def get_bind(self) -> Connection:
        return self.connection()

    def begin_nested(self) -> NestedTransaction:
        return self.connection().begin_nested()

    def finish(self, commit: bool) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            if commit:
                conn.commit()
            else:
                conn.rollback()
        finally:
            conn.close()
            info, self.info = self.info, {}
        if commit:
            for hook in self._hooks:
                hook(info)


AnyTx = Session | CoreTx
