"""A payment that did not go through (any provider's "failed" or "closed" for an attempt) is
told to the shopper on their order page, with the pay button still there, and kept on the
order's timeline (provider, amount, time) for the shopper and the merchant; once only."""

from __future__ import annotations

import re

from starlette.testclient import TestClient

from mercato.payments.adapters.sandbox import SandboxGateway
from tests.members.conftest import page_login
from tests.payments.order_helpers import (
    order_state,
    pay_in_sandbox,
    placed_order,
    timeline,
    use_gateway,
)

FAILED_NOTICE = 'data-testid="payment-failed"'


def yuan(fen: int) -> str:
    return f"¥{fen // 100}.{fen % 100:02d}"


def _entries(html: str, kind: str) -> list[str]:
    """The text of the page's timeline items of one kind (storefront and admin mark them)."""
    found = re.findall(rf'<(?:li|tr) data-kind="{kind}"[^>]*>(.*?)</(?:li|tr)>', html, re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", f)).strip() for f in found]


def test_failed_sandbox_payment_is_told_and_kept_on_the_timeline(
    admin, db, market, buyer, settings
):
    client = admin  # signed in as staff too: the merchant's page is checked at the end
    number, total, h = placed_order(client, db, market, buyer)
    page_login(client, buyer["phone"])
    page = pay_in_sandbox(client, number, "fail").text
    notice = re.search(rf"<p [^>]*{FAILED_NOTICE}[^>]*>(.*?)</p>", page, re.S)
    assert notice, page
    assert "未成功" in notice.group(1) and "重新支付" in notice.group(1)
    assert "演示支付" in notice.group(1) and yuan(total) in notice.group(1)
    assert 'data-testid="pay-link"' in page  # still payable: the button is there
    [entry] = _entries(page, "payment")
    assert "支付失败" in entry and "演示支付" in entry and yuan(total) in entry
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", entry)
    assert order_state(db, number)[0] == "pending_payment"

    staff_page = client.get(f"/admin/orders/{number}").text
    [row] = _entries(staff_page, "payment")
    assert "支付失败" in row and "演示支付" in row and yuan(total) in row
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", row)

    order = client.get(f"/api/v1/orders/{number}", headers=h).json()
    [failed] = [t for t in order["timeline"] if t["kind"] == "payment"]
    assert failed["to_status"] == "failed" and failed["actor"] == "payments:sandbox"
    assert failed["amount_fen"] == total and failed["reason"] == f"{number}01"


def test_paying_again_after_a_failure_clears_the_notice_not_the_history(client, db, market, buyer):
    number, _, _ = placed_order(client, db, market, buyer)
    page_login(client, buyer["phone"])
    assert FAILED_NOTICE in pay_in_sandbox(client, number, "fail").text
    page = pay_in_sandbox(client, number, "pay").text
    assert order_state(db, number) == ("paid", 1, 1)
    assert FAILED_NOTICE not in page and 'data-testid="pay-link"' not in page
    assert len(_entries(page, "payment")) == 1
    assert client.get(f"/account/orders/{number}?lang=en").text.count("Payment failed") == 1


def test_a_redelivered_or_repeated_failure_adds_no_second_entry(
    client, db, market, buyer, settings
):
    number, total, h = placed_order(client, db, market, buyer)
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "sandbox", "channel": "page"},
        headers=h,
    )
    no = r.json()["out_trade_no"]
    gw = SandboxGateway(settings.secret_key)
    headers, raw = gw.notification(no, total, False)
    for _ in range(3):  # the same notification delivered again
        r = client.post("/api/v1/payments/notify/sandbox", content=raw, headers=headers)
        assert r.status_code == 200
    again, raw2 = gw.notification(no, total, False)  # another one for the same attempt
    assert client.post("/api/v1/payments/notify/sandbox", content=raw2, headers=again).is_success
    assert timeline(db, number, "payment") == [("failed", "payments:sandbox", no)]


def test_an_alipay_trade_closed_unpaid_is_a_failed_payment(client, db, market, buyer, alipay):
    fake, gateway, _ = alipay
    use_gateway(client, fake, gateway, "alipay")
    number, total, h = placed_order(client, db, market, buyer)
    pay = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "alipay", "channel": "page"},
        headers=h,
    ).json()
    TestClient(fake.app).get(pay["url"].replace("http://testserver", ""))  # trade opened
    closed = {"trade_status": "TRADE_CLOSED"}  # e.g. past its time_expire, never paid
    closed_note = fake.build_notification(pay["out_trade_no"], overrides=closed)
    assert fake.deliver(closed_note) == (200, "success")
    assert timeline(db, number, "payment") == [("failed", "payments:alipay", pay["out_trade_no"])]
    page_login(client, buyer["phone"])
    page = client.get(f"/account/orders/{number}").text
    assert FAILED_NOTICE in page and "支付宝" in page and 'data-testid="pay-link"' in page
    assert yuan(total) in _entries(page, "payment")[0]


def test_a_failure_after_the_order_was_paid_or_cancelled_is_no_news(
    client, db, market, buyer, settings
):
    gw = SandboxGateway(settings.secret_key)
    number, total, h = placed_order(client, db, market, buyer)
    body = {"provider": "sandbox", "channel": "page"}
    first = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=h).json()
    second = client.post(f"/api/v1/orders/{number}/payments", json=body, headers=h).json()
    headers, raw = gw.notification(second["out_trade_no"], total, True)
    assert client.post("/api/v1/payments/notify/sandbox", content=raw, headers=headers).is_success
    headers, raw = gw.notification(first["out_trade_no"], total, False)  # the abandoned one
    assert client.post("/api/v1/payments/notify/sandbox", content=raw, headers=headers).is_success
    assert timeline(db, number, "payment") == []
