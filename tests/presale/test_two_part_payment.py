"""A presale order end to end, paid in the sandbox and followed through events: the deposit
(the order still awaits its balance, which cannot be paid before its window), one reminder
text, the balance (the order paid), then its goods come in and it ships. Unpaid by the end
of the balance window the order is cancelled, its units go back to the plan and its deposit
is kept or refunded by the campaign's rule. A second paid deposit is refunded; the service
refuses every bad deposit with nothing kept."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from mercato import events
from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError
from mercato.messaging import public as messaging
from mercato.orders.adapters.tables import Order
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.presale import public as presale
from mercato.presale.adapters.tables import PresaleOrder
from tests.checkout.conftest import csrf_of
from tests.groupbuy.helpers import deliver, wired_bus
from tests.members.conftest import page_login
from tests.orders.conftest import ADDRESS, make_buyer
from tests.payments.conftest import alipay, merchant_keys  # noqa: F401  (fixtures)
from tests.payments.order_helpers import pay_in_sandbox, timeline, token
from tests.presale.helpers import (
    DEPOSIT,
    attempts,
    close_balance,
    count,
    deposit_form,
    held,
    item_row,
    make_campaign,
    move_deposit_window,
    open_balance,
    open_cashier,
    order_row,
    outbox_names,
    pay_at_cashier,
    placed_number,
    presale_state,
)


def _inbox(client: Any, phone: str) -> list[str]:
    items = client.get("/sandbox/messages/inbox.json").json()["items"]
    return [m["text"] for m in items if m.get("to") == phone]


def test_deposit_then_balance_then_the_goods_come_in(client: Any, db: Database, market: dict,
                                                      buyer: dict, settings: Any) -> None:
    sku = market["tee"]["skus"][0]
    with db.transaction() as tx:  # sold ahead of its stock: none on hand yet
        inventory.set_stock(tx, sku, market["warehouse"], 0)
    c = make_campaign(db, (sku,), planned=5)
    bus = wired_bus(settings)
    page_login(client, buyer["phone"])
    number = placed_number(deposit_form(client, c, sku, buyer))
    total = order_row(db, number).total_fen

    done = pay_in_sandbox(client, number)  # the deposit, the part due now
    order = order_row(db, number)
    assert (order.status, order.deposit_paid_at is not None, order.paid_at) == (
        "pending_payment", True, None)
    assert order.pay_deadline == order.balance_until  # unpaid by then, the order ends
    assert attempts(db, number) == [("deposit", "paid", DEPOSIT)]
    assert 'data-testid="deposit-part" data-paid="yes"' in done.text
    assert 'data-testid="balance-opens"' in done.text and 'data-testid="pay-link"' not in done.text
    assert "待付尾款" in done.text and "定金已付" in done.text
    deliver(db, bus)
    assert presale_state(db, number) == "deposit_paid"

    # Before its window the balance cannot be paid: the pay page says so, the API refuses.
    pay = client.get(f"/account/orders/{number}/pay").text
    assert 'data-testid="pay-waiting"' in pay and 'data-testid="pay-submit"' not in pay
    assert f'data-testid="pay-amount">¥{(total - DEPOSIT) / 100:.2f}<' in pay
    api = client.post(f"/api/v1/orders/{number}/payments", json={"provider": "sandbox",
                      "channel": "page"}, headers=token(client, buyer["phone"]))
    assert api.status_code == 409 and api.json()["error"]["code"] == "orders.balance_not_open"
    sender = messaging.from_settings(settings, sms_client=client)
    assert presale.remind_balances(db, sender, "zh_CN", utcnow()) == 0  # not open yet

    ends = open_balance(db, c)
    at = ends - timedelta(hours=1)  # the reminder's time: 24 hours before the end, or later
    assert presale.remind_balances(db, sender, "zh_CN", at) == 1
    assert presale.remind_balances(db, sender, "zh_CN", at) == 0  # once
    texts = _inbox(client, ADDRESS["phone"])
    assert len(texts) == 1 and number in texts[0] and "尾款" in texts[0], texts

    page = client.get(f"/account/orders/{number}").text
    assert 'data-testid="pay-link"' in page and "付尾款" in page
    pay = client.get(f"/account/orders/{number}/pay").text
    assert 'data-stage="balance"' in pay and 'data-testid="pay-submit"' in pay
    paid = pay_in_sandbox(client, number)
    assert order_row(db, number).status == "paid"
    assert 'data-testid="balance-part" data-paid="yes"' in paid.text
    assert attempts(db, number) == [("deposit", "paid", DEPOSIT),
                                    ("balance", "paid", total - DEPOSIT)]
    deliver(db, bus)
    assert presale_state(db, number) == "balance_paid"
    assert order_row(db, number).ship_hold and not outbox_names(db, events.ORDER_RELEASED)

    # Stock comes in: the paid order holds its units and may ship.
    assert presale.ship_ready(db, utcnow()) == 0  # none on hand: it waits
    with db.transaction() as tx:
        inventory.set_stock(tx, sku, market["warehouse"], 10)
    assert presale.ship_ready(db, utcnow()) == 1
    assert presale.ship_ready(db, utcnow()) == 0
    released = [json.loads(p) for p in outbox_names(db, events.ORDER_RELEASED)]
    assert [p["number"] for p in released] == [number]
    assert presale_state(db, number) == "released" and not order_row(db, number).ship_hold
    with db.reading() as tx:
        assert inventory.available(tx, [sku])[sku] == 9


@pytest.mark.parametrize("rule", ["keep", "refund"])
def test_an_unpaid_balance_ends_the_order_by_the_rule(client: Any, db: Database, market: dict,
                                                      buyer: dict, settings: Any,
                                                      rule: str) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,), planned=5, limit=2, rule=rule)
    bus = wired_bus(settings)
    page_login(client, buyer["phone"])
    number = placed_number(deposit_form(client, c, sku, buyer, quantity="2"))
    unpaid = _by_service(db, c, sku, make_buyer(db, "13800000005"))
    pay_in_sandbox(client, number)
    deliver(db, bus)
    item_id = item_row(db, c, sku)[0]
    assert item_row(db, c, sku)[2] == 3 and held(db, item_id)[buyer["id"]] == 2

    close_balance(db, c)
    bus.run_job(db, "orders.cancel_unpaid")  # the orders' payment deadline
    deliver(db, bus)
    assert order_row(db, number).status == order_row(db, unpaid).status == "cancelled"
    assert presale_state(db, number) == presale_state(db, unpaid) == "cancelled"
    assert item_row(db, c, sku)[2] == 0 and held(db, item_id) == {}  # back to the plan
    deposit = [t[0] for t in timeline(db, number, "deposit")]
    assert deposit == ["paid", "kept" if rule == "keep" else "refunded"]
    assert timeline(db, unpaid, "deposit") == []  # never paid: nothing to keep or refund
    if rule == "keep":
        assert attempts(db, number) == [("deposit", "paid", 2 * DEPOSIT)]
        assert timeline(db, number, "refund") == []
    else:
        assert attempts(db, number) == [("deposit", "refund_due", 2 * DEPOSIT)]
        bus.run_job(db, "payments.refund_due")  # the sandbox gives it back
        deliver(db, bus)
        assert attempts(db, number) == [("deposit", "refunded", 2 * DEPOSIT)]
        assert [t[0] for t in timeline(db, number, "refund")] == ["due", "refunded"]
    page = client.get(f"/account/orders/{number}").text
    assert f'data-outcome="{"kept" if rule == "keep" else "refunded"}"' in page
    if rule == "refund":  # the refund is of the deposit, not of the whole order
        assert f'data-status="refunded"><td>演示支付</td><td class="num">¥{DEPOSIT * 2 / 100:.2f}' \
            in page


def _by_service(db: Database, campaign_id: int, sku: int, who: dict[str, Any]) -> str:
    """Another customer's deposit order, never paid."""
    ask = presale.DepositAsk(campaign_id, sku, 1, who["id"], who["address_id"], "express")
    with db.transaction() as tx:
        return presale.place_deposit(tx, ask, "zh_CN", "预售").number


