"""SQLite write transactions: writers of one process queue on a lock of their own (not on
SQLite's polling busy handler), taken at the first statement and always given back."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from mercato.platform import db as dbm
from mercato.platform.db import Database


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    d = Database(f"sqlite:///{tmp_path / 'w.db'}")
    with d.transaction() as tx:
        tx.execute(text("CREATE TABLE t (n INTEGER)"))
    yield d
    d.engine.dispose()


def test_lock_is_taken_at_the_first_statement_and_freed_at_commit(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as tx:
        assert not dbm._WRITER.locked()  # opening a transaction takes nothing yet
        tx.execute(text("INSERT INTO t VALUES (1)"))
        assert dbm._WRITER.locked()
    assert not dbm._WRITER.locked()
    with sqlite_db.reading() as tx:
        tx.execute(text("SELECT count(*) FROM t")).scalar_one()
        assert not dbm._WRITER.locked()  # readers never take it


def test_lock_is_freed_after_errors_and_rollbacks(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError), sqlite_db.transaction() as tx:
        tx.execute(text("INSERT INTO t VALUES (2)"))
        raise RuntimeError("boom")
    assert not dbm._WRITER.locked()
    with pytest.raises(Exception, match="no such table"), sqlite_db.transaction() as tx:
        tx.execute(text("INSERT INTO missing VALUES (1)"))
    assert not dbm._WRITER.locked()
    with sqlite_db.reading() as tx:
        assert tx.execute(text("SELECT count(*) FROM t")).scalar_one() == 0


def test_writers_queue_and_every_write_lands(sqlite_db: Database) -> None:
    inside = []
    overlap = []

    def write(n: int) -> None:
        with sqlite_db.transaction() as tx:
            tx.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
            inside.append(n)
            if len(inside) > 1:
                overlap.append(n)
            time.sleep(0.002)
            inside.remove(n)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert overlap == [] and not dbm._WRITER.locked()
    with sqlite_db.reading() as tx:
        assert tx.execute(text("SELECT count(*) FROM t")).scalar_one() == 16
