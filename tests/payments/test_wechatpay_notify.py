"""Hostile WeChat Pay notifications: each attack is rejected with its own error code."""

from __future__ import annotations

import json
import time
from base64 import b64decode, b64encode

import pytest

from mercato.payments.adapters.wechatpay import WechatPayGateway
from mercato.payments.domain import NotificationRejected, PaymentIntent
from tests.payments.conftest import make_keys, wechat_config


@pytest.fixture
def paid(wechat):
    fake, gateway, _ = wechat
    gateway.create(PaymentIntent("ORDER1001", 2590, "Linen polo", "http://merchant/notify"))
    fake.pay("ORDER1001")
    return fake, gateway


def _code(gateway, req, headers=None, body=None) -> str:
    with pytest.raises(NotificationRejected) as info:
        gateway.parse_notification(headers or req.headers, req.body if body is None else body)
    assert info.value.status == 401
    return info.value.code


def test_genuine_notification_is_paid_with_the_amount(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    note = gateway.parse_notification(req.headers, req.body)
    assert (note.status, note.amount_fen, note.out_trade_no) == ("paid", 2590, "ORDER1001")
    assert note.transaction_id and note.merchant_id == fake.mchid and note.app_id == fake.appid
    note.ensure_amount(2590)


def test_forged_signature(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    forger = make_keys().key
    ts, nonce = req.headers["Wechatpay-Timestamp"], req.headers["Wechatpay-Nonce"]
    from mercato.payments.adapters import signing

    forged = {
        **req.headers,
        "Wechatpay-Signature": signing.sign(forger, f"{ts}\n{nonce}\n{req.body.decode()}\n"),
    }
    assert _code(gateway, req, headers=forged) == "payments.signature_invalid"


def test_garbage_signature(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    assert _code(gateway, req, headers={**req.headers, "Wechatpay-Signature": "%%%"}) == (
        "payments.signature_invalid"
    )


def test_unknown_serial(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001", serial="7132D72A03E93CDDF8C03BBD1F37EEDF")
    assert _code(gateway, req) == "payments.unknown_serial"


def test_tampered_body(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    body = req.body.replace(b'"TRANSACTION.SUCCESS"', b'"TRANSACTION.SUCCESs"')
    assert body != req.body
    assert _code(gateway, req, body=body) == "payments.signature_invalid"


def test_tampered_ciphertext_amount_fails_signature_before_decryption(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    envelope = json.loads(req.body)
    raw = bytearray(b64decode(envelope["resource"]["ciphertext"]))
    raw[40] ^= 0x01
    envelope["resource"]["ciphertext"] = b64encode(bytes(raw)).decode()
    assert _code(gateway, req, body=json.dumps(envelope).encode()) == "payments.signature_invalid"


def test_signed_but_undecryptable_resource(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001", apiv3_key=b"0" * 32)
    assert _code(gateway, req) == "payments.decrypt_failed"


def test_genuine_notification_with_another_amount_fails_the_amount_check(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001", plain_overrides={"amount": {"total": 1}})
    note = gateway.parse_notification(req.headers, req.body)
    with pytest.raises(NotificationRejected) as info:
        note.ensure_amount(2590)
    assert info.value.code == "payments.amount_mismatch"


@pytest.mark.parametrize("skew", [-301, 301, -10_000])
def test_stale_or_future_timestamp(paid, skew):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001", timestamp=int(time.time()) + skew)
    assert _code(gateway, req) == "payments.stale_timestamp"


def test_timestamp_inside_the_window_is_accepted(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001", timestamp=int(time.time()) - 290)
    assert gateway.parse_notification(req.headers, req.body).status == "paid"


@pytest.mark.parametrize(
    ("field", "code"), [("mchid", "payments.merchant_mismatch"), ("appid", "payments.app_mismatch")]
)
def test_notification_for_another_merchant_or_app(paid, field, code):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001", plain_overrides={field: "1230000109"})
    assert _code(gateway, req) == code


def test_unsupported_signature_type(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    headers = {**req.headers, "Wechatpay-Signature-Type": "WECHATPAY2-SM2-WITH-SM3"}
    assert _code(gateway, req, headers=headers) == "payments.unsupported_signature"


def test_missing_headers(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    assert _code(gateway, req, headers={"Content-Type": "application/json"}) == (
        "payments.unknown_serial"
    )


def test_signed_garbage_is_malformed(paid):
    fake, gateway = paid
    body = "not json"
    headers = fake.signed_headers(body)
    with pytest.raises(NotificationRejected) as info:
        gateway.parse_notification(headers, body.encode())
    assert info.value.code == "payments.malformed_notification"


def test_headers_are_case_insensitive(paid):
    fake, gateway = paid
    req = fake.build_notification("ORDER1001")
    lower = {k.lower(): v for k, v in req.headers.items()}
    assert gateway.parse_notification(lower, req.body).status == "paid"


def test_refund_event_has_no_appid_and_reports_the_refund(paid, merchant_keys):
    fake, gateway = paid
    plain = {
        "refund_status": "SUCCESS",
        "out_refund_no": "R0001",
        "refund_id": "503",
        "amount": {"total": 2590, "refund": 590, "payer_total": 2590, "payer_refund": 590},
    }
    req = fake.build_notification("ORDER1001", plain_overrides=plain, event_type="REFUND.SUCCESS")
    envelope_plain = gateway.parse_notification(req.headers, req.body)
    assert (envelope_plain.status, envelope_plain.refund_fen) == ("refunded", 590)


def test_wrong_platform_key_for_a_known_serial(paid, merchant_keys):
    fake, _ = paid
    impostor = WechatPayGateway(
        wechat_config(
            merchant_keys, fake, platform_keys={fake.platform_serial: make_keys().public_pem}
        )
    )
    req = fake.build_notification("ORDER1001")
    assert _code(impostor, req) == "payments.signature_invalid"


def test_ack_formats(paid):
    _, gateway = paid
    assert gateway.notification_ack(True) == (
        200,
        b'{"code":"SUCCESS","message":"OK"}',
        "application/json",
    )
    status, body, _ = gateway.notification_ack(False)
    assert status >= 400 and json.loads(body)["code"] == "FAIL"
