"""A merchant's week, told as carts: what the shopper sees taken off, to the fen."""

from __future__ import annotations

from dataclasses import replace

from mercato.pricing.public import (
    AMOUNT_OFF,
    COUPON_EXPIRED,
    COUPON_MIN_SPEND,
    EXCLUSIVE,
    SPEND_SAVE,
    TIME_DISCOUNT,
    Buyer,
    Coupon,
    Promotion,
    Rules,
    Scope,
    price,
)
from tests.pricing.helpers import HOUR, NOW, line, off, paid, request

MANJIAN = Promotion(1, "满200减20，满400减50", SPEND_SAVE,
                    tiers=((20000, 2000), (40000, 5000)))


def test_a_430_yuan_cart_gets_50_off_spread_to_the_fen() -> None:
    cart = (line(1, 12900), line(2, 3300, 3), line(3, 20200))
    priced = price(request(*cart, promotions=(MANJIAN,)))
    # 5000 × 12900/43000 = 1500; × 9900/43000 = 1151.16; × 20200/43000 = 2348.84 → +1 fen
    assert [(a.sku_id, a.amount_fen) for a in priced.adjustments] == [
        (1, 1500), (2, 1151), (3, 2349)]
    assert {a.label for a in priced.adjustments} == {"满200减20，满400减50"}
    assert paid(priced) == {1: 11400, 2: 8749, 3: 17851}
    assert priced.total_fen == 38000 and priced.hints == ()


def test_a_gold_member_stacks_tier_manjian_coupon_and_points() -> None:
    gold = Buyer(customer_id=7, tier="gold", points=1200)
    rules = Rules(tier_discount_bp=(("gold", 500),), point_value_fen=1, points_max_share_bp=5000)
    ten = Coupon(34, "TEN", "满100减10", AMOUNT_OFF, off_fen=1000, min_spend_fen=10000)
    priced = price(request(line(1, 10000, 2), line(2, 5000), buyer=gold, rules=rules,
                           promotions=(MANJIAN,), coupon=ten, points=500))
    steps = [(a.step, a.label, a.sku_id, a.amount_fen) for a in priced.adjustments]
    assert steps == [
        ("tier", "Member discount (gold)", 1, 1000), ("tier", "Member discount (gold)", 2, 250),
        ("promotion", MANJIAN.name, 1, 1600), ("promotion", MANJIAN.name, 2, 400),
        ("coupon", "满100减10", 1, 800), ("coupon", "满100减10", 2, 200),
        ("points", "Points (500)", 1, 400), ("points", "Points (500)", 2, 100),
    ]
    assert paid(priced) == {1: 16200, 2: 4050}
    assert (priced.coupon_fen, priced.points_used, priced.total_fen) == (1000, 500, 20250)
    # 23,750 after the tier reaches 满200 but not 满400
    assert [(h.more_fen, h.save_fen) for h in priced.hints] == [(40000 - 23750, 5000)]


def test_an_exclusive_flash_sale_keeps_manjian_off_its_line() -> None:
    flash = Promotion(2, "秒杀8折", TIME_DISCOUNT, percent_off_bp=2000, stacking=EXCLUSIVE,
                      scope=Scope(products=frozenset({1})),
                      starts_at=NOW - HOUR, ends_at=NOW + HOUR)
    cart = (line(1, 15000), line(2, 15000))
    priced = price(request(*cart, promotions=(MANJIAN, flash)))
    assert [(a.source, a.sku_id, a.amount_fen) for a in priced.adjustments] == [
        ("promotion:2", 1, 3000)]
    # only line 2 (¥150) counts toward 满200: ¥50 short
    assert [(h.source, h.more_fen) for h in priced.hints] == [("promotion:1", 5000)]
    after_the_sale = price(replace(request(*cart, promotions=(MANJIAN, flash)), now=NOW + HOUR))
    assert off(after_the_sale) == 2000


def test_a_coupon_below_its_minimum_spend_is_explained() -> None:
    coupon = Coupon(5, "BIG", "满300减30", AMOUNT_OFF, off_fen=3000, min_spend_fen=30000)
    priced = price(request(line(1, 25000), coupon=coupon))
    assert (priced.coupon_error, priced.coupon_fen, priced.total_fen) == (
        COUPON_MIN_SPEND, 0, 25000)


def test_an_expired_coupon_is_explained() -> None:
    coupon = Coupon(5, "OLD", "双十一券", AMOUNT_OFF, off_fen=3000, ends_at=NOW - HOUR)
    priced = price(request(line(1, 25000), coupon=coupon))
    assert (priced.coupon_error, priced.coupon_fen, priced.total_fen) == (
        COUPON_EXPIRED, 0, 25000)
