"""End to end through the fake servers, in-process: create -> pay -> notification -> parse;
then query, close and refund round-trips."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.wechatpay import WechatPayGateway
from mercato.payments.domain import PaymentIntent, ProviderError, TradeConflict, TradeNotFound
from tests.payments.conftest import make_keys, wechat_config


def _intent(no: str, fen: int, channel: str = "native", **kw) -> PaymentIntent:
    return PaymentIntent(no, fen, "Cotton tee", "http://merchant/notify", channel=channel, **kw)


def test_adapters_implement_the_gateway_protocol(wechat, alipay):
    assert isinstance(wechat[1], PaymentGateway) and isinstance(alipay[1], PaymentGateway)


def test_wechat_native_pay_notify_query_refund(wechat):
    fake, gateway, merchant = wechat
    result = gateway.create(_intent("WX0001", 1250))
    assert result.action == "qr" and gateway.query("WX0001").state == "pending"
    paid = TestClient(fake.app).post(urlsplit(result.url).path).json()
    assert (paid["notify_status"], paid["notify_response"]) == (
        200,
        '{"code":"SUCCESS","message":"OK"}',
    )
    [note] = merchant.received
    assert (note.out_trade_no, note.status, note.amount_fen) == ("WX0001", "paid", 1250)
    status = gateway.query("WX0001")
    assert (status.state, status.amount_fen, status.transaction_id) == (
        "paid",
        1250,
        note.transaction_id,
    )
    with pytest.raises(TradeConflict):
        gateway.close("WX0001")
    refund = gateway.refund("WX0001", "RF0001", 250, 1250)
    assert (refund.status, refund.amount_fen) == ("success", 250)
    assert gateway.refund("WX0001", "RF0001", 250, 1250).refund_id == refund.refund_id  # replay
    assert gateway.query("WX0001").state == "refunded"
    with pytest.raises(TradeConflict):
        gateway.refund("WX0001", "RF0002", 1001, 1250)


def test_wechat_redelivery_is_the_same_payment(wechat):
    fake, gateway, merchant = wechat
    gateway.create(_intent("WX0002", 1))
    fake.pay("WX0002")
    for _ in range(3):
        assert fake.deliver(fake.build_notification("WX0002"))[0] == 200
    assert {(n.out_trade_no, n.transaction_id, n.amount_fen) for n in merchant.received} == {
        ("WX0002", fake.orders["WX0002"]["transaction_id"], 1)
    }


def test_wechat_close_unknown_and_other_channels(wechat):
    _, gateway, _ = wechat
    gateway.create(_intent("WX0003", 500))
    gateway.close("WX0003")
    assert gateway.query("WX0003").state == "closed"
    with pytest.raises(TradeNotFound):
        gateway.query("WX9999")
    h5 = gateway.create(_intent("WX0004", 500, "h5", client_ip="203.0.113.7"))
    assert h5.action == "redirect" and h5.url.endswith("/pay/WX0004")
    with pytest.raises(ProviderError) as info:
        gateway.create(_intent("WX0005", 500, "h5"))  # no client IP: provider refuses
    assert info.value.provider_code == "PARAM_ERROR"


def test_wechat_rejected_merchant_signature_and_forged_response(wechat, merchant_keys):
    fake, _, _ = wechat
    bad_key = WechatPayGateway(wechat_config(make_keys(), fake), client=TestClient(fake.app))
    with pytest.raises(ProviderError) as info:
        bad_key.create(_intent("WX0006", 1))
    assert info.value.provider_code == "SIGN_ERROR"
    distrust = WechatPayGateway(
        wechat_config(
            merchant_keys, fake, platform_keys={fake.platform_serial: make_keys().public_pem}
        ),
        client=TestClient(fake.app),
    )
    with pytest.raises(ProviderError) as info:
        distrust.create(_intent("WX0007", 1))
    assert info.value.code == "payments.response_unverified"


def test_wechat_sandbox_mounted_under_a_prefix(wechat, merchant_keys):
    fake, _, _ = wechat
    host = Starlette(routes=[Mount("/sandbox/wechatpay", app=fake.app)])
    gateway = WechatPayGateway(
        wechat_config(merchant_keys, fake, base_url="http://testserver/sandbox/wechatpay"),
        client=TestClient(host),
    )
    gateway.create(_intent("WX0008", 42))
    assert gateway.query("WX0008").amount_fen == 42


def test_alipay_page_pay_notify_query_refund(alipay):
    fake, gateway, merchant = alipay
    result = gateway.create(_intent("AL0001", 1250, "page", return_url="http://shop/return"))
    browser = TestClient(fake.app, follow_redirects=False)
    cashier = browser.get(result.url.replace("http://testserver", ""))
    assert cashier.status_code == 200 and "AL0001" in cashier.text
    assert gateway.query("AL0001").state == "pending"
    paid = browser.post("/pay/AL0001")
    assert paid.status_code == 303 and paid.headers["location"].startswith("http://shop/return?")
    [note] = merchant.received
    assert (note.out_trade_no, note.status, note.amount_fen) == ("AL0001", "paid", 1250)
    assert gateway.query("AL0001").state == "paid"
    with pytest.raises(TradeConflict):
        gateway.close("AL0001")
    assert gateway.refund("AL0001", "RF0001", 1250, 1250).status == "success"
    assert gateway.query("AL0001").state == "closed"  # Alipay closes a fully refunded trade
    with pytest.raises(TradeConflict):
        gateway.refund("AL0001", "RF0002", 1, 1250)


def test_alipay_close_and_unknown(alipay):
    fake, gateway, _ = alipay
    result = gateway.create(_intent("AL0002", 5, "wap"))
    TestClient(fake.app).get(result.url.replace("http://testserver", ""))
    gateway.close("AL0002")
    assert gateway.query("AL0002").state == "closed"
    with pytest.raises(TradeNotFound):
        gateway.query("AL9999")


def test_alipay_rejects_a_wrongly_signed_request(alipay, merchant_keys):
    fake, gateway, _ = alipay
    from mercato.payments.adapters.alipay import AlipayConfig, AlipayGateway

    config = AlipayConfig(
        gateway.config.app_id,
        gateway.config.seller_id,
        make_keys().private_pem,
        fake.alipay_public_key,
        gateway.config.gateway_url,
    )
    with pytest.raises(ProviderError) as info:
        AlipayGateway(config, client=TestClient(fake.app)).query("AL0001")
    assert info.value.provider_code == "isv.invalid-signature"
