"""Orders paid through the real WeChat Pay and Alipay adapters, talking to the local fake
servers, whose notifications reach the shop's own notify endpoint; and reconciliation."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import update
from starlette.testclient import TestClient

from mercato.payments.adapters.tables import Payment
from mercato.payments.services.common import now
from mercato.payments.services.reconcile import reconcile
from tests.payments.order_helpers import order_state, placed_order, use_gateway


def test_wechatpay_native_order_paid_by_notification(client, db, market, buyer, wechat):
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, total, h = placed_order(client, db, market, buyer)
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "wechatpay", "channel": "native"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    pay = r.json()
    assert pay["action"] == "qr" and pay["url"]  # the fake hands out a pay-page link
    assert fake.orders[pay["out_trade_no"]]["amount"]["total"] == total
    fake.pay(pay["out_trade_no"])
    note = fake.build_notification(pay["out_trade_no"])
    assert urlsplit(note.url).path == "/api/v1/payments/notify/wechatpay"
    for _ in range(2):  # redelivered: acknowledged both times, applied once
        assert fake.deliver(note)[0] in (200, 204)
    assert order_state(db, number) == ("paid", 1, 1)


def test_wechatpay_forged_and_altered_notifications_refused(client, db, market, buyer, wechat):
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, _, h = placed_order(client, db, market, buyer)
    no = client.post(
        f"/api/v1/orders/{number}/payments", json={"provider": "wechatpay"}, headers=h
    ).json()["out_trade_no"]
    fake.pay(no)
    altered = fake.build_notification(no, plain_overrides={"amount": {"total": 1}})
    other_mch = fake.build_notification(no, plain_overrides={"mchid": "1900000999"})
    forged = fake.build_notification(no)
    forged = type(forged)(forged.url, forged.headers, forged.body.replace(b"SUCCESS", b"SUCCES5"))
    for bad in (altered, other_mch, forged):
        status, text = fake.deliver(bad)
        assert status >= 400 and "FAIL" in text, text
    assert order_state(db, number)[0] == "pending_payment"


def test_alipay_page_pay(client, db, market, buyer, alipay):
    fake, gateway, _ = alipay
    use_gateway(client, fake, gateway, "alipay")
    number, _, h = placed_order(client, db, market, buyer)
    pay = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "alipay", "channel": "page"},
        headers=h,
    ).json()
    assert pay["action"] == "redirect"
    cashier = TestClient(fake.app).get(pay["url"].replace("http://testserver", ""))
    assert cashier.status_code == 200  # the fake opened the trade from the signed link
    fake.pay(pay["out_trade_no"])
    status, text = fake.deliver(fake.build_notification(pay["out_trade_no"]))
    assert (status, text) == (200, "success")
    altered = fake.build_notification(pay["out_trade_no"], overrides={"total_amount": "0.01"})
    assert fake.deliver(altered)[1] == "fail"
    assert order_state(db, number) == ("paid", 1, 1)


def test_reconciliation_finds_a_payment_whose_notification_never_came(
    client, db, market, buyer, wechat
):
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, _, h = placed_order(client, db, market, buyer)
    no = client.post(
        f"/api/v1/orders/{number}/payments", json={"provider": "wechatpay"}, headers=h
    ).json()["out_trade_no"]
    assert reconcile(db, {"wechatpay": gateway}) == {}  # too fresh: wait for the notification
    with db.transaction() as tx:
        tx.execute(update(Payment).values(created_at=now() - timedelta(minutes=5)))
    assert reconcile(db, {"wechatpay": gateway}) == {}  # still unpaid at the provider
    fake.pay(no)  # paid, but the notification is lost
    assert reconcile(db, {"wechatpay": gateway}) == {"paid": 1}
    assert order_state(db, number) == ("paid", 1, 1)
    assert fake.deliver(fake.build_notification(no))[0] in (200, 204)  # late one: no change
    assert order_state(db, number) == ("paid", 1, 1)
    assert reconcile(db, {"wechatpay": gateway}) == {}


def test_wechat_pay_page_draws_the_qr_code(client, db, market, buyer, wechat):
    from tests.members.conftest import page_login
    from tests.payments.order_helpers import csrf_of

    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, _, _ = placed_order(client, db, market, buyer)
    page_login(client, buyer["phone"])
    pay = client.get(f"/account/orders/{number}/pay")
    assert 'data-testid="provider-wechatpay"' in pay.text
    r = client.post(
        f"/account/orders/{number}/pay", data={"csrf": csrf_of(pay.text), "provider": "wechatpay"}
    )
    assert r.status_code == 200 and 'data-testid="pay-qr-code"' in r.text
    assert "<svg" in r.text and f"/pay/{number}01" in r.text  # the fake's code_url


def test_late_alipay_payment_for_a_cancelled_order_is_refunded(client, db, market, buyer, alipay):
    from sqlalchemy import select

    from mercato.payments.services import reconcile as rec
    from mercato.payments.services.refunds import refund_due

    fake, gateway, _ = alipay
    use_gateway(client, fake, gateway, "alipay")
    number, total, h = placed_order(client, db, market, buyer)
    pay = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "alipay", "channel": "page"},
        headers=h,
    ).json()
    assert client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=h).status_code == 200
    with db.transaction() as tx:  # what the order_cancelled subscriber does
        assert rec.close_for_order(tx, number) == 1
    assert rec.close_at_providers(db, {"alipay": gateway}) == {"closed": 1}
    # The shopper still had the signed link open: the trade is created and paid late.
    TestClient(fake.app).get(pay["url"].replace("http://testserver", ""))
    fake.pay(pay["out_trade_no"])
    assert fake.deliver(fake.build_notification(pay["out_trade_no"]))[1] == "success"
    assert order_state(db, number)[0] == "cancelled"
    assert refund_due(db, {"alipay": gateway}) == {"refunded": 1}
    assert refund_due(db, {"alipay": gateway}) == {}  # refunded once
    with db.reading() as tx:
        assert tx.scalars(select(Payment.status)).one() == "refunded"
    assert fake.trades[pay["out_trade_no"]]["refunded"] == total


def test_provider_trades_expire_with_the_order(client, db, market, buyer, wechat):
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, _, h = placed_order(client, db, market, buyer)
    no = client.post(
        f"/api/v1/orders/{number}/payments", json={"provider": "wechatpay"}, headers=h
    ).json()["out_trade_no"]
    order = client.get(f"/api/v1/orders/{number}", headers=h).json()
    expire = fake.orders[no]["time_expire"]
    assert expire.endswith("+08:00")
    from datetime import datetime

    deadline = datetime.fromisoformat(order["pay_deadline"])  # the API's carries its offset
    assert order["pay_deadline"].endswith("+08:00")
    assert datetime.fromisoformat(expire) == deadline.replace(microsecond=0)


def test_unsupported_channels_are_422_not_502(client, db, market, buyer, alipay):
    fake, gateway, _ = alipay
    use_gateway(client, fake, gateway, "alipay")
    number, _, h = placed_order(client, db, market, buyer)
    for channel in ("native", "h5"):
        r = client.post(
            f"/api/v1/orders/{number}/payments",
            json={"provider": "alipay", "channel": channel},
            headers=h,
        )
        assert r.status_code == 422 and r.json()["error"]["code"] == "payments.unsupported_channel"
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "alipay", "channel": "jsapi"},
        headers=h,
    )
    assert r.status_code == 422
