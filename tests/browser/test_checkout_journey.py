"""A guest browses, adds two SKUs, signs up, checks out, pays in the sandbox and sees the
order paid — in Debian chromium, on a phone and on a PC."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
    "pc": {"viewport": {"width": 1366, "height": 900}},
}
PHONES = {"phone": "13700000001", "pc": "13700000002"}


def _add(page, live_url: str, slug: str, choices: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{live_url}/p/{slug}")
    for axis, value in choices.items():
        page.locator(
            f"[data-testid=variant-button][data-axis={axis}][data-value='{value}']"
        ).click()
    page.locator("[data-testid=add-to-cart]").click()
    # The add answers with a toast on the page; the cart is one tap away (tab bar or header).
    page.locator("[data-testid=toast].show").wait_for()
    page.goto(page.url.split("/p/")[0] + "/cart")
    page.wait_for_url("**/cart")


def _sign_up(page, phone: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("[data-testid=signup-link]").click()
    page.wait_for_url("**/account/signup**")
    page.locator("[data-testid=field-phone]").fill(phone)
    page.locator("[data-testid=field-password]").fill("secret-pass-1")
    page.locator("[data-testid=signup-submit]").click()
    page.wait_for_url("**/checkout?**")  # with the lines chosen in the cart


def _add_address(page) -> None:  # type: ignore[no-untyped-def]
    # Checkout opens its new-address form when there is none: one pasted line fills name,
    # phone, region (the picker's fields) and street.
    pasted = "王小明 13912345678 上海市上海市浦东新区世纪大道100号"
    page.locator("[data-testid=paste-box]").fill(pasted)
    page.locator("[data-testid=paste-recognise]").click()
    page.wait_for_function("document.querySelector('[data-testid=field-recipient]').value")
    assert page.locator("[data-testid=field-recipient]").input_value() == "王小明"
    page.locator("[data-testid=address-submit]").click()
    page.wait_for_url("**/checkout?**address_id=**")


@pytest.mark.parametrize("device", ["phone", "pc"])
def test_guest_to_paid_order(browser, live_url: str, market, shots: Path, device: str) -> None:
    ctx = browser.new_context(**VIEWPORTS[device], locale="zh-CN")
    page = ctx.new_page()
    _add(page, live_url, "cotton-tee", {"color": "White", "size": "M"})
    _add(page, live_url, "ceramic-mug", {"capacity": "350 ml"})
    assert page.locator("[data-testid=line-quantity]").count() == 2
    assert page.locator("[data-testid=cart-subtotal]").inner_text() == "¥138.00"
    page.screenshot(path=shots / f"{device}-checkout-1-cart.png", full_page=True)

    page.locator("[data-testid=checkout-link]").click()
    page.wait_for_url("**/account/login**")
    _sign_up(page, PHONES[device])
    assert page.locator("[data-testid=no-address]").is_visible()
    _add_address(page)
    assert page.locator("[data-testid=checkout-line]").count() == 2  # the guest cart came along
    assert page.locator("[data-testid=checkout-total]").inner_text() == "¥138.00"  # free over ¥99
    page.evaluate("window.__sameDocument = true")
    page.locator("[data-testid=shipping-choice][value=express]").check()
    page.wait_for_function(
        "document.querySelector('[data-testid=checkout-total]').textContent === '¥158.00'"
    )
    assert page.evaluate("window.__sameDocument === true"), "changing shipping reloaded the page"
    page.screenshot(path=shots / f"{device}-checkout-2-checkout.png", full_page=True)

    page.locator("[data-testid=place-order]").click()
    page.wait_for_url("**/pay")
    assert page.locator("[data-testid=pay-amount]").inner_text() == "¥158.00"
    page.screenshot(path=shots / f"{device}-checkout-3-pay.png", full_page=True)
    page.locator("[data-testid=pay-submit]").click()
    page.wait_for_url("**/pay/sandbox/**")
    assert page.locator("[data-testid=sandbox-amount]").inner_text() == "¥158.00"
    page.screenshot(path=shots / f"{device}-checkout-4-sandbox.png", full_page=True)
    page.locator("[data-testid=sandbox-pay]").click()
    page.wait_for_url("**/account/orders/*")
    status = page.locator("[data-testid=order-status]")
    assert status.get_attribute("data-status") == "paid"
    assert page.locator("[data-testid=order-line]").count() == 2
    page.screenshot(path=shots / f"{device}-checkout-5-paid.png", full_page=True)

    page.goto(live_url + "/account/orders")
    assert page.locator("[data-testid=order-card]").count() == 1
    page.screenshot(path=shots / f"{device}-checkout-6-orders.png", full_page=True)
    ctx.close()
