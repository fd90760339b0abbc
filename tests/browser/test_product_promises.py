"""The product page's promise rows on a phone (412x732) and a PC (issue 14): small grey rows
under the price, 配送至 [province] with the delivery estimate and 服务 with ticks; picking a
province reloads the estimate at once (the button is for browsers without JavaScript) and keeps
the variant picked. Screenshots go to artifacts/screenshots/product-promises-*.png."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from mercato.catalog.services import knowledge
from mercato.demo.images import product_views
from mercato.platform import clock

pytestmark = pytest.mark.browser

VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 412, "height": 732}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "pc": {"viewport": {"width": 1366, "height": 900}},
}
MORNING = datetime(2026, 12, 7, 2, 0)  # 10:00 in the shop


@pytest.fixture
def pictures(db: Any, settings: Any, shop: dict[str, Any]) -> None:
    folder = settings.media_dir / "demo"
    folder.mkdir(parents=True, exist_ok=True)
    urls = []
    for name, svg in zip(("front", "detail", "use"), product_views(7, "t-shirts", "tee"),
                         strict=True):
        (folder / f"tee-{name}.svg").write_text(svg, encoding="utf-8")
        urls.append(f"/media/demo/tee-{name}.svg")
    with db.transaction() as tx:
        knowledge.set_images(tx, shop["tee"]["id"], urls)


def _show(page: Any) -> None:
    """The price and the promise rows in the middle of the screen, pictures loaded."""
    page.evaluate("document.querySelector('.promise-rows').scrollIntoView({block: 'center'})")
    page.wait_for_timeout(150)


@pytest.mark.parametrize("device", ["phone", "pc"])
def test_promise_rows_and_the_province_picker(  # type: ignore[no-untyped-def]
    browser, live_url, shots: Path, market, pictures, monkeypatch, device
):
    monkeypatch.setattr(clock, "utcnow", lambda: MORNING)
    ctx = browser.new_context(locale="zh-CN", **VIEWPORTS[device])
    page = ctx.new_page()
    page.goto(f"{live_url}/p/cotton-tee")
    eta = page.locator("[data-testid=delivery-estimate]")
    assert eta.inner_text() == "今天16:00前付款，预计明天(12月8日)送达"
    assert page.locator("[data-testid=ships-from]").inner_text() == "上海发货"
    assert page.locator("[data-testid=province-form] button").is_hidden()  # JavaScript is on
    rows = page.locator(".promise-rows")
    box = rows.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[
        device]["viewport"]["width"]
    size = page.evaluate("getComputedStyle(document.querySelector('.promise-rows')).fontSize")
    assert size == "12px"  # small print, as shops show it
    assert page.locator("[data-testid=returns]").inner_text() == "7天无理由退货"
    assert page.locator("[data-testid=free-shipping]").inner_text() == "满 ¥99.00 包邮"
    _show(page)
    page.screenshot(path=shots / f"product-promises-{device}.png")

    page.locator("[data-testid=variant-button][data-value=Black]").click()
    page.locator("[data-testid=variant-button][data-value=L]").click()
    code = page.locator("[data-testid=sku-code]").inner_text()
    with page.expect_navigation():
        page.locator("[data-testid=province-select]").select_option("44")
    assert "sku=" in page.url and "province=44" in page.url
    assert eta.inner_text() == "今天16:00前付款，预计12月10日送达"
    assert page.locator("[data-testid=sku-code]").inner_text() == code != "—"
    page.goto(f"{live_url}/p/cotton-tee")
    assert page.locator("[data-testid=province-select]").input_value() == "44"  # the cookie
    _show(page)
    page.screenshot(path=shots / f"product-promises-{device}-guangdong.png")
    ctx.close()


def test_an_excluded_category_says_so_in_grey(  # type: ignore[no-untyped-def]
    browser, live_url, shots: Path, db, market, pictures, monkeypatch
):
    from mercato.catalog.adapters.tables import Category
    from mercato.catalog.services import taxonomy

    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 12, 7, 9, 0))  # 17:00
    with db.transaction() as tx:
        c = tx.get(Category, market["root"])
        taxonomy.save_category(tx, c.id, c.slug, c.name_zh, c.name_en, None, c.position, 0)
    ctx = browser.new_context(locale="zh-CN", **VIEWPORTS["phone"])
    page = ctx.new_page()
    page.goto(f"{live_url}/p/cotton-tee?province=65")
    returns = page.locator("[data-testid=returns]")
    assert returns.inner_text() == "不支持无理由退货"  # a grey ✕ drawn by CSS
    eta = page.locator("[data-testid=delivery-estimate]").inner_text()
    assert eta == "现在付款，预计12月14日送达"  # after 16:00, 6 days to Xinjiang
    _show(page)
    page.screenshot(path=shots / "product-promises-phone-no-returns.png")
    ctx.close()
