"""Payment intents refuse bad input with a field and a stable code."""

from __future__ import annotations

import pytest

from mercato.payments.domain import Notification, NotificationRejected, PaymentError, PaymentIntent


def _intent(**over):
    values = dict(
        out_trade_no="ORDER0001",
        amount_fen=100,
        description="Tee",
        notify_url="https://shop.example/notify",
    )
    values.update(over)
    return PaymentIntent(**values)


@pytest.mark.parametrize(
    ("over", "code", "field"),
    [
        ({"amount_fen": 0}, "payments.invalid_amount", "amount_fen"),
        ({"amount_fen": -5}, "payments.invalid_amount", "amount_fen"),
        ({"amount_fen": 12.5}, "payments.invalid_amount", "amount_fen"),
        ({"amount_fen": True}, "payments.invalid_amount", "amount_fen"),
        ({"amount_fen": 10**12}, "payments.invalid_amount", "amount_fen"),
        ({"out_trade_no": "abc"}, "payments.invalid_trade_no", "out_trade_no"),
        ({"out_trade_no": "ORDER 0001"}, "payments.invalid_trade_no", "out_trade_no"),
        ({"out_trade_no": "X" * 33}, "payments.invalid_trade_no", "out_trade_no"),
        ({"currency": "USD"}, "payments.invalid_currency", "currency"),
        ({"description": " "}, "payments.invalid_description", "description"),
        ({"description": "x" * 128}, "payments.invalid_description", "description"),
        ({"notify_url": "javascript:alert(1)"}, "payments.invalid_notify_url", "notify_url"),
    ],
)
def test_bad_intents(over, code, field):
    with pytest.raises(PaymentError) as info:
        _intent(**over)
    assert (info.value.code, info.value.field, info.value.status) == (code, field, 422)


def test_good_intent_and_amount_check():
    assert _intent(amount_fen=1).amount_fen == 1
    note = Notification("ORDER0001", "42", 100, "paid", "m", "a", "id")
    note.ensure_amount(100)
    with pytest.raises(NotificationRejected):
        note.ensure_amount(99)
