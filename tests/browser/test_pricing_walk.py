"""The pricing proof in Debian chromium (issue 16): a gold member with a coupon and points buys
a cart that hits a spend-X-save-Y tier and sees each discount on the cart and the order.

The member (金卡, 2% off) holds 5,000 points and a ¥10-off-¥100 coupon (满100减10); 满200减20 /
满400减50 runs store-wide. On a phone: the cart (2 tees at ¥99 and a polo at ¥199 = ¥397)
tags each line with the member discount and 满200减20 and shows the total after them and the
saved amount → checkout: the coupon picker takes the best coupon by itself, 使用积分 is ticked,
the offers list the member discount, 满200减20, the coupon and the points in that order, and
the total is subtotal − discounts + shipping, as the API computes it → the order is placed
and paid in the sandbox → the order page lists the same four discounts → the database agrees
(adjustments, the lines' shares, the coupon used by the order, the points spent).
A PC-width pass over the same cart and checkout, for the pictures.

    ¥397 − 2% by line (¥3.96 + ¥3.98) = ¥389.06 → 满200减20 → ¥369.06 → coupon ¥10 → ¥359.06
    → 5,000 points (¥50, under half of it) → ¥309.06; 标准快递 free over ¥99.

Screenshots: artifacts/screenshots/walk-pricing-<device>-<nn>-<step>.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from mercato.platform.db import Database
from tests.browser import walks_pricing as wp
from tests.browser.walks_common import DEVICES, Walk

pytestmark = pytest.mark.browser
TIER_FEN, PROMOTION_FEN, COUPON_FEN = 396 + 398, 2000, 1000
DUE_IN_CART = 39700 - TIER_FEN - PROMOTION_FEN  # coupons and points come at checkout
TOTAL = DUE_IN_CART - COUPON_FEN - wp.POINTS  # shipping free


def _walk(browser: Any, device: str, shots: Path) -> Walk:
    context = browser.new_context(**DEVICES[device], locale="zh-CN")
    return Walk(context.new_page(), "pricing", shots, who=device)


def test_gold_member_sees_every_discount_on_cart_checkout_and_order(
        browser: Any, live_url: str, db: Database, market: Any, shots: Path) -> None:
    b = wp.gold_member(db, market, "13800000001")
    phone = _walk(browser, "phone", shots)
    wp.sign_in(phone, live_url, b["phone"])
    shown = wp.cart(phone)
    assert shown == {"due": DUE_IN_CART, "saved": TIER_FEN + PROMOTION_FEN}, shown
    wp.to_checkout(phone)

    picker = phone.testid("coupon-select")
    assert picker.input_value() == ""  # 自动选择最优惠 · 满100减10: the best one, priced in
    assert wp.COUPON in picker.locator("option:checked").inner_text(), picker.inner_text()
    assert "5,000" in phone.testid("use-points").locator("xpath=..").inner_text()
    before = wp.discounts(phone)
    assert [d[0] for d in before] == wp.STEPS[:3], before
    phone.testid("checkout-offers").scroll_into_view_if_needed()
    phone.fits()
    phone.shot("checkout-offers")

    wp.use_points(phone)
    listed = wp.discounts(phone)
    assert [d[0] for d in listed] == wp.STEPS, listed
    labels = [d[1] for d in listed]
    assert "金卡" in labels[0] and labels[1:3] == [wp.PROMOTION, wp.COUPON], labels
    assert "积分" in labels[3] and "5,000" in labels[3], labels
    assert [d[2] for d in listed] == [TIER_FEN, PROMOTION_FEN, COUPON_FEN, wp.POINTS], listed
    totals = wp.checkout_totals(phone)
    off = sum(d[2] for d in listed)
    assert totals["total"] == totals["subtotal"] - off + totals["shipping"] == TOTAL, totals
    assert totals["saved"] == off
    with httpx.Client(base_url=live_url) as client:
        server = wp.server_preview(client, b, wp.POINTS)
    assert server["coupon_id"] == b["coupon"] and server["points_used"] == wp.POINTS
    assert server["total_fen"] == totals["total"], server
    phone.testid("checkout-offers").scroll_into_view_if_needed()
    phone.fits()
    phone.shot("checkout-points")

    number = wp.place_and_pay(phone, totals["total"])
    on_order = wp.order_page(phone, live_url, number)
    assert on_order == listed, (on_order, listed)
    wp.database_agrees(db, b, number, listed, totals["total"])
    assert phone.errors == [], phone.errors
    phone.took()


def test_pc_cart_and_checkout(browser: Any, live_url: str, db: Database, market: Any,
                              shots: Path) -> None:
    """The same offers on a PC-wide screen: the whole cart and checkout, for the pictures."""
    b = wp.gold_member(db, market, "13800000002")
    pc = _walk(browser, "pc", shots)
    wp.sign_in(pc, live_url, b["phone"])
    assert pc.testid("line-promo").count() == 4  # two tags on each of the two lines
    assert wp.fen(pc.text("cart-subtotal")) == DUE_IN_CART
    pc.fits()
    pc.shot("cart", full=True)
    wp.to_checkout(pc)
    wp.use_points(pc)
    assert [d[0] for d in wp.discounts(pc)] == wp.STEPS
    assert wp.fen(pc.text("checkout-total")) == TOTAL
    pc.fits()
    # The totals bar sticks to the bottom of the screen, and a full-page picture would draw
    # it over the offers: the whole page on a screen as tall as the page instead.
    tall = pc.page.evaluate("document.documentElement.scrollHeight")
    pc.page.set_viewport_size({**DEVICES["pc"]["viewport"], "height": tall})
    pc.shot("checkout")
    pc.page.set_viewport_size(DEVICES["pc"]["viewport"])
    pc.testid("checkout-offers").scroll_into_view_if_needed()
    pc.shot("checkout-offers")
    assert pc.errors == [], pc.errors
    pc.took()
