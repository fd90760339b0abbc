"""The cashback ladder (阶梯团), through the services: a deal of group size 3 taking up to 5
people, ladder ¥5 each at 3 and ¥12 each at 5. Three paid → the group succeeds (filled, the
orders released to ship), no cashback yet; it stays joinable and a fourth who pays has their
order released at once; when its time runs out it completes and each paid member gets the
step their number reached, once however often the job and the subscriber run; five paid →
complete at once at the top step. A group failing before success is refunded as before."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.services import outcomes
from mercato.kernel.errors import DomainError
from mercato.members.adapters.loyalty_tables import PointsEntry
from mercato.platform.db import Database
from tests.groupbuy.helpers import (
    NOW,
    events_named,
    group_row,
    join,
    make_deal,
    member_statuses,
    open_,
    tie,
)
from tests.promotions.helpers import customers

FILLED, COMPLETED = "groupbuy.group_filled.v1", "groupbuy.group_completed.v1"
LADDER = ((3, 500), (5, 1200))


@pytest.fixture
def released(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The order numbers group buying lets ship (orders.release_hold), in order."""
    seen: list[str] = []

    def release(_tx: Any, number: str, _actor: str) -> bool:
        seen.append(number)
        return True

    monkeypatch.setattr(outcomes.orders, "release_hold", release)
    return seen


def _group(db: Database, n: int, first: int = 0) -> tuple[str, int, list[int]]:
    """A group of the 3-to-5 deal with n seats taken, each tied to an order number
    (2612080000001<i>): (code, group id, customers)."""
    deal = make_deal(db, group_size=3, max_size=5, ladder=LADDER)
    people = customers(db, n, first=first)
    seat = open_(db, deal, people[0])
    seats = [seat] + [join(db, seat.code, c) for c in people[1:]]
    for i, s in enumerate(seats):
        tie(db, s.member_id, _number(i))
    return seat.code, seat.group_id, people


def _number(i: int) -> str:
    return f"2612080000001{i:02d}"


def _pay(db: Database, i: int, minutes: int = 1) -> str:
    with db.transaction() as tx:
        return groupbuy.order_paid(tx, _number(i), NOW + timedelta(minutes=minutes))


def _view(db: Database, code: str, minutes: int = 0) -> groupbuy.GroupView:
    with db.reading() as tx:
        return groupbuy.group_view(tx, code, NOW + timedelta(minutes=minutes))


def _points(db: Database) -> list[tuple[int, str]]:
    with db.reading() as tx:
        return list(tx.execute(select(PointsEntry.delta, PointsEntry.ref)
                               .where(PointsEntry.kind == "cashback").order_by(PointsEntry.id)))


def _refusal(db: Database, code: str, customer_id: int, minutes: int = 0) -> str:
    with pytest.raises(DomainError) as caught:
        join(db, code, customer_id, NOW + timedelta(minutes=minutes))
    return caught.value.code


def _give(db: Database, group_id: int) -> int:
    with db.transaction() as tx:
        return groupbuy.give_cashback(tx, group_id)


def test_three_paid_succeed_a_fourth_ships_at_once_and_time_completes_at_step_three(
        db: Database, released: list[str]) -> None:
    code, group_id, people = _group(db, 3)
    for i in range(3):
        assert _pay(db, i, i) == "paid"
    assert group_row(db, code) == ("filled", 3, 3)
    assert released == [_number(i) for i in range(3)]  # the group succeeded: they ship
    assert len(events_named(db, FILLED)) == 1 and events_named(db, COMPLETED) == []
    view = _view(db, code, 5)
    assert (view.growing, view.completed, view.seats_left, view.cashback_fen) == (
        True, False, 2, 0)
    assert view.next_step == groupbuy.NextStep(5, 2, 1200)  # invite 2 more for ¥12 each
    assert {m.cashback_fen for m in view.members} == {0}  # nothing fixed yet
    assert _give(db, group_id) == 0 and _points(db) == []

    (fourth,) = customers(db, 1, first=50)
    seat = join(db, code, fourth, NOW + timedelta(minutes=10))  # a filled group takes more
    tie(db, seat.member_id, _number(3))
    assert group_row(db, code) == ("filled", 4, 3)
    assert _pay(db, 3, 11) == "paid"
    assert released[-1] == _number(3) and len(released) == 4  # at once
    assert group_row(db, code) == ("filled", 4, 4) and events_named(db, COMPLETED) == []

    assert groupbuy.expire_groups(db, NOW + timedelta(minutes=59)) == 0  # time left
    assert groupbuy.expire_groups(db, NOW + timedelta(minutes=61)) == 1
    [payload] = events_named(db, COMPLETED)
    body = json.loads(payload)
    assert (body["group_id"], body["cashback_fen"], body["size"], body["max_size"]) == (
        group_id, 500, 3, 5)
    assert len(body["orders"]) == 4 and len(events_named(db, FILLED)) == 1
    assert groupbuy.expire_groups(db, NOW + timedelta(minutes=62)) == 0  # a second run
    for _ in range(2):  # the subscriber delivered twice
        assert _give(db, group_id) == 4
    assert sorted(_points(db)) == sorted((500, f"GB{group_id}-{c}") for c in [*people, fourth])
    done = _view(db, code, 62)
    assert (done.completed, done.growing, done.cashback_fen, done.seats_left) == (
        True, False, 500, 0)
    assert done.next_step is None and {m.cashback_fen for m in done.members} == {500}
    assert len(events_named(db, COMPLETED)) == 1 and len(released) == 4


