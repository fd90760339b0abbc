"""The order centre and the payments centre in Debian chromium, on a PC and on a tablet
(820 px): choose two orders in the list and mark them shipped (the report says both went
through), the order page's next steps, packing slips printed to PDF on A4 and on a
100 × 150 mm label, the payments page and a refund retried. Screenshots in
artifacts/admin-orders/."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mercato.orders import domain
from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.platform.db import Database
from tests.browser.admin_orders_seed import seed
from tests.orders import admin_factory as f
from tests.payments.test_refunds_shown import Refunder

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "admin-orders"
VIEWPORTS = {
    "pc": {"viewport": {"width": 1366, "height": 900}},
    "tablet": {"viewport": {"width": 820, "height": 1180}, "has_touch": True},
}


def _sign_in(page: Any, live_url: str, staff: dict[str, Any]) -> None:
    page.goto(f"{live_url}/admin/login")
    page.locator("#email").fill(str(staff["email"]))
    page.locator("#password").fill(str(staff["password"]))
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{live_url}/admin")


def _no_sideways_scroll(page: Any) -> None:
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def _ship_two(page: Any, live_url: str, picking: list[str], device: str) -> None:
    page.goto(f"{live_url}/admin/orders")
    page.locator("[data-testid=order-table] img.thumb").first.wait_for()
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"{device}-orders-list.png"), full_page=True)
    for number in picking:
        page.locator(f"input[name=n][value='{number}']").check()
    assert page.locator("[data-testid=chosen-count] b").inner_text() == "2"
    page.screenshot(path=str(SHOTS / f"{device}-orders-chosen.png"))
    with page.expect_navigation():
        page.locator("[data-bulk=shipped]").click()
    assert page.locator("[data-outcome=done]").count() == 2
    assert page.locator("[data-testid=report-done]").inner_text() == "2 单成功"
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"{device}-orders-shipped.png"), full_page=True)


def _order_page(page: Any, live_url: str, number: str, device: str) -> None:
    page.goto(f"{live_url}/admin/orders/{number}")
    actions = page.locator("[data-testid=status-actions]")
    assert actions.locator("form[data-target=picking] button").is_visible()
    assert not actions.locator("textarea[name=reason]").is_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"{device}-order-detail.png"), full_page=True)
    actions.locator("details.ending summary").click()
    assert actions.locator("textarea[name=reason]").is_visible()
    actions.screenshot(path=str(SHOTS / f"{device}-order-close-reason.png"))


def _pdf_pages(pdf: bytes) -> list[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    return [(float(w), float(h)) for w, h in boxes]


def _slips(page: Any, live_url: str, numbers: list[str], device: str) -> None:
    query = "&".join(f"n={n}" for n in numbers)
    for size, (w, h) in (("a4", (595.3, 841.9)), ("label", (283.5, 425.2))):
        page.goto(f"{live_url}/admin/orders/packing-slips?{query}&size={size}")
        assert page.locator("[data-testid=slip]").count() == len(numbers)
        page.screenshot(path=str(SHOTS / f"{device}-slips-{size}.png"), full_page=True)
        if device != "pc":
            continue
        pdf = page.pdf(prefer_css_page_size=True, print_background=True)
        (SHOTS / f"slips-{size}.pdf").write_bytes(pdf)
        sizes = _pdf_pages(pdf)
        assert len(sizes) == len(numbers), sizes  # one slip a page
        assert all(abs(pw - w) < 2 and abs(ph - h) < 2 for pw, ph in sizes), sizes


def _payments(page: Any, live_url: str, closed: str, device: str) -> None:
    page.goto(f"{live_url}/admin/payments")
    assert page.locator("[data-testid=payment-table] tbody tr").count() >= 10
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"{device}-payments.png"), full_page=True)
    page.locator("select[name=provider]").select_option("wechatpay")
    page.locator("[data-testid=payment-filter] button[type=submit]").click()
    page.wait_for_url("**provider=wechatpay**")
    providers = page.locator("[data-testid=payment-table] tbody tr td:nth-child(2)")
    assert all("微信支付" in t for t in providers.all_inner_texts())
    with page.expect_navigation(url="**/admin/payments/refunds?provider=wechatpay"):
        page.locator("[data-testid=refunds-tab]").click()
    page.goto(f"{live_url}/admin/payments/refunds")
    row = page.locator(f"tr[data-payment='{closed}01']")
    assert row.get_attribute("data-status") == "refund_failed"
    page.screenshot(path=str(SHOTS / f"{device}-refunds.png"), full_page=True)
    with page.expect_navigation(url="**/admin/payments/refunds?flash=**"):
        row.locator("[data-testid=retry-refund] button").click()
    assert "已完成" in page.locator(".flash").inner_text()
    assert page.locator(f"tr[data-payment='{closed}01']").get_attribute("data-status") == (
        "refunded"
    )
    _no_sideways_scroll(page)
    page.screenshot(path=str(SHOTS / f"{device}-refund-retried.png"), full_page=True)


@pytest.mark.parametrize("device", ["pc", "tablet"])
def test_order_and_payment_centres(  # type: ignore[no-untyped-def]
    browser, live_url: str, app, db: Database, settings, shop, staff, device: str
) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    orders = seed(db, shop, Path(settings.media_dir))
    refunder = Refunder(SandboxGateway(settings.secret_key), ["success"])
    app.state.gateways = {"sandbox": refunder}
    context = browser.new_context(locale="zh-CN", **VIEWPORTS[device])
    page = context.new_page()
    try:
        _sign_in(page, live_url, staff)
        picking = orders[domain.PICKING]
        _ship_two(page, live_url, picking, device)
        assert [f.status_of(db, n) for n in picking] == [domain.SHIPPED] * 2
        _order_page(page, live_url, orders[domain.PAID][0], device)
        _slips(page, live_url, picking, device)
        _payments(page, live_url, orders[domain.CLOSED][0], device)
        assert [c[1] for c in refunder.calls] == [f"{orders[domain.CLOSED][0]}01R"]
    finally:
        context.close()
