"""A writer killed (SIGKILL) between the Redis script and its database write loses no seat
and oversells nothing once the reconciliation job ran: Redis's units left + the database's
taken == quantity, and the database's seat rows add up to taken."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from mercato.flashsale import public as flashsale
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools
from tests.flashsale.conftest import REDIS_URL, make_event
from tests.flashsale.helpers import (
    holdings,
    pending,
    redis_holders,
    redis_left,
    seat_statuses,
    seat_units,
    taken,
)

ROOT = Path(__file__).resolve().parents[2]


def _writer(db: Database, pools: SeatPools, e: int, n: int,
            pause: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "FLASH_PAUSE_AFTER": str(pause), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.flashsale.taker", db.url, REDIS_URL, pools.namespace,
         str(e), str(n)], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _kill_after(proc: subprocess.Popen[str], lines: int) -> list[str]:
    """Read `lines` lines of the writer's output, then SIGKILL it."""
    assert proc.stdout is not None
    seen = [proc.stdout.readline().strip() for _ in range(lines)]
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    return seen


def _settled(db: Database, pools: SeatPools, e: int, quantity: int) -> None:
    flashsale.reconcile_seats(db, older_than_seconds=0)
    left = redis_left(pools, e)
    assert pending(pools, e) == 0
    assert left is not None and left + taken(db, e) == quantity
    assert seat_units(db, e) == taken(db, e)
    assert redis_holders(pools, e) == holdings(db, e)


def test_killed_between_the_script_and_the_write(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=10)
    proc = _writer(db, redis_path, e, 10, pause=3)
    seen = _kill_after(proc, 5)  # taken 1, written 1, taken 2, written 2, taken 3 — then dies
    assert seen[-1].startswith("taken ")
    lost = seen[-1].split()[1]
    assert redis_left(redis_path, e) == 7 and taken(db, e) == 2 and pending(redis_path, e) == 1
    _settled(db, redis_path, e, 10)
    assert redis_left(redis_path, e) == 8  # the lost seat is on sale again
    assert seat_statuses(db, e)[lost] == "released"


def test_killed_at_a_random_moment(db: Database, redis_path: SeatPools) -> None:
    for _round in range(3):
        e = make_event(db, quantity=30)
        proc = _writer(db, redis_path, e, 40)
        time.sleep(random.uniform(0.3, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        _settled(db, redis_path, e, 30)
        # What is left sells to the last unit, and not one more.
        sold = 0
        for c in range(1, 60):
            try:
                seat = flashsale.take_seat(db, e, 101, 9000 + c)
            except Exception:
                continue
            with db.transaction() as tx:
                flashsale.record_seat(tx, seat)
            sold += 1
        assert taken(db, e) == 30 == seat_units(db, e)
        _settled(db, redis_path, e, 30)
