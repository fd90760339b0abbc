"""Huabei instalments on the wire: the page/wap pay request carries extend_params as Alipay
documents them (python-alipay-sdk as the oracle), and the fake Alipay accepts them, shows
分 N 期 with its own per-period amounts, and refuses what Alipay refuses."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from alipay import AliPay
from starlette.testclient import TestClient

from mercato.payments.adapters.wechatpay import WechatPayGateway
from mercato.payments.domain import InstalmentsUnsupported, PaymentIntent
from mercato.payments.instalments import huabei_plan
from tests.payments.conftest import ALI_APP


def _sdk(private_pem: str, public_pem: str) -> AliPay:
    return AliPay(
        appid=ALI_APP,
        app_private_key_string=private_pem,
        alipay_public_key_string=public_pem,
        sign_type="RSA2",
    )


def _intent(no: str, fen: int, periods: int, payer: str = "buyer", channel: str = "page"):
    return PaymentIntent(
        no,
        fen,
        "棉T恤",
        "http://merchant/notify",
        channel=channel,
        return_url="http://shop/return",
        instalments=periods,
        instalment_payer=payer,
    )


def _params(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query))


@pytest.mark.parametrize(
    ("periods", "payer", "percent"), [(3, "merchant", "100"), (12, "buyer", "0")]
)
def test_page_pay_carries_the_documented_extend_params(
    alipay, merchant_keys, periods, payer, percent
):
    _, gateway, _ = alipay
    ours = _params(gateway.create(_intent("HB000001", 123_456, periods, payer)).url)
    sign = ours.pop("sign")
    extend = {"hb_fq_num": str(periods), "hb_fq_seller_percent": percent}
    assert json.loads(ours["biz_content"])["extend_params"] == extend  # strings, as documented
    # The SDK builds the same request from the same fields...
    oracle = _sdk(merchant_keys.private_pem, merchant_keys.public_pem)
    theirs = _params(
        "?"
        + oracle.api_alipay_trade_page_pay(
            "棉T恤",
            "HB000001",
            "1234.56",
            return_url="http://shop/return",
            notify_url="http://merchant/notify",
            extend_params=extend,
        )
    )
    assert json.loads(theirs["biz_content"]) == json.loads(ours["biz_content"])
    same = ("app_id", "method", "charset", "sign_type", "version", "notify_url", "return_url")
    assert {k: ours[k] for k in same} == {k: theirs[k] for k in same}
    # ...and our signature over our parameters is the one the SDK computes and verifies.
    message = "&".join(f"{k}={v}" for k, v in oracle._ordered_data(dict(ours)))
    assert oracle._verify(message, sign)
    assert oracle.sign_data(dict(ours)).endswith(urlencode({"sign": sign}))


def test_paying_at_once_sends_no_extend_params(alipay):
    _, gateway, _ = alipay
    biz = json.loads(_params(gateway.create(_intent("HB000002", 5_000, 0)).url)["biz_content"])
    assert "extend_params" not in biz


@pytest.mark.parametrize(("periods", "payer"), [(3, "buyer"), (6, "merchant"), (12, "buyer")])
def test_the_fake_cashier_shows_the_periods_it_computes(alipay, periods, payer):
    fake, gateway, merchant = alipay
    no = f"HB00010{periods:02d}"
    for channel in ("page", "wap"):
        url = gateway.create(_intent(no, 100_001, periods, payer, channel)).url
        page = TestClient(fake.app).get(url.replace("http://testserver", ""))
        assert page.status_code == 200 and f"data-periods='{periods}'" in page.text
    assert f"分 {periods} 期" in page.text and ("免息" in page.text) == (payer == "merchant")
    # Its own arithmetic and ours agree period by period.
    plan = huabei_plan(100_001, periods, payer)
    ours = [f"¥{r.total_fen // 100}.{r.total_fen % 100:02d}" for r in plan.per_period]
    shown = [line.split(">")[1].split("<")[0] for line in page.text.split("<li")[1:]]
    assert shown == ours
    assert fake.trades[no]["instalments"] == (periods, 100 if payer == "merchant" else 0)
    paid = TestClient(fake.app, follow_redirects=False).post(f"/pay/{no}")
    assert paid.status_code == 303 and merchant.received[-1].amount_fen == 100_001


BAD = [
    ({"hb_fq_num": "4", "hb_fq_seller_percent": "0"}, "hb_fq_num"),
    ({"hb_fq_num": 3, "hb_fq_seller_percent": "0"}, "hb_fq_num"),  # a number, not a string
    ({"hb_fq_num": "3", "hb_fq_seller_percent": "50"}, "hb_fq_seller_percent"),
    ({"hb_fq_seller_percent": "100"}, "hb_fq_seller_percent"),
]


@pytest.mark.parametrize(("extend", "named"), BAD)
def test_the_fake_refuses_what_alipay_refuses(alipay, merchant_keys, extend, named):
    fake, _, _ = alipay
    oracle = _sdk(merchant_keys.private_pem, merchant_keys.public_pem)
    query = oracle.api_alipay_trade_page_pay(
        "Tee", "HB000200", "300.00", notify_url="http://merchant/notify", extend_params=extend
    )
    page = TestClient(fake.app).get(f"/gateway.do?{query}")
    assert "<code id='error-code'>ACQ.INVALID_PARAMETER</code>" in page.text and named in page.text
    assert "HB000200" not in fake.trades  # no trade opened


def test_other_periods_need_a_new_trade_number(alipay):
    fake, gateway, _ = alipay
    browser = TestClient(fake.app)
    first = gateway.create(_intent("HB000300", 50_000, 3)).url
    assert "data-periods='3'" in browser.get(first.replace("http://testserver", "")).text
    again = gateway.create(_intent("HB000300", 50_000, 6)).url
    page = browser.get(again.replace("http://testserver", "")).text
    assert "ACQ.CONTEXT_INCONSISTENT" in page and fake.trades["HB000300"]["instalments"] == (3, 0)


def test_wechat_pay_refuses_instalments_before_calling(wechat):
    fake, gateway, _ = wechat
    assert isinstance(gateway, WechatPayGateway)
    with pytest.raises(InstalmentsUnsupported) as info:
        gateway.create(_intent("HB000400", 50_000, 3, channel="native"))
    assert (info.value.status, info.value.code) == (400, "payments.instalments_unsupported")
    assert "HB000400" not in fake.orders
