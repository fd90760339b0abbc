"""Opening a payment attempt for an order at a provider, in three steps so that the
provider's HTTP call never runs inside a database transaction (on SQLite that would hold
the write lock for every other shopper): record the attempt, call the provider, store what
the shopper's client needs (or mark the attempt failed)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from mercato.kernel.errors import Busy, DomainError, TooManyRequests
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import (
    Channel,
    Payer,
    PaymentError,
    PaymentIntent,
    no_instalments,
    valid_instalments,
)
from mercato.payments.instalments import InstalmentGateway
from mercato.payments.services.common import now
from mercato.platform.db import Database

MAX_ATTEMPTS = 20
# What each provider can open from our web and app clients.
CHANNELS: dict[str, frozenset[str]] = {
    "wechatpay": frozenset({"native", "jsapi", "h5"}),
    "alipay": frozenset({"page", "wap"}),
    "sandbox": frozenset({"native", "h5", "page", "wap"}),
}
# Which of them take instalments (an `instalments` InstalmentGateway on the adapter).
INSTALMENT_PROVIDERS = frozenset({"alipay"})


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
    instalments: int = 0
    instalment_payer: str = ""


@dataclass(frozen=True, slots=True)
class Instalments:
    """What the shopper chose (`periods`, 0: pay at once) and who pays the fee (the shop's
    setting)."""

    periods: int = 0
    payer: Payer = "buyer"


AT_ONCE = Instalments()


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
        "instalments": intent.instalments,
        "instalment_payer": intent.instalment_payer if intent.instalments else "",
        "stage": intent.stage,
        "status": "pending",
        "created_at": at,
        "updated_at": at,
    }
    # Two attempts started at once take the same attempt number: the second inserts nothing.
    ins = pg_insert if tx.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = ins(Payment).values(**row).on_conflict_do_nothing().returning(Payment.id)
    if tx.execute(stmt).first() is None:
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


def _offer(gateway: PaymentGateway, choice: Instalments) -> InstalmentGateway | None:
    """The gateway's instalments, when the shopper chose some (checked before anything is
    read or written: a provider without them is a wrong request)."""
    if not valid_instalments(choice.periods, choice.payer):
        return None
    offer = getattr(gateway, "instalments", None)
    if not isinstance(offer, InstalmentGateway):
        raise no_instalments()
    return offer


def _check_amount(offer: InstalmentGateway | None, amount_fen: int, periods: int) -> None:
    if offer is not None and periods not in offer.periods_for(amount_fen):
        raise PaymentError(
            "payments.instalments_below_minimum",
            "This order is too small to pay in instalments",
            "instalments",
        )


def _intent(
    tx: Session,
    gateway: PaymentGateway,
    customer_id: int,
    number: str,
    channel: Channel,
    public_url: str,
    client_ip: str,
    choice: Instalments,
    out_trade_no: str,
) -> PaymentIntent:
    """What the provider is asked for trade `out_trade_no` of the customer's own unpaid order:
    the order's amount (a presale order's deposit, then its balance), valid until its payment
    deadline, in the periods chosen."""
    if channel not in CHANNELS.get(gateway.name, frozenset()):
        raise PaymentError(
            "payments.unsupported_channel", "This payment method cannot be used here", "channel"
        )
    offer = _offer(gateway, choice)
    order = orders.payable_order(tx, number, customer_id)
    _check_amount(offer, order.amount_fen, choice.periods)
    openid = _payer_openid(tx, gateway, customer_id) if channel == "jsapi" else ""
    base = public_url.rstrip("/")
    return PaymentIntent(
        out_trade_no=out_trade_no or f"{number}{_next_attempt(tx, number):02d}",
        amount_fen=order.amount_fen,
        description=order.description,
        notify_url=f"{base}/api/v1/payments/notify/{gateway.name}",
        channel=channel,
        currency=order.currency,
        client_ip=client_ip,
        payer_openid=openid,
        return_url=f"{base}/account/orders/{number}",
        expires_at=order.pay_deadline,
        instalments=choice.periods,
        instalment_payer=choice.payer,
        stage=order.stage,
    )


def record_attempt(
    tx: Session,
    gateway: PaymentGateway,
    customer_id: int,
    number: str,
    channel: Channel,
    public_url: str,
    client_ip: str = "",
    choice: Instalments = AT_ONCE,
) -> PaymentIntent:
    """Step 1 (in a transaction): the customer's own unpaid order gets a new attempt."""
    args = (gateway, customer_id, number, channel, public_url, client_ip, choice)
    intent = _intent(tx, *args, "")
    _insert(tx, intent, gateway.name, customer_id, number)
    return intent


class Progress(Protocol):
    """Where an Idempotency-Key's work got to (mercato.platform.leases.Lease): the trade a
    previous try of the same request made, and a way to note the one this try makes."""

    @property
    def recovered(self) -> str: ...

    def note(self, tx: Session, point: str) -> None: ...


def _resumable(db: Database, customer_id: int, progress: Progress | None) -> str:
    """The attempt a crashed try of this request made, if it may still be opened ("" if not:
    closed or failed since, the retry starts a new attempt)."""
    out_trade_no = progress.recovered if progress is not None else ""
    if not out_trade_no:
        return ""
    with db.reading() as tx:
        found = tx.execute(
            select(Payment.out_trade_no).where(
                Payment.out_trade_no == out_trade_no,
                Payment.customer_id == customer_id,
                Payment.status == "pending",
            )
        ).scalar()
    return found or ""


def open_payment(
    db: Database,
    gateway: PaymentGateway,
    customer_id: int,
    number: str,
    channel: Channel,
    public_url: str,
    client_ip: str = "",
    progress: Progress | None = None,
    choice: Instalments = AT_ONCE,
) -> PaymentView:
    """All three steps. A provider error marks the attempt failed and is raised. Under an
    Idempotency-Key (`progress`) the attempt is noted with the key in the transaction that
    records it, so a retry after a crash opens that same trade again, not a second one."""
    # A crashed try's attempt is opened again even if the provider had answered it: the same
    # trade number is the same trade there, and its answer (signed parameters) was not kept.
    resumed = _resumable(db, customer_id, progress)
    args = (gateway, customer_id, number, channel, public_url, client_ip, choice)

    def record(tx: Session) -> PaymentIntent:
        if resumed:
            return _intent(tx, *args, resumed)
        intent = record_attempt(tx, *args)
        if progress is not None:
            progress.note(tx, intent.out_trade_no)
        return intent

    return _open_at_provider(db, gateway, db.unit(record), number)


def _open_at_provider(
    db: Database, gateway: PaymentGateway, intent: PaymentIntent, number: str
) -> PaymentView:
    try:
        result = gateway.create(intent)  # the same trade number again is the same trade
    except DomainError:
        _set(db, intent.out_trade_no, status="failed")
        raise
    _set(db, intent.out_trade_no, action=result.action, action_url=result.url)
    return PaymentView(
        intent.out_trade_no,
        number,
        gateway.name,
        intent.channel,
        intent.amount_fen,
        intent.currency,
        "pending",
        result.action,
        result.url,
        dict(result.params),
        intent.instalments,
        intent.instalment_payer if intent.instalments else "",
    )


def _set(db: Database, out_trade_no: str, **values: str) -> None:
    def write(tx: Session) -> None:
        tx.execute(
            update(Payment)
            .where(Payment.out_trade_no == out_trade_no, Payment.status == "pending")
            .values(updated_at=now(), **values)
        )

    db.unit(write)