def test_a_second_paid_deposit_is_refunded(client: Any, db: Database, market: dict,
                                           buyer: dict, settings: Any) -> None:
    sku = market["tee"]["skus"][0]
    c = make_campaign(db, (sku,))
    bus = wired_bus(settings)
    page_login(client, buyer["phone"])
    number = placed_number(deposit_form(client, c, sku, buyer))
    first, second = open_cashier(client, number), open_cashier(client, number)
    pay_at_cashier(client, first)
    pay_at_cashier(client, second)  # the money comes, but the deposit is in already
    assert attempts(db, number) == [("deposit", "paid", DEPOSIT),
                                    ("deposit", "refund_due", DEPOSIT)]
    order = order_row(db, number)
    assert order.status == "pending_payment" and order.deposit_paid_at is not None
    # No third deposit: what the order awaits now is its balance, not open yet.
    page = client.get(f"/account/orders/{number}/pay")
    assert 'data-testid="pay-waiting"' in page.text
    r = client.post(f"/account/orders/{number}/pay",
                    data={"csrf": csrf_of(client.get("/account/login").text),
                          "provider": "sandbox"}, follow_redirects=False)
    assert r.status_code == 409 and 'data-testid="pay-waiting"' in r.text
    assert len(attempts(db, number)) == 2
    bus.run_job(db, "payments.refund_due")
    deliver(db, bus)
    assert [a[1] for a in attempts(db, number)] == ["paid", "refunded"]
    shown = client.get(f"/account/orders/{number}").text  # the refund is the deposit's amount
    assert f'<td class="num">¥{DEPOSIT / 100:.2f}</td><td><strong class="status">已退款' in shown
    assert presale_state(db, number) == "deposit_paid"


