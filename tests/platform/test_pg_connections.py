"""PostgreSQL connections: pinged only after sitting idle (a dead one is then replaced before
anyone uses it), and single-statement lookups run without BEGIN/ROLLBACK."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mercato.platform import db as dbm
from mercato.platform.db import Database


def _backend_pid(pg: Database) -> int:
    with pg.reading() as tx:
        return int(tx.execute(text("SELECT pg_backend_pid()")).scalar_one())


def test_an_idle_dead_connection_is_replaced_before_use(
    pg_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pg_db.engine.connect() as other:  # held, so the next checkout opens another
        pid = _backend_pid(pg_db)  # that one goes back to the pool, then dies there
        other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    monkeypatch.setattr(dbm, "IDLE_PING_SECONDS", -1.0)  # every pooled connection is "idle"
    assert _backend_pid(pg_db) != pid  # answered by a fresh connection, no error


def test_busy_connections_are_not_pinged(pg_db: Database) -> None:
    _backend_pid(pg_db)
    pings = []
    monkey = pg_db.engine.dialect
    original = monkey.do_ping
    monkey.do_ping = lambda conn: pings.append(1) or original(conn)  # type: ignore[method-assign]
    try:
        for _ in range(5):
            _backend_pid(pg_db)
    finally:
        monkey.do_ping = original  # type: ignore[method-assign]
    assert pings == []


def test_lookup_runs_in_autocommit_and_leaves_no_transaction(pg_db: Database) -> None:
    with pg_db.lookup() as conn:
        assert conn.connection.dbapi_connection.autocommit is True  # type: ignore[union-attr]
        assert conn.execute(text("SELECT 1")).scalar_one() == 1
    with pg_db.transaction() as tx:  # the pooled connection is back to transactions
        raw = tx.connection().connection.dbapi_connection
        tx.execute(text("SELECT 1"))
        assert raw is not None and raw.autocommit is False
