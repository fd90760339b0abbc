"""Opening a payment attempt for an order at a provider, in three steps so that the
provider's HTTP call never runs inside a database transaction (on SQLite that would hold
the write lock for every other shopper): record the attempt, call the provider, store what
the shopper's client needs (or mark the attempt failed)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.kernel.errors import Busy, DomainError, TooManyRequests
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import Channel, PaymentError, PaymentIntent
from mercato.payments.services.common import now
from mercato.platform.db import Database

MAX_ATTEMPTS = 20
# What each provider can open from our web and app clients.
CHANNELS: dict[str, frozenset[str]] = {
    "wechatpay": frozenset({"native", "jsapi", "h5"}),
    "alipay": frozenset({"page", "wap"}),
    "sandbox": frozenset({"native", "h5", "page", "wap"}),
}


@dataclass(frozen=True, slots=True)
class PaymentView:
    out_trade_no: str
    order_number: str
    provider: str
    channel: str
    amount_fen: int
    currency: str
    status: str
    action: str
    url: str
    params: dict[str, str]


def _next_attempt(tx: Session, number: str) -> int:
    last = tx.scalar(select(func.max(Payment.attempt)).where(Payment.order_number == number))
    attempt = (last or 0) + 1
    if attempt > MAX_ATTEMPTS:
        raise TooManyRequests("payments.too_many_attempts", "Too many payment attempts", "number")
    return attempt


def _insert(
    tx: Session, intent: PaymentIntent, gateway: str, customer_id: int, number: str
) -> None:
    at = now()
    row = {
        "out_trade_no": intent.out_trade_no,
        "order_number": number,
        "attempt": int(intent.out_trade_no[-2:]),
        "customer_id": customer_id,
        "provider": gateway,
        "channel": intent.channel,
        "amount_fen": intent.amount_fen,
        "currency": intent.currency,
        "status": "pending",
        "created_at": at,
        "updated_at": at,
    }
    try:
        with tx.begin_nested():
            tx.execute(insert(Payment).values(**row))
    except IntegrityError:
        raise Busy("payments.busy", "Another payment for this order is starting", "number")


def _payer_openid(tx: Session, gateway: PaymentGateway, customer_id: int) -> str:
    # JSAPI pays as a WeChat user of our appid: the one the customer linked (PUT /me/wechat).
    openid = members.wechat_openid(tx, customer_id, getattr(gateway, "appid", ""))
    if not openid:
        raise PaymentError(
            "payments.wechat_not_linked",
            "Link your WeChat account before paying inside WeChat",
            "channel",
        )
    return openid


def record_attempt(
    tx: Session,
    gateway: PaymentGateway,
    customer_id: int,
    number: str,
    channel: Channel,
    public_url: str,
    client_ip: str = "",
) -> PaymentIntent:
    """Step 1 (in a transaction): the customer's own unpaid order gets a new attempt for the
    order's amount, valid until the order's payment deadline."""
    if channel not in CHANNELS.get(gateway.name, frozenset()):
        raise PaymentError(
            "payments.unsupported_channel", "This payment method cannot be used here", "channel"
        )
    order = orders.payable_order(tx, number, customer_id)
    openid = _payer_openid(tx, gateway, customer_id) if channel == "jsapi" else ""
    base = public_url.rstrip("/")
    intent = PaymentIntent(
        out_trade_no=f"{number}{_next_attempt(tx, number):02d}",
        amount_fen=order.total_fen,
        description=order.description,
        notify_url=f"{base}/api/v1/payments/notify/{gateway.name}",
        channel=channel,
        currency=order.currency,
        client_ip=client_ip,
        payer_openid=openid,
        return_url=f"{base}/account/orders/{number}",
        expires_at=order.pay_deadline,
    )
    _insert(tx, intent, gateway.name, customer_id, number)
    return intent


def open_payment(
    db: Database,
    gateway: PaymentGateway,
    customer_id: int,
    number: str,
    channel: Channel,
    public_url: str,
    client_ip: str = "",
) -> PaymentView:
    """All three steps. A provider error marks the attempt failed and is raised."""
    with db.transaction() as tx:
        intent = record_attempt(tx, gateway, customer_id, number, channel, public_url, client_ip)
    view = PaymentView(
        intent.out_trade_no,
        number,
        gateway.name,
        channel,
        intent.amount_fen,
        intent.currency,
        "pending",
        "",
        "",
        {},
    )
    try:
        result = gateway.create(intent)
    except DomainError:
        _set(db, intent.out_trade_no, status="failed")
        raise
    _set(db, intent.out_trade_no, action=result.action, action_url=result.url)
    return replace(view, action=result.action, url=result.url, params=dict(result.params))


def _set(db: Database, out_trade_no: str, **values: str) -> None:
    with db.transaction() as tx:
        tx.execute(
            update(Payment)
            .where(Payment.out_trade_no == out_trade_no, Payment.status == "pending")
            .values(updated_at=now(), **values)
        )
