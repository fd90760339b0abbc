"""The waiting room: over the event's rate a buyer gets a signed token for a later second;
the token admits at its turn, ahead of later arrivals, once; forged ones are refused."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mercato.flashsale import public as flashsale
from mercato.flashsale.services import waiting_room
from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools
from tests.flashsale.conftest import make_event

T0 = datetime(2026, 12, 12, 10, 0, 0)


def _code(fn, *args, **kw) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(DomainError) as caught:
        fn(*args, **kw)
    return caught.value.code


def _at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def check_queue(db: Database, e: int) -> None:
    answers = [flashsale.admit(db, e, _at(0.1 * i)) for i in range(5)]  # rate 3: 5 in a second
    assert [type(a).__name__ for a in answers] == ["Admitted"] * 3 + ["QueueToken"] * 2
    t1, t2 = answers[3], answers[4]
    assert isinstance(t1, flashsale.QueueToken) and isinstance(t2, flashsale.QueueToken)
    assert t1.retry_after == 1 and t1.turn_at == t2.turn_at == int(_at(1).timestamp())
    # A buyer arriving in the next second queues behind the two token holders' places.
    later = [flashsale.admit(db, e, _at(1.2)) for _ in range(2)]
    assert type(later[0]).__name__ == "Admitted"
    assert isinstance(later[1], flashsale.QueueToken) and later[1].turn_at > t1.turn_at
    # Too early: wait the rest; at the turn: admitted, once.
    early = flashsale.admit(db, e, _at(0.7), t1.token)
    assert isinstance(early, flashsale.QueueToken) and early.token == t1.token
    assert isinstance(flashsale.admit(db, e, _at(1.5), t1.token), flashsale.Admitted)
    assert _code(flashsale.admit, db, e, _at(1.6), t1.token) == "flashsale.token_used"
    late = _at(2 + waiting_room.GRACE_SECONDS + 1)
    assert _code(flashsale.admit, db, e, late, t2.token) == "flashsale.token_expired"
    forged = t2.token[:-3] + ("AAA" if not t2.token.endswith("AAA") else "BBB")
    assert _code(flashsale.admit, db, e, _at(1.5), forged) == "flashsale.token_invalid"
    assert _code(flashsale.admit, db, e, _at(1.5), "garbage") == "flashsale.token_invalid"
    other = make_event(db, rate=3)
    assert _code(flashsale.admit, db, other, _at(1.5), t2.token) == "flashsale.token_invalid"


def test_in_process(db: Database) -> None:
    check_queue(db, make_event(db, rate=3))


def test_in_redis(db: Database, redis_path: SeatPools) -> None:
    check_queue(db, make_event(db, rate=3))


def test_no_waiting_room_when_rate_is_zero(db: Database) -> None:
    e = make_event(db, rate=0)
    assert all(isinstance(flashsale.admit(db, e, T0), flashsale.Admitted) for _ in range(50))
    assert _code(flashsale.admit, db, 999_999, T0) == "flashsale.event_not_found"
