"""Shipping fee rules: by province and weight, free over a threshold, exact integer fen."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mercato.checkout.shipping import FeeRule, ShippingMethod, cheapest, quote
from mercato.kernel import DomainError

NEAR = FeeRule(frozenset({"上海市", "江苏省", "浙江省"}), 1000, 800, 1000, 200, free_over=9900)
FAR = FeeRule(frozenset({"*"}), 1000, 1200, 500, 300)
EXPRESS = ShippingMethod("sf", "顺丰", "SF Express", (NEAR, FAR))
REMOTE_ONLY = ShippingMethod(
    "remote", "偏远", "Remote", (FeeRule(frozenset({"西藏自治区"}), 1000, 2500, 1000, 1000),)
)


def test_first_band_steps_and_free_threshold():
    assert quote(EXPRESS, "上海市", 800, 5000) == 800
    assert quote(EXPRESS, "上海市", 1001, 5000) == 1000  # a started step is charged
    assert quote(EXPRESS, "上海市", 3000, 5000) == 1200
    assert quote(EXPRESS, "上海市", 3000, 9900) == 0
    assert quote(EXPRESS, "新疆维吾尔自治区", 1600, 9900) == 1200 + 2 * 300  # no free shipping


def test_no_delivery_and_bad_input():
    with pytest.raises(DomainError) as e:
        quote(REMOTE_ONLY, "上海市", 100, 100)
    assert e.value.code == "checkout.no_delivery"
    for weight in (-1, 1.5, True, 10**7):
        with pytest.raises(DomainError):
            quote(EXPRESS, "上海市", weight, 100)  # type: ignore[arg-type]
    with pytest.raises(DomainError):
        FeeRule(frozenset({"*"}), 1000, 800, 0, 200)
    with pytest.raises(DomainError):
        FeeRule(frozenset(), 1000, 800, 100, 200)


def test_cheapest_lists_only_methods_that_deliver():
    methods = [EXPRESS, REMOTE_ONLY]
    assert [(m.code, f) for m, f in cheapest(methods, "浙江省", 500, 100)] == [("sf", 800)]
    assert [m.code for m, _ in cheapest(methods, "西藏自治区", 500, 100)] == ["sf", "remote"]


@given(st.integers(0, 200_000), st.integers(0, 200_000), st.integers(0, 10**7))
def test_fee_never_falls_as_weight_grows(w1, w2, subtotal):
    lo, hi = sorted((w1, w2))
    for province in ("江苏省", "甘肃省"):
        assert quote(EXPRESS, province, lo, subtotal) <= quote(EXPRESS, province, hi, subtotal)
        assert quote(EXPRESS, province, hi, subtotal) >= 0
