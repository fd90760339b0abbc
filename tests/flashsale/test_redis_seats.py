"""The Redis path: one atomic script decides, the caller's transaction writes after, the
reconciliation job settles what a crash left in between."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from mercato.flashsale import public as flashsale
from mercato.flashsale.services import reconcile, seats
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools
from tests.flashsale.conftest import make_event
from tests.flashsale.helpers import (
    holdings,
    pending,
    redis_holders,
    redis_left,
    seat_statuses,
    seat_units,
    taken,
)


def _code(fn, *args, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        fn(*args, **kw)
    return caught.value.code


def _consistent(db: Database, pools: SeatPools, e: int, quantity: int) -> None:
    left = redis_left(pools, e)
    assert left is not None and left + taken(db, e) == quantity
    assert seat_units(db, e) == taken(db, e)
    assert redis_holders(pools, e) == holdings(db, e)


def test_take_then_record(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=5, limit=2)
    seat = flashsale.take_seat(db, e, 101, 7, 2)
    assert not seat.recorded and redis_left(redis_path, e) == 3 and pending(redis_path, e) == 1
    assert taken(db, e) == 0  # the database hears of it with the order
    with db.transaction() as tx:
        flashsale.record_seat(tx, seat)
        flashsale.record_seat(tx, seat)  # twice in one transaction: once
        flashsale.confirm_seat(tx, seat.seat_id, "R0001")
    flashsale.clear_pending(seat)
    assert pending(redis_path, e) == 0
    assert seat_statuses(db, e) == {seat.seat_id: "ordered"}
    _consistent(db, redis_path, e, 5)
    assert _code(flashsale.take_seat, db, e, 101, 7) == "flashsale.limit_reached"
    flashsale.take_seat(db, e, 101, 8, 2)
    flashsale.take_seat(db, e, 101, 9)
    assert _code(flashsale.take_seat, db, e, 101, 10) == "flashsale.sold_out"


def test_many_threads_never_oversell(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=20, limit=2)

    def buy(i: int) -> str:
        try:
            seat = flashsale.take_seat(db, e, 101, 100 + i % 60)
            with db.transaction() as tx:
                flashsale.record_seat(tx, seat)
                flashsale.confirm_seat(tx, seat.seat_id, f"T{i:05d}")
            flashsale.clear_pending(seat)
            return "ok"
        except DomainError as exc:
            return exc.code

    with ThreadPoolExecutor(32) as pool:
        outcomes = list(pool.map(buy, range(300)))
    assert outcomes.count("ok") == 20
    assert set(outcomes) <= {"ok", "flashsale.sold_out", "flashsale.limit_reached"}
    assert redis_left(redis_path, e) == 0 and pending(redis_path, e) == 0
    _consistent(db, redis_path, e, 20)
    assert max(holdings(db, e).values()) <= 2


def test_release_goes_back_on_sale_once(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=1)
    seat = flashsale.take_seat(db, e, 101, 3)
    with db.transaction() as tx:
        flashsale.record_seat(tx, seat)
        flashsale.confirm_seat(tx, seat.seat_id, "R0002")
    with db.transaction() as tx:
        assert flashsale.release_order(tx, "R0002") == 1
    assert redis_left(redis_path, e) == 0  # given back after commit, by the event
    payload = {"seat_id": seat.seat_id, "event_id": e, "sku_id": 101, "customer_id": 3,
               "quantity": 1}
    assert seats.give_back_released(payload) is True
    assert seats.give_back_released(payload) is False  # delivered twice: given once
    _consistent(db, redis_path, e, 1)
    flashsale.take_seat(db, e, 101, 3)  # on sale again, to the same customer too


def test_reconcile_settles_pending_seats(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=5)
    lost = flashsale.take_seat(db, e, 101, 1)  # the writer died: never recorded
    kept = flashsale.take_seat(db, e, 101, 2)  # recorded, pending not cleared
    with db.transaction() as tx:
        flashsale.record_seat(tx, kept)
    assert flashsale.reconcile_seats(db, older_than_seconds=60).given_back == 0  # too young
    report = flashsale.reconcile_seats(db, older_than_seconds=0)
    assert (report.given_back, report.forgotten, report.drift) == (1, 1, [])
    assert seat_statuses(db, e) == {lost.seat_id: "released", kept.seat_id: "held"}
    assert pending(redis_path, e) == 0
    _consistent(db, redis_path, e, 5)
    # The late writer of the lost seat finds it given back, and writes nothing.
    with db.transaction() as tx:
        assert _code(flashsale.record_seat, tx, lost) == "flashsale.seat_expired"
    _consistent(db, redis_path, e, 5)


def test_reconcile_repairs_drift(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=5)
    redis_path.redis.set(redis_path.pool_keys(f"flashsale:{e}", "101")[0], 9)
    report = flashsale.reconcile_seats(db)
    assert [(d.redis_left, d.expected, d.repaired) for d in report.drift] == [(9, 5, True)]
    assert redis_left(redis_path, e) == 5
    assert flashsale.reconcile_seats(db).drift == []


def test_in_flight_and_released_seats_are_not_drift(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=5)
    flashsale.take_seat(db, e, 101, 1)  # in flight: Redis has it, the database not yet
    seat = flashsale.take_seat(db, e, 101, 2)
    with db.transaction() as tx:
        flashsale.record_seat(tx, seat)
    flashsale.clear_pending(seat)
    with db.transaction() as tx:  # released; its event not delivered yet
        flashsale.release_seat(tx, seat.seat_id)
    assert flashsale.reconcile_seats(db).drift == []
    assert redis_left(redis_path, e) == 3


def test_abandon_seat(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=2)
    never = flashsale.take_seat(db, e, 101, 1)
    flashsale.abandon_seat(db, never)
    recorded = flashsale.take_seat(db, e, 101, 2)
    with db.transaction() as tx:
        flashsale.record_seat(tx, recorded)
    flashsale.abandon_seat(db, recorded)
    assert redis_left(redis_path, e) == 2 and taken(db, e) == 0 and pending(redis_path, e) == 0
    assert set(seat_statuses(db, e).values()) == {"released"}


def test_loading_is_idempotent_and_follows_the_database(db: Database,
                                                        redis_path: SeatPools) -> None:
    e = make_event(db, quantity=4, limit=2)
    flashsale.take_seat(db, e, 101, 5)
    assert flashsale.load_event(db, e) is False  # loaded at publish: Redis is newer
    assert redis_left(redis_path, e) == 3
    redis_path.drop(f"flashsale:{e}")  # Redis lost everything: the next take reloads
    flashsale.take_seat(db, e, 101, 6)
    assert redis_left(redis_path, e) == 3  # the lost pending seat was never in the database


def test_event_for_sku_counts_from_redis(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=8)
    flashsale.take_seat(db, e, 101, 1)
    with db.transaction() as tx:
        offer = flashsale.event_for_sku(tx, 101, seats.utcnow())
    assert offer is not None and offer.event_id == e and offer.remaining == 7


def test_pending_age_is_real_time(db: Database, redis_path: SeatPools) -> None:
    e = make_event(db, quantity=3)
    flashsale.take_seat(db, e, 101, 1)
    time.sleep(0.05)
    assert reconcile.reconcile(db, 0.01).given_back == 1
