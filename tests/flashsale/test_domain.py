"""Flash-sale rules: phases and windows, quantities and limits, event checks, seat ids."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mercato.flashsale import domain
from mercato.kernel.errors import Conflict, DomainError, NotFound

START = datetime(2026, 12, 12, 10, 0)
END = START + timedelta(hours=1)


def _code(fn, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        fn(*args)
    return caught.value.code


def test_phase_follows_status_and_window() -> None:
    assert domain.phase("draft", START, END, START) == "draft"
    assert domain.phase("scheduled", START, END, START - timedelta(seconds=1)) == "scheduled"
    assert domain.phase("scheduled", START, END, START) == "running"
    assert domain.phase("scheduled", START, END, END) == "ended"
    assert domain.phase("ended", START, END, START) == "ended"
    assert domain.phase("cancelled", START, END, START) == "cancelled"


def test_window_checks_say_why() -> None:
    domain.check_open("scheduled", START, END, START + timedelta(minutes=5))
    early = START - timedelta(seconds=1)
    assert _code(domain.check_open, "scheduled", START, END, early) == "flashsale.not_started"
    assert _code(domain.check_open, "scheduled", START, END, END) == "flashsale.ended"
    assert _code(domain.check_open, "cancelled", START, END, START) == "flashsale.cancelled"
    with pytest.raises(NotFound):
        domain.check_open("draft", START, END, START)
    with pytest.raises(Conflict):
        domain.check_open("ended", START, END, START)


def test_quantity_and_limit() -> None:
    domain.check_quantity(2, 2)
    for bad in (0, -1, True, 1.5):
        assert _code(domain.check_quantity, bad, 5) == "flashsale.invalid_quantity"
    assert _code(domain.check_quantity, 3, 2) == "flashsale.limit_reached"
    assert _code(domain.check_customer, 0) == "flashsale.invalid_customer"


def _event(**given: object) -> domain.EventData:
    base = dict(name="双十二秒杀", starts_at=START, ends_at=END, per_customer_limit=1,
                admit_per_second=100, items=(domain.ItemData(7, 990, 100),))
    return domain.EventData(**{**base, **given})  # type: ignore[arg-type]


def test_a_good_event_has_no_problems() -> None:
    assert domain.check_event(_event()) == {}


@pytest.mark.parametrize(("given", "field"), [
    ({"name": " "}, "name"),
    ({"starts_at": None}, "starts_at"),
    ({"ends_at": None}, "ends_at"),
    ({"ends_at": START}, "ends_at"),
    ({"ends_at": START - timedelta(minutes=1)}, "ends_at"),
    ({"per_customer_limit": 0}, "per_customer_limit"),
    ({"admit_per_second": -1}, "admit_per_second"),
    ({"items": ()}, "items"),
    ({"items": (domain.ItemData(7, 0, 10),)}, "items"),
    ({"items": (domain.ItemData(7, 990, 0),)}, "items"),
    ({"items": (domain.ItemData(0, 990, 1),)}, "items"),
    ({"items": (domain.ItemData(7, 990, 1), domain.ItemData(7, 880, 1))}, "items"),
])
def test_event_problems(given: dict[str, object], field: str) -> None:
    assert field in domain.check_event(_event(**given))


def test_seat_ids() -> None:
    seat = domain.new_seat_id(12, 345)
    assert domain.check_seat_id(seat) == seat and seat.startswith("fs12-345-")
    assert domain.new_seat_id(12, 345) != seat
    for bad in ("", "fs1-2-XYZ", "fs1-2-" + "0" * 15, "1-2-" + "0" * 16, "fs1-2-" + "0" * 17):
        assert _code(domain.check_seat_id, bad) == "flashsale.invalid_seat"


def test_status_moves() -> None:
    domain.check_move("draft", "scheduled")
    domain.check_move("scheduled", "cancelled")
    domain.check_move("scheduled", "ended")
    for current, to in (("ended", "scheduled"), ("cancelled", "scheduled"), ("draft", "ended"),
                        ("scheduled", "scheduled"), ("draft", "draft")):
        assert _code(domain.check_move, current, to) == "flashsale.bad_status"
