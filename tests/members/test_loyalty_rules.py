"""The loyalty rules, pure: tiers and progress, tier edits, life-cycle tags, RFM quintiles,
points earned and their expiry, FIFO use of lots, invite codes and referral abuse."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.kernel.errors import DomainError
from mercato.members import domain_loyalty as rules
from mercato.members import domain_referral as ref
from mercato.members.domain_loyalty import DEFAULT_TIERS as TIERS

NOW = datetime(2026, 6, 15, 4, 0)


def _code(spend: int, orders: int) -> str:
    t = rules.tier_for(spend, orders, TIERS)
    return t.code if t else ""


def test_a_tier_needs_both_its_spend_and_its_orders() -> None:
    assert _code(0, 0) == ""
    assert _code(49_999, 5) == ""  # orders without spend
    assert _code(50_000, 0) == ""  # spend without an order
    assert _code(50_000, 1) == "silver"
    assert _code(299_999, 9) == "silver"
    assert _code(300_000, 3) == "gold"
    assert _code(1_000_000, 7) == "gold"  # diamond's spend, gold's orders
    assert _code(1_000_000, 8) == "diamond"
    assert _code(10**12, 10**6) == "diamond"


def test_progress_to_the_next_tier_is_the_slower_of_spend_and_orders() -> None:
    none = rules.progress(25_000, 0, TIERS)
    assert none.current is None and none.next is not None and none.next.code == "silver"
    assert (none.spend_missing_fen, none.orders_missing, none.percent) == (25_000, 1, 0)
    half = rules.progress(175_000, 2, TIERS)  # silver → gold: half the spend, half the orders
    assert half.current.code == "silver" and half.next.code == "gold"  # type: ignore[union-attr]
    assert (half.spend_missing_fen, half.orders_missing, half.percent) == (125_000, 1, 50)
    slow = rules.progress(290_000, 1, TIERS)  # money nearly there, orders not at all
    assert slow.percent == 0
    top = rules.progress(2_000_000, 20, TIERS)
    assert top.current.code == "diamond" and top.next is None  # type: ignore[union-attr]
    assert top.percent == 100


def test_tier_edits_must_keep_the_tiers_in_order() -> None:
    rules.check_tiers(TIERS)
    silver, gold, diamond = TIERS
    easier = replace(gold, min_spend_fen=40_000)
    with pytest.raises(DomainError) as exc:
        rules.check_tiers([silver, easier, diamond])
    assert exc.value.code == "members.tier_order" and exc.value.field == "gold.min_spend"
    same = replace(gold, min_spend_fen=50_000, min_orders=1)
    with pytest.raises(DomainError, match="higher tier"):
        rules.check_tiers([silver, same, diamond])
    greedy = replace(diamond, discount_bp=5001)
    with pytest.raises(DomainError) as exc:
        rules.check_tiers([silver, gold, greedy])
    assert exc.value.code == "members.invalid_discount"
    nameless = replace(silver, name="  ")
    with pytest.raises(DomainError):
        rules.check_tiers([nameless, gold, diamond])


@pytest.mark.parametrize(
    ("purchases", "in_year", "first_days", "last_days", "tag"),
    [
        (0, 0, None, None, "prospect"),
        (1, 1, 3, 3, "new"),
        (3, 3, 20, 1, "new"),  # still in their first month
        (1, 1, 60, 60, "active"),
        (2, 2, 200, 10, "repeat"),
        (5, 1, 900, 40, "active"),  # one purchase this year
        (4, 2, 300, 91, "dormant"),
        (9, 0, 900, 366, "churned"),
        (9, 1, 900, 365, "dormant"),  # a year to the day: not yet churned
    ],
)
def test_life_cycle_tags(purchases: int, in_year: int, first_days: int | None,
                         last_days: int | None, tag: str) -> None:
    first = NOW - timedelta(days=first_days) if first_days is not None else None
    last = NOW - timedelta(days=last_days) if last_days is not None else None
    assert rules.lifecycle_tag(purchases, in_year, first, last, NOW) == tag


def test_rfm_scores_are_quintiles_and_ties_score_alike() -> None:
    buyers = [rules.Buyer(i, recency_days=i * 10, frequency=i, monetary_fen=i * 1000)
              for i in range(1, 11)]
    scores = rules.rfm_scores(buyers)
    assert scores[1] == (5, 1, 1)  # most recent, fewest orders, least money
    assert scores[10] == (1, 5, 5)
    assert scores[5] == (3, 3, 3) and scores[6] == (3, 3, 3)
    tied = rules.rfm_scores([rules.Buyer(i, 5, 2, 100) for i in range(7)])
    assert set(tied.values()) == {(1, 1, 1)}
    assert rules.rfm_scores([]) == {}
    assert rules.rfm_scale([]).score(rules.Buyer(1, 1, 1, 1)) == (0, 0, 0)


@given(st.lists(st.tuples(st.integers(0, 999), st.integers(1, 50), st.integers(0, 10**8)),
                min_size=1, max_size=60))
def test_rfm_scores_stay_in_range_and_follow_the_order(values: list[tuple[int, int, int]]) -> None:
    buyers = [rules.Buyer(i, *v) for i, v in enumerate(values)]
    scores = rules.rfm_scores(buyers)
    for a in buyers:
        assert all(1 <= s <= 5 for s in scores[a.customer_id])
        for b in buyers:
            if a.monetary_fen < b.monetary_fen:
                assert scores[a.customer_id][2] <= scores[b.customer_id][2]
            if a.recency_days < b.recency_days:  # more recent scores at least as high
                assert scores[a.customer_id][0] >= scores[b.customer_id][0]


def test_points_are_per_whole_yuan_and_expire_at_the_end_of_the_next_year() -> None:
    assert rules.points_for(12_999) == 129  # ¥129.99: the fen are dropped
    assert rules.points_for(12_999, per_yuan=2) == 258
    assert rules.points_for(99) == 0 and rules.points_for(-500) == 0
    assert rules.expiry_day(date(2026, 1, 1)) == date(2028, 1, 1)
    assert rules.expiry_day(date(2026, 12, 31)) == date(2028, 1, 1)


@pytest.mark.parametrize("bad", [0, -1, -100, True, 1.5, "10", None, rules.MAX_POINTS + 1])
def test_points_must_be_a_positive_whole_number(bad: object) -> None:
    with pytest.raises(DomainError) as exc:
        rules.check_points(bad)
    assert exc.value.code == "members.invalid_points" and exc.value.field == "points"


def test_take_uses_lots_in_order_and_only_what_they_hold() -> None:
    lots = [(1, 30), (2, 50), (3, 20)]
    assert rules.take(lots, 60) == ([(1, 0), (2, 20)], 60)
    assert rules.take(lots, 100) == ([(1, 0), (2, 0), (3, 0)], 100)
    assert rules.take(lots, 500) == ([(1, 0), (2, 0), (3, 0)], 100)  # ran out
    assert rules.take(lots, 0) == ([], 0)
    assert rules.take([(1, 0), (2, 5)], 3) == ([(2, 2)], 3)


@given(st.lists(st.integers(0, 1000), max_size=20), st.integers(0, 30_000))
def test_take_never_takes_more_than_held_or_wanted(held: list[int], wanted: int) -> None:
    lots = list(enumerate(held))
    changed, taken = rules.take(lots, wanted)
    assert taken == min(wanted, sum(held))
    left = dict(lots) | dict(changed)
    assert all(v >= 0 for v in left.values()) and sum(left.values()) == sum(held) - taken


def test_invite_codes_are_short_unambiguous_and_typed_any_way() -> None:
    code = ref.new_invite_code()
    assert len(code) == 8 and set(code) <= set(ref.CODE_ALPHABET)
    assert not set("01ILO") & set(ref.CODE_ALPHABET)
    assert ref.normalise_code(" 7kd4-p9qx ") == "7KD4P9QX"
    assert ref.normalise_code("7KD4 P9Q") is None  # 7 letters
    assert ref.normalise_code("7KD4P9Q0") is None  # 0 is never in a code
    assert ref.normalise_code("7KD4P9Qſ") is None  # "ſ".upper() == "S": not typed as S
    assert ref.normalise_code("") is None


def test_referral_abuse_same_person_phone_or_address() -> None:
    key = ref.address_key("上海市", "上海市", "浦东新区", "世纪大道 100 号")
    assert key == ref.address_key("上海市", "上海市", "浦东新区", "世纪大道100号（")
    assert ref.phone_key("+86 139-1234-5678") == "13912345678"
    referrer = ref.Contact(frozenset({"13912345678"}), frozenset({key}))
    stranger = ref.Contact(frozenset({"13800000000"}), frozenset({"北京市海淀区"}))
    assert ref.referral_abuse(2, 1, stranger, referrer) is None
    assert ref.referral_abuse(1, 1, stranger, referrer) == ref.SELF
    same_phone = ref.Contact(frozenset({"13912345678"}), frozenset())
    assert ref.referral_abuse(2, 1, same_phone, referrer) == ref.SAME_PHONE
    same_place = ref.Contact(frozenset({"13800000000"}), frozenset({key}))
    assert ref.referral_abuse(2, 1, same_place, referrer) == ref.SAME_ADDRESS


def test_staff_amounts_and_percentages() -> None:
    assert rules.parse_yuan("3000", "f") == 300_000
    assert rules.parse_yuan(" ¥1,000.5 ", "f") == 100_050
    assert rules.parse_percent("2.5", "f") == 250 and rules.parse_percent("5%", "f") == 500
    for bad in ("", "-1", "1.234", "abc", "1e3"):
        with pytest.raises(DomainError):
            rules.parse_yuan(bad, "f")
    with pytest.raises(DomainError):
        rules.parse_percent("101", "f")


def test_birthdays_and_groups() -> None:
    today = date(2026, 6, 15)
    assert rules.check_birthday(date(1990, 2, 28), today) == date(1990, 2, 28)
    for bad in (None, date(2026, 6, 16), date(1899, 12, 31)):
        with pytest.raises(DomainError) as exc:
            rules.check_birthday(bad, today)
        assert exc.value.field == "birthday"
    assert rules.check_group("  vip   b2b ") == "vip b2b"
    with pytest.raises(DomainError):
        rules.check_group("x" * 41)
