"""Units of work that meet a deadlock or a serialization failure are run again, whole.

PostgreSQL aborts one transaction of a deadlock (40P01) or a serialization conflict (40001);
SQLite answers "database is locked" when its busy timeout runs out. Nothing of the aborted
transaction was kept, so running the unit again from its first statement is safe, and after a
short, jittered pause it usually succeeds. After ATTEMPTS tries the caller gets `DatabaseBusy`
(409, transient: never stored under an Idempotency-Key), never a 500."""

from __future__ import annotations

import logging
import random
import sqlite3
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError

from mercato.kernel.errors import Busy

log = logging.getLogger(__name__)
T = TypeVar("T")
ATTEMPTS = 4
TRANSIENT_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock_detected, serialization_failure


class DatabaseBusy(Busy):
    def __init__(self) -> None:
        super().__init__("db.busy", "The shop is busy right now; please try again")


def is_transient(exc: BaseException) -> bool:
    """A database error that running the same unit of work again may get past."""
    if not isinstance(exc, DBAPIError):
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in TRANSIENT_SQLSTATES:
        return True
    return isinstance(orig, sqlite3.OperationalError) and "database is locked" in str(orig)


def pause(attempt: int) -> None:
    """Back off before try `attempt + 1`: up to 10, 20, 40 ms, at random so that the two
    sides of a deadlock do not meet again in step."""
    time.sleep(random.uniform(0.0, 0.01 * 2 ** (attempt - 1)))


def retrying(fn: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """fn(), a whole unit of work (it opens and ends its own transaction), run again when it
    fails transiently; DatabaseBusy after `attempts` tries."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except DBAPIError as exc:
            if not is_transient(exc):
                raise
            if attempt == attempts:
                raise DatabaseBusy() from exc
            log.info("transient database error (try %d of %d): %s", attempt, attempts, exc.orig)
        pause(attempt)
    raise AssertionError("attempts must be at least 1")
