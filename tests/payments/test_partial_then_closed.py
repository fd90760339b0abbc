"""An order partly refunded (after-sales) and then closed by staff: its whole refund gives back
only what the partial refunds left, through the job, a staff retry or the provider's
notification, so the two paths never give back more than was paid; when the partial refunds
gave back everything, nothing more is asked."""

from __future__ import annotations

import pytest

from mercato.kernel.errors import Conflict
from mercato.payments import public as payments
from mercato.payments.domain import RefundResult
from mercato.payments.services import refunds
from tests.payments.order_helpers import order_state, timeline
from tests.payments.refund_helpers import (
    SUCCEEDED,
    attempt,
    events_named,
    paid_by_alipay,
    paid_by_wechat,
    refund_status,
    refunding_wechat,
)

DUE, REFUNDED = "payments.refund_due.v1", "payments.payment_refunded.v1"


def _ask(db, number: str, refund_no: str, amount: int) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        payments.request_refund(tx, number, refund_no, amount, "退货")


def _close(client, db, number: str, api_headers) -> int:  # type: ignore[no-untyped-def]
    r = client.post(
        f"/api/v1/admin/orders/{number}/status",
        json={"status": "closed", "reason": "缺货，无法发货"},
        headers=api_headers,
    )
    assert r.status_code == 200, r.text
    with db.transaction() as tx:  # what the orders.order_closed.v1 subscriber does
        return refunds.refund_closed_order(tx, number)


@pytest.fixture
def paid(client, db, market, buyer, wechat, merchant_keys):  # type: ignore[no-untyped-def]
    """(fake, gateways, number, total, out_trade_no) of an order paid by WeChat Pay."""
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, total, no = paid_by_wechat(client, db, market, buyer, fake, gateway)
    return fake, {"wechatpay": gateway}, number, total, no


def test_closing_after_a_partial_refund_refunds_only_the_rest(client, db, api_headers, paid):
    fake, gateways, number, total, no = paid
    part = total // 3
    _ask(db, number, "AS2603010020-1", part)
    assert payments.send_refund(db, gateways, "AS2603010020-1").status == "succeeded"
    assert _close(client, db, number, api_headers) == 1
    assert attempt(db, no) == ("refund_due", total - part)
    [due] = events_named(db, DUE)
    assert (due["amount_fen"], due["refund_fen"]) == (total, total - part)
    with pytest.raises(Conflict) as caught:  # its money is going back whole now
        _ask(db, number, "AS2603010020-2", 1)
    assert caught.value.code == "payments.not_paid"
    assert refunds.refund_due(db, gateways) == {"refunded": 1}
    whole = fake.orders[no]["refunds"][f"{no}R"]["amount"]
    assert (whole["refund"], whole["total"]) == (total - part, total)
    assert fake.orders[no]["refunded"] == total  # all of it, never more
    [done] = events_named(db, REFUNDED)
    assert (done["amount_fen"], done["payment_fen"]) == (total - part, total)
    # WeChat Pay's notifications of both refunds come later: acknowledged, no news.
    assert [s for s, _ in fake.flush()] == [200, 200]
    assert attempt(db, no)[0] == "refunded" and len(events_named(db, SUCCEEDED)) == 1
    assert [t[0] for t in timeline(db, number, "refund")] == ["due", "refunded"]


def test_a_partial_refund_not_yet_sent_is_left_out_of_the_rest(client, db, api_headers, paid):
    fake, gateways, number, total, no = paid
    _ask(db, number, "AS2603010021-1", 900)  # asked, not sent yet
    _close(client, db, number, api_headers)
    assert attempt(db, no) == ("refund_due", total - 900)
    assert refunds.refund_due(db, gateways) == {"refunded": 1}
    assert payments.send_refund(db, gateways, "AS2603010021-1").status == "succeeded"
    assert fake.orders[no]["refunded"] == total


def test_when_partial_refunds_gave_everything_back_nothing_more_is_asked(
    client, db, api_headers, paid
):
    fake, gateways, number, total, no = paid
    _ask(db, number, "AS2603010022-1", total - 100)
    _ask(db, number, "AS2603010022-2", 100)
    for refund_no in ("AS2603010022-1", "AS2603010022-2"):
        payments.send_refund(db, gateways, refund_no)
    assert _close(client, db, number, api_headers) == 1
    assert attempt(db, no) == ("refunded", 0)
    assert events_named(db, DUE) == [] and events_named(db, REFUNDED) == []
    assert refunds.refund_due(db, gateways) == {}
    assert fake.orders[no]["refunded"] == total and f"{no}R" not in fake.orders[no]["refunds"]
    assert order_state(db, number)[0] == "closed"
    assert [t[0] for t in timeline(db, number, "refund")] == ["refunded"]


class _Refusing:
    """WeChat Pay refusing every refund for good (CLOSED), for the staff retry below."""

    name = "wechatpay"

    def refund(self, out_trade_no: str, refund_no: str, amount: int, total: int) -> RefundResult:
        return RefundResult(refund_no, "", "failed", amount)


def test_a_staff_retry_asks_for_the_rest_only(client, db, api_headers, paid):
    fake, gateways, number, total, no = paid
    _ask(db, number, "AS2603010023-1", 1_000)
    payments.send_refund(db, gateways, "AS2603010023-1")
    _close(client, db, number, api_headers)
    assert refunds.refund_due(db, {"wechatpay": _Refusing()}) == {"refund_failed": 1}  # type: ignore[dict-item]
    retried = refunds.retry_refund(db, gateways, no)
    assert (retried.status, retried.amount_fen, retried.total_fen) == (
        "refunded",
        total - 1_000,
        total,
    )
    assert fake.orders[no]["refunded"] == total


def test_a_whole_refund_still_processing_is_settled_by_its_notification(
    client, db, api_headers, paid
):
    fake, gateways, number, total, no = paid
    _ask(db, number, "AS2603010024-1", 500)
    payments.send_refund(db, gateways, "AS2603010024-1")
    fake.flush()
    _close(client, db, number, api_headers)
    fake.refund_processing = True
    assert refunds.refund_due(db, gateways) == {"refunding": 1}
    fake.finish_refund(f"{no}R")
    assert [s for s, _ in fake.flush()] == [200]
    assert attempt(db, no)[0] == "refunded"
    assert [e["amount_fen"] for e in events_named(db, REFUNDED)] == [total - 500]
    assert refund_status(db, "AS2603010024-1") == "succeeded"


def test_alipay_order_closed_after_a_partial_refund(client, db, market, buyer, api_headers, alipay):
    fake, gateway, _ = alipay
    number, total, no = paid_by_alipay(client, db, market, buyer, fake, gateway)
    _ask(db, number, "AS2603010025-1", total // 4)
    payments.send_refund(db, {"alipay": gateway}, "AS2603010025-1")
    _close(client, db, number, api_headers)
    assert refunds.refund_due(db, {"alipay": gateway}) == {"refunded": 1}
    assert fake.trades[no]["refunds"][f"{no}R"] == total - total // 4
    assert (fake.trades[no]["refunded"], fake.trades[no]["trade_status"]) == (total, "TRADE_CLOSED")
    # Alipay's notifications of both refunds (refund_fee: the trade's total so far) fit ours.
    assert fake.flush() == [(200, "success"), (200, "success")]
    assert attempt(db, no)[0] == "refunded" and len(events_named(db, REFUNDED)) == 1