def test_pay_page_plans_huabei_on_the_part_due(client: Any, db: Database, market: dict,
                                               buyer: dict, alipay: Any) -> None:  # noqa: F811
    sku = market["polo"]["skus"][0]  # ¥199.00
    c = make_campaign(db, (sku,), price=18900, deposit=2000, deduct=3000)
    _, gateway, _ = alipay
    client.app.state.gateways = {"alipay": gateway}
    page_login(client, buyer["phone"])
    number = placed_number(deposit_form(client, c, sku, buyer))
    deposit_page = client.get(f"/account/orders/{number}/pay").text
    assert 'data-testid="pay-amount">¥20.00<' in deposit_page
    assert 'data-testid="pay-instalments"' not in deposit_page  # ¥20 is below Huabei's ¥100
    with db.transaction() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        order.deposit_paid_at, order.deposit_ref = utcnow(), "X" * 16
        order.balance_from = utcnow() - timedelta(minutes=1)
    balance_page = client.get(f"/account/orders/{number}/pay").text
    assert 'data-stage="balance"' in balance_page and 'data-testid="pay-instalments"' in (
        balance_page)


def test_the_service_refuses_bad_deposits_with_nothing_kept(db: Database, market: dict,
                                                            buyer: dict) -> None:
    sku, other_sku = market["tee"]["skus"][:2]
    c = make_campaign(db, (sku,), planned=2, limit=2)
    later = make_campaign(db, (sku,), starts=utcnow() + timedelta(hours=1))

    def ask(campaign: int = c, sku_id: int = sku, quantity: int = 1,
            customer: int = buyer["id"], address: int = buyer["address_id"]) -> str:
        a = presale.DepositAsk(campaign, sku_id, quantity, customer, address, "express")
        with db.transaction() as tx:
            return presale.place_deposit(tx, a, "zh_CN", "预售").number

    def refused(**kw: Any) -> str:
        with pytest.raises(DomainError) as caught:
            ask(**kw)
        return caught.value.code

    assert refused(campaign=later) == "presale.not_started"
    assert refused(sku_id=other_sku) == "presale.item_not_found"
    assert refused(quantity=0) == refused(quantity=3) == "presale.invalid_quantity"
    assert refused(address=999999) == "orders.address_not_found"
    ask(quantity=2)
    assert refused() == "presale.limit_reached"
    other = make_buyer(db, "13800000009")
    assert refused(customer=other["id"], address=other["address_id"]) == "presale.sold_out"
    now = utcnow()
    move_deposit_window(db, c, now - timedelta(days=1), now - timedelta(seconds=1))
    assert refused(customer=other["id"], address=other["address_id"]) == (
        "presale.deposit_closed")
    item_id = item_row(db, c, sku)[0]
    assert (count(db, Order), count(db, PresaleOrder), item_row(db, c, sku)[2]) == (1, 1, 2)
    assert held(db, item_id) == {buyer["id"]: 2}
