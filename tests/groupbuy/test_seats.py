"""Opening and joining groups, and the bad input around them: a full or expired group, a
forged code, joining twice, a bad deal. Each refusal is a clear error and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from mercato.groupbuy import public as groupbuy
from mercato.kernel.errors import Conflict, DomainError, NotFound
from tests.groupbuy.helpers import (
    NOW,
    group_row,
    join,
    make_deal,
    member_statuses,
    open_,
    row_counts,
    tie,
)
from tests.promotions.helpers import customers


def _refused(db, fn, *args) -> DomainError:
    before = row_counts(db)
    with pytest.raises(DomainError) as caught:
        fn(db, *args)
    assert row_counts(db) == before  # nothing half-written
    return caught.value


def test_the_leader_opens_and_friends_join_at_the_deals_price(db):
    deal = make_deal(db)
    a, b, c = customers(db, 3)
    seat = open_(db, deal, a)
    assert (seat.leader, seat.price_fen, seat.sku_id, seat.product_id) == (True, 9900, 101, 11)
    assert seat.expires_at == NOW + timedelta(minutes=60)
    joined = join(db, seat.code, b, NOW + timedelta(minutes=5))
    assert (joined.leader, joined.price_fen, joined.group_id) == (False, 9900, seat.group_id)
    join(db, seat.code, c)
    assert group_row(db, seat.code) == ("open", 3, 0)
    with db.reading() as tx:
        view = groupbuy.group_view(tx, seat.code, NOW)
    assert (view.seats_left, view.seconds_left) == (0, 3600)
    assert view.share_path == f"/groups/{seat.code}"
    assert [(m.customer_id, m.leader, m.status) for m in view.members] == [
        (a, True, "holding"), (b, False, "holding"), (c, False, "holding")]


def test_a_group_never_outlives_its_deal(db):
    deal = make_deal(db, ends_at=NOW + timedelta(minutes=20))
    (a,) = customers(db, 1)
    assert open_(db, deal, a).expires_at == NOW + timedelta(minutes=20)


def test_full_expired_forged_and_twice_are_refused(db):
    deal = make_deal(db, group_size=2, ladder=())
    a, b, c = customers(db, 3)
    seat = open_(db, deal, a)
    assert _refused(db, join, seat.code, a).code == "groupbuy.already_joined"
    join(db, seat.code, b)
    full = _refused(db, join, seat.code, c)
    assert (full.code, full.field, type(full)) == ("groupbuy.group_full", "code", Conflict)
    other = open_(db, deal, c)
    late = NOW + timedelta(minutes=60)
    assert _refused(db, join, other.code, a, late).code == "groupbuy.group_expired"
    forged = other.code[:-1] + ("A" if other.code[-1] != "A" else "B")
    for code in (forged, "", "../../etc", "x" * 200, other.code + "' --"):
        err = _refused(db, join, code, b)
        assert (err.code, type(err)) == ("groupbuy.group_not_found", NotFound)
    assert group_row(db, other.code) == ("open", 1, 0)


def test_a_failed_group_is_expired_to_joiners(db):
    deal = make_deal(db)
    a, b = customers(db, 2)
    seat = open_(db, deal, a)
    assert groupbuy.expire_groups(db, NOW + timedelta(hours=2)) == 1
    assert group_row(db, seat.code)[0] == "failed"
    assert _refused(db, join, seat.code, b, NOW).code == "groupbuy.group_expired"


def test_deals_not_running_take_no_groups(db):
    (a,) = customers(db, 1)
    draft = make_deal(db, enabled=False)
    assert _refused(db, open_, draft, a).code == "groupbuy.deal_not_found"
    assert _refused(db, open_, 9999, a).code == "groupbuy.deal_not_found"
    later = make_deal(db, starts_at=NOW + timedelta(hours=1))
    assert _refused(db, open_, later, a).code == "groupbuy.deal_not_running"
    running = make_deal(db)
    seat = open_(db, running, a)
    with db.transaction() as tx:
        groupbuy.set_deal_enabled(tx, running, False, NOW)
    (b,) = customers(db, 1, first=50)
    assert _refused(db, join, seat.code, b).code == "groupbuy.deal_not_running"


def test_an_unpaid_order_cancelled_gives_its_seat_back(db):
    deal = make_deal(db, group_size=2, ladder=())
    a, b, c = customers(db, 3)
    seat = open_(db, deal, a)
    second = join(db, seat.code, b)
    tie(db, second.member_id, "2612080000000001")
    with db.transaction() as tx:
        assert groupbuy.order_closed(tx, "2612080000000001", NOW) == "left"
    with db.transaction() as tx:  # the event delivered twice
        assert groupbuy.order_closed(tx, "2612080000000001", NOW) == "already"
    assert group_row(db, seat.code) == ("open", 1, 0)
    assert member_statuses(db, seat.code) == ["holding", "left"]
    join(db, seat.code, c)  # the freed seat is sold again
    assert _refused(db, join, seat.code, b).code == "groupbuy.group_full"


def test_a_customer_who_left_may_come_back(db):
    deal = make_deal(db)
    a, b = customers(db, 2)
    seat = open_(db, deal, a)
    tie(db, join(db, seat.code, b).member_id, "2612080000000002")
    with db.transaction() as tx:
        groupbuy.order_closed(tx, "2612080000000002", NOW)
    again = join(db, seat.code, b)
    assert group_row(db, seat.code) == ("open", 2, 0)
    assert member_statuses(db, seat.code) == ["holding", "holding"]
    with db.reading() as tx:
        assert groupbuy.group_of_order(tx, "2612080000000002", NOW) is None
    assert again.member_id == seat.member_id + 1


def test_an_ordinary_order_is_none_of_group_buyings_business(db):
    with db.transaction() as tx:
        assert groupbuy.order_paid(tx, "2612080000000099", NOW) == "none"
        assert groupbuy.order_closed(tx, "2612080000000099", NOW) == "none"
        assert groupbuy.order_refunded(tx, "2612080000000099", NOW) == "none"


def test_the_share_link_as_a_qr_code_and_my_groups(db):
    deal = make_deal(db)
    a, b = customers(db, 2)
    seat = open_(db, deal, a)
    join(db, seat.code, b)
    svg = groupbuy.share_qr_svg("https://shop.example" + groupbuy.share_path(seat.code))
    assert svg.startswith("<svg") and "</svg>" in svg and seat.code in svg  # in its title
    with db.reading() as tx:
        mine = groupbuy.groups_of_customer(tx, b, NOW)
    assert [(g.code, g.seats_taken) for g in mine] == [(seat.code, 2)]
