"""SQLite write transactions: writers queue on a lock of their own (threads on a lock,
processes on an flock of `<database>-writer`), not on SQLite's polling busy handler; it is
taken at the first statement and always given back."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from mercato.platform.db import Database


def _locked(d: Database) -> bool:
    """Whether a writer holds the database's writer lock (seen from another open file)."""
    fd = os.open(d.url.split("///", 1)[1] + "-writer", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    d = Database(f"sqlite:///{tmp_path / 'w.db'}")
    with d.transaction() as tx:
        tx.execute(text("CREATE TABLE t (n INTEGER)"))
    yield d
    d.engine.dispose()


def test_lock_is_taken_at_the_first_statement_and_freed_at_commit(sqlite_db: Database) -> None:
    with sqlite_db.transaction() as tx:
        assert not _locked(sqlite_db)  # opening a transaction takes nothing yet
        tx.execute(text("INSERT INTO t VALUES (1)"))
        assert _locked(sqlite_db)
    assert not _locked(sqlite_db)
    with sqlite_db.reading() as tx:
        tx.execute(text("SELECT count(*) FROM t")).scalar_one()
        assert not _locked(sqlite_db)  # readers never take it


def test_lock_is_freed_after_errors_and_rollbacks(sqlite_db: Database) -> None:
    with pytest.raises(RuntimeError), sqlite_db.transaction() as tx:
        tx.execute(text("INSERT INTO t VALUES (2)"))
        raise RuntimeError("boom")
    assert not _locked(sqlite_db)
    with pytest.raises(Exception, match="no such table"), sqlite_db.transaction() as tx:
        tx.execute(text("INSERT INTO missing VALUES (1)"))
    assert not _locked(sqlite_db)
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
    assert overlap == [] and not _locked(sqlite_db)
    with sqlite_db.reading() as tx:
        assert tx.execute(text("SELECT count(*) FROM t")).scalar_one() == 16


def _write_rows(url: str, first: int) -> None:
    d = Database(url)
    for n in range(first, first + 20):
        with d.transaction() as tx:
            tx.execute(text("INSERT INTO t VALUES (:n)"), {"n": n})
    d.engine.dispose()


def test_processes_queue_on_the_file_lock(sqlite_db: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write_rows, args=(sqlite_db.url, i * 100)) for i in range(3)]
    with sqlite_db.transaction() as tx:  # held: the others wait for it in the kernel
        tx.execute(text("INSERT INTO t VALUES (-1)"))
        for p in procs:
            p.start()
        time.sleep(0.5)
        assert tx.execute(text("SELECT count(*) FROM t")).scalar_one() == 1
    for p in procs:
        p.join(30)
    assert [p.exitcode for p in procs] == [0, 0, 0] and not _locked(sqlite_db)
    with sqlite_db.reading() as tx:
        assert tx.execute(text("SELECT count(*) FROM t")).scalar_one() == 61


def test_a_lock_held_ahead_goes_to_its_threads_next_writer(sqlite_db: Database) -> None:
    writers, me, token = sqlite_db.writers, threading.get_ident(), object()
    assert writers is not None and writers.hold(me, token, 0.01)
    assert _locked(sqlite_db)
    writers.unhold(object())  # another token frees nothing
    assert _locked(sqlite_db)
    other_done = threading.Event()

    def other() -> None:  # a writer of another thread waits for it
        with sqlite_db.transaction() as tx:
            tx.execute(text("INSERT INTO t VALUES (2)"))
        other_done.set()

    t = threading.Thread(target=other)
    t.start()
    with sqlite_db.transaction() as tx:  # this thread's writer takes the held lock over
        tx.execute(text("INSERT INTO t VALUES (1)"))
        assert not other_done.wait(0.2)
    writers.unhold(token)  # taken over: nothing left to free
    t.join(5)
    assert other_done.is_set() and not _locked(sqlite_db)


def test_holding_ahead_waits_only_as_long_as_asked(sqlite_db: Database) -> None:
    writers = sqlite_db.writers
    assert writers is not None
    with sqlite_db.transaction() as tx:
        tx.execute(text("INSERT INTO t VALUES (1)"))
        got: list[bool] = []
        t = threading.Thread(target=lambda: got.append(writers.hold(1, object(), 0.05)))
        started = time.perf_counter()
        t.start()
        t.join(5)
        assert got == [False] and time.perf_counter() - started < 1
    assert not _locked(sqlite_db)
