"""coupon_offs (the checkout's best-coupon choice) runs the steps before the coupon once and
the coupon step per coupon: it must agree with a whole pricing per coupon, fen for fen."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mercato.pricing.public import Coupon, Request, coupon_offs, price
from tests.pricing.strategies import coupon, requests


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(requests, st.lists(coupon, max_size=6, unique_by=lambda c: c.id))
def test_same_as_pricing_with_each_coupon(request: Request, choices: list[Coupon]) -> None:
    assert coupon_offs(request, choices) == [
        price(replace(request, coupon=c)).coupon_fen for c in choices]
