"""Home → category → facet → product → choose a variant, on a phone and on a PC."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "pc": {"viewport": {"width": 1366, "height": 900}},
}


@pytest.mark.parametrize("device", ["phone", "pc"])
def test_home_to_variant(browser, live_url: str, shop, shots: Path, device: str) -> None:
    ctx = browser.new_context(**VIEWPORTS[device], locale="zh-CN")
    page = ctx.new_page()
    page.goto(live_url + "/")
    page.screenshot(path=shots / f"{device}-1-home.png", full_page=True)

    page.locator("[data-testid=category-tile][href='/c/apparel']").click()
    page.wait_for_url("**/c/apparel")
    assert page.locator("[data-testid=product-card]").count() == 2
    page.screenshot(path=shots / f"{device}-2-category.png", full_page=True)

    if device == "phone" and page.locator("[data-testid=facet-toggle]").is_visible():
        page.locator("[data-testid=facet-toggle]").click()
    page.locator("[data-testid=facet][data-facet=brand] [data-testid=facet-value]"
                 "[data-value=north-hill]").click()
    page.wait_for_url("**brand=north-hill**")
    cards = page.locator("[data-testid=product-card]")
    assert cards.count() == 1 and cards.first.get_attribute("data-slug") == "cotton-tee"
    page.screenshot(path=shots / f"{device}-3-facet.png", full_page=True)

    cards.first.locator("a").first.click()
    page.wait_for_url("**/p/cotton-tee**")
    price = page.locator("[data-testid=price]")
    assert "99.00" in price.inner_text()  # a range until a variant is chosen
    skus = json.loads(page.locator("#sku-data").inner_text())
    # A marker on window survives only if the document is not reloaded.
    page.evaluate("window.__sameDocument = true")

    page.locator("[data-testid=variant-button][data-axis=color][data-value=Black]").click()
    page.locator("[data-testid=variant-button][data-axis=size][data-value=L]").click()
    expected = next(s for s in skus if s["options"] == {"color": "Black", "size": "L"}) \
        if isinstance(skus, list) else None
    assert page.locator("[data-testid=sku-code]").inner_text().strip() == "TEE-BL-L"
    assert price.inner_text().strip() == "¥104.00"
    assert "10" in page.locator("[data-testid=availability]").inner_text()
    assert page.evaluate("window.__sameDocument === true"), "variant choice reloaded the page"
    assert expected is None or expected["price"] == 10400
    page.screenshot(path=shots / f"{device}-4-variant.png", full_page=True)

    # Add the chosen SKU to the cart, then change the quantity on the cart page in place.
    page.locator("[data-testid=add-to-cart]").click()
    # The add answers with a toast on the page; the cart is one tap away (tab bar or header).
    page.locator("[data-testid=toast].show").wait_for()
    page.goto(page.url.split("/p/")[0] + "/cart")
    page.wait_for_url("**/cart")
    assert page.locator("[data-testid=cart-subtotal]").inner_text() == "¥104.00"
    page.evaluate("window.__sameDocument = true")
    qty = page.locator("[data-testid=line-quantity]").first
    qty.fill("3")
    qty.dispatch_event("change")
    page.wait_for_function(
        "document.querySelector('[data-testid=cart-subtotal]').textContent === '¥312.00'")
    assert page.evaluate("window.__sameDocument === true"), "quantity change reloaded the page"
    page.screenshot(path=shots / f"{device}-5-cart.png", full_page=True)
    ctx.close()
