"""Reconciliation: ask the provider about attempts whose notification never came, and close
attempts of cancelled orders so a late payer is refused at the provider. Provider calls are
made outside any database transaction: a slow provider never holds a lock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import (
    Notification,
    NotificationRejected,
    ProviderError,
    TradeConflict,
    TradeNotFound,
)
from mercato.payments.services import notifications
from mercato.payments.services.common import now, tally
from mercato.platform import batch
from mercato.platform.db import Database

QUIET = timedelta(minutes=2)  # let the notification arrive first
GIVE_UP = timedelta(days=2)


def _stale(tx: Session, providers: list[str], limit: int) -> list[tuple[str, str, int]]:
    at = now()
    q = (
        select(Payment.out_trade_no, Payment.provider, Payment.amount_fen)
        .where(
            Payment.status == "pending",
            Payment.provider.in_(providers),
            Payment.created_at < at - QUIET,
            Payment.created_at > at - GIVE_UP,
        )
        .order_by(Payment.created_at)
        .limit(limit)
    )
    return [(r[0], r[1], r[2]) for r in tx.execute(q)]


def reconcile(
    db: Database, gateways: Mapping[str, PaymentGateway], limit: int = 200
) -> dict[str, int]:
    """Query each stale pending attempt; a paid trade is recorded exactly as a notification
    would be (same amount check, same de-duplication). Returns counts by outcome."""
    with db.reading() as tx:
        stale = _stale(tx, [n for n in gateways if n != "sandbox"], limit)

    def ask(row: tuple[str, str, int]) -> str:
        return _reconcile_one(db, gateways[row[1]], row[0])

    counts = tally(*batch.each("payments.reconcile", stale, ask))
    counts.pop("pending", None)
    return counts


def _reconcile_one(db: Database, gateway: PaymentGateway, out_trade_no: str) -> str:
    try:
        status = gateway.query(out_trade_no)
    except (TradeNotFound, ProviderError):
        return "unreachable"
    if status.state not in ("paid", "closed", "failed"):
        return "pending"
    n = Notification(
        out_trade_no,
        status.transaction_id,
        status.amount_fen,
        "paid" if status.state == "paid" else "failed",
        "",
        "",
        f"query:{out_trade_no}:{status.state}",
        gateway.name,
    )
    try:
        return db.unit(lambda tx: notifications.record(tx, n))
    except NotificationRejected:
        return "mismatch"  # the provider's amount differs: left for a person to check


def close_for_order(tx: Session, number: str) -> int:
    """The order was cancelled (an event subscriber, in its transaction): its pending
    attempts become "closing"; `close_at_providers` closes them at the provider outside any
    transaction, so a slow provider never holds a database lock."""
    result = tx.execute(
        update(Payment)
        .where(Payment.order_number == number, Payment.status == "pending")
        .values(status="closing", updated_at=now())
    )
    return int(cast(CursorResult[Any], result).rowcount)


def _close_one(db: Database, gateway: PaymentGateway, out_trade_no: str) -> str:
    try:
        gateway.close(out_trade_no)
    except TradeConflict:
        return "paid"  # paid meanwhile: recorded below as a notification would be
    except TradeNotFound:
        pass  # never opened at the provider (a link nobody followed): nothing to close there
    except ProviderError:
        return "retry"
    db.unit(
        lambda tx: tx.execute(
            update(Payment)
            .where(Payment.out_trade_no == out_trade_no, Payment.status == "closing")
            .values(status="closed", updated_at=now())
        )
    )
    return "closed"


def close_at_providers(
    db: Database, gateways: Mapping[str, PaymentGateway], limit: int = 200
) -> dict[str, int]:
    """A periodic job: close "closing" attempts at their provider; one the provider says was
    paid after all is recorded (and becomes refund_due, its order being cancelled)."""
    with db.reading() as tx:
        rows = list(
            tx.execute(
                select(Payment.out_trade_no, Payment.provider)
                .where(Payment.status == "closing")
                .order_by(Payment.updated_at)
                .limit(limit)
            )
        )

    def close(row: tuple[str, str]) -> str:
        out_trade_no, provider = row
        gateway = gateways.get(provider)
        outcome = _close_one(db, gateway, out_trade_no) if gateway else "retry"
        if outcome == "paid" and gateway is not None:
            outcome = _record_query(db, gateway, out_trade_no)
        return outcome

    return tally(*batch.each("payments.close_at_providers", rows, close))


def _record_query(db: Database, gateway: PaymentGateway, out_trade_no: str) -> str:
    try:
        status = gateway.query(out_trade_no)
    except (TradeNotFound, ProviderError):
        return "retry"
    if status.state != "paid":
        return "retry"
    n = Notification(
        out_trade_no,
        status.transaction_id,
        status.amount_fen,
        "paid",
        "",
        "",
        f"query:{out_trade_no}:paid",
        gateway.name,
    )
    try:
        return db.unit(lambda tx: notifications.record(tx, n))
    except NotificationRejected:
        return "mismatch"
