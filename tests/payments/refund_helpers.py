"""Orders paid through the real WeChat Pay and Alipay adapters (fake servers behind them), and
what partial refund tests read back."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import func, select
from starlette.testclient import TestClient

from mercato.payments.adapters.tables import Payment, PaymentRefund, ReceivedNotification
from mercato.payments.adapters.wechatpay import WechatPayGateway
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow
from mercato.sandbox.wechatpay import FakeWechatPay
from tests.payments.conftest import KeyPair, wechat_config
from tests.payments.order_helpers import order_state, placed_order, use_gateway

WECHAT_NOTIFY = "http://testserver/api/v1/payments/notify/wechatpay"
SUCCEEDED, FAILED = "payments.refund_succeeded.v1", "payments.refund_failed.v1"


def refunding_wechat(keys: KeyPair, fake: FakeWechatPay, down: bool = False) -> WechatPayGateway:
    """The WeChat Pay adapter asking for refund results at the shop's notify endpoint, as
    the registry builds it; `down`: every call fails to connect."""
    config = wechat_config(keys, fake, refund_notify_url=WECHAT_NOTIFY)
    if not down:
        return WechatPayGateway(config, client=TestClient(fake.app))

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    return WechatPayGateway(config, client=httpx.Client(transport=httpx.MockTransport(refuse)))


def paid_by_wechat(client: Any, db: Database, market: Any, buyer: Any, fake: Any, gateway: Any):  # type: ignore[no-untyped-def]
    """(order number, total fen, out_trade_no) of an order paid by WeChat Pay (native)."""
    use_gateway(client, fake, gateway, "wechatpay")
    number, total, h = placed_order(client, db, market, buyer, qty=3)
    r = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "wechatpay", "channel": "native"},
        headers=h,
    )
    assert r.status_code == 201, r.text
    no = r.json()["out_trade_no"]
    fake.pay(no)
    assert fake.deliver(fake.build_notification(no))[0] in (200, 204)
    assert order_state(db, number)[0] == "paid"
    return number, total, no


def paid_by_alipay(client: Any, db: Database, market: Any, buyer: Any, fake: Any, gateway: Any):  # type: ignore[no-untyped-def]
    """(order number, total fen, out_trade_no) of an order paid at Alipay's cashier page."""
    use_gateway(client, fake, gateway, "alipay")
    number, total, h = placed_order(client, db, market, buyer, qty=3)
    pay = client.post(
        f"/api/v1/orders/{number}/payments",
        json={"provider": "alipay", "channel": "page"},
        headers=h,
    ).json()
    TestClient(fake.app).get(pay["url"].replace("http://testserver", ""))  # opens the trade
    fake.pay(pay["out_trade_no"])
    assert fake.deliver(fake.build_notification(pay["out_trade_no"])) == (200, "success")
    assert order_state(db, number)[0] == "paid"
    return number, total, pay["out_trade_no"]


def events_named(db: Database, name: str) -> list[dict[str, Any]]:
    with db.reading() as tx:
        rows = tx.scalars(select(OutboxRow).where(OutboxRow.name == name).order_by(OutboxRow.id))
        return [json.loads(r.payload) for r in rows]


def refund_status(db: Database, refund_no: str) -> str:
    with db.reading() as tx:
        q = select(PaymentRefund.status).where(PaymentRefund.refund_no == refund_no)
        return str(tx.scalars(q).one())


def inbox_size(db: Database) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(ReceivedNotification)) or 0)


def attempt(db: Database, out_trade_no: str) -> tuple[str, int | None]:
    """(status, refund_fen) of a payment attempt."""
    with db.reading() as tx:
        p = tx.scalars(select(Payment).where(Payment.out_trade_no == out_trade_no)).one()
        return p.status, p.refund_fen
