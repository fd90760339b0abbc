"""Price list, member tier, points and shipping, each on its own; and bad requests."""

from __future__ import annotations

from typing import Any

import pytest

from mercato.pricing.public import (
    AMOUNT_OFF,
    FREE_SHIPPING,
    TIME_DISCOUNT,
    Buyer,
    Coupon,
    Promotion,
    Rules,
    Scope,
    labels,
    price,
)
from tests.pricing.helpers import GUEST, HOUR, NOW, line, off, paid, request

TIERS = Rules(tier_discount_bp=(("gold", 500), ("silver", 200)))


def test_price_list_lowers_a_price_but_never_raises_it() -> None:
    priced = price(request(line(1, 1000, 3), line(2, 500), line(3, 700),
                           price_list=((1, 800), (2, 600))))
    assert paid(priced) == {1: 2400, 2: 500, 3: 700}
    [adj] = priced.adjustments
    assert (adj.step, adj.source, adj.label, adj.amount_fen, adj.sku_id) == (
        "price_list", "price_list", labels.PRICE_LIST, 600, 1)


def test_price_list_carries_its_name() -> None:
    priced = price(request(line(1, 1000), price_list=((1, 900),), price_list_name="企业客户价"))
    assert priced.adjustments[0].label == "企业客户价"


def test_tier_discount_rounds_the_discount_down_per_line() -> None:
    priced = price(request(line(1, 9999), line(2, 3333, 3), rules=TIERS))
    # 9999 × 5% = 499.95 → 499; 9999 × 5% = 499.95 → 499 (the line, not each unit)
    assert [a.amount_fen for a in priced.adjustments] == [499, 499]
    assert {a.source for a in priced.adjustments} == {"tier:gold"}
    assert priced.adjustments[0].label == labels.tier_label("gold") == "Member discount (gold)"


def test_tier_applies_after_the_price_list() -> None:
    priced = price(request(line(1, 10000), price_list=((1, 8000),), rules=TIERS))
    assert off(priced, "tier") == 400


def test_guests_and_tiers_without_a_rate_get_no_tier_discount() -> None:
    for buyer in (Buyer(None, tier="gold"), Buyer(3, tier="diamond")):
        assert price(request(line(1, 10000), buyer=buyer, rules=TIERS)).adjustments == ()


def test_a_rate_above_100_percent_takes_the_line_to_zero_not_below() -> None:
    priced = price(request(line(1, 1000), rules=Rules(tier_discount_bp=(("gold", 12000),))))
    assert paid(priced) == {1: 0}


def test_points_are_capped_by_share_and_holdings() -> None:
    rules = Rules(point_value_fen=1, points_max_share_bp=5000)
    capped = price(request(line(1, 1001), points=900, rules=rules))
    assert (capped.points_used, off(capped, "points")) == (500, 500)  # 1001 × 50% = 500.5
    few = price(request(line(1, 10000), points=900, buyer=Buyer(7, points=300), rules=rules))
    assert few.points_used == 300
    asked = price(request(line(1, 10000), points=120, rules=rules))
    assert asked.points_used == 120


def test_points_worth_more_than_a_fen_use_whole_points_only() -> None:
    rules = Rules(point_value_fen=10, points_max_share_bp=10000)
    priced = price(request(line(1, 995), line(2, 1000), points=1000, rules=rules))
    assert priced.points_used == 199  # 1995 fen of goods → 199 points of 10 fen
    assert off(priced, "points") == 1990
    assert priced.adjustments[0].label == labels.points_label(199) == "Points (199)"
    assert labels.points_label(1200) == "Points (1,200)"


def test_guests_redeem_no_points() -> None:
    priced = price(request(line(1, 10000), points=100, buyer=Buyer(None, points=500)))
    assert priced.points_used == 0 and priced.adjustments == ()


