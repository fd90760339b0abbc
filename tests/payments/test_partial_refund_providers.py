"""Partial refunds sent through the real WeChat Pay v3 and Alipay adapters to the fake
servers: each refund under its own number, the provider's refundable amount follows ours,
the providers' refund notifications settle what is still open and change nothing twice;
a provider that is down leaves the refund requested for the job."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from mercato import bootstrap
from mercato.payments import public as payments
from mercato.payments.adapters.tables import PaymentRefund
from mercato.payments.services import refund_sending
from mercato.payments.services.common import now
from mercato.platform.outbox import Bus
from tests.payments.refund_helpers import (
    FAILED,
    SUCCEEDED,
    events_named,
    paid_by_alipay,
    paid_by_wechat,
    refund_status,
    refunding_wechat,
)


def _ask(db, number: str, refund_no: str, amount: int) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        payments.request_refund(tx, number, refund_no, amount, "退货：尺码不合适")


def _refundable(db, number: str) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as tx:
        return payments.refundable_fen(tx, number)


def test_wechatpay_partial_refunds_succeed(client, db, market, buyer, wechat, merchant_keys):
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, total, no = paid_by_wechat(client, db, market, buyer, fake, gateway)
    first, second = total // 3, total // 2
    _ask(db, number, "AS2603010001-1", first)
    view = payments.send_refund(db, {"wechatpay": gateway}, "AS2603010001-1")
    assert (view.status, view.refund_id[:5]) == ("succeeded", "50300")
    assert fake.orders[no]["refunded"] == first  # the provider's refundable follows ours
    _ask(db, number, "AS2603010001-2", second)
    assert payments.send_refund(db, {"wechatpay": gateway}, "AS2603010001-2").status == "succeeded"
    assert fake.orders[no]["refunded"] == first + second == total - _refundable(db, number)
    sent = fake.orders[no]["refunds"]["AS2603010001-2"]["amount"]
    assert (sent["refund"], sent["total"]) == (second, total)
    told = events_named(db, SUCCEEDED)
    assert [(e["refund_no"], e["amount_fen"], e["out_trade_no"]) for e in told] == [
        ("AS2603010001-1", first, no),
        ("AS2603010001-2", second, no),
    ]
    assert told[0]["reason"] == "退货：尺码不合适" and told[0]["refund_id"] == view.refund_id
    # WeChat Pay's REFUND.SUCCESS notifications come after its answers: acknowledged, no news.
    assert [status for status, _ in fake.flush()] == [200, 200]
    assert len(events_named(db, SUCCEEDED)) == 2
    # Sending a settled refund again asks nobody.
    assert payments.send_refund(db, {}, "AS2603010001-1").status == "succeeded"


def test_wechatpay_processing_refund_is_settled_by_its_notification(
    client, db, market, buyer, wechat, merchant_keys
):
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, _, _ = paid_by_wechat(client, db, market, buyer, fake, gateway)
    fake.refund_processing = True
    _ask(db, number, "AS2603010002-1", 500)
    assert payments.send_refund(db, {"wechatpay": gateway}, "AS2603010002-1").status == (
        "processing"
    )
    assert fake.outbox == [] and events_named(db, SUCCEEDED) == []
    fake.finish_refund("AS2603010002-1")
    note = fake.outbox[0]
    assert [s for s, _ in fake.flush()] == [200]
    assert refund_status(db, "AS2603010002-1") == "succeeded"
    assert fake.deliver(note)[0] == 200  # redelivered: acknowledged, applied once
    assert len(events_named(db, SUCCEEDED)) == 1
    # The job finds nothing left to ask.
    assert refund_sending.send_due(db, {"wechatpay": gateway}) == {}


def test_refund_closed_at_wechatpay_fails_and_frees_its_amount(
    client, db, market, buyer, wechat, merchant_keys
):
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, total, no = paid_by_wechat(client, db, market, buyer, fake, gateway)
    fake.refund_processing = True
    _ask(db, number, "AS2603010003-1", total)
    payments.send_refund(db, {"wechatpay": gateway}, "AS2603010003-1")
    fake.finish_refund("AS2603010003-1", "CLOSED")
    assert [s for s, _ in fake.flush()] == [200]
    assert refund_status(db, "AS2603010003-1") == "failed"
    failed = events_named(db, FAILED)
    assert [(e["refund_no"], e["amount_fen"]) for e in failed] == [("AS2603010003-1", total)]
    assert _refundable(db, number) == total == total - fake.orders[no]["refunded"]
    fake.refund_processing = False
    _ask(db, number, "AS2603010003-2", total)  # asked again under a new number
    assert payments.send_refund(db, {"wechatpay": gateway}, "AS2603010003-2").status == (
        "succeeded"
    )


def test_provider_down_leaves_it_requested_and_the_job_sends_it(
    client, db, market, buyer, wechat, merchant_keys
):
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, _, no = paid_by_wechat(client, db, market, buyer, fake, gateway)
    _ask(db, number, "AS2603010004-1", 700)
    down = {"wechatpay": refunding_wechat(merchant_keys, fake, down=True)}
    view = payments.send_refund(db, down, "AS2603010004-1")  # never raised to the caller
    assert (view.status, view.error) == ("requested", "payments.provider_unreachable")
    assert refund_sending.send_due(db, down) == {"requested": 1}
    assert fake.orders[no]["refunded"] == 0 and events_named(db, SUCCEEDED) == []
    assert refund_sending.send_due(db, {"wechatpay": gateway}) == {"succeeded": 1}
    assert fake.orders[no]["refunded"] == 700 and len(events_named(db, SUCCEEDED)) == 1
    assert refund_sending.send_due(db, {"wechatpay": gateway}) == {}


def test_a_refund_stuck_processing_is_asked_again(client, db, market, buyer, wechat, merchant_keys):
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, _, _ = paid_by_wechat(client, db, market, buyer, fake, gateway)
    fake.refund_processing = True
    _ask(db, number, "AS2603010005-1", 300)
    payments.send_refund(db, {"wechatpay": gateway}, "AS2603010005-1")
    assert refund_sending.send_due(db, {"wechatpay": gateway}) == {}  # not stuck yet
    fake.finish_refund("AS2603010005-1")
    fake.outbox.clear()  # its notification was lost
    with db.transaction() as tx:
        tx.execute(update(PaymentRefund).values(updated_at=now() - timedelta(minutes=6)))
    # The same refund number again: WeChat Pay answers the refund as it now stands.
    assert refund_sending.send_due(db, {"wechatpay": gateway}) == {"succeeded": 1}
    assert len(events_named(db, SUCCEEDED)) == 1


def test_alipay_partial_refunds_succeed(client, db, market, buyer, alipay):
    fake, gateway, _ = alipay
    number, total, no = paid_by_alipay(client, db, market, buyer, fake, gateway)
    first = total // 4
    _ask(db, number, "AS2603010006-1", first)
    assert payments.send_refund(db, {"alipay": gateway}, "AS2603010006-1").status == "succeeded"
    assert fake.trades[no]["refunded"] == first
    assert fake.trades[no]["trade_status"] == "TRADE_SUCCESS"  # partly refunded
    _ask(db, number, "AS2603010006-2", total - first)
    assert payments.send_refund(db, {"alipay": gateway}, "AS2603010006-2").status == "succeeded"
    assert fake.trades[no]["refunded"] == total and _refundable(db, number) == 0
    assert fake.trades[no]["trade_status"] == "TRADE_CLOSED"  # all of it went back
    # Alipay's notifications after each refund: acknowledged with "success", no news.
    assert fake.flush() == [(200, "success"), (200, "success")]
    assert [e["amount_fen"] for e in events_named(db, SUCCEEDED)] == [first, total - first]


def test_the_refund_job_is_wired(settings) -> None:  # type: ignore[no-untyped-def]
    bus = Bus()
    bootstrap.wire_bus(bus, settings)
    assert bus.jobs["payments.send_refunds"].seconds == 30
