"""The database path (no Redis): one transaction of guarded statements per seat; every
refusal leaves nothing written."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mercato.flashsale import public as flashsale
from mercato.kernel.errors import DomainError
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from tests.flashsale.conftest import make_event
from tests.flashsale.helpers import holdings, seat_statuses, seat_units, taken


def _code(fn, *args, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        fn(*args, **kw)
    return caught.value.code


def test_a_seat_is_written_whole(db: Database) -> None:
    e = make_event(db, quantity=5, limit=2)
    seat = flashsale.take_seat(db, e, 101, 7, 2)
    assert seat.recorded and seat.price_fen == 990 and seat.quantity == 2
    assert taken(db, e) == 2 and holdings(db, e) == {7: 2}
    assert seat_statuses(db, e) == {seat.seat_id: "held"}
    with db.transaction() as tx:  # the order's transaction: nothing to record
        flashsale.record_seat(tx, seat)
        flashsale.confirm_seat(tx, seat.seat_id, "F0001")
        flashsale.confirm_seat(tx, seat.seat_id, "F0001")  # idempotent
    assert seat_statuses(db, e) == {seat.seat_id: "ordered"}


def test_limit_and_sold_out(db: Database) -> None:
    e = make_event(db, quantity=3, limit=2)
    flashsale.take_seat(db, e, 101, 1)
    flashsale.take_seat(db, e, 101, 1)
    assert _code(flashsale.take_seat, db, e, 101, 1) == "flashsale.limit_reached"
    assert _code(flashsale.take_seat, db, e, 101, 2, 3) == "flashsale.limit_reached"
    assert _code(flashsale.take_seat, db, e, 101, 2, 2) == "flashsale.sold_out"
    flashsale.take_seat(db, e, 101, 2)
    assert _code(flashsale.take_seat, db, e, 101, 3) == "flashsale.sold_out"
    # Refusals wrote nothing: no holding row for customer 3, counts as the seats say.
    assert taken(db, e) == 3 == seat_units(db, e) and holdings(db, e) == {1: 2, 2: 1}


def test_the_limit_counts_every_sku_of_the_event(db: Database) -> None:
    e = make_event(db, quantity=5, limit=2, skus=(101, 102))
    flashsale.take_seat(db, e, 101, 9)
    flashsale.take_seat(db, e, 102, 9)
    assert _code(flashsale.take_seat, db, e, 102, 9) == "flashsale.limit_reached"


def test_bad_input_is_refused_clearly(db: Database) -> None:
    now = utcnow()
    e = make_event(db)
    later = make_event(db, starts=now + timedelta(hours=1), ends=now + timedelta(hours=2))
    over = make_event(db, starts=now - timedelta(hours=2), ends=now - timedelta(hours=1))
    draft = make_event(db, publish=False)
    assert _code(flashsale.take_seat, db, later, 101, 1) == "flashsale.not_started"
    assert _code(flashsale.take_seat, db, over, 101, 1) == "flashsale.ended"
    assert _code(flashsale.take_seat, db, draft, 101, 1) == "flashsale.event_not_found"
    assert _code(flashsale.take_seat, db, 999_999, 101, 1) == "flashsale.event_not_found"
    assert _code(flashsale.take_seat, db, e, 555, 1) == "flashsale.item_not_found"
    assert _code(flashsale.take_seat, db, e, 101, 1, 0) == "flashsale.invalid_quantity"
    assert _code(flashsale.take_seat, db, e, 101, 0) == "flashsale.invalid_customer"
    with db.transaction() as tx:
        flashsale.cancel_event(tx, e)
    assert _code(flashsale.take_seat, db, e, 101, 1) == "flashsale.cancelled"
    for event_id in (e, later, over, draft):
        assert taken(db, event_id) == 0 and seat_statuses(db, event_id) == {}


def test_release_gives_units_back_once(db: Database) -> None:
    e = make_event(db, quantity=1, limit=1)
    seat = flashsale.take_seat(db, e, 101, 4)
    with db.transaction() as tx:
        flashsale.confirm_seat(tx, seat.seat_id, "F0002")
    assert _code(flashsale.take_seat, db, e, 101, 5) == "flashsale.sold_out"
    with db.transaction() as tx:
        assert flashsale.release_order(tx, "F0002") == 1
        assert flashsale.release_seat(tx, seat.seat_id) is False  # idempotent
    assert taken(db, e) == 0 and holdings(db, e) == {}
    again = flashsale.take_seat(db, e, 101, 4)  # the customer may take it again too
    assert taken(db, e) == 1
    with db.transaction() as tx:
        assert _code(flashsale.confirm_seat, tx, seat.seat_id, "F0003") == "flashsale.seat_expired"
    with db.transaction() as tx:
        flashsale.confirm_seat(tx, again.seat_id, "F0003")
    with db.transaction() as tx:
        assert _code(flashsale.confirm_seat, tx, again.seat_id, "F0004") == "flashsale.seat_used"
        assert _code(flashsale.release_seat, tx, "fs1-1-" + "0" * 16) == "flashsale.seat_not_found"
        assert _code(flashsale.release_seat, tx, "nope") == "flashsale.invalid_seat"


def test_reconcile_releases_seats_no_order_took(db: Database) -> None:
    e = make_event(db, quantity=2, limit=1)
    lost = flashsale.take_seat(db, e, 101, 1, now=utcnow())
    kept = flashsale.take_seat(db, e, 101, 2)
    with db.transaction() as tx:
        flashsale.confirm_seat(tx, kept.seat_id, "F0005")
    assert flashsale.reconcile_seats(db).released_held == 0  # not stale yet
    from mercato.flashsale.services import reconcile

    report = reconcile.reconcile(db, 60, now=utcnow() + timedelta(hours=1))
    assert report.released_held == 1
    assert seat_statuses(db, e) == {lost.seat_id: "released", kept.seat_id: "ordered"}
    assert taken(db, e) == 1


def test_abandon_seat_on_the_database_path(db: Database) -> None:
    e = make_event(db, quantity=1)
    seat = flashsale.take_seat(db, e, 101, 3)
    flashsale.abandon_seat(db, seat)
    assert taken(db, e) == 0 and seat_statuses(db, e) == {seat.seat_id: "released"}
