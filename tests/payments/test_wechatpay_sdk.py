"""The `wechatpayv3` SDK is the oracle: what it signs we accept, what we sign it accepts."""

from __future__ import annotations

import json
import time
from base64 import b64encode

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from starlette.testclient import TestClient
from wechatpayv3 import core as sdk_core
from wechatpayv3 import utils as sdk

from mercato.payments.adapters import wechatpay_protocol as proto
from mercato.payments.adapters.wechatpay import WechatPayGateway
from mercato.payments.domain import PaymentIntent
from tests.payments.conftest import APIV3, APPID, MCHID, SERIAL, make_keys, wechat_config


def _sdk_core(fake, keys) -> sdk_core.Core:
    """The SDK in "platform public key" mode, trusting the fake's key (no network)."""
    return sdk_core.Core(
        MCHID,
        SERIAL,
        keys.private_pem,
        APIV3,
        public_key=fake.platform_public_key,
        public_key_id=fake.platform_serial,
    )


def test_our_authorization_is_byte_identical_to_the_sdks(merchant_keys, monkeypatch):
    monkeypatch.setattr(sdk.time, "time", lambda: 1700000000)
    body = '{"mchid":"1900000109","out_trade_no":"T20240001"}'
    theirs = sdk.build_authorization(
        "/v3/pay/transactions/native",
        "POST",
        MCHID,
        SERIAL,
        merchant_keys.key,
        data=body,
        nonce_str="N0NCE",
    )
    ours = proto.authorization(
        mchid=MCHID,
        serial_no=SERIAL,
        key=merchant_keys.key,
        method="POST",
        url_path="/v3/pay/transactions/native",
        body=body,
        timestamp="1700000000",
        nonce="N0NCE",
    )
    assert ours == theirs


def test_sdk_signed_request_is_accepted_by_the_fake_and_its_response_by_the_sdk(
    wechat, merchant_keys
):
    fake, _, _ = wechat
    data = {
        "appid": APPID,
        "mchid": MCHID,
        "description": "Tee",
        "out_trade_no": "SDK0001",
        "notify_url": "http://merchant/notify",
        "amount": {"total": 1250, "currency": "CNY"},
    }
    path = "/v3/pay/transactions/native"
    auth = sdk.build_authorization(path, "POST", MCHID, SERIAL, merchant_keys.key, data=data)
    resp = TestClient(fake.app).post(
        path,
        content=json.dumps(data),
        headers={"Authorization": auth, "Content-Type": "application/json"},
    )
    assert resp.status_code == 200 and resp.json()["code_url"].endswith("/pay/SDK0001")
    assert _sdk_core(fake, merchant_keys)._verify_signature(resp.headers, resp.text)


def test_sdk_sees_a_tampered_request_rejected_by_the_fake(wechat, merchant_keys):
    fake, _, _ = wechat
    path = "/v3/pay/transactions/native"
    auth = sdk.build_authorization(path, "POST", MCHID, SERIAL, merchant_keys.key, data="{}")
    resp = TestClient(fake.app).post(path, content='{"x":1}', headers={"Authorization": auth})
    assert resp.status_code == 401 and resp.json()["code"] == "SIGN_ERROR"


def test_sandbox_notification_verifies_and_decrypts_in_the_sdk(wechat, merchant_keys):
    fake, gateway, _ = wechat
    gateway.create(PaymentIntent("ORDER0001", 1250, "Tee", "http://merchant/notify"))
    fake.pay("ORDER0001")
    req = fake.build_notification("ORDER0001")
    plain = _sdk_core(fake, merchant_keys).decrypt_callback(req.headers, req.body)
    assert json.loads(plain)["amount"]["total"] == 1250


def test_notification_built_with_sdk_crypto_is_accepted_by_our_adapter(merchant_keys):
    platform = make_keys()
    gateway = WechatPayGateway(wechat_config(merchant_keys, _Platform(platform)))
    plain = {
        "mchid": MCHID,
        "appid": APPID,
        "out_trade_no": "ORDER0002",
        "transaction_id": "4200000001",
        "trade_state": "SUCCESS",
        "amount": {"total": 1},
    }
    nonce = "0123456789ab"
    sealed = AESGCM(APIV3.encode()).encrypt(nonce.encode(), json.dumps(plain).encode(), b"tx")
    body = json.dumps(
        {
            "id": "EV-1",
            "event_type": "TRANSACTION.SUCCESS",
            "resource_type": "encrypt-resource",
            "resource": {
                "algorithm": "AEAD_AES_256_GCM",
                "nonce": nonce,
                "associated_data": "tx",
                "ciphertext": b64encode(sealed).decode(),
            },
        }
    )
    assert sdk.aes_decrypt(nonce, b64encode(sealed).decode(), "tx", APIV3)  # SDK agrees
    ts = str(int(time.time()))
    headers = {
        "Wechatpay-Serial": "PUB_KEY_ID_01",
        "Wechatpay-Timestamp": ts,
        "Wechatpay-Nonce": "abc",
        "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048",
        "Wechatpay-Signature": sdk.rsa_sign(platform.key, f"{ts}\nabc\n{body}\n"),
    }
    note = gateway.parse_notification(headers, body.encode())
    assert (note.status, note.amount_fen, note.raw_id) == ("paid", 1, "EV-1")


def test_jsapi_pay_sign_matches_the_sdks(wechat, merchant_keys):
    fake, gateway, _ = wechat
    result = gateway.create(
        PaymentIntent(
            "ORDER0003",
            990,
            "Mug",
            "http://merchant/notify",
            channel="jsapi",
            payer_openid="oUpF8uMuAJO_M2pxb1Q9",
        )
    )
    p = result.params
    assert p["package"] == f"prepay_id={result.prepay_id}" and p["appId"] == APPID
    expected = _sdk_core(fake, merchant_keys).sign(
        [APPID, p["timeStamp"], p["nonceStr"], p["package"]]
    )
    assert p["paySign"] == expected


class _Platform:
    def __init__(self, keys) -> None:
        self.platform_serial, self.platform_public_key = "PUB_KEY_ID_01", keys.public_pem


@pytest.mark.parametrize("serial", ["pub_key_id_01", "PUB_KEY_ID_01 "])
def test_serial_lookup_ignores_case_and_spaces(merchant_keys, serial):
    platform = make_keys()
    keys = proto.PlatformKeys({"PUB_KEY_ID_01": platform.public_pem})
    assert keys.get(serial).public_numbers() == platform.key.public_key().public_numbers()
