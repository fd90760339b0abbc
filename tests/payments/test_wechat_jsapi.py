"""WeChat Pay JSAPI through the API: the order is opened for the WeChat user the customer
linked (never an openid the client sends), the client gets wx.requestPayment parameters
signed with the merchant key, and the notification pays the order."""

from __future__ import annotations

import base64

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from mercato.members.adapters.wechat_login import WechatIdentity
from mercato.members.services import wechat
from tests.payments.conftest import APPID
from tests.payments.order_helpers import order_state, placed_order, use_gateway


def _link(db, customer_id: int, openid: str) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        wechat.link(tx, customer_id, WechatIdentity(APPID, openid, ""))


def test_jsapi_pays_as_the_linked_wechat_user(client, db, market, buyer, wechat, merchant_keys):
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, total, h = placed_order(client, db, market, buyer)
    _link(db, buyer["id"], "oUpF8uMuAJO_M2pxb1Q9")
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "wechatpay", "channel": "jsapi"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    pay = r.json()
    assert (pay["action"], pay["channel"], pay["amount_fen"]) == ("jsapi", "jsapi", total)
    trade = fake.orders[pay["out_trade_no"]]
    assert trade["payer"]["openid"] == "oUpF8uMuAJO_M2pxb1Q9"
    params = pay["params"]
    assert params["appId"] == APPID and params["signType"] == "RSA"
    assert params["package"] == f"prepay_id={trade['prepay_id']}"
    # The pay sign verifies with the merchant's public key over WeChat's documented message.
    message = f"{APPID}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n"
    merchant_keys.key.public_key().verify(
        base64.b64decode(params["paySign"]), message.encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    fake.pay(pay["out_trade_no"])
    assert fake.deliver(fake.build_notification(pay["out_trade_no"]))[0] in (200, 204)
    assert order_state(db, number) == ("paid", 1, 1)


def test_jsapi_needs_a_linked_wechat_user_and_refuses_a_client_openid(
    client, db, market, buyer, wechat
):
    fake, gateway, _ = wechat
    use_gateway(client, fake, gateway, "wechatpay")
    number, _, h = placed_order(client, db, market, buyer)
    url = f"/api/v1/orders/{number}/payments"
    r = client.post(url, json={"provider": "wechatpay", "channel": "jsapi"}, headers=h)
    assert r.status_code == 422, r.text
    assert r.json()["error"] == {  # the shop's default language
        "code": "payments.wechat_not_linked",
        "message": "请先绑定微信账号，再在微信内支付",
        "field": "channel",
    }
    forged = {"provider": "wechatpay", "channel": "jsapi", "openid": "o-someone-else"}
    assert client.post(url, json=forged, headers=h).status_code == 422
    assert fake.orders == {}  # nothing was opened at WeChat Pay
