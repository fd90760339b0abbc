"""A group of 3 filled by three customers in Debian chromium (issue 17): the product page's
group band leads to the deal; the first shopper starts a group and pays; the group page
shows its seats, the countdown, the share link and its QR code; two more shoppers open the
share link in their own browsers, join and pay; once the payments are delivered the group
is complete, every order is released to ship and each member got their cashback.

Screenshots: artifacts/screenshots/walk-phone-group-<nn>-<step>.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from tests.browser.walks_common import DEVICES, Walk
from tests.browser.walks_pricing import fen
from tests.groupbuy.helpers import deliver, group_row, live_deal, wired_bus
from tests.orders.conftest import PASSWORD, make_buyer

pytestmark = pytest.mark.browser
DEAL_FEN, LIST_FEN = 5900, 9900


def _sign_in(walk: Walk, phone: str, back: str) -> None:
    walk.testid("group-login").click()
    walk.testid("field-login").fill(phone)
    walk.testid("field-password").fill(PASSWORD)
    walk.testid("login-submit").click()
    walk.page.wait_for_url(f"**{back}")


def _take_and_pay(walk: Walk) -> str:
    walk.testid("group-take").click()
    walk.page.wait_for_url("**/account/orders/*/pay")
    number = walk.page.url.rsplit("/", 2)[1]
    walk.testid("provider-sandbox").check()
    walk.testid("pay-submit").click()
    walk.page.wait_for_url("**/pay/sandbox/**")
    walk.testid("sandbox-pay").click()
    walk.page.wait_for_url(f"**/account/orders/{number}")
    return number


def test_three_customers_fill_a_group_in_their_browsers(
        browser: Any, live_url: str, db: Database, market: Any, settings: Any,
        shots: Path) -> None:
    sku = market["tee"]["skus"][0]
    deal = live_deal(db, sku_id=sku, product_id=market["tee"]["id"], price_fen=DEAL_FEN)
    bus = wired_bus(settings)
    people = [make_buyer(db, f"1380000030{i}") for i in range(3)]
    walks = []
    for i in range(len(people)):
        context = browser.new_context(**DEVICES["phone"], locale="zh-CN")
        walks.append(Walk(context.new_page(), "phone", shots, who=f"group{i + 1}"))
    first = walks[0]
    first.page.goto(f"{live_url}/p/cotton-tee?sku={sku}")
    band = first.testid("campaign-group")
    assert "3人团" in band.inner_text()
    assert fen(band.locator("[data-testid=campaign-price]").inner_text()) == DEAL_FEN
    first.shot("product-band")
    first.testid("campaign-go").click()
    first.page.wait_for_url(f"**/group-deals/{deal}")
    _sign_in(first, people[0]["phone"], f"/group-deals/{deal}")
    numbers = [_take_and_pay(first)]
    with db.reading() as tx:
        campaign = tx.scalar(select(Order.campaign).where(Order.number == numbers[0]))
    code = _code_of(db, str(campaign))
    first.page.goto(f"{live_url}/groups/{code}")
    assert "2" in first.text("group-state")
    assert first.testid("group-share").locator("svg").count() == 1  # the QR code
    link = first.testid("group-link").input_value()
    assert link.endswith(f"/groups/{code}")
    first.fits()
    first.shot("group-share")

    for walk, who in zip(walks[1:], people[1:], strict=True):
        walk.page.goto(f"{live_url}/groups/{code}")  # as the shared link opens it
        _sign_in(walk, who["phone"], f"/groups/{code}")
        walk.shot("join")
        numbers.append(_take_and_pay(walk))
    deliver(db, bus)
    assert group_row(db, code) == ("filled", 3, 3)
    first.page.goto(f"{live_url}/groups/{code}")
    assert "成功" in first.text("group-state") or "complete" in first.text("group-state")
    first.fits()
    first.shot("group-complete")
    with db.reading() as tx:
        rows = tx.execute(select(Order.status, Order.ship_hold, Order.total_fen)
                          .where(Order.number.in_(numbers))).all()
    assert len(rows) == 3 and all(r[0] == "paid" and not r[1] for r in rows), rows
    assert all(r[2] - DEAL_FEN >= 0 for r in rows)
    for walk in walks:
        assert not walk.errors, walk.errors
        walk.page.context.close()


def _code_of(db: Database, campaign: str) -> str:
    from mercato.groupbuy.adapters.tables import Group

    with db.reading() as tx:
        return str(tx.scalar(select(Group.code).where(Group.id == int(campaign.split(":")[1]))))
