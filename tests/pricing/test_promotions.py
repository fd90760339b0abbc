"""Automatic promotions: each kind, windows, scopes, order and stacking, spend-save hints."""

from __future__ import annotations

from typing import Any

from mercato.pricing.public import (
    EXCLUSIVE,
    NTH_DISCOUNT,
    SPEND_SAVE,
    TIME_DISCOUNT,
    X_FOR_Y,
    Buyer,
    Promotion,
    Rules,
    Scope,
    price,
)
from tests.pricing.helpers import GUEST, HOUR, NOW, line, off, paid, request


def promo(pid: int, kind: str, **kw: Any) -> Promotion:
    return Promotion(pid, f"P{pid}", kind, **kw)


def sale(pid: int = 1, bp: int = 2000, **kw: Any) -> Promotion:
    return promo(pid, TIME_DISCOUNT, percent_off_bp=bp, **kw)


def spend(pid: int, *tiers: tuple[int, int], **kw: Any) -> Promotion:
    return promo(pid, SPEND_SAVE, tiers=tiers, **kw)


def test_time_discount_rounds_down_per_line() -> None:
    priced = price(request(line(1, 999, 3), promotions=(sale(bp=1500),)))
    assert off(priced) == 449  # 2997 × 15% = 449.55
    [adj] = priced.adjustments
    assert (adj.step, adj.source, adj.label) == ("promotion", "promotion:1", "P1")


def test_x_for_y_frees_units_per_group_of_x() -> None:
    three_for_two = promo(1, X_FOR_Y, buy=3, pay=2)
    priced = price(request(line(1, 333, 7), line(2, 500, 2), promotions=(three_for_two,)))
    assert paid(priced) == {1: 1665, 2: 1000}  # 7 units: 2 groups of 3 → 2 free


def test_x_for_y_on_an_amount_not_divisible_by_the_quantity() -> None:
    rules = Rules(tier_discount_bp=(("gold", 500),))
    priced = price(request(line(1, 333, 3), rules=rules,
                           promotions=(promo(1, X_FOR_Y, buy=2, pay=1),)))
    # 999 − 49 (tier) = 950 for 3 units; 1 free → floor(950 / 3) = 316
    assert off(priced, "promotion") == 316


def test_nth_unit_discount() -> None:
    second_half = promo(1, NTH_DISCOUNT, nth=2, percent_off_bp=5000)
    priced = price(request(line(1, 1000, 5), line(2, 1000, 1), promotions=(second_half,)))
    assert paid(priced) == {1: 4000, 2: 1000}


def test_misconfigured_kinds_do_nothing() -> None:
    bad = (promo(1, X_FOR_Y, buy=0, pay=0), promo(2, X_FOR_Y, buy=2, pay=2),
           promo(3, NTH_DISCOUNT, nth=0, percent_off_bp=5000), promo(4, "mystery"),
           sale(5, bp=0), spend(6, (0, 0)))
    assert price(request(line(1, 1000, 4), promotions=bad)).adjustments == ()


def test_window_is_start_inclusive_end_exclusive() -> None:
    promos = (sale(1, starts_at=NOW), sale(2, ends_at=NOW), sale(3, starts_at=NOW + HOUR),
              sale(4, starts_at=NOW - HOUR, ends_at=NOW + HOUR))
    priced = price(request(line(1, 10000), promotions=promos))
    assert {a.source for a in priced.adjustments} == {"promotion:1", "promotion:4"}


def test_scope_covers_lines_and_admits_buyers() -> None:
    lines = (line(1, 1000, product=10, category=1, brand="a"),
             line(2, 1000, product=20, category=2, brand="b"),
             line(3, 1000, product=30, category=None, brand="a"))
    promos = (sale(1, scope=Scope(categories=frozenset({1}))),
              sale(2, scope=Scope(brands=frozenset({"a"}), exclude_products=frozenset({10}))),
              sale(3, scope=Scope(products=frozenset({20}))),
              sale(4, scope=Scope(tiers=frozenset({"diamond"}))),
              sale(5, scope=Scope(channels=frozenset({"app"}))))
    priced = price(request(*lines, promotions=promos))
    assert [(a.source, a.sku_id) for a in priced.adjustments] == [
        ("promotion:1", 1), ("promotion:2", 3), ("promotion:3", 2)]
    app = price(request(*lines, promotions=promos, buyer=Buyer(1, "diamond", channel="app")))
    assert off(app, source="promotion:4") and off(app, source="promotion:5")


