"""On PostgreSQL, under real concurrency: thirty customers after the last seat of a group
get exactly one seat between them, in an open group and in a filled one still taking people
up to its most; a customer joining twice at once gets one seat."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.adapters.tables import Member
from mercato.platform.db import Database
from tests.groupbuy.helpers import NOW, group_row, join, make_deal, open_, tie
from tests.promotions.helpers import customers
from tests.races import race

pytestmark = pytest.mark.postgres


def _members(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(Member)) or 0)


def test_thirty_joiners_for_the_last_seat_one_gets_it(pg_db: Database) -> None:
    deal = make_deal(pg_db)
    people = customers(pg_db, 32)
    seat = open_(pg_db, deal, people[0])
    join(pg_db, seat.code, people[1])
    assert (group_row(pg_db, seat.code), _members(pg_db)) == (("open", 2, 0), 2)

    outcomes = race(30, lambda i: join(pg_db, seat.code, people[2 + i]) and None)
    assert sorted(outcomes) == ["groupbuy.group_full"] * 29 + ["ok"]
    assert group_row(pg_db, seat.code) == ("open", 3, 0)
    assert _members(pg_db) == 3


def test_one_customer_joining_twice_at_once_gets_one_seat(pg_db: Database) -> None:
    deal = make_deal(pg_db, group_size=10, ladder=())
    a, b = customers(pg_db, 2)
    seat = open_(pg_db, deal, a)
    outcomes = race(8, lambda i: join(pg_db, seat.code, b) and None)
    assert sorted(outcomes) == ["groupbuy.already_joined"] * 7 + ["ok"]
    assert group_row(pg_db, seat.code) == ("open", 2, 0) and _members(pg_db) == 2
    with pg_db.reading() as tx:
        assert groupbuy.group_view(tx, seat.code, NOW).seats_taken == 2


def test_thirty_joiners_for_the_last_seat_of_a_filled_group_one_gets_it(
        pg_db: Database) -> None:
    deal = make_deal(pg_db, group_size=2, max_size=4, ladder=((2, 300), (4, 900)))
    people = customers(pg_db, 34)
    seat = open_(pg_db, deal, people[0])
    seats = [seat, join(pg_db, seat.code, people[1]), join(pg_db, seat.code, people[2])]
    for i, s in enumerate(seats[:2]):
        tie(pg_db, s.member_id, f"261208000009{i}")
        with pg_db.transaction() as tx:
            groupbuy.order_paid(tx, f"261208000009{i}", NOW)
    assert group_row(pg_db, seat.code) == ("filled", 3, 2)  # succeeded, one seat left

    outcomes = race(30, lambda i: join(pg_db, seat.code, people[3 + i]) and None)
    assert sorted(outcomes) == ["groupbuy.group_full"] * 29 + ["ok"]
    assert group_row(pg_db, seat.code) == ("filled", 4, 2)
    assert _members(pg_db) == 4
