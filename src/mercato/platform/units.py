"""Where an async endpoint runs its (synchronous) unit of work.

PostgreSQL: in the thread pool, so that its round trips never block the event loop.

SQLite: on the event loop itself, with the writer lock taken first. SQLite runs one writer
at a time anyway, and a writer in a worker thread held that lock while it waited for the
GIL behind the loop and the other threads at each of its statements (the driver lets the GIL
go around every call): 1 ms of lock per transaction for 0.4 ms of work (docs/benchmarks.md).
The loop's units queue on a gate of their own, so at most one of them waits for the lock at a
time; that one waits on the loop only briefly (another process's writer is usually done in
well under a millisecond) and past WAIT in a worker thread, which then hands the lock over:
a long writer elsewhere (a CSV import) never stalls the loop's other requests."""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable
from functools import partial
from typing import Any, TypeVar

import anyio.to_thread

from mercato.platform.db import Database
from mercato.platform.retry import DatabaseBusy, is_transient, pause
from mercato.platform.sqlite_writer import Writers

T = TypeVar("T")
WAIT = 0.005  # seconds a unit may wait on the loop for another process's writer
_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _gate() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = asyncio.Lock()
    return gate


class _Handover:
    """A worker thread waiting for the lock on a unit's behalf. If the unit is gone by the
    time the lock comes (its request was cancelled), the thread gives the lock back itself."""

    def __init__(self, writers: Writers, owner: int, token: object) -> None:
        self.writers, self.owner, self.token = writers, owner, token
        self.mutex, self.gone = threading.Lock(), False

    def wait(self) -> bool:
        held = self.writers.hold(self.owner, self.token, None)
        with self.mutex:
            if held and self.gone:
                self.writers.unhold(self.token)
                return False
        return held

    def leave(self) -> None:
        with self.mutex:
            self.gone = True
            self.writers.unhold(self.token)  # a hold no transaction took over


async def run_unit(db: Database, fn: Callable[..., T], *args: Any) -> T:
    """fn(*args), a unit of work opening its own transactions, run as described above."""
    writers = db.writers
    if writers is None:
        return await anyio.to_thread.run_sync(partial(fn, *args))
    async with _gate():
        handover = _Handover(writers, threading.get_ident(), object())
        try:
            held = writers.hold(handover.owner, handover.token, WAIT)
            if not held and not await anyio.to_thread.run_sync(handover.wait):
                # Still busy after a writer's whole wait: run it in a thread after all.
                return await anyio.to_thread.run_sync(partial(fn, *args))
            return fn(*args)
        finally:
            handover.leave()


P = TypeVar("P")


def _again(exc: Exception, retry: type[Exception], attempt: int, attempts: int) -> bool:
    """Raise unless another try may succeed; True when it should wait a little first."""
    transient = is_transient(exc)
    if not (transient or isinstance(exc, retry)):
        raise exc
    if attempt == attempts - 1:
        if transient:
            raise DatabaseBusy() from exc
        raise exc
    return transient


async def run_planned(
    db: Database,
    plan: Callable[[], P],
    write: Callable[[P], T],
    retry: type[Exception],
    attempts: int,
) -> T:
    """A unit of work in two parts: `plan` reads (on connections that never wait for a lock)
    and works out what to write; `write(planned)` writes it in its own transaction, checking
    that what it relies on still holds, else raising `retry`, upon which both run again (the
    last `retry` propagates). A deadlock or serialization failure in the write is another
    reason to plan again (DatabaseBusy after the last try). On SQLite the plan runs on the
    event loop before the writer lock is taken, so the lock covers the write alone; on
    PostgreSQL both run in one worker thread."""

    def both() -> T:
        for attempt in range(attempts):
            try:
                return write(plan())
            except Exception as exc:
                if _again(exc, retry, attempt, attempts):
                    pause(attempt + 1)
        raise AssertionError("attempts must be at least 1")

    if db.writers is None:
        return await anyio.to_thread.run_sync(both)
    for attempt in range(attempts):
        planned = plan()
        try:
            return await run_unit(db, write, planned)
        except Exception as exc:
            if _again(exc, retry, attempt, attempts):
                await anyio.to_thread.run_sync(pause, attempt + 1)
    raise AssertionError("attempts must be at least 1")
