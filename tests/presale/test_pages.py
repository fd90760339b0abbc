"""The storefront's presale page: the presale price beside the list price, the deposit and what
it counts as, the balance, both windows, the countdown, the ship date, units left and the
deposit rule; a guest is asked to sign in; a shopper's deposit goes to the payment page; every
refusal (a bad form, the limit, sold out, the windows, a cancelled campaign) shows the page
again with its reason and nothing kept."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.orders.adapters.tables import Adjustment, Order
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.presale import public as presale
from mercato.presale.adapters.tables import PresaleOrder
from mercato.presale.web.pages import ship_day
from tests.checkout.conftest import csrf_of
from tests.members.conftest import page_login
from tests.orders.conftest import make_buyer
from tests.presale.helpers import (
    BALANCE,
    DEPOSIT,
    UNIT,
    count,
    deposit_form,
    held,
    item_row,
    make_campaign,
    move_deposit_window,
    placed_number,
)


def _nothing_kept(db: Database, campaign_id: int, sku: int, orders: int, taken: int) -> None:
    item_id, _planned, now_taken = item_row(db, campaign_id, sku)
    assert (count(db, Order), count(db, PresaleOrder), now_taken) == (orders, orders, taken)
    assert sum(held(db, item_id).values()) == taken


def test_a_guest_reads_the_presale_and_is_asked_to_sign_in(client: Any, db: Database,
                                                          market: dict) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,), planned=30)
    page = client.get(f"/presale/{c}?sku={sku}")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    text = page.text
    for testid, shown in (("presale-price", "¥89.00"), ("presale-list", "¥99.00"),
                          ("presale-deposit", "¥10.00"), ("presale-deduct", "抵 ¥20.00"),
                          ("presale-balance", "¥69.00")):
        assert f'data-testid="{testid}">{shown}<' in text, testid
    with db.reading() as tx:
        view = presale.get_campaign(tx, c, utcnow())
    assert f'预计 {ship_day(view.ship_on, "zh_CN")} 发货' in text and "月" in ship_day(
        view.ship_on, "zh_CN")
    assert f'data-ends="{view.windows.deposit_ends.isoformat()}Z"' in text  # the countdown
    assert 'data-testid="presale-left">仅剩 30 件<' in text
    assert "未付尾款定金不退" in text and 'data-testid="deposit-window"' in text
    assert f'/account/login?next=%2Fpresale%2F{c}%3Fsku%3D{sku}' in text
    assert 'data-testid="presale-form"' not in text
    # The product page's band leads here.
    product = client.get(f"/p/cotton-tee?sku={sku}").text
    assert 'data-testid="campaign-presale"' in product and f"/presale/{c}?sku={sku}" in product
    english = client.get(f"/presale/{c}?sku={sku}&lang=en").text
    assert "Ships around" in english and "counts as ¥20.00" in english
    refund = make_campaign(db, (market["tee"]["skus"][1],), rule="refund")
    assert "未付尾款定金原路退回" in client.get(f"/presale/{refund}?lang=zh_CN").text


def test_deposits_within_the_limit_and_every_refusal_says_why(
        app: Any, client: Any, db: Database, market: dict, buyer: dict) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,), planned=3, limit=2)
    page_login(client, buyer["phone"])
    page = client.get(f"/presale/{c}?sku={sku}").text
    assert 'data-testid="presale-address"' in page and 'data-testid="presale-quantity"' in page
    bad = {
        (("quantity", "0"),): 422, (("quantity", "abc"),): 422, (("quantity", "3"),): 422,
        (("sku_id", "999999"),): 404, (("sku_id", None),): 404,
        (("address_id", "999999"),): 404, (("address_id", None),): 404,
        (("shipping_method", "zeppelin"),): 404,
    }
    for change, status in bad.items():
        r = deposit_form(client, c, sku, buyer, **dict(change))
        assert r.status_code == status, (change, r.text[:300])
        assert 'data-testid="presale-error"' in r.text and 'data-testid="presale-page"' in r.text
    assert deposit_form(client, c, sku, buyer, csrf="forged").status_code == 403
    _nothing_kept(db, c, sku, 0, 0)

    r = deposit_form(client, c, sku, buyer, quantity="2", price_fen="1", unit_price_fen="1")
    number = placed_number(r)  # a sent price is ignored
    pay = client.get(r.headers["location"]).text
    assert 'data-stage="deposit"' in pay and 'data-testid="pay-amount">¥20.00<' in pay
    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        adj = tx.scalars(select(Adjustment)).one()
        assert (order.campaign, order.deposit_fen, order.subtotal_fen) == (
            f"presale:{c}", 2 * DEPOSIT, 2 * 9900)
        assert order.total_fen == 2 * UNIT + order.shipping_fen and order.ship_hold
        assert (adj.step, adj.label, adj.amount_fen) == ("campaign", "预售", 2 * (9900 - UNIT))
        row = tx.scalars(select(PresaleOrder)).one()
        assert (row.state, row.quantity, row.deposit_fen, row.balance_fen) == (
            "deposit_due", 2, 2 * DEPOSIT, 2 * BALANCE + order.shipping_fen)
    again = deposit_form(client, c, sku, buyer)
    assert again.status_code == 409 and "您已达到该预售的限购数量" in again.text
    _nothing_kept(db, c, sku, 1, 2)

    other = make_buyer(db, "13800000002")
    with TestClient(app) as two:
        page_login(two, other["phone"])
        over = deposit_form(two, c, sku, other, quantity="2")
        assert over.status_code == 409 and "预售名额已抢完" in over.text
        placed_number(deposit_form(two, c, sku, other))
        full = two.get(f"/presale/{c}?sku={sku}").text
    assert "3 件已全部预订" in full and 'data-testid="presale-pay" disabled' in full
    third = make_buyer(db, "13800000003")
    with TestClient(app) as three:
        page_login(three, third["phone"])
        assert deposit_form(three, c, sku, third).status_code == 409
    _nothing_kept(db, c, sku, 2, 3)


def test_the_windows_and_the_campaigns_state_refuse_deposits(
        client: Any, db: Database, market: dict, buyer: dict) -> None:
    sku = market["tee"]["skus"][0]
    later = make_campaign(db, (sku,), starts=utcnow() + timedelta(hours=2))
    draft = make_campaign(db, (sku,), publish=False)
    page_login(client, buyer["phone"])
    soon = client.get(f"/presale/{later}?sku={sku}").text
    assert 'data-testid="presale-starts"' in soon and 'data-testid="presale-pay" disabled' in soon
    r = deposit_form(client, later, sku, buyer)
    assert r.status_code == 409 and "定金支付尚未开始" in r.text
    now = utcnow()
    move_deposit_window(db, later, now - timedelta(days=1), now - timedelta(minutes=1))
    r = deposit_form(client, later, sku, buyer)
    assert r.status_code == 409 and "定金支付已结束" in r.text
    assert 'data-testid="presale-waiting"' in r.text  # between the windows: balance from …
    with db.transaction() as tx:
        presale.move_campaign(tx, later, "cancelled")
    r = deposit_form(client, later, sku, buyer)
    assert r.status_code == 409 and "该预售活动已取消" in r.text
    assert client.get(f"/presale/{draft}").status_code == 404
    assert client.get(f"/presale/{later}?sku=999999").status_code == 404
    assert client.get("/presale/999999").status_code == 404
    forged = client.post(f"/presale/{draft}/deposit", data={"csrf": "x"})
    assert forged.status_code == 403
    assert count(db, Order) == 0


def test_a_guest_posting_the_form_is_sent_to_sign_in(client: Any, db: Database,
                                                     market: dict) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,))
    assert 'data-testid="presale-login"' in client.get(f"/presale/{c}?sku={sku}").text
    csrf = csrf_of(client.get("/account/login").text)
    r = client.post(f"/presale/{c}/deposit", data={"csrf": csrf, "sku_id": str(sku)},
                    follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/account/login?next=%2Fpresale%2F{c}%3Fsku%3D{sku}"
