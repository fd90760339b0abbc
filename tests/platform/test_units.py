"""Units of work of async endpoints (mercato.platform.units): on SQLite they run on the event
loop holding the writer lock, never stall the loop behind another process's long writer, and
always give the lock back; on PostgreSQL they run in a worker thread."""

from __future__ import annotations

import asyncio
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
from mercato.platform.units import WAIT, run_planned, run_unit


def _locked(d: Database) -> bool:
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
    d = Database(f"sqlite:///{tmp_path / 'u.db'}")
    with d.transaction() as tx:
        tx.execute(text("CREATE TABLE t (n INTEGER)"))
    yield d
    d.engine.dispose()


def _insert(d: Database, n: int) -> int:
    with d.core_transaction() as tx:
        tx.connection().exec_driver_sql(f"INSERT INTO t VALUES ({n})")
    return threading.get_ident()


def _count(d: Database) -> int:
    with d.reading() as tx:
        return int(tx.execute(text("SELECT count(*) FROM t")).scalar_one())


def test_sqlite_unit_runs_on_the_loop_and_frees_the_lock(sqlite_db: Database) -> None:
    async def go() -> tuple[int, int]:
        return threading.get_ident(), await run_unit(sqlite_db, _insert, sqlite_db, 1)

    loop_thread, ran_on = asyncio.run(go())
    assert ran_on == loop_thread and not _locked(sqlite_db) and _count(sqlite_db) == 1


def test_a_failing_unit_gives_the_lock_back(sqlite_db: Database) -> None:
    def fails() -> None:
        with sqlite_db.core_transaction() as tx:
            tx.connection().exec_driver_sql("INSERT INTO t VALUES (1)")
            raise RuntimeError("boom")

    def early() -> None:
        raise RuntimeError("before any statement")

    for fn in (fails, early):
        with pytest.raises(RuntimeError):
            asyncio.run(run_unit(sqlite_db, fn))
        assert not _locked(sqlite_db)
    assert _count(sqlite_db) == 0


def _hold_lock(url: str, seconds: float, ready: object) -> None:
    d = Database(url)
    with d.transaction() as tx:
        tx.execute(text("INSERT INTO t VALUES (-1)"))
        ready.set()  # type: ignore[attr-defined]
        time.sleep(seconds)
    d.engine.dispose()


def test_a_long_writer_elsewhere_does_not_stall_the_loop(sqlite_db: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    other = ctx.Process(target=_hold_lock, args=(sqlite_db.url, 0.6, ready))
    other.start()
    assert ready.wait(30)

    async def go() -> tuple[int, float]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        t = asyncio.create_task(ticker())
        started = time.perf_counter()
        await asyncio.gather(*(run_unit(sqlite_db, _insert, sqlite_db, n) for n in range(5)))
        t.cancel()
        return ticks, time.perf_counter() - started

    ticks, took = asyncio.run(go())
    other.join(30)
    # The loop kept ticking while the units waited for the other process (~0.6 s).
    assert took > 0.3 and ticks >= took / 0.01 / 3
    assert _count(sqlite_db) == 6 and not _locked(sqlite_db)


def test_a_cancelled_wait_leaves_no_lock_behind(sqlite_db: Database) -> None:
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    other = ctx.Process(target=_hold_lock, args=(sqlite_db.url, 0.4, ready))
    other.start()
    assert ready.wait(30)

    async def go() -> None:
        task = asyncio.create_task(run_unit(sqlite_db, _insert, sqlite_db, 1))
        await asyncio.sleep(WAIT * 4)  # past the loop's own wait: a thread waits now
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(go())
    other.join(30)
    assert not _locked(sqlite_db)
    _insert(sqlite_db, 2)  # the lock is free for the next writer


def _writes(url: str, n: int) -> None:
    d = Database(url)
    for _ in range(n):
        with d.transaction() as tx:
            tx.execute(text("INSERT INTO t VALUES (2)"))
    d.engine.dispose()


def test_loop_units_threads_and_processes_all_land(sqlite_db: Database) -> None:
    other = multiprocessing.get_context("spawn").Process(
        target=_writes, args=(sqlite_db.url, 300)
    )
    other.start()
    threads = [threading.Thread(target=_writes, args=(sqlite_db.url, 100)) for _ in range(2)]
    for t in threads:
        t.start()

    async def go() -> None:
        async def many() -> None:
            for _ in range(40):
                await run_unit(sqlite_db, _insert, sqlite_db, 1)

        await asyncio.gather(*(many() for _ in range(6)))

    asyncio.run(go())
    for t in threads:
        t.join(60)
    other.join(60)
    assert _count(sqlite_db) == 240 + 200 + 300 and not _locked(sqlite_db)


def test_postgresql_units_run_in_a_worker_thread(pg_db: Database) -> None:
    async def go() -> tuple[int, int]:
        return threading.get_ident(), await run_unit(pg_db, threading.get_ident)

    loop_thread, ran_on = asyncio.run(go())
    assert ran_on != loop_thread


class _Again(Exception):
    pass


@pytest.mark.parametrize("refusals", [0, 2, 3])
def test_run_planned_plans_again_after_a_refused_write(sqlite_db: Database, refusals: int) -> None:
    """The plan runs without the writer lock (taken for the write alone), then again after
    each refusal; past the attempts the refusal propagates."""
    seen: list[tuple[str, object]] = []

    def plan() -> int:
        seen.append(("plan", _locked(sqlite_db)))
        return len(seen)

    def write(planned: int) -> int:
        seen.append(("write", _locked(sqlite_db)))
        if sum(step == "write" for step, _ in seen) <= refusals:
            raise _Again
        return planned

    async def go() -> int:
        return await run_planned(sqlite_db, plan, write, _Again, 3)

    if refusals >= 3:
        with pytest.raises(_Again):
            asyncio.run(go())
    else:
        assert asyncio.run(go()) == 2 * refusals + 1
    assert seen[::2] == [("plan", False)] * min(refusals + 1, 3)  # never under the lock
    assert seen[1::2] == [("write", True)] * min(refusals + 1, 3)
    assert not _locked(sqlite_db)
