"""On PostgreSQL, under real concurrency: 50 buyers for 10 units get exactly 10 seats, and a
customer racing themselves never passes their limit — on the database path, and on the
Redis path with the seat rows written after."""

from __future__ import annotations

import pytest

from mercato.flashsale import public as flashsale
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools
from tests.flashsale.conftest import make_event
from tests.flashsale.helpers import holdings, redis_left, seat_units, taken
from tests.races import race

pytestmark = pytest.mark.postgres


def order(db: Database, event_id: int, customer: int, number: str) -> None:
    seat = flashsale.take_seat(db, event_id, 101, customer)
    with db.transaction() as tx:
        flashsale.record_seat(tx, seat)
        flashsale.confirm_seat(tx, seat.seat_id, number)
    flashsale.clear_pending(seat)


def check_fifty_for_ten(db: Database) -> int:
    e = make_event(db, quantity=10, limit=1)
    outcomes = race(50, lambda i: order(db, e, 1000 + i, f"P{i:05d}"))
    assert outcomes.count("ok") == 10, outcomes
    assert set(outcomes) == {"ok", "flashsale.sold_out"}
    assert taken(db, e) == 10 == seat_units(db, e, ("ordered",))
    assert sum(holdings(db, e).values()) == 10
    return e


def check_one_customer_racing(db: Database) -> None:
    e = make_event(db, quantity=100, limit=3)
    # 4 customers, 10 threads each, all at once: each customer ends with exactly 3.
    outcomes = race(40, lambda i: order(db, e, 2000 + i % 4, f"Q{i:05d}"))
    assert outcomes.count("ok") == 12, outcomes
    assert set(outcomes) == {"ok", "flashsale.limit_reached"}
    assert holdings(db, e) == {2000: 3, 2001: 3, 2002: 3, 2003: 3}
    assert taken(db, e) == 12 == seat_units(db, e)


def test_database_path_never_oversells(pg_db: Database) -> None:
    check_fifty_for_ten(pg_db)
    check_one_customer_racing(pg_db)


def test_redis_path_never_oversells(pg_db: Database, redis_path: SeatPools) -> None:
    e = check_fifty_for_ten(pg_db)
    assert redis_left(redis_path, e) == 0
    check_one_customer_racing(pg_db)
