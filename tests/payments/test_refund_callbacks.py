"""Providers' refund notifications at the shop's notify endpoint: only a verified one naming a
refund we asked for, with its amount, settles it (once: redeliveries and news it already has
change nothing); anything else is refused with nothing written, so the provider keeps it."""

from __future__ import annotations

import pytest

from mercato.payments import public as payments
from mercato.payments.domain import Notification, NotificationRejected
from mercato.payments.services import notifications
from mercato.sandbox.alipay import NotifyRequest as AliRequest
from tests.payments.refund_helpers import (
    SUCCEEDED,
    events_named,
    inbox_size,
    paid_by_alipay,
    paid_by_wechat,
    refund_status,
    refunding_wechat,
)


def _ask(db, number: str, refund_no: str, amount: int) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        payments.request_refund(tx, number, refund_no, amount, "退货")


@pytest.fixture
def processing(client, db, market, buyer, wechat, merchant_keys):  # type: ignore[no-untyped-def]
    """A WeChat Pay refund of 500 fen the provider is still processing: (fake, number, total,
    out_trade_no, gateway)."""
    fake, _, _ = wechat
    gateway = refunding_wechat(merchant_keys, fake)
    number, total, no = paid_by_wechat(client, db, market, buyer, fake, gateway)
    fake.refund_processing = True
    _ask(db, number, "AS2603010010-1", 500)
    assert payments.send_refund(db, {"wechatpay": gateway}, "AS2603010010-1").status == (
        "processing"
    )
    fake.finish_refund("AS2603010010-1")
    fake.outbox.clear()  # each test delivers what it means to
    return fake, number, total, no, gateway


def _why(db, gateway, note) -> str:  # type: ignore[no-untyped-def]
    """Why the shop refuses `note` (the adapter's verification, then the recording)."""
    try:
        n = gateway.parse_notification(note.headers, note.body)
        db.unit(lambda tx: notifications.record(tx, n))
    except NotificationRejected as exc:
        return exc.code
    return "accepted"


def test_wechatpay_refund_notifications_that_are_not_ours_are_refused(db, processing):
    fake, _, total, _, gateway = processing
    before = inbox_size(db)
    forged = fake.build_refund_notification("AS2603010010-1")
    forged = type(forged)(forged.url, forged.headers, forged.body.replace(b'"id"', b'"Id"'))
    unknown = fake.build_refund_notification(
        "AS2603010010-1", plain_overrides={"out_refund_no": "AS2603019999-1"}
    )
    amounts = {"total": total, "refund": 501, "payer_total": total, "payer_refund": 501}
    wrong = fake.build_refund_notification("AS2603010010-1", plain_overrides={"amount": amounts})
    other_trade = fake.build_refund_notification(
        "AS2603010010-1", plain_overrides={"out_trade_no": "260301999999999901"}
    )
    assert [_why(db, gateway, bad) for bad in (forged, unknown, wrong, other_trade)] == [
        "payments.signature_invalid",
        "payments.unknown_refund",
        "payments.refund_amount_mismatch",
        "payments.unknown_trade",
    ]
    for bad in (forged, unknown, wrong, other_trade):
        status, text = fake.deliver(bad)
        assert status >= 400 and "FAIL" in text, (status, text)
    assert refund_status(db, "AS2603010010-1") == "processing"
    assert inbox_size(db) == before and events_named(db, SUCCEEDED) == []


def test_wechatpay_refund_notification_settles_once(db, processing):
    fake, number, _, no, _ = processing
    note = fake.build_refund_notification("AS2603010010-1")
    for _ in range(3):  # redelivered
        assert fake.deliver(note)[0] == 200
    assert refund_status(db, "AS2603010010-1") == "succeeded"
    again = fake.build_refund_notification("AS2603010010-1")  # another id, the same news
    assert fake.deliver(again)[0] == 200
    told = events_named(db, SUCCEEDED)
    assert [(e["refund_no"], e["order_number"], e["amount_fen"]) for e in told] == [
        ("AS2603010010-1", number, 500)
    ]
    assert told[0]["refund_id"] == fake.orders[no]["refunds"]["AS2603010010-1"]["refund_id"]


def test_an_unknown_refund_is_refused_before_anything_is_written(db, processing):
    _, _, total, no, _ = processing
    n = Notification(
        no, "", total, "refunded", "", "", "n-1", "wechatpay", 500, "AS2603019999-1", "503"
    )
    with pytest.raises(NotificationRejected) as caught:
        db.unit(lambda tx: notifications.record(tx, n))
    assert (caught.value.code, caught.value.status) == ("payments.unknown_refund", 401)
    assert inbox_size(db) == 1  # the payment's own notification only


def test_alipay_refund_notification_settles_a_refund_whose_answer_was_lost(
    client, db, market, buyer, alipay
):
    fake, gateway, _ = alipay
    number, total, no = paid_by_alipay(client, db, market, buyer, fake, gateway)
    _ask(db, number, "AS2603010011-1", 800)
    _ask(db, number, "AS2603010011-2", 200)
    gateway.refund(no, "AS2603010011-1", 800, total)  # done at Alipay; its answer never came
    assert len(fake.outbox) == 1 and refund_status(db, "AS2603010011-1") == "requested"
    note = fake.outbox[0]
    assert fake.flush() == [(200, "success")]
    assert fake.deliver(note) == (200, "success")  # redelivered
    assert refund_status(db, "AS2603010011-1") == "succeeded"
    assert [e["refund_no"] for e in events_named(db, SUCCEEDED)] == ["AS2603010011-1"]
    assert payments.send_refund(db, {"alipay": gateway}, "AS2603010011-1").status == "succeeded"
    assert fake.trades[no]["refunded"] == 800  # not asked of Alipay a second time


def test_alipay_refund_notifications_that_are_not_ours_are_refused(
    client, db, market, buyer, alipay
):
    fake, gateway, _ = alipay
    number, total, no = paid_by_alipay(client, db, market, buyer, fake, gateway)
    _ask(db, number, "AS2603010012-1", 800)
    gateway.refund(no, "AS2603010012-1", 800, total)
    fake.outbox.clear()
    before = inbox_size(db)
    good = fake.build_refund_notification(no, "AS2603010012-1")
    body = good.body.replace(b"refund_fee=8.00", b"refund_fee=9.00")
    forged = AliRequest(good.url, good.headers, body)
    bad = [
        forged,
        fake.build_refund_notification(no, "AS2603019999-1"),  # a refund we never asked for
        fake.build_refund_notification(no, "AS2603010012-1", overrides={"refund_fee": "7.99"}),
        fake.build_refund_notification(no, "AS2603010012-1", overrides={"refund_fee": "8.01"}),
    ]
    assert b"refund_fee=8.00" in good.body
    assert [_why(db, gateway, note) for note in bad] == [
        "payments.signature_invalid",
        "payments.unknown_refund",
        "payments.refund_amount_mismatch",
        "payments.refund_amount_mismatch",  # more than we ever asked back
    ]
    for note in bad:
        assert fake.deliver(note) == (400, "fail")
    assert refund_status(db, "AS2603010012-1") == "requested" and inbox_size(db) == before
    assert fake.deliver(good) == (200, "success")
    assert refund_status(db, "AS2603010012-1") == "succeeded"