def test_points_spread_over_the_lines_by_what_is_left() -> None:
    rules = Rules(points_max_share_bp=10000)
    priced = price(request(line(1, 300), line(2, 600), line(3, 100), points=100, rules=rules))
    assert [a.amount_fen for a in priced.adjustments] == [30, 60, 10]


def _free_over(over: int, pid: int = 1, **kw: Any) -> Promotion:
    return Promotion(pid, "满99包邮", FREE_SHIPPING, over_fen=over, **kw)


def test_shipping_is_charged_without_free_shipping() -> None:
    priced = price(request(line(1, 5000), shipping_fen=800))
    assert (priced.shipping_fen, priced.shipping_discount_fen, priced.total_fen) == (800, 0, 5800)


def test_free_shipping_takes_the_whole_fee() -> None:
    priced = price(request(line(1, 9900), shipping_fen=800, promotions=(_free_over(9900),)))
    [adj] = priced.adjustments
    assert (adj.step, adj.source, adj.label, adj.amount_fen, adj.sku_id) == (
        "shipping", "promotion:1", labels.FREE_SHIPPING, 800, None)
    assert priced.total_fen == 9900


def test_free_shipping_is_measured_before_coupon_and_points() -> None:
    coupon = Coupon(1, "C", "满减券", AMOUNT_OFF, off_fen=2000)
    priced = price(request(line(1, 10000), shipping_fen=800, coupon=coupon, points=1000,
                           promotions=(_free_over(10000),)))
    assert priced.shipping_discount_fen == 800
    assert priced.total_fen == 10000 - 2000 - 1000


def test_free_shipping_is_measured_after_promotions_and_leaves_a_hint() -> None:
    sale = Promotion(2, "限时9折", TIME_DISCOUNT, percent_off_bp=1000)
    priced = price(request(line(1, 10000), shipping_fen=800, promotions=(_free_over(10000), sale)))
    assert priced.shipping_discount_fen == 0
    [hint] = priced.hints
    assert (hint.source, hint.label, hint.more_fen, hint.save_fen) == (
        "promotion:1", "满99包邮", 1000, 800)


def test_free_shipping_needs_a_covered_line_and_a_fee() -> None:
    elsewhere = _free_over(0, scope=Scope(products=frozenset({99})))
    priced = price(request(line(1, 100), shipping_fen=800, promotions=(elsewhere,)))
    assert priced.shipping_discount_fen == 0
    free = price(request(line(1, 100), promotions=(_free_over(0),)))
    assert free.adjustments == () and free.hints == ()


def test_only_the_first_free_shipping_in_priority_order_is_recorded() -> None:
    promos = (_free_over(0, 5), _free_over(0, 3, priority=1), _free_over(0, 4, priority=1))
    priced = price(request(line(1, 100), shipping_fen=800, promotions=promos))
    assert [a.source for a in priced.adjustments] == ["promotion:3"]


def test_free_shipping_window_and_buyer() -> None:
    late = _free_over(0, starts_at=NOW + HOUR)
    app_only = _free_over(0, 2, scope=Scope(channels=frozenset({"app"})))
    priced = price(request(line(1, 100), shipping_fen=800, promotions=(late, app_only)))
    assert priced.shipping_discount_fen == 0  # the buyer shops on the web


@pytest.mark.parametrize("bad", [
    dict(lines=(line(1, 100, 0),)),
    dict(lines=(line(1, -1),)),
    dict(lines=(line(1, 100), line(1, 200))),
    dict(price_list=((1, -5),)),
    dict(points=-1),
    dict(shipping_fen=-1),
    dict(promotions=(_free_over(0), _free_over(5))),
])
def test_requests_outside_the_rules_are_refused(bad: dict[str, Any]) -> None:
    lines = bad.pop("lines", (line(1, 100),))
    with pytest.raises(ValueError):
        price(request(*lines, **bad))


def test_an_empty_cart_costs_the_shipping_fee() -> None:
    priced = price(request(shipping_fen=500, buyer=GUEST))
    assert (priced.goods_fen, priced.total_fen, priced.lines) == (0, 500, ())
