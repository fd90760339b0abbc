"""Presale rules, pure: what a deposit order costs (定金膨胀), the campaign's phases by the
clock, and what staff may set."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.kernel.errors import Conflict, NotFound
from mercato.presale import domain

T0 = datetime(2026, 12, 10, 0, 0)
W = domain.Windows(T0, T0 + timedelta(days=10), T0 + timedelta(days=11),
                   T0 + timedelta(days=13))
ITEM = domain.ItemData(sku_id=1, price_fen=59900, deposit_fen=10000, deduct_fen=15000,
                       planned=500)
CAMPAIGN = domain.CampaignData("双十一预售", W.deposit_starts, W.deposit_ends, W.balance_starts,
                               W.balance_ends, date(2026, 12, 25), items=(ITEM,))


def test_a_deposit_that_counts_for_more_lowers_the_balance_not_the_deposit():
    a = domain.amounts(ITEM, 2)
    assert (a.deposit_fen, a.balance_fen, a.bonus_fen) == (20000, 89800, 10000)
    assert a.unit_fen == 54900  # what the two parts add up to per unit
    assert a.deposit_fen + a.balance_fen == a.unit_fen * 2


@given(price=st.integers(2, 10**8), data=st.data(), quantity=st.integers(1, 100))
def test_the_two_parts_always_add_up_and_the_balance_is_never_nothing(price, data, quantity):
    deposit = data.draw(st.integers(1, price - 1))
    deduct = data.draw(st.integers(deposit, price - 1))
    item = domain.ItemData(1, price, deposit, deduct, 1)
    a = domain.amounts(item, quantity)
    assert a.deposit_fen + a.balance_fen == a.unit_fen * quantity
    assert a.balance_fen >= quantity and a.deposit_fen >= quantity
    assert a.bonus_fen == (deduct - deposit) * quantity >= 0


@pytest.mark.parametrize(("at", "phase"), [
    (T0 - timedelta(seconds=1), domain.UPCOMING), (T0, domain.DEPOSIT),
    (W.deposit_ends, domain.WAITING), (W.balance_starts, domain.BALANCE),
    (W.balance_ends - timedelta(seconds=1), domain.BALANCE), (W.balance_ends, domain.ENDED),
])
def test_a_scheduled_campaign_moves_through_its_windows_by_the_clock(at, phase):
    assert domain.phase(domain.SCHEDULED, W, at) == phase
    assert domain.phase(domain.DRAFT, W, at) == domain.DRAFT
    assert domain.phase(domain.CANCELLED, W, at) == domain.CANCELLED


def test_deposits_are_taken_only_in_the_deposit_window():
    domain.check_deposit_open(domain.DEPOSIT)
    with pytest.raises(NotFound):
        domain.check_deposit_open(domain.DRAFT)
    for phase, code in ((domain.UPCOMING, "presale.not_started"),
                        (domain.WAITING, "presale.deposit_closed"),
                        (domain.BALANCE, "presale.deposit_closed"),
                        (domain.ENDED, "presale.deposit_closed"),
                        (domain.CANCELLED, "presale.cancelled")):
        with pytest.raises(Conflict) as e:
            domain.check_deposit_open(phase)
        assert e.value.code == code


def test_a_good_campaign_passes_and_its_name_is_trimmed():
    assert domain.check_campaign(replace(CAMPAIGN, name="  预售  ")).name == "预售"


@pytest.mark.parametrize(("change", "field"), [
    ({"name": " "}, "name"),
    ({"deposit_ends": T0}, "deposit_ends"),
    ({"balance_starts": W.deposit_ends - timedelta(minutes=1)}, "balance_starts"),
    ({"balance_ends": W.balance_starts + timedelta(minutes=30)}, "balance_ends"),
    ({"ship_on": date(2026, 12, 20)}, "ship_on"),
    ({"rule": "maybe"}, "rule"),
    ({"per_customer_limit": 0}, "per_customer_limit"),
    ({"remind_hours": 200}, "remind_hours"),
    ({"items": ()}, "items"),
    ({"items": (ITEM, ITEM)}, "items"),
    ({"items": (replace(ITEM, deposit_fen=0),)}, "items.0.deposit_fen"),
    ({"items": (replace(ITEM, deduct_fen=9000),)}, "items.0.deduct_fen"),
    ({"items": (replace(ITEM, deduct_fen=59900),)}, "items.0.deduct_fen"),
    ({"items": (replace(ITEM, price_fen=0, deposit_fen=0, deduct_fen=0),)}, "items.0.price_fen"),
    ({"items": (replace(ITEM, planned=0),)}, "items.0.planned"),
])
def test_what_staff_get_wrong_is_named_by_its_field(change, field):
    with pytest.raises(domain.Invalid) as e:
        domain.check_campaign(replace(CAMPAIGN, **change))
    assert field in e.value.problems and e.value.code == "presale.invalid"


def test_the_reminder_goes_before_the_end_but_not_before_the_window_opens():
    day_before = W.balance_ends - timedelta(hours=24)
    assert domain.remind_at(W.balance_ends, 24, W.balance_starts) == day_before
    assert domain.remind_at(W.balance_ends, 168, W.balance_starts) == W.balance_starts


def test_a_deposit_order_is_paid_within_minutes_and_never_after_the_window():
    assert domain.deposit_deadline(T0, W.deposit_ends) == T0 + timedelta(minutes=30)
    late = W.deposit_ends - timedelta(minutes=5)
    assert domain.deposit_deadline(late, W.deposit_ends) == W.deposit_ends