def test_five_paid_complete_at_once_at_the_top_step(db: Database, released: list[str]) -> None:
    code, group_id, people = _group(db, 5)
    for i in range(5):
        _pay(db, i, i)
    assert group_row(db, code) == ("filled", 5, 5) and len(released) == 5
    [body] = [json.loads(p) for p in events_named(db, COMPLETED)]
    assert body["cashback_fen"] == 1200 and len(events_named(db, FILLED)) == 1
    _give(db, group_id)
    assert groupbuy.expire_groups(db, NOW + timedelta(hours=2)) == 0  # complete already
    _give(db, group_id)
    assert sorted(_points(db)) == sorted((1200, f"GB{group_id}-{c}") for c in people)
    assert _refusal(db, code, customers(db, 1, first=60)[0]) == "groupbuy.group_full"


def test_the_last_seat_of_a_filled_group_and_a_seat_given_back(
        db: Database, released: list[str]) -> None:
    code, _group_id, _people = _group(db, 5)
    for i in range(3):
        _pay(db, i)
    assert group_row(db, code) == ("filled", 5, 3)
    late, later = customers(db, 2, first=70)
    assert _refusal(db, code, late) == "groupbuy.group_full"
    with db.transaction() as tx:  # the fifth's order cancelled unpaid: the seat goes back
        assert groupbuy.order_closed(tx, _number(4), NOW) == "left"
    assert group_row(db, code) == ("filled", 4, 3)
    join(db, code, late)
    assert group_row(db, code) == ("filled", 5, 3)
    with db.transaction() as tx:
        groupbuy.order_closed(tx, _number(3), NOW)
    assert _refusal(db, code, later, 61) == "groupbuy.group_expired"  # past its time
    assert groupbuy.expire_groups(db, NOW + timedelta(minutes=61)) == 1  # complete: 3 paid
    assert _refusal(db, code, later) == "groupbuy.group_expired"
    assert group_row(db, code) == ("filled", 4, 3)


def test_a_group_short_of_success_fails_and_is_refunded_as_before(
        db: Database, released: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    closed: list[str] = []
    monkeypatch.setattr(outcomes.orders, "end_unshipped",
                        lambda _tx, number, _actor, _reason: closed.append(number))
    code, group_id, _people = _group(db, 4)
    for i in range(2):  # 2 paid, 2 holding: short of the 3 it needs
        _pay(db, i)
    assert group_row(db, code) == ("open", 4, 2) and released == []
    assert groupbuy.expire_groups(db, NOW + timedelta(minutes=61)) == 1
    assert group_row(db, code)[0] == "failed" and closed == [_number(0), _number(1)]
    assert member_statuses(db, code) == ["refunding", "refunding", "holding", "holding"]
    assert len(events_named(db, "groupbuy.group_failed.v1")) == 1
    assert events_named(db, FILLED) == events_named(db, COMPLETED) == []
    assert _pay(db, 2, 62) == "refunding"  # paid after all: refunded at once
    assert groupbuy.expire_groups(db, NOW + timedelta(hours=3)) == 0
    assert _give(db, group_id) == 0 and _points(db) == []


def test_a_deal_whose_most_is_its_size_fills_and_completes_at_once(
        db: Database, released: list[str]) -> None:
    deal = make_deal(db, group_size=2, ladder=((2, 300),))  # max_size left out: 2
    a, b, c = customers(db, 3)
    seat = open_(db, deal, a)
    tie(db, seat.member_id, _number(0))
    tie(db, join(db, seat.code, b).member_id, _number(1))
    _pay(db, 0)
    _pay(db, 1)
    assert group_row(db, seat.code) == ("filled", 2, 2) and len(released) == 2
    assert [json.loads(p)["cashback_fen"] for p in events_named(db, COMPLETED)] == [300]
    view = _view(db, seat.code)
    assert (view.completed, view.growing, view.max_size, view.size) == (True, False, 2, 2)
    assert _refusal(db, seat.code, c) == "groupbuy.group_full"


def test_the_product_page_lists_groups_short_of_success_first(
        db: Database, released: list[str]) -> None:
    code, _group_id, _people = _group(db, 3)
    for i in range(3):
        _pay(db, i)
    deal_id = _view(db, code).deal.id
    other = open_(db, deal_id, customers(db, 1, first=90)[0])
    with db.reading() as tx:
        offer = groupbuy.deal_for_sku(tx, 101, NOW)
    assert offer is not None and offer.deal.max_size == 5
    assert [(g.code, g.succeeded, g.to_succeed, g.seats_left) for g in offer.groups] == [
        (other.code, False, 2, 4), (code, True, 0, 2)]
