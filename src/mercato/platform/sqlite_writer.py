"""One SQLite writer at a time, queued in the kernel rather than in SQLite's busy handler.

The busy handler polls with sleeps of up to 100 ms and wakes no one when the lock frees, so
a queue of writers took seconds at the tail (docs/benchmarks.md, checkout). Writers of one
process queue on a thread lock; processes (uvicorn workers, the CLI) queue on an exclusive
`flock` of `<database>-writer`, which the kernel hands over at once and drops if a process
dies. Both are taken at BEGIN IMMEDIATE and freed when the connection goes back to the pool,
after its COMMIT or ROLLBACK. Past 10 s (busy_timeout) SQLite's own lock decides, as before."""

from __future__ import annotations

import os
import threading
from typing import Any

try:
    import fcntl
except ImportError:  # not POSIX: threads still queue; processes meet at SQLite's lock
    fcntl = None  # type: ignore[assignment]

_HOLDS = "mercato_writer_lock"
WAIT_SECONDS = 10.0


class Writers:
    def __init__(self, path: str | None) -> None:
        self.lock = threading.Lock()
        self.path = f"{path}-writer" if path and fcntl is not None else None
        self._fd: tuple[int, int] | None = None  # (pid, fd): a forked child opens its own

    def _file(self) -> int | None:
        if self.path is None:
            return None
        if self._fd is None or self._fd[0] != os.getpid():
            self._fd = (os.getpid(), os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600))
        return self._fd[1]

    def acquire(self, info: dict[str, Any]) -> None:
        if info.get(_HOLDS) or not self.lock.acquire(timeout=WAIT_SECONDS):
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
        if not info.pop(_HOLDS, False):
            return
        try:
            fd = self._file()
            if fd is not None:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self.lock.release()

    def checkin(self, _dbapi_conn: Any, record: Any, *_exc: Any) -> None:
        if record is not None:
            self.release(record.info)
