"""Paying in Huabei instalments (花呗分期) in Debian chromium, on a phone, against the fake Alipay
served on a port of its own: the shop takes Alipay, so the linen polo's page (¥199) shows
what a period costs in 3, 6 and 12 → buy now: the checkout lists the same plans for the order
total → the order is placed → the pay page offers each plan beside Alipay; the shopper picks
花呗分期 3 期 → the fake cashier opens the trade in 3 periods, each as the shop computed it
→ pays: the fake notifies the shop, the browser comes back to the order, paid → the payment
attempt in the database holds 3 periods and who pays the fee.

Every amount is compared with payments.public.instalment_plans(amount, settings), to the fen.

Screenshots: artifacts/screenshots/walk-phone-instalments-<nn>-<step>.png."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mercato.orders.adapters.tables import Order
from mercato.payments import public as payments
from mercato.payments.adapters.tables import Payment
from mercato.platform.db import Database
from tests.browser import walks_instalments as wi
from tests.browser.walks_common import DEVICES, Walk
from tests.browser.walks_pricing import fen
from tests.orders.conftest import make_buyer

pytestmark = pytest.mark.browser
POLO_FEN = 19900


def test_a_shopper_pays_an_order_in_three_huabei_instalments(
    browser: Any, app: Any, live_url: str, db: Database, market: Any, shots: Path
) -> None:
    settings = app.state.settings
    sku = market["polo"]["skus"][0]
    b = make_buyer(db, "13800000001")
    context = browser.new_context(**DEVICES["phone"], locale="zh-CN")
    walk = Walk(context.new_page(), "phone", shots, who="instalments")
    page = walk.page
    with wi.takes_alipay(app, live_url) as fake:
        # The product page: each period's amount for the chosen SKU's price.
        wi.sign_in(walk, live_url, b["phone"], f"/p/linen-polo?sku={sku}")
        row = walk.testid("huabei-row")
        wi.centre(row)
        priced = {p.periods: p for p in payments.instalment_plans(POLO_FEN, settings)}
        assert wi.each_shown(row, "huabei") == {n: p.each_fen for n, p in priced.items()}
        assert row.locator(".plabel").inner_text().strip() == "分期"  # translated label
        assert "花呗分期" in row.inner_text()  # the buyer pays the fee: not 免息
        walk.fits()
        walk.shot("product-row")

        # Checkout (buy now, the default address): the plans for the order's total.
        walk.testid("buy-now").click()
        page.wait_for_url("**/checkout?**")
        total = fen(walk.text("checkout-total"))
        plans = {p.periods: p for p in payments.instalment_plans(total, settings)}
        assert sorted(plans) == [3, 6, 12], plans
        listed = walk.testid("checkout-huabei")
        wi.centre(listed)
        assert wi.each_shown(listed, "huabei-each") == {n: p.each_fen for n, p in plans.items()}
        for n, p in plans.items():
            text = listed.locator(f"[data-testid=huabei-{n}]").inner_text()
            assert fen(text.split("含手续费")[1]) == p.fee_fen, text
            assert (f"首期 ¥{p.first_fen / 100:.2f}" in text) == (p.first_fen != p.each_fen)
        walk.fits()
        walk.shot("checkout")

        # The order; the pay page offers each plan as a choice beside Alipay.
        walk.testid("place-order").click()
        page.wait_for_url("**/account/orders/*/pay")
        number = page.url.rsplit("/", 2)[1]
        with db.reading() as tx:
            assert tx.scalars(select(Order.total_fen).where(Order.number == number)).one() == total
        assert fen(walk.text("pay-amount")) == total
        offered = walk.testid("pay-instalments")
        assert wi.each_shown(offered, "huabei-each") == {n: p.each_fen for n, p in plans.items()}
        three = walk.testid("instalments-3")
        assert three.get_attribute("value") == "alipay:3"
        three.check()
        assert "花呗分期" in three.locator("xpath=..").inner_text()
        wi.centre(offered)
        walk.fits()
        walk.shot("pay-page")

        # The fake Alipay's cashier: the trade in 3 periods, its own figures equal ours.
        walk.testid("pay-submit").click()
        page.wait_for_url("**/gateway.do?**")
        periods, owed = wi.cashier(walk)
        assert periods == 3 and "分 3 期" in page.locator("#huabei").inner_text()
        assert owed == [x.total_fen for x in plans[3].per_period], owed
        assert sum(owed) == total + plans[3].fee_fen
        assert f"¥{total / 100:.2f}" in page.locator("body").inner_text()
        walk.shot("fake-cashier")

        # Paying there: the fake notifies the shop, then sends the browser back to the order.
        page.locator("form button[type=submit]").click()
        page.wait_for_url(f"{live_url}/account/orders/{number}?**")
        assert walk.testid("order-status").get_attribute("data-status") == "paid"
        walk.fits()
        walk.shot("order-paid")
        trade = fake.trades[f"{number}01"]
        assert (trade["trade_status"], trade["instalments"]) == ("TRADE_SUCCESS", (3, 0))

    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        attempts = tx.execute(
            select(
                Payment.out_trade_no,
                Payment.provider,
                Payment.status,
                Payment.instalments,
                Payment.instalment_payer,
            ).where(Payment.order_number == number)
        ).all()
        assert (order.status, order.paid_fen) == ("paid", total)
    assert [tuple(a) for a in attempts] == [(f"{number}01", "alipay", "paid", 3, "buyer")]
    assert walk.errors == [], walk.errors
    walk.took()
    context.close()
