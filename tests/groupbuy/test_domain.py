"""Group-buy rules, pure: deal validation, the cashback ladder, group expiry, share codes and
the members' state machine."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mercato.groupbuy import domain
from tests.groupbuy.helpers import BASE, NOW


def test_a_good_deal_has_no_problems():
    assert domain.check_deal(BASE) == {}


def test_each_bad_field_is_named():
    bad = replace(BASE, sku_id=0, group_size=1, price_fen=0, time_limit_minutes=4,
                  cashback_how="cash", starts_at=NOW, ends_at=NOW, ladder=())
    assert set(domain.check_deal(bad)) == {
        "sku_id", "group_size", "price_fen", "time_limit_minutes", "cashback_how", "ends_at"}
    assert "group_size" in domain.check_deal(replace(BASE, group_size=51))
    assert "starts_at" in domain.check_deal(replace(BASE, starts_at=None))
    assert "time_limit_minutes" in domain.check_deal(replace(BASE, time_limit_minutes=10081))


def test_ladder_rules():
    def problem(ladder):
        return domain.check_deal(replace(BASE, ladder=ladder)).get("ladder")

    assert problem(()) is None  # no cashback at all
    assert problem(((2, 100), (3, 200))) is None
    assert problem(((2, 200), (3, 200))) is not None  # cashback must rise
    assert problem(((3, 100), (2, 200))) is not None  # people must rise
    assert problem(((4, 100),)) is not None  # beyond the group size (its most here)
    assert domain.check_deal(replace(BASE, max_size=5, ladder=((3, 100), (5, 200)))) == {}
    assert domain.check_deal(replace(BASE, max_size=5, ladder=((6, 100),)))["ladder"] == (
        "Each step is for 2 people up to the most a group takes")
    assert problem(((1, 100),)) is not None  # one person is no group
    assert problem(((2, 9900),)) is not None  # all the price back
    assert problem(((2, 0),)) is not None
    six = tuple((2 + i, 10 + i) for i in range(6))
    assert domain.check_deal(replace(BASE, group_size=10, ladder=six))["ladder"] == (
        "At most five cashback steps")


def test_the_most_people_lie_between_the_group_size_and_50():
    def problem(**given):
        return domain.check_deal(replace(BASE, **given)).get("max_size")

    assert problem(max_size=0) is None and replace(BASE, max_size=0).most == 3  # the size
    assert problem(max_size=3) is None and problem(max_size=50) is None
    assert problem(max_size=2) == "The most people: from the group size up to 50"
    assert problem(max_size=51) is not None and problem(max_size=-1) is not None
    assert replace(BASE, max_size=7).most == 7


def test_the_next_step_is_the_first_above_the_paid_members():
    ladder = ((3, 500), (5, 1200))
    assert [domain.next_step(ladder, n) for n in (0, 2, 3, 4, 5)] == [
        (3, 500), (3, 500), (5, 1200), (5, 1200), None]
    assert domain.next_step((), 1) is None


def test_cashback_is_the_highest_step_reached():
    ladder = ((2, 300), (5, 800), (8, 1500))
    assert [domain.cashback_for(ladder, n) for n in (1, 2, 4, 5, 7, 8, 50)] == [
        0, 300, 300, 800, 800, 1500, 1500]
    assert domain.cashback_for((), 10) == 0


@given(st.lists(st.tuples(st.integers(2, 50), st.integers(1, 9899)), max_size=5),
       st.integers(2, 50), st.integers(2, 50))
def test_a_valid_ladder_never_pays_less_for_more_people(steps, a, b):
    ladder = tuple(steps)
    if domain.check_deal(replace(BASE, group_size=50, ladder=ladder)):
        return
    low, high = sorted((a, b))
    assert domain.cashback_for(ladder, low) <= domain.cashback_for(ladder, high) < 9900


@given(st.integers(5, 10080), st.integers(0, 20000))
def test_a_group_ends_at_its_limit_but_never_after_its_deal(minutes, deal_left):
    opened = datetime(2026, 12, 8, 9, 30)
    deal_end = opened + timedelta(minutes=deal_left)
    expires = domain.group_expiry(opened, minutes, deal_end)
    assert expires <= deal_end and expires <= opened + timedelta(minutes=minutes)
    assert expires in (deal_end, opened + timedelta(minutes=minutes))


def test_deal_status():
    start, end = NOW, NOW + timedelta(days=1)
    assert domain.status(False, start, end, NOW) == domain.DRAFT
    assert domain.status(True, start, end, NOW - timedelta(seconds=1)) == domain.SCHEDULED
    assert domain.status(True, start, end, NOW) == domain.RUNNING
    assert domain.status(True, start, end, end) == domain.ENDED


def test_share_codes_are_random_and_checked():
    codes = {domain.new_code() for _ in range(1000)}
    assert len(codes) == 1000 and all(domain.valid_code(c) for c in codes)
    assert not domain.valid_code("short") and not domain.valid_code("x' OR 1=1 --")
    assert not domain.valid_code("") and domain.share_path("abcDEF123_-x") == "/groups/abcDEF123_-x"


def test_member_moves():
    assert domain.can_move(domain.HOLDING, domain.PAID)
    assert domain.can_move(domain.PAID, domain.REFUNDING)
    assert not domain.can_move(domain.REFUNDED, domain.PAID)
    assert not domain.can_move(domain.PAID, domain.HOLDING)
