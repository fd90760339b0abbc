"""A flash-sale buy in Debian chromium (issue 17): the product page shows the flash band (the
flash price beside the list price, units left, a ticking countdown); 立即抢购 opens the flash
page, the shopper signs in, keeps their address and shipping, grabs it, pays in the sandbox
and the order shows the flash-sale discount. The database agrees: one seat ordered, one unit
taken, the order at the event's price.

Screenshots: artifacts/screenshots/walk-phone-flash-<nn>-<step>.png."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mercato.flashsale import public as flashsale
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.browser.walks_common import DEVICES, Walk
from tests.browser.walks_pricing import fen
from tests.flashsale.conftest import make_event
from tests.flashsale.helpers import seat_statuses, taken
from tests.orders.conftest import PASSWORD, make_buyer

pytestmark = pytest.mark.browser
FLASH_FEN, LIST_FEN = 4900, 9900


def test_a_shopper_grabs_a_flash_sale_item_and_pays(
        browser: Any, live_url: str, db: Database, market: Any, shots: Path) -> None:
    sku = market["tee"]["skus"][0]
    event_id = make_event(db, quantity=20, limit=1, skus=(sku,), price_fen=FLASH_FEN)
    b = make_buyer(db, "13800000001")
    context = browser.new_context(**DEVICES["phone"], locale="zh-CN")
    walk = Walk(context.new_page(), "phone", shots, who="flash")
    page = walk.page

    page.goto(f"{live_url}/p/cotton-tee?sku={sku}")
    band = walk.testid("campaign-flash")
    assert fen(band.locator("[data-testid=campaign-price]").inner_text()) == FLASH_FEN
    assert fen(band.locator(".cb-list").inner_text()) == LIST_FEN
    assert "20" in walk.text("campaign-note")
    ends = walk.testid("campaign-ends")
    first = ends.inner_text()
    assert re.search(r"\d\d:\d\d:\d\d", first), first  # the script's countdown
    page.wait_for_function(
        "t => document.querySelector('[data-testid=campaign-ends]').textContent !== t", arg=first)
    walk.fits()
    walk.shot("product-band")

    walk.testid("campaign-go").click()
    page.wait_for_url(f"**/flash/{event_id}?sku={sku}")
    walk.testid("flash-login").click()
    walk.testid("field-login").fill(b["phone"])
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    page.wait_for_url(f"**/flash/{event_id}?sku={sku}")
    assert fen(walk.text("flash-price")) == FLASH_FEN
    assert walk.testid("flash-address").first.is_checked()
    walk.fits()
    walk.shot("flash-page")

    walk.testid("flash-buy").click()
    page.wait_for_url("**/account/orders/*/pay")
    number = page.url.rsplit("/", 2)[1]
    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        total, campaign, shipping = order.total_fen, order.campaign, order.shipping_fen
    assert campaign == f"flash:{event_id}" and total == FLASH_FEN + shipping
    assert fen(walk.text("pay-amount")) == total
    walk.testid("provider-sandbox").check()
    walk.testid("pay-submit").click()
    page.wait_for_url("**/pay/sandbox/**")
    walk.testid("sandbox-pay").click()
    page.wait_for_url(f"**/account/orders/{number}")
    assert walk.testid("order-status").get_attribute("data-status") == "paid"
    rows = walk.testid("order-discount")
    assert rows.count() == 1 and "秒杀" in rows.first.inner_text()
    assert fen(rows.first.inner_text()) == LIST_FEN - FLASH_FEN
    walk.fits()
    walk.shot("order-paid")

    assert list(seat_statuses(db, event_id).values()) == ["ordered"]
    assert taken(db, event_id, sku) == 1
    with db.reading() as tx:
        assert flashsale.get_event(tx, event_id).items[0].taken == 1
    assert not walk.errors, walk.errors
    context.close()
