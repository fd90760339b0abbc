"""A presale bought in Debian chromium, on a phone: the product page's presale band leads to
the presale page (the presale price beside the list price, the deposit and what it counts
as, the balance, a ticking countdown); the shopper signs in, pays the deposit in the
sandbox, and the order page says 定金已付 with the balance not open yet. The clock moves on
(the test opens the balance window in the database): 付尾款 pays the balance in the sandbox
and the order is paid. The database agrees at each step.

Screenshots: artifacts/screenshots/walk-phone-presale-<nn>-<step>.png."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from mercato.platform.db import Database
from tests.browser.walks_common import DEVICES, Walk
from tests.browser.walks_pricing import fen
from tests.orders.conftest import PASSWORD, make_buyer
from tests.presale.helpers import (
    BALANCE,
    DEDUCT,
    DEPOSIT,
    PRICE,
    attempts,
    item_row,
    make_campaign,
    open_balance,
    order_row,
)

pytestmark = pytest.mark.browser
LIST_FEN = 9900


def _pay_in_sandbox(walk: Walk, number: str, shot: str) -> None:
    walk.testid("provider-sandbox").check()
    walk.fits()
    walk.shot(shot)
    walk.testid("pay-submit").click()
    walk.page.wait_for_url("**/pay/sandbox/**")
    walk.testid("sandbox-pay").click()
    walk.page.wait_for_url(f"**/account/orders/{number}")


def test_a_shopper_pays_a_deposit_then_the_balance(
        browser: Any, live_url: str, db: Database, market: Any, shots: Path) -> None:
    sku = market["tee"]["skus"][0]
    campaign = make_campaign(db, (sku,), planned=30, limit=2)
    b = make_buyer(db, "13800000001")
    context = browser.new_context(**DEVICES["phone"], locale="zh-CN")
    walk = Walk(context.new_page(), "phone", shots, who="presale")
    page = walk.page

    page.goto(f"{live_url}/p/cotton-tee?sku={sku}")
    band = walk.testid("campaign-presale")
    assert fen(band.locator("[data-testid=campaign-price]").inner_text()) == PRICE
    assert fen(band.locator(".cb-list").inner_text()) == LIST_FEN
    walk.fits()
    walk.shot("product-band")

    walk.testid("campaign-go").click()
    page.wait_for_url(f"**/presale/{campaign}?sku={sku}")
    assert fen(walk.text("presale-price")) == PRICE and fen(walk.text("presale-list")) == LIST_FEN
    assert fen(walk.text("presale-deposit")) == DEPOSIT
    assert fen(walk.text("presale-deduct")) == DEDUCT and "抵" in walk.text("presale-deduct")
    assert fen(walk.text("presale-balance")) == BALANCE
    assert re.search(r"预计 \d\d月\d\d日 发货", walk.text("presale-ship"))
    ends = walk.testid("presale-ends")
    first = ends.inner_text()
    assert re.search(r"\d\d:\d\d:\d\d", first), first  # app.js's countdown
    page.wait_for_function(
        "t => document.querySelector('[data-testid=presale-ends]').textContent !== t", arg=first)
    assert "未付尾款定金不退" in walk.text("presale-rule")
    walk.fits()
    walk.shot("presale-page")

    walk.testid("presale-login").click()
    walk.testid("field-login").fill(b["phone"])
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    page.wait_for_url(f"**/presale/{campaign}?sku={sku}")
    assert walk.testid("presale-address").first.is_checked()
    walk.testid("presale-quantity").fill("2")
    walk.fits()
    walk.shot("presale-form")
    walk.testid("presale-pay").scroll_into_view_if_needed()
    walk.shot("presale-submit")

    walk.testid("presale-pay").click()
    page.wait_for_url("**/account/orders/*/pay")
    number = page.url.rsplit("/", 2)[1]
    total = order_row(db, number).total_fen
    assert fen(walk.text("pay-amount")) == 2 * DEPOSIT
    assert "定金" in walk.text("pay-due")
    _pay_in_sandbox(walk, number, "pay-deposit")

    assert walk.testid("deposit-part").get_attribute("data-paid") == "yes"
    assert walk.testid("balance-part").get_attribute("data-paid") == "no"
    assert "尾款" in walk.text("balance-opens") and "开始支付" in walk.text("balance-opens")
    assert walk.testid("pay-link").count() == 0
    assert walk.text("order-status") == "待付尾款"
    walk.fits()
    walk.shot("deposit-paid")
    assert attempts(db, number) == [("deposit", "paid", 2 * DEPOSIT)]
    assert item_row(db, campaign, sku)[2] == 2

    open_balance(db, campaign)  # the balance window opens
    page.reload()
    assert "付尾款" in walk.text("pay-link")
    walk.testid("pay-link").click()
    page.wait_for_url(f"**/account/orders/{number}/pay")
    assert fen(walk.text("pay-amount")) == total - 2 * DEPOSIT
    assert "尾款" in walk.text("pay-due")
    _pay_in_sandbox(walk, number, "pay-balance")

    assert walk.testid("order-status").get_attribute("data-status") == "paid"
    assert walk.testid("balance-part").get_attribute("data-paid") == "yes"
    walk.fits()
    walk.shot("order-paid")
    walk.testid("all-orders-link").scroll_into_view_if_needed()
    walk.shot("order-history")
    assert order_row(db, number).status == "paid"
    assert attempts(db, number) == [("deposit", "paid", 2 * DEPOSIT),
                                    ("balance", "paid", total - 2 * DEPOSIT)]
    assert not walk.errors, walk.errors
    context.close()
