"""Retrying a refund from the payments centre: a refund the provider refused, or one that has
not moved for refunds.STUCK, is asked again through the refund service, outside any database
transaction, with the attempt's own refund number (the provider sees one refund); a second
retry changes nothing; the claim and the result are audited as the staff member's writes."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import ProviderError
from mercato.payments.services import refunds
from mercato.platform.audit import AuditEntry
from tests.members.conftest import page_login
from tests.payments.order_helpers import deliver_events, pay_in_sandbox, placed_order, timeline
from tests.payments.test_refunds_shown import Refunder


def _refund_owed(admin, db, market, buyer, api_headers, settings) -> tuple[str, str, int]:  # type: ignore[no-untyped-def]
    """A paid order closed by staff: its payment is owed back. (number, out_trade_no, fen)."""
    number, total, _h = placed_order(admin, db, market, buyer)
    page_login(admin, buyer["phone"])
    pay_in_sandbox(admin, number, "pay")
    r = admin.post(
        f"/api/v1/admin/orders/{number}/status",
        json={"status": "closed", "reason": "缺货"},
        headers=api_headers,
    )
    assert r.status_code == 200, r.text
    deliver_events(db, settings)
    return number, f"{number}01", total


def _status(db: Any, no: str) -> str:
    with db.reading() as tx:
        return str(tx.scalars(select(Payment.status).where(Payment.out_trade_no == no)).one())


def _retry(admin: Any, no: str, **keep: str) -> Any:
    return admin.post(
        f"/admin/payments/{no}/retry-refund",
        data={"csrf": admin.csrf, **keep},
        follow_redirects=False,
    )


@pytest.fixture
def refused(admin, db, market, buyer, api_headers, settings):  # type: ignore[no-untyped-def]
    """A refund the provider refused: (number, out_trade_no, fen)."""
    number, no, total = _refund_owed(admin, db, market, buyer, api_headers, settings)
    job = Refunder(SandboxGateway(settings.secret_key), ["failed"])
    assert refunds.refund_due(db, {"sandbox": job}) == {"refund_failed": 1}
    return number, no, total


def test_retry_refunds_once_with_the_same_refund_number(  # type: ignore[no-untyped-def]
    admin, db, settings, refused
):
    _number, no, total = refused
    provider = Refunder(SandboxGateway(settings.secret_key), ["success"])
    admin.app.state.gateways = {"sandbox": provider}
    r = _retry(admin, no, provider="sandbox")
    assert r.status_code == 303, r.text
    assert r.headers["location"].startswith("/admin/payments/refunds?provider=sandbox&flash=")
    page = admin.get(r.headers["location"]).text
    assert f"退款 {no}R 已完成" in page and "演示支付" in page
    assert provider.calls == [(no, f"{no}R", total, total)]
    assert _status(db, no) == "refunded"

    again = _retry(admin, no)  # a second click, a reload, another tab
    assert again.status_code == 409 and "这笔退款当前无需重试" in again.text
    assert 'data-testid="retry-error"' in again.text
    assert provider.calls == [(no, f"{no}R", total, total)]  # the provider saw one refund
    assert _status(db, no) == "refunded"
    assert refunds.refund_due(db, {"sandbox": provider}) == {}  # nothing owed any more
    assert f"{no}R" in admin.get("/admin/payments/refunds?status=refunded").text


def test_the_retry_is_audited_as_the_staff_members(admin, db, settings, refused):  # type: ignore[no-untyped-def]
    _number, no, _total = refused
    admin.app.state.gateways = {"sandbox": Refunder(SandboxGateway(settings.secret_key))}
    assert _retry(admin, no).status_code == 303
    with db.reading() as tx:
        rows = tx.execute(
            select(AuditEntry.actor, AuditEntry.action, AuditEntry.changes)
            .where(AuditEntry.target.like("payments_payment#%"))
            .order_by(AuditEntry.id)
        ).all()
    assert [r.actor for r in rows] == ["admin@example.com"] * 2
    assert all(r.action == f"POST /admin/payments/{no}/retry-refund" for r in rows)
    assert '"refund_failed", "refund_due"' in rows[0].changes
    assert '"refund_due", "refunded"' in rows[1].changes


def test_refused_again_is_shown_and_left_to_a_person(admin, db, settings, refused):  # type: ignore[no-untyped-def]
    number, no, _total = refused
    provider = Refunder(SandboxGateway(settings.secret_key), ["failed"])
    admin.app.state.gateways = {"sandbox": provider}
    r = _retry(admin, no)
    assert r.status_code == 409
    message = re.search(r'data-testid="retry-error"[^>]*>(.*?)</p>', r.text)
    assert message and f"再次拒绝了退款 {no}R" in message.group(1)
    assert _status(db, no) == "refund_failed" and len(provider.calls) == 1
    assert [s for s, _a, _r in timeline(db, number, "refund")] == ["due", "failed"]


class Down:
    name = "sandbox"

    def __init__(self) -> None:
        self.calls = 0

    def refund(self, *_args: Any) -> Any:
        self.calls += 1
        raise ProviderError("payments.provider_error", "Provider unavailable", "SYSTEM_ERROR")


def test_no_answer_leaves_the_refund_owed_for_the_job(admin, db, settings, refused):  # type: ignore[no-untyped-def]
    _number, no, total = refused
    admin.app.state.gateways = {"sandbox": Down()}
    r = _retry(admin, no)
    assert r.status_code == 502 and "SYSTEM_ERROR" in r.text
    assert _status(db, no) == "refund_due"  # owed again: the refund job asks next
    job = Refunder(SandboxGateway(settings.secret_key), ["success"])
    assert refunds.refund_due(db, {"sandbox": job}) == {"refunded": 1}
    assert job.calls == [(no, f"{no}R", total, total)]


def test_a_stuck_refund_may_be_retried_a_fresh_one_not(  # type: ignore[no-untyped-def]
    admin, db, market, buyer, api_headers, settings
):
    _number, no, _total = _refund_owed(admin, db, market, buyer, api_headers, settings)
    slow = Refunder(SandboxGateway(settings.secret_key), ["processing"])
    assert refunds.refund_due(db, {"sandbox": slow}) == {"refunding": 1}
    admin.app.state.gateways = {"sandbox": slow}
    fresh = _retry(admin, no)
    assert fresh.status_code == 409 and len(slow.calls) == 1
    page = admin.get("/admin/payments/refunds").text
    assert 'data-testid="retry-refund"' not in page
    with db.transaction() as tx:
        at = tx.scalars(select(Payment.updated_at).where(Payment.out_trade_no == no)).one()
        earlier = at - refunds.STUCK - timedelta(minutes=1)
        tx.execute(update(Payment).where(Payment.out_trade_no == no).values(updated_at=earlier))
    page = admin.get("/admin/payments/refunds").text
    assert 'data-testid="retry-refund"' in page and "起无进展" in page
    slow.answers = ["success"]
    assert _retry(admin, no).status_code == 303
    assert _status(db, no) == "refunded"
    assert {c[1] for c in slow.calls} == {f"{no}R"}


def test_a_provider_no_longer_taken_is_refunded_by_hand(admin, db, refused):  # type: ignore[no-untyped-def]
    _number, no, _total = refused
    admin.app.state.gateways = {}
    r = _retry(admin, no)
    assert r.status_code == 409 and "本店已停用该支付方式，请线下退款" in r.text
    assert _status(db, no) == "refund_failed"


def test_unknown_payment_and_csrf(admin, db, settings, refused):  # type: ignore[no-untyped-def]
    _number, no, _total = refused
    admin.app.state.gateways = {"sandbox": Refunder(SandboxGateway(settings.secret_key))}
    assert _retry(admin, "2601019999999999").status_code == 404
    r = admin.post(f"/admin/payments/{no}/retry-refund", data={}, follow_redirects=False)
    assert r.status_code == 403 and _status(db, no) == "refund_failed"


def test_the_order_learns_that_a_retried_refund_went_through(  # type: ignore[no-untyped-def]
    admin, db, settings, refused
):
    number, no, _total = refused
    admin.app.state.gateways = {"sandbox": Refunder(SandboxGateway(settings.secret_key))}
    assert _retry(admin, no).status_code == 303
    assert [s for s, _a, _r in timeline(db, number, "refund")][-1] == "refunded"