def test_guests_get_promotions_open_to_everyone() -> None:
    promos = (sale(1), sale(2, scope=Scope(tiers=frozenset({"gold"}))))
    priced = price(request(line(1, 1000), buyer=GUEST, promotions=promos))
    assert {a.source for a in priced.adjustments} == {"promotion:1"}


def test_stacked_promotions_compound_in_priority_order() -> None:
    promos = (sale(1, bp=1000), sale(2, bp=2000, priority=5))
    priced = price(request(line(1, 10000), promotions=promos))
    assert [(a.source, a.amount_fen) for a in priced.adjustments] == [
        ("promotion:2", 2000), ("promotion:1", 800)]


def test_exclusive_skips_a_touched_line_and_blocks_later_ones() -> None:
    first = sale(1, bp=1000, priority=9)
    flash = sale(2, bp=3000, priority=5, stacking=EXCLUSIVE,
                 scope=Scope(products=frozenset({1, 2})))
    later = sale(3, bp=500)
    priced = price(request(line(1, 10000), line(2, 10000), promotions=(later, flash, first)))
    # the flash sale finds both lines already discounted by promotion 1, so it stands aside
    assert [(a.source, a.sku_id) for a in priced.adjustments] == [
        ("promotion:1", 1), ("promotion:1", 2), ("promotion:3", 1), ("promotion:3", 2)]


def test_exclusive_first_locks_its_lines() -> None:
    flash = sale(2, bp=3000, priority=5, stacking=EXCLUSIVE, scope=Scope(products=frozenset({1})))
    priced = price(request(line(1, 10000), line(2, 10000), promotions=(sale(3, bp=500), flash)))
    assert {(a.source, a.sku_id) for a in priced.adjustments} == {
        ("promotion:2", 1), ("promotion:3", 2)}


def test_equal_priority_ties_go_to_the_lower_id() -> None:
    a = sale(8, bp=1000, stacking=EXCLUSIVE)
    b = sale(4, bp=2000, stacking=EXCLUSIVE)
    for promos in ((a, b), (b, a)):
        first = price(request(line(1, 1000), promotions=promos)).adjustments[0]
        assert first.source == "promotion:4"


def test_spend_save_takes_the_best_tier_reached_and_hints_at_the_next() -> None:
    man = spend(1, (40000, 5000), (20000, 2000))  # tiers in any order
    priced = price(request(line(1, 36200), promotions=(man,)))
    assert off(priced) == 2000
    [hint] = priced.hints
    assert (hint.source, hint.label, hint.more_fen, hint.save_fen) == (
        "promotion:1", "P1", 3800, 5000)


def test_spend_save_below_its_first_tier_hints_only() -> None:
    priced = price(request(line(1, 15000), promotions=(spend(1, (20000, 2000), (40000, 5000)),)))
    assert priced.adjustments == ()
    assert [(h.more_fen, h.save_fen) for h in priced.hints] == [(5000, 2000)]


def test_spend_save_never_takes_more_than_the_goods() -> None:
    priced = price(request(line(1, 500), promotions=(spend(1, (0, 2000)),)))
    assert paid(priced) == {1: 0}


def test_spend_save_without_a_covered_line_does_nothing_and_hints_nothing() -> None:
    man = spend(1, (100, 10), scope=Scope(brands=frozenset({"other"})))
    priced = price(request(line(1, 5000), promotions=(man,)))
    assert priced.adjustments == () and priced.hints == ()


def test_spend_save_runs_after_item_kinds_whatever_the_priority() -> None:
    man = spend(1, (10000, 1000), priority=99)
    priced = price(request(line(1, 10000), promotions=(man, sale(2, bp=1000))))
    assert [a.source for a in priced.adjustments] == ["promotion:2"]
    assert priced.hints[0].more_fen == 1000


def test_exclusive_spend_save_skips_discounted_lines() -> None:
    man = spend(1, (5000, 500), stacking=EXCLUSIVE)
    priced = price(request(line(1, 5000), line(2, 5000),
                           promotions=(man, sale(2, scope=Scope(products=frozenset({1}))))))
    assert off(priced, source="promotion:1") == 500
    assert {a.sku_id for a in priced.adjustments if a.source == "promotion:1"} == {2}


def test_two_spend_saves_stack_on_what_the_first_left() -> None:
    promos = (spend(1, (10000, 1000), priority=1), spend(2, (9000, 900)), spend(3, (9000, 900)))
    priced = price(request(line(1, 10000), promotions=promos))
    assert [a.amount_fen for a in priced.adjustments] == [1000, 900]
    assert priced.hints[0].source == "promotion:3" and priced.hints[0].more_fen == 900
