"""Refunds of paid orders: a paid order closed by staff, or money arriving after the order was
cancelled, is refunded through the provider it came through, once, in full; the shopper and
the merchant see the refund (amount, status, time) on the order pages, its timeline and the
order JSON."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select

from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import RefundResult
from mercato.payments.services import refunds
from tests.members.conftest import page_login
from tests.payments.order_helpers import (
    deliver_events,
    order_state,
    pay_in_sandbox,
    placed_order,
    timeline,
)
from tests.payments.test_failed_payment_shown import _entries, yuan


@dataclass
class Refunder:
    """The sandbox, answering refunds with the given statuses in turn, and counting calls."""

    real: SandboxGateway
    answers: list[str] = field(default_factory=lambda: ["success"])
    calls: list[tuple[str, str, int, int]] = field(default_factory=list)
    name: str = "sandbox"

    def __getattr__(self, attr: str):  # type: ignore[no-untyped-def]
        return getattr(self.real, attr)

    def refund(self, out_trade_no: str, refund_no: str, amount: int, total: int) -> RefundResult:
        self.calls.append((out_trade_no, refund_no, amount, total))
        status = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return RefundResult(refund_no, "SBXR1", status, amount)  # type: ignore[arg-type]


def _payment_status(db) -> str:  # type: ignore[no-untyped-def]
    with db.reading() as tx:
        return tx.scalars(select(Payment.status)).one()


def _refund_block(html: str) -> str:
    found = re.search(r'data-testid="refunds"[^>]*>(.*?)</(?:table|section|div)>', html, re.S)
    assert found, "no refund block on the page"
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1)))


def _close_paid_order(admin, db, market, buyer, api_headers, settings):  # type: ignore[no-untyped-def]
    number, total, h = placed_order(admin, db, market, buyer)
    page_login(admin, buyer["phone"])
    pay_in_sandbox(admin, number, "pay")
    assert order_state(db, number)[0] == "paid"
    r = admin.post(
        f"/api/v1/admin/orders/{number}/status",
        json={"status": "closed", "reason": "缺货，无法发货"},
        headers=api_headers,
    )
    assert r.status_code == 200, r.text
    deliver_events(db, settings)
    return number, total, h


def test_staff_closing_a_paid_order_refunds_it_once(
    client, db, market, buyer, api_headers, settings
):
    number, total, h = _close_paid_order(client, db, market, buyer, api_headers, settings)
    no = f"{number}01"
    assert _payment_status(db) == "refund_due"
    due = client.get(f"/api/v1/orders/{number}", headers=h).json()["refunds"]
    assert [(r["reference"], r["provider"], r["amount_fen"], r["status"]) for r in due] == [
        (no, "sandbox", total, "due")
    ]
    gateway = Refunder(SandboxGateway(settings.secret_key))
    assert refunds.refund_due(db, {"sandbox": gateway}) == {"refunded": 1}
    assert refunds.refund_due(db, {"sandbox": gateway}) == {}  # the job runs again
    deliver_events(db, settings)  # what the refund recorded is handled: nothing more owed
    with db.transaction() as tx:  # the closed event handled again (redelivered)
        assert refunds.refund_closed_order(tx, number) == 0
    assert gateway.calls == [(no, f"{no}R", total, total)]  # once, in full, same provider
    assert _payment_status(db) == "refunded"
    assert timeline(db, number, "refund") == [
        ("due", "payments:sandbox", no),
        ("refunded", "payments:sandbox", no),
    ]
    [done] = client.get(f"/api/v1/orders/{number}", headers=h).json()["refunds"]
    assert (done["status"], done["amount_fen"]) == ("refunded", total)
    assert done["started_at"] <= done["updated_at"]
    staff = client.get(f"/api/v1/admin/orders/{number}", headers=api_headers).json()
    assert [(r["status"], r["amount_fen"]) for r in staff["refunds"]] == [("refunded", total)]
    assert [t["to_status"] for t in staff["timeline"] if t["kind"] == "refund"] == [
        "due",
        "refunded",
    ]


def test_the_refund_is_shown_on_the_shoppers_and_the_merchants_order_page(
    admin, db, market, buyer, api_headers, settings
):
    number, total, _ = _close_paid_order(admin, db, market, buyer, api_headers, settings)
    assert "待退款" in _refund_block(admin.get(f"/account/orders/{number}").text)
    assert "待退款" in _refund_block(admin.get(f"/admin/orders/{number}").text)
    assert refunds.refund_due(db, {"sandbox": SandboxGateway(settings.secret_key)})

    page = admin.get(f"/account/orders/{number}").text
    block = _refund_block(page)
    assert "已退款" in block and yuan(total) in block and "演示支付" in block
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", block)
    started, completed = _entries(page, "refund")
    assert "退款已发起" in started and yuan(total) in started
    assert "退款已完成" in completed and yuan(total) in completed

    staff_page = admin.get(f"/admin/orders/{number}").text
    staff_block = _refund_block(staff_page)
    assert "已退款" in staff_block and yuan(total) in staff_block and "演示支付" in staff_block
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d", staff_block)
    rows = _entries(staff_page, "refund")
    assert len(rows) == 2 and "退款已发起" in rows[0] and "退款已完成" in rows[1]
    assert yuan(total) in rows[0] and "演示支付" in rows[0]


def test_money_after_cancel_is_refunded_and_shown(client, db, market, buyer, settings):
    number, total, h = placed_order(client, db, market, buyer)
    gw = SandboxGateway(settings.secret_key)
    no = client.post(
        f"/api/v1/orders/{number}/payments", json={"provider": "sandbox"}, headers=h
    ).json()["out_trade_no"]
    assert client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=h).status_code == 200
    headers, raw = gw.notification(no, total, True)
    for _ in range(2):  # the late payment, delivered twice
        assert client.post(
            "/api/v1/payments/notify/sandbox", content=raw, headers=headers
        ).is_success
    assert order_state(db, number)[0] == "cancelled"
    assert timeline(db, number, "refund") == [("due", "payments:sandbox", no)]
    page_login(client, buyer["phone"])
    block = _refund_block(client.get(f"/account/orders/{number}").text)
    assert "待退款" in block and yuan(total) in block
    assert refunds.refund_due(db, {"sandbox": gw}) == {"refunded": 1}
    english = client.get(f"/account/orders/{number}?lang=en").text
    assert "Refunded" in _refund_block(english)
    [r] = client.get(f"/api/v1/orders/{number}", headers=h).json()["refunds"]
    assert (r["status"], r["amount_fen"], r["reference"]) == ("refunded", total, no)


def test_a_refund_the_provider_is_still_processing_then_completes(
    admin, db, market, buyer, api_headers, settings
):
    number, total, h = _close_paid_order(admin, db, market, buyer, api_headers, settings)
    gateway = Refunder(SandboxGateway(settings.secret_key), ["processing", "processing", "success"])
    assert refunds.refund_due(db, {"sandbox": gateway}) == {"refunding": 1}
    assert "退款中" in _refund_block(admin.get(f"/account/orders/{number}").text)
    assert refunds.refund_due(db, {"sandbox": gateway}) == {"refunding": 1}  # asked again
    assert [s for s, _, _ in timeline(db, number, "refund")] == ["due", "refunding"]
    assert refunds.refund_due(db, {"sandbox": gateway}) == {"refunded": 1}
    assert refunds.refund_due(db, {"sandbox": gateway}) == {}
    assert [s for s, _, _ in timeline(db, number, "refund")] == ["due", "refunding", "refunded"]
    # The same refund, in full, every time it is asked about.
    assert set(gateway.calls) == {(f"{number}01", f"{number}01R", total, total)}
    [r] = admin.get(f"/api/v1/orders/{number}", headers=h).json()["refunds"]
    assert r["status"] == "refunded"


def test_a_refund_the_provider_refuses_is_shown_as_failed_and_left_to_staff(
    admin, db, market, buyer, api_headers, settings
):
    number, total, h = _close_paid_order(admin, db, market, buyer, api_headers, settings)
    gateway = Refunder(SandboxGateway(settings.secret_key), ["failed"])
    assert refunds.refund_due(db, {"sandbox": gateway}) == {"refund_failed": 1}
    assert refunds.refund_due(db, {"sandbox": gateway}) == {}  # not sent again by itself
    assert len(gateway.calls) == 1
    assert [s for s, _, _ in timeline(db, number, "refund")] == ["due", "failed"]
    [r] = admin.get(f"/api/v1/orders/{number}", headers=h).json()["refunds"]
    assert (r["status"], r["amount_fen"]) == ("failed", total)
    assert "退款失败" in _refund_block(admin.get(f"/account/orders/{number}").text)
    assert "退款失败" in _refund_block(admin.get(f"/admin/orders/{number}").text)


def test_the_payment_told_again_after_its_refund_is_not_taken_or_refunded_again(
    admin, db, market, buyer, api_headers, settings
):
    number, total, _ = _close_paid_order(admin, db, market, buyer, api_headers, settings)
    gateway = Refunder(SandboxGateway(settings.secret_key))
    assert refunds.refund_due(db, {"sandbox": gateway}) == {"refunded": 1}
    # A provider may tell of the same payment again under a new id (Alipay's TRADE_FINISHED).
    headers, raw = gateway.notification(f"{number}01", total, True)
    assert admin.post("/api/v1/payments/notify/sandbox", content=raw, headers=headers).is_success
    deliver_events(db, settings)
    assert _payment_status(db) == "refunded"
    assert refunds.refund_due(db, {"sandbox": gateway}) == {}
    assert len(gateway.calls) == 1
    assert [s for s, _, _ in timeline(db, number, "refund")] == ["due", "refunded"]
    assert order_state(db, number) == ("closed", 1, 1)
