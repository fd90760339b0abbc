"""Staff's deals (a bad one is refused whole, nothing written) and a group filling: every seat
paid → filled, groupbuy.group_filled.v1 recorded once, each member's cashback given once
through promotions, as points or as a coupon."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select

from mercato.groupbuy import public as groupbuy
from mercato.kernel.errors import Conflict
from mercato.members.adapters.loyalty_tables import PointsEntry
from mercato.promotions.adapters.tables import Cashback, Coupon
from tests.groupbuy.helpers import (
    BASE,
    NOW,
    events_named,
    group_row,
    join,
    make_deal,
    member_statuses,
    open_,
    row_counts,
    tie,
)
from tests.promotions.helpers import customers

FILLED = "groupbuy.group_filled.v1"


@pytest.mark.parametrize("bad", [
    {"group_size": 1}, {"group_size": 51}, {"price_fen": 0}, {"price_fen": -100},
    {"ladder": ((3, 500), (2, 800))}, {"ladder": ((2, 500), (3, 500))},
    {"ladder": ((2, 9900),)}, {"time_limit_minutes": 0}, {"ends_at": NOW - timedelta(days=2)},
    {"cashback_how": "cash"},
])
def test_a_bad_deal_is_refused_whole(db, bad):
    with pytest.raises(groupbuy.Invalid) as caught, db.transaction() as tx:
        groupbuy.save_deal(tx, None, replace(BASE, **bad), "test", NOW)
    assert caught.value.code == "groupbuy.invalid" and caught.value.problems
    assert row_counts(db) == (0, 0, 0)


def test_a_deal_with_groups_keeps_its_price_and_size(db):
    deal = make_deal(db)
    (a,) = customers(db, 1)
    open_(db, deal, a)
    with pytest.raises(Conflict) as caught, db.transaction() as tx:
        groupbuy.save_deal(tx, deal, replace(BASE, price_fen=5000), "test", NOW)
    assert caught.value.code == "groupbuy.deal_in_use"
    with db.transaction() as tx:  # the ladder and the window may still change
        view = groupbuy.save_deal(tx, deal, replace(BASE, ladder=((3, 1000),)), "test", NOW)
    assert view.ladder == ((3, 1000),) and view.status == "running"
    with db.reading() as tx:
        assert [d.id for d in groupbuy.list_deals(tx, NOW)] == [deal]
        offer = groupbuy.deal_for_sku(tx, 101, NOW)
        assert offer is not None and [g.seats_left for g in offer.groups] == [2]
        assert groupbuy.deal_for_sku(tx, 102, NOW) is None


def _fill(db, how: str) -> tuple[str, list[int]]:
    deal = make_deal(db, cashback_how=how)
    people = customers(db, 3, first=10 if how == "points" else 20)
    seat = open_(db, deal, people[0])
    seats = [seat] + [join(db, seat.code, c) for c in people[1:]]
    for i, s in enumerate(seats):
        tie(db, s.member_id, f"26120800000001{i}{len(how)}")
    for i in range(len(seats)):
        with db.transaction() as tx:
            assert groupbuy.order_paid(tx, f"26120800000001{i}{len(how)}",
                                       NOW + timedelta(minutes=i)) == "paid"
        assert group_row(db, seat.code) == ("open" if i < 2 else "filled", 3, i + 1)
    with db.transaction() as tx:  # a paid event delivered again changes nothing
        assert groupbuy.order_paid(tx, f"26120800000001{0}{len(how)}", NOW) == "already"
    return seat.code, people


def _cashback_twice(db, code: str) -> None:
    [payload] = events_named(db, FILLED)
    body = json.loads(payload)
    assert (body["code"], body["size"], body["sku_id"], len(body["orders"])) == (code, 3, 101, 3)
    for _ in range(2):  # the subscriber run twice: once per member all the same
        with db.transaction() as tx:
            assert groupbuy.give_cashback(tx, body["group_id"]) == 3


def test_a_filled_group_gives_points_back_once(db):
    code, people = _fill(db, "points")
    _cashback_twice(db, code)
    with db.reading() as tx:
        given = list(tx.execute(select(Cashback.customer_id, Cashback.amount_fen, Cashback.points)
                                .order_by(Cashback.customer_id)))
        points = list(tx.execute(select(PointsEntry.delta, PointsEntry.ref)
                                 .order_by(PointsEntry.id)))
        view = groupbuy.group_view(tx, code, NOW)
    assert given == [(c, 800, 800) for c in people]
    group_id = json.loads(events_named(db, FILLED)[0])["group_id"]
    assert points == [(800, f"GB{group_id}-{c}") for c in people]
    assert {m.cashback_fen for m in view.members} == {800}
    assert member_statuses(db, code) == ["paid"] * 3


def test_a_filled_group_gives_a_coupon_back_once(db):
    code, people = _fill(db, "coupon")
    _cashback_twice(db, code)
    with db.reading() as tx:
        coupons = list(tx.execute(select(Coupon.customer_id, Coupon.off_fen, Coupon.source)
                                  .order_by(Coupon.customer_id)))
    assert coupons == [(c, 800, "cashback") for c in people]


def test_a_seat_paid_after_the_time_does_not_fill_the_group(db):
    deal = make_deal(db, group_size=2, ladder=())
    a, b = customers(db, 2)
    seat = open_(db, deal, a)
    second = join(db, seat.code, b)
    tie(db, seat.member_id, "2612080000000201")
    tie(db, second.member_id, "2612080000000202")
    with db.transaction() as tx:
        groupbuy.order_paid(tx, "2612080000000201", NOW)
        groupbuy.order_paid(tx, "2612080000000202", NOW + timedelta(minutes=61))
    assert group_row(db, seat.code) == ("open", 2, 2) and events_named(db, FILLED) == []
