"""我的 in Debian chromium on a phone and a PC: the header, order shortcuts with counts,
recent orders with thumbnails, the links; on the phone a forgotten password reset with the
code read from the demo inbox. Screenshots in artifacts/account/."""

from __future__ import annotations

import socket
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mercato.app import create_app
from mercato.demo import images
from mercato.members import public as members
from mercato.members.adapters import reset_codes as _reset_codes  # noqa: F401  (its table)
from mercato.members.services import accounts
from mercato.messaging import public as messaging
from mercato.orders.services.counts import orders_overview
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from mercato.sandbox import post_office
from tests.browser.test_checkout_journey import VIEWPORTS
from tests.members.seed_orders import add_order

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "account"
PHONES = {"phone": "13700000011", "pc": "13700000012"}
PASSWORD, NEW = "secret-pass-1", "brand-new-pass-2"
GOODS = [
    ("多效修护精华液 30ml", "beauty-skincare", "completed"),
    ("婴儿纯棉连体衣 三件装", "baby-maternity", "cancelled"),
    ("不粘煎锅 28cm 电磁炉通用", "home-kitchen", "pending_payment"),
    ("快充移动电源 20000mAh", "digital-accessories", "paid"),
    ("轻量防泼水双肩包", "apparel-bags", "picking"),
    ("冻干草莓脆 100g×2", "food-drinks", "shipped"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def app(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    """The shop as bootstrap wires it in demo mode (orders overview, demo post office)."""
    settings.sandbox_smtp_port = _free_port()
    shop = create_app(settings, db)
    members.show_orders_overview(shop, orders_overview)
    account = messaging.sandbox_account(settings)
    office = post_office.install(shop, **{**account, "inbox_path": None})
    office.start()
    yield shop
    office.stop()


def _seed(db: Database, settings: Settings, phone: str) -> None:
    folder = settings.media_dir
    folder.mkdir(parents=True, exist_ok=True)
    at = datetime(2026, 3, 1, 2, 0)
    with db.transaction() as tx:
        customer = accounts.sign_up(tx, phone, "", PASSWORD, "李雷")
        for i, (name, hue, status) in enumerate(GOODS):
            number = f"2026030{i}{phone[-4:]}{i:05d}"
            for j in range(2):
                (folder / f"{number}-{j}.svg").write_text(images.product_svg(i * 7 + j, hue))
            add_order(
                tx,
                customer.id,
                number,
                status,
                at + timedelta(days=i),
                2,
                (name, "赠品：旅行装"),
                5990 + i * 1230,
            )


def _log_in(page: Any, live_url: str, phone: str, password: str) -> None:
    page.goto(f"{live_url}/account")
    page.locator("[data-testid=field-login]").fill(phone)
    page.locator("[data-testid=field-password]").fill(password)
    page.locator("[data-testid=login-submit]").click()
    page.wait_for_url(f"{live_url}/account")


def _check_account(page: Any) -> None:
    for key, n in (("to-pay", "1"), ("to-ship", "2"), ("to-receive", "1")):
        assert page.locator(f"[data-testid=count-{key}]").inner_text() == n
    assert page.locator("[data-testid=recent-order]").count() == 3
    page.wait_for_function(
        "[...document.querySelectorAll('[data-testid=recent-order] img')]"
        ".filter(i => i.offsetParent !== null)"
        ".every(i => i.complete && i.naturalWidth > 0)",
        timeout=10_000,
    )
    assert page.locator("[data-testid=account-name]").inner_text() == "李雷"
    for testid in ("orders-link", "addresses-link", "password-link", "logout"):
        assert page.locator(f"[data-testid={testid}]").is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow


def _check_orders(page: Any, device: str) -> None:
    """待发货 from 我的 opens the tab of that name, listing the paid and the packed order; 全部
    shows every card: two lines each, so their pictures in a row and 共2件; 去支付 on the
    unpaid one only."""
    page.locator("[data-testid=shortcut-to-ship]").click()
    page.wait_for_url("**/account/orders?status=to_ship")
    assert page.locator("[data-testid=order-tabs] a[aria-current=page]").inner_text() == "待发货"
    assert page.locator("[data-testid=order-status]").all_inner_texts() == ["待发货", "待发货"]
    page.locator("[data-testid=order-tabs] a[data-tab='']").click()
    page.wait_for_url("**/account/orders")
    cards = page.locator("[data-testid=order-card]")
    assert cards.count() == len(GOODS)
    assert page.locator("[data-testid=order-card-pictures]").count() == len(GOODS)
    assert page.locator("[data-testid=order-pay]").count() == 1
    unpaid = page.locator("[data-testid=order-card][data-status=pending_payment]")
    assert unpaid.locator("[data-testid=order-pay]").inner_text() == "去支付"
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    assert not overflow
    page.screenshot(path=str(SHOTS / f"orders-{device}.png"), full_page=True)
    page.goto(page.url.split("/account/orders")[0] + "/account")


def _reset_with_demo_inbox(context: Any, page: Any, live_url: str, phone: str) -> None:
    page.locator("[data-testid=logout]").click()
    page.goto(f"{live_url}/account/password/forgot")
    page.locator("[data-testid=field-login]").fill(phone)
    page.locator("[data-testid=code-submit]").click()
    page.locator("[data-testid=code-sent]").wait_for()
    page.screenshot(path=str(SHOTS / "reset-code-sent-phone.png"), full_page=True)
    inbox = context.new_page()
    inbox.goto(f"{live_url}/sandbox/messages/?to={phone}")
    text = inbox.locator("[data-testid=inbox-message] pre").first.inner_text()
    inbox.screenshot(path=str(SHOTS / "demo-inbox-phone.png"), full_page=True)
    code = "".join(ch for ch in text.split("验证码为", 1)[1][:6])
    assert code.isdigit() and len(code) == 6
    page.locator("[data-testid=field-code]").fill(code)
    page.locator("[data-testid=field-password]").fill(NEW)
    page.locator("[data-testid=reset-submit]").click()
    page.wait_for_url(f"{live_url}/account?done=reset")
    assert page.locator("[data-testid=password-done]").is_visible()


@pytest.mark.parametrize("device", ["phone", "pc"])
def test_account_page(browser, live_url: str, app, db, settings, device: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    public = settings.model_copy(update={"public_url": live_url})
    app.state.messenger = messaging.from_settings(public)
    phone = PHONES[device]
    _seed(db, settings, phone)
    context = browser.new_context(locale="zh-CN", **VIEWPORTS[device])
    page = context.new_page()
    try:
        _log_in(page, live_url, phone, PASSWORD)
        _check_account(page)
        page.screenshot(path=str(SHOTS / f"account-{device}.png"), full_page=True)
        _check_orders(page, device)
        page.goto(f"{live_url}/account/password")
        page.screenshot(path=str(SHOTS / f"change-password-{device}.png"), full_page=True)
        page.goto(f"{live_url}/account")
        if device == "phone":
            _reset_with_demo_inbox(context, page, live_url, phone)
            page.screenshot(path=str(SHOTS / "account-after-reset-phone.png"), full_page=True)
    finally:
        context.close()
