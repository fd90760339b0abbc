"""The coupon step: when a coupon applies, what it takes off, and why it did not."""

from __future__ import annotations

from typing import Any

import pytest

from mercato.pricing.public import (
    AMOUNT_OFF,
    COUPON_EXPIRED,
    COUPON_MIN_SPEND,
    COUPON_NOT_ELIGIBLE,
    COUPON_NOT_STARTED,
    PERCENT_OFF,
    TIME_DISCOUNT,
    Buyer,
    Coupon,
    Promotion,
    Scope,
    price,
)
from tests.pricing.helpers import GUEST, HOUR, NOW, line, off, request


def coupon(kind: str = AMOUNT_OFF, **kw: Any) -> Coupon:
    return Coupon(34, "WELCOME10", "新人券", kind, **kw)


def test_amount_coupon_spreads_over_covered_lines() -> None:
    priced = price(request(line(1, 3000), line(2, 1000), line(3, 5000, category=2),
                           coupon=coupon(off_fen=1000, scope=Scope(categories=frozenset({1})))))
    assert [(a.sku_id, a.amount_fen) for a in priced.adjustments] == [(1, 750), (2, 250)]
    assert (priced.coupon_fen, priced.coupon_error) == (1000, "")
    assert {(a.step, a.source, a.label) for a in priced.adjustments} == {
        ("coupon", "coupon:34", "新人券")}


def test_amount_coupon_never_exceeds_the_covered_goods() -> None:
    priced = price(request(line(1, 300), coupon=coupon(off_fen=1000)))
    assert (priced.coupon_fen, priced.total_fen) == (300, 0)


def test_percent_coupon_with_and_without_cap() -> None:
    uncapped = price(request(line(1, 9999), coupon=coupon(PERCENT_OFF, percent_off_bp=1000)))
    assert uncapped.coupon_fen == 999
    capped = price(request(line(1, 9999), coupon=coupon(PERCENT_OFF, percent_off_bp=1000,
                                                         cap_fen=500)))
    assert capped.coupon_fen == 500


def test_percent_coupon_is_computed_after_promotions() -> None:
    sale = Promotion(1, "限时8折", TIME_DISCOUNT, percent_off_bp=2000)
    priced = price(request(line(1, 10000), promotions=(sale,),
                           coupon=coupon(PERCENT_OFF, percent_off_bp=1000)))
    assert priced.coupon_fen == 800


def test_min_spend_is_measured_after_promotions() -> None:
    sale = Promotion(1, "限时8折", TIME_DISCOUNT, percent_off_bp=2000)
    priced = price(request(line(1, 10000), promotions=(sale,),
                           coupon=coupon(off_fen=1000, min_spend_fen=9000)))
    assert (priced.coupon_fen, priced.coupon_error) == (0, COUPON_MIN_SPEND)
    assert off(priced, "coupon") == 0


def test_coupon_not_stacking_with_promotions_skips_discounted_lines() -> None:
    sale = Promotion(1, "限时8折", TIME_DISCOUNT, percent_off_bp=2000,
                     scope=Scope(products=frozenset({1})))
    alone = coupon(off_fen=500, with_promotions=False)
    priced = price(request(line(1, 10000), line(2, 2000), promotions=(sale,), coupon=alone))
    taken = [(a.sku_id, a.amount_fen) for a in priced.adjustments if a.step == "coupon"]
    assert taken == [(2, 500)]
    only_sale = price(request(line(1, 10000), promotions=(sale,), coupon=alone))
    assert only_sale.coupon_error == COUPON_NOT_ELIGIBLE


@pytest.mark.parametrize("kw,buyer,code", [
    (dict(starts_at=NOW + HOUR), None, COUPON_NOT_STARTED),
    (dict(ends_at=NOW), None, COUPON_EXPIRED),
    (dict(ends_at=NOW - HOUR, starts_at=NOW + HOUR), None, COUPON_NOT_STARTED),
    ({}, GUEST, COUPON_NOT_ELIGIBLE),
    (dict(scope=Scope(tiers=frozenset({"diamond"}))), None, COUPON_NOT_ELIGIBLE),
    (dict(scope=Scope(channels=frozenset({"app"}))), None, COUPON_NOT_ELIGIBLE),
    (dict(scope=Scope(products=frozenset({99}))), None, COUPON_NOT_ELIGIBLE),
    (dict(kind="mystery"), None, COUPON_NOT_ELIGIBLE),
    (dict(min_spend_fen=10001), None, COUPON_MIN_SPEND),
])
def test_why_a_coupon_did_not_apply(kw: dict[str, Any], buyer: Buyer | None, code: str) -> None:
    kind = kw.pop("kind", AMOUNT_OFF)
    extra = {"buyer": buyer} if buyer else {}
    priced = price(request(line(1, 10000), coupon=coupon(kind, off_fen=1000, **kw), **extra))
    assert (priced.coupon_error, priced.coupon_fen, priced.adjustments) == (code, 0, ())


def test_min_spend_reached_exactly_applies() -> None:
    priced = price(request(line(1, 10000), coupon=coupon(off_fen=1000, min_spend_fen=10000)))
    assert (priced.coupon_fen, priced.coupon_error) == (1000, "")


def test_no_coupon_no_error() -> None:
    priced = price(request(line(1, 10000)))
    assert (priced.coupon_fen, priced.coupon_error) == (0, "")
