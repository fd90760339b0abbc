"""Opening a payment attempt for an order at a provider."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, TooManyRequests
from mercato.orders import public as orders
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import Channel, PaymentIntent
from mercato.payments.services.common import now

MAX_ATTEMPTS = 20


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


def _save(tx: Session, intent: PaymentIntent, view: PaymentView, customer_id: int) -> None:
    at = now()
    row = {
        "out_trade_no": intent.out_trade_no,
        "order_number": view.order_number,
        "attempt": int(intent.out_trade_no[-2:]),
        "customer_id": customer_id,
        "provider": view.provider,
        "channel": view.channel,
        "amount_fen": view.amount_fen,
        "currency": view.currency,
        "status": "pending",
        "action": view.action,
        "action_url": view.url,
        "created_at": at,
        "updated_at": at,
    }
    try:
        with tx.begin_nested():
            tx.execute(insert(Payment).values(**row))
    except IntegrityError:
        raise Conflict("payments.busy", "Another payment for this order is starting", "number")


def create_payment(
    tx: Session,
    gateway: PaymentGateway,
    customer_id: int,
    number: str,
    channel: Channel,
    public_url: str,
    client_ip: str = "",
) -> PaymentView:
    """A new attempt to pay the customer's own unpaid order; the amount is the order's."""
    order = orders.payable_order(tx, number, customer_id)
    base = public_url.rstrip("/")
    intent = PaymentIntent(
        out_trade_no=f"{number}{_next_attempt(tx, number):02d}",
        amount_fen=order.total_fen,
        description=order.description,
        notify_url=f"{base}/api/v1/payments/notify/{gateway.name}",
        channel=channel,
        currency=order.currency,
        client_ip=client_ip,
        return_url=f"{base}/account/orders/{number}",
    )
    result = gateway.create(intent)
    view = PaymentView(
        intent.out_trade_no,
        number,
        gateway.name,
        channel,
        order.total_fen,
        order.currency,
        "pending",
        result.action,
        result.url,
        dict(result.params),
    )
    _save(tx, intent, view, customer_id)
    return view
