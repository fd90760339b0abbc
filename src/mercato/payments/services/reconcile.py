"""Reconciliation: ask the provider about attempts whose notification never came, and close
attempts of cancelled orders so a late payer is refused at the provider. Provider calls are
made outside any database transaction: a slow provider never holds a lock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from sqlalchemy import select
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
from mercato.payments.services.common import now
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
    counts: dict[str, int] = {}
    with db.reading() as tx:
        stale = _stale(tx, [n for n in gateways if n != "sandbox"], limit)
    for out_trade_no, provider, _amount in stale:
        try:
            status = gateways[provider].query(out_trade_no)
        except (TradeNotFound, ProviderError):
            counts["unreachable"] = counts.get("unreachable", 0) + 1
            continue
        if status.state not in ("paid", "closed", "failed"):
            continue
        n = Notification(
            out_trade_no,
            status.transaction_id,
            status.amount_fen,
            "paid" if status.state == "paid" else "failed",
            "",
            "",
            f"query:{out_trade_no}:{status.state}",
            provider,
        )
        try:
            with db.transaction() as tx:
                outcome = notifications.record(tx, n)
        except NotificationRejected:
            outcome = "mismatch"  # the provider's amount differs: left for a person to check
        counts[outcome] = counts.get(outcome, 0) + 1
    return counts


def close_for_order(tx: Session, gateways: Mapping[str, PaymentGateway], number: str) -> int:
    """The order was cancelled (an event subscriber): close its pending attempts at the
    provider and here, so a shopper can no longer pay a cancelled order."""
    pending = tx.scalars(
        select(Payment)
        .where(Payment.order_number == number, Payment.status == "pending")
        .with_for_update()
    ).all()
    closed = 0
    for payment in pending:
        gateway = gateways.get(payment.provider)
        if gateway is not None:
            try:
                gateway.close(payment.out_trade_no)
            except TradeConflict:
                continue  # paid meanwhile: its notification will mark it refund_due
            except (TradeNotFound, ProviderError):
                pass  # never opened there, or unreachable: closed here all the same
        payment.status, payment.updated_at = "closed", now()
        closed += 1
    return closed
