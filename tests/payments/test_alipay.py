"""Alipay RSA2 with `python-alipay-sdk` as the oracle, and hostile notifications."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from alipay import AliPay
from starlette.testclient import TestClient

from mercato.payments.domain import NotificationRejected, PaymentError, PaymentIntent
from tests.payments.conftest import ALI_APP, SELLER, make_keys


def _sdk(private_pem: str, public_pem: str) -> AliPay:
    return AliPay(
        appid=ALI_APP,
        app_private_key_string=private_pem,
        alipay_public_key_string=public_pem,
        sign_type="RSA2",
    )


@pytest.fixture
def opened(alipay):
    fake, gateway, merchant = alipay
    result = gateway.create(
        PaymentIntent(
            "ALI0001",
            1250,
            "Cotton tee",
            "http://merchant/notify",
            channel="page",
            return_url="http://shop/return",
        )
    )
    page = TestClient(fake.app).get(result.url.replace("http://testserver", ""))
    assert page.status_code == 200 and "12.50" in page.text
    return fake, gateway, merchant, result


def test_our_page_pay_url_verifies_with_the_sdk(opened, merchant_keys):
    _, _, _, result = opened
    params = dict(parse_qsl(urlsplit(result.url).query))
    sign = params.pop("sign")
    assert (
        params["method"] == "alipay.trade.page.pay"
        and '"total_amount":"12.50"' in (params["biz_content"])
    )
    oracle = _sdk(merchant_keys.private_pem, merchant_keys.public_pem)  # verify with app key
    message = "&".join(f"{k}={v}" for k, v in oracle._ordered_data(dict(params)))
    assert oracle._verify(message, sign)
    assert oracle.sign_data(dict(params)).endswith(urlencode({"sign": sign}))


def test_sdk_signed_notification_is_accepted(opened):
    _fake, gateway, _, _ = opened
    alipay_side = make_keys()
    from mercato.payments.adapters.alipay import AlipayConfig, AlipayGateway

    ours = AlipayGateway(
        AlipayConfig(ALI_APP, SELLER, gateway.config.app_private_key, alipay_side.public_pem)
    )
    params = {
        "app_id": ALI_APP,
        "seller_id": SELLER,
        "out_trade_no": "ALI0001",
        "trade_no": "2024010122001",
        "trade_status": "TRADE_SUCCESS",
        "total_amount": "12.50",
        "notify_id": "n-1",
        "subject": "棉T恤",
    }
    oracle = _sdk(alipay_side.private_pem, alipay_side.public_pem)
    sign = oracle._sign("&".join(f"{k}={v}" for k, v in oracle._ordered_data(dict(params))))
    body = urlencode({**params, "sign_type": "RSA2", "sign": sign}).encode()
    note = ours.parse_notification({}, body)
    assert (note.status, note.amount_fen, note.raw_id) == ("paid", 1250, "n-1")


def test_sandbox_notification_and_responses_verify_with_the_sdk(opened, merchant_keys):
    fake, _, _, _ = opened
    fake.pay("ALI0001")
    data = dict(parse_qsl(fake.build_notification("ALI0001").body.decode()))
    oracle = _sdk(merchant_keys.private_pem, fake.alipay_public_key)
    sign = data.pop("sign")
    assert oracle.verify(data, sign)
    query = oracle.sign_data(oracle.build_body("alipay.trade.query", {"out_trade_no": "ALI0001"}))
    raw = TestClient(fake.app).get(f"/gateway.do?{query}").text
    answer = oracle._verify_and_return_sync_response(raw, "alipay_trade_query_response")
    assert answer["trade_status"] == "TRADE_SUCCESS" and answer["total_amount"] == "12.50"


@pytest.mark.parametrize(
    ("text", "fen"),
    [("0.01", 1), ("12.5", 1250), ("12.50", 1250), ("12", 1200), ("99999.99", 9999999)],
)
def test_amounts_convert_exactly(opened, text, fen):
    fake, gateway, _, _ = opened
    req = fake.build_notification("ALI0001", overrides={"total_amount": text})
    assert gateway.parse_notification(req.headers, req.body).amount_fen == fen


@pytest.mark.parametrize("text", ["12.505", "-1.00", "1e3", "12,50", "NaN", "１２"])
def test_bad_amounts_are_malformed(opened, text):
    fake, gateway, _, _ = opened
    req = fake.build_notification("ALI0001", overrides={"total_amount": text})
    with pytest.raises(NotificationRejected) as info:
        gateway.parse_notification(req.headers, req.body)
    assert info.value.code == "payments.malformed_notification"


def _rejects(gateway, body: bytes) -> str:
    with pytest.raises(NotificationRejected) as info:
        gateway.parse_notification({}, body)
    return info.value.code


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (b"total_amount=12.50", b"total_amount=0.01"),
        (b"trade_status=TRADE_SUCCESS", b"trade_status=X"),
        (b"out_trade_no=ALI0001", b"out_trade_no=ALI0002"),
    ],
)
def test_tampered_fields_break_the_signature(opened, old, new):
    fake, gateway, _, _ = opened
    fake.pay("ALI0001")
    body = fake.build_notification("ALI0001").body
    assert old in body
    assert _rejects(gateway, body.replace(old, new)) == "payments.signature_invalid"


@pytest.mark.parametrize(
    ("field", "code"),
    [("app_id", "payments.app_mismatch"), ("seller_id", "payments.merchant_mismatch")],
)
def test_genuine_notification_for_another_app_or_seller(opened, field, code):
    fake, gateway, _, _ = opened
    req = fake.build_notification("ALI0001", overrides={field: "2088000000000001"})
    assert _rejects(gateway, req.body) == code


def test_other_attacks(opened):
    fake, gateway, _, _ = opened
    forged = fake.build_notification("ALI0001", key=make_keys().key).body
    assert _rejects(gateway, forged) == "payments.signature_invalid"
    genuine = fake.build_notification("ALI0001").body
    assert _rejects(gateway, genuine + b"&total_amount=0.01") == "payments.malformed_notification"
    rsa1 = genuine.replace(b"sign_type=RSA2", b"sign_type=RSA")
    assert _rejects(gateway, rsa1) == "payments.unsupported_signature"
    assert _rejects(gateway, b"\xff\xfe") == "payments.malformed_notification"
    assert _rejects(gateway, b"") == "payments.signature_invalid"  # no sign at all


def test_refund_notification_and_ack(opened):
    fake, gateway, _, _ = opened
    req = fake.build_notification(
        "ALI0001", overrides={"refund_fee": "2.50", "trade_status": "TRADE_SUCCESS"}
    )
    note = gateway.parse_notification({}, req.body)
    assert (note.status, note.refund_fen, note.amount_fen) == ("refunded", 250, 1250)
    assert gateway.notification_ack(True)[1] == b"success"
    assert gateway.notification_ack(False)[1] == b"fail"


def test_wap_pay_and_unsupported_channel(alipay):
    _, gateway, _ = alipay
    wap = gateway.create(PaymentIntent("ALI0002", 1, "Mug", "http://m/n", channel="wap"))
    assert "alipay.trade.wap.pay" in dict(parse_qsl(urlsplit(wap.url).query))["method"]
    with pytest.raises(PaymentError):
        gateway.refund("ALI0002", "RF0002", 2, 1)
