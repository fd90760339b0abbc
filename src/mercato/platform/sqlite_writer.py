"""One SQLite writer at a time, queued in the kernel rather than in SQLite's busy handler.

The busy handler polls with sleeps of up to 100 ms and wakes no one when the lock frees, so
a queue of writers took seconds at the tail (docs/benchmarks.md, checkout). Writers of one
process queue on a thread lock; processes (uvicorn workers, the CLI) queue on an exclusive
`flock` of `<database>-writer`, which the kernel hands over at once and drops if a process
dies. Both are taken at BEGIN IMMEDIATE and freed when the connection goes back to the pool,
after its COMMIT or ROLLBACK. Past 10 s (busy_timeout) SQLite's own lock decides, as before.

A thread may also take them ahead (`hold`) for its next write transaction: the event loop
does, so that a unit of work can run on the loop without ever waiting there (see
mercato.platform.units)."""

from __future__ import annotations

import os
import signal
import threading
from typing import Any

try:
    import fcntl
except ImportError:  # not POSIX: threads still queue; processes meet at SQLite's lock
    fcntl = None  # type: ignore[assignment]

_HOLDS = "mercato_writer_lock"
WAIT_SECONDS = 10.0


class _Late(Exception):
    """The bounded wait for another process's writer is over."""


_waiting = False  # the main thread is in a bounded flock wait (see _flock)


def _alarm(_signum: int, _frame: Any) -> None:
    if _waiting:
        raise _Late


def _flock(fd: int, wait: float | None) -> bool:
    """flock(LOCK_EX), for up to `wait` seconds (None: however long). flock has no timeout:
    the main thread bounds it with a one-shot SIGALRM; other threads only try once."""
    global _waiting
    if wait is None:
        fcntl.flock(fd, fcntl.LOCK_EX)  # waits in the kernel, GIL released
        return True
    if threading.current_thread() is threading.main_thread() and wait > 0:
        if signal.getsignal(signal.SIGALRM) is not _alarm:
            signal.signal(signal.SIGALRM, _alarm)
        # The alarm may come at any bytecode from setitimer on (a loaded machine ran it
        # before the flock was even entered): everything from the arming to the disarming
        # is inside the try that takes it.
        try:
            try:
                _waiting = True
                signal.setitimer(signal.ITIMER_REAL, wait)
                fcntl.flock(fd, fcntl.LOCK_EX)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Late:
            pass  # during the flock or just after it returned: the try below tells
        finally:
            _waiting = False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # ours already, or free now
    except BlockingIOError:
        return False
    return True


class Writers:
    def __init__(self, path: str | None) -> None:
        self.lock = threading.Lock()
        self.path = f"{path}-writer" if path and fcntl is not None else None
        self._fd: tuple[int, int] | None = None  # (pid, fd): a forked child opens its own
        # (thread, token) of a lock taken ahead by `hold`, until a writer of that thread
        # takes it over; the token makes sure `unhold` frees only its own.
        self._held: tuple[int, object] | None = None

    def _file(self) -> int | None:
        if self.path is None:
            return None
        if self._fd is None or self._fd[0] != os.getpid():
            self._fd = (os.getpid(), os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        return self._fd[1]

    def hold(self, owner: int, token: object, wait: float | None) -> bool:
        """Take the lock now for the next write transaction begun by thread `owner`, waiting
        up to `wait` seconds for each of this process's and the other processes' writers
        (None: as long as a writer would). False if it is still busy; give it back with
        `unhold` if no transaction begins."""
        if not self.lock.acquire(timeout=WAIT_SECONDS if wait is None else wait):
            return False
        try:
            fd = self._file()
            if fd is not None and not _flock(fd, wait):
                self.lock.release()
                return False
        except BaseException:
            self.lock.release()
            raise
        self._held = (owner, token)
        return True

    def unhold(self, token: object) -> None:
        """Give back the lock taken by `hold(…, token, …)` if no transaction took it over."""
        held = self._held
        if held is not None and held[1] is token:
            self._held = None
            self._unlock()

    def acquire(self, info: dict[str, Any]) -> None:
        if info.get(_HOLDS):
            return
        held = self._held
        if held is not None and held[0] == threading.get_ident():
            self._held = None  # taken ahead for this thread: this transaction has it now
            info[_HOLDS] = True
            return
        if not self.lock.acquire(timeout=WAIT_SECONDS):
            return
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_EX)  # waits in the kernel, GIL released
        except BaseException:
            self.lock.release()
            raise
        info[_HOLDS] = True

    def release(self, info: dict[str, Any]) -> None:
        if info.pop(_HOLDS, False):
            self._unlock()

    def _unlock(self) -> None:
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self.lock.release()

    def checkin(self, _dbapi_conn: Any, record: Any, *_exc: Any) -> None:
        if record is not None:
            self.release(record.info)
