"""The payment centre with real orders: attempts, the sandbox gateway, verified, amount-
checked and idempotent notifications, paid-after-cancel, reconciliation."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from sqlalchemy import select

from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.adapters.tables import Payment
from mercato.platform.outbox import OutboxRow
from tests.payments.order_helpers import csrf_of, order_state, placed_order


def _sandbox_payment(client, number, h, **kw):
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "sandbox", "channel": "page", **kw},
        headers=h,
    )
    assert r.status_code == 201, r.text
    return r.json()


def test_sandbox_pay_page_pays_the_order(client, db, market, buyer):
    number, total, h = placed_order(client, db, market, buyer)
    pay = _sandbox_payment(client, number, h)
    assert pay["amount_fen"] == total and pay["action"] == "redirect"
    page = client.get(pay["url"])
    assert page.status_code == 200 and "sandbox-amount" in page.text
    token = dict(p.split("=", 1) for p in urlsplit(pay["url"]).query.split("&"))["t"]
    from urllib.parse import unquote

    r = client.post(
        urlsplit(pay["url"]).path,
        data={"csrf": csrf_of(page.text), "t": unquote(token), "outcome": "pay"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == f"/account/orders/{number}"
    assert order_state(db, number) == ("paid", 1, 1)
    with db.reading() as tx:
        p = tx.scalars(select(Payment)).one()
        assert (p.status, p.out_trade_no) == ("paid", f"{number}01")


def test_forged_token_and_attempt_for_paid_order(client, db, market, buyer):
    number, _, h = placed_order(client, db, market, buyer)
    pay = _sandbox_payment(client, number, h)
    bad = pay["url"].replace("?t=", "?t=x")
    assert client.get(bad).status_code == 404
    assert client.get(f"/pay/sandbox/{number}99?" + urlsplit(pay["url"]).query).status_code == 404


def _notify(client, gw: SandboxGateway, no: str, amount: int, paid: bool = True, body=None):
    headers, raw = gw.notification(no, amount, paid)
    return client.post("/api/v1/payments/notify/sandbox", content=body or raw, headers=headers)


def test_notifications_verified_amount_checked_idempotent(client, db, market, buyer, settings):
    number, total, h = placed_order(client, db, market, buyer)
    no = _sandbox_payment(client, number, h)["out_trade_no"]
    gw = SandboxGateway(settings.secret_key)
    forger = SandboxGateway("another-secret-key-that-is-long-enough")
    assert _notify(client, forger, no, total).status_code == 400
    assert _notify(client, gw, no, total - 1).status_code == 400  # amount altered
    assert _notify(client, gw, f"{number}07", total).status_code == 400  # unknown trade
    headers, raw = gw.notification(no, total, True)
    tampered = raw.replace(str(total).encode(), str(total + 100).encode())
    r = client.post("/api/v1/payments/notify/sandbox", content=tampered, headers=headers)
    assert r.status_code == 400
    assert order_state(db, number) == ("pending_payment", 0, 0)
    for _ in range(3):  # the same notification redelivered
        r = client.post("/api/v1/payments/notify/sandbox", content=raw, headers=headers)
        assert r.status_code == 200 and r.json() == {"code": "SUCCESS"}
    assert _notify(client, gw, no, total).status_code == 200  # a second, different one
    assert order_state(db, number) == ("paid", 1, 1)


def test_failed_notification_keeps_order_payable(client, db, market, buyer, settings):
    number, total, h = placed_order(client, db, market, buyer)
    no = _sandbox_payment(client, number, h)["out_trade_no"]
    gw = SandboxGateway(settings.secret_key)
    assert _notify(client, gw, no, total, paid=False).status_code == 200
    assert order_state(db, number)[0] == "pending_payment"
    second = _sandbox_payment(client, number, h)
    assert second["out_trade_no"] == f"{number}02"
    with db.reading() as tx:
        names = [r.name for r in tx.scalars(select(OutboxRow))]
    assert "payments.payment_failed.v1" in names


def test_paid_after_cancel_is_refund_due(client, db, market, buyer, settings):
    number, total, h = placed_order(client, db, market, buyer)
    no = _sandbox_payment(client, number, h)["out_trade_no"]
    assert client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=h).status_code == 200
    assert _notify(client, SandboxGateway(settings.secret_key), no, total).status_code == 200
    assert order_state(db, number)[0] == "cancelled"
    with db.reading() as tx:
        assert tx.scalars(select(Payment.status)).one() == "refund_due"
        due = [
            json.loads(r.payload)
            for r in tx.scalars(select(OutboxRow).where(OutboxRow.name == "payments.refund_due.v1"))
        ]
    assert due[0]["order_number"] == number and due[0]["reason"] == "orders.not_payable"


def test_payment_attempt_rules(client, db, market, buyer):
    number, _, h = placed_order(client, db, market, buyer)
    r = client.post(f"/api/v1/orders/{number}/payments", json={"provider": "wechatpay"}, headers=h)
    assert r.status_code == 404 and r.json()["error"]["code"] == "payments.unknown_provider"
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "sandbox", "amount_fen": 1},
        headers=h,
    )
    assert r.status_code == 422
    from tests.orders.conftest import make_buyer
    from tests.payments.order_helpers import token

    other = make_buyer(db, "13800000002")
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "sandbox"},
        headers=token(client, other["phone"]),
    )
    assert r.status_code == 404
    hk = {**h, "Idempotency-Key": "pay-1"}
    a = client.post(f"/api/v1/orders/{number}/payments", json={"provider": "sandbox"}, headers=hk)
    b = client.post(f"/api/v1/orders/{number}/payments", json={"provider": "sandbox"}, headers=hk)
    assert a.status_code == b.status_code == 201 and a.json() == b.json()
    listed = client.get(f"/api/v1/orders/{number}/payments", headers=h).json()
    assert [p["out_trade_no"] for p in listed] == [f"{number}01"]


def test_two_attempts_both_paid_one_success_one_refund(client, db, market, buyer, settings):
    number, total, h = placed_order(client, db, market, buyer)
    first = _sandbox_payment(client, number, h)["out_trade_no"]
    second = _sandbox_payment(client, number, h)["out_trade_no"]
    gw = SandboxGateway(settings.secret_key)
    assert _notify(client, gw, second, total).status_code == 200
    assert _notify(client, gw, first, total).status_code == 200
    with db.reading() as tx:
        rows = dict(tx.execute(select(Payment.out_trade_no, Payment.status)).all())
    assert rows == {second: "paid", first: "refund_due"}
    assert order_state(db, number) == ("paid", 1, 1)


def test_provider_outage_is_not_stored_under_the_idempotency_key(
    client, db, market, buyer, settings
):
    from mercato.payments.domain import ProviderError

    real = SandboxGateway(settings.secret_key)
    calls = []

    class Flaky:
        name = "sandbox"

        def __getattr__(self, attr):  # type: ignore[no-untyped-def]
            return getattr(real, attr)

        def create(self, intent):  # type: ignore[no-untyped-def]
            calls.append(intent.out_trade_no)
            if len(calls) == 1:
                raise ProviderError("payments.provider_unreachable", "down")
            return real.create(intent)

    client.app.state.gateways = {"sandbox": Flaky()}
    number, _, h = placed_order(client, db, market, buyer)
    hk = {**h, "Idempotency-Key": "retry-me"}
    body = {"provider": "sandbox", "channel": "page"}
    first = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=hk)
    assert first.status_code == 502
    again = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=hk)
    assert again.status_code == 201 and "Idempotent-Replayed" not in again.headers
    with db.reading() as tx:
        rows = dict(tx.execute(select(Payment.out_trade_no, Payment.status)).all())
    assert rows == {f"{number}01": "failed", f"{number}02": "pending"}
