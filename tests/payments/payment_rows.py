"""Payment attempts written straight into payments' table, for the payments centre's list."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mercato.payments.adapters.tables import Payment, ReceivedNotification


def add_payment(
    tx: Session,
    number: str,
    status: str,
    at: datetime,
    provider: str = "sandbox",
    channel: str = "page",
    amount_fen: int = 12_900,
    attempt: int = 1,
    notified: str = "",
) -> Payment:
    """One attempt of order `number` (created at `at`, naive UTC); `notified` adds the
    provider's failed/closed notification of it."""
    p = Payment(
        out_trade_no=f"{number}{attempt:02d}",
        order_number=number,
        attempt=attempt,
        customer_id=1,
        provider=provider,
        channel=channel,
        amount_fen=amount_fen,
        currency="CNY",
        status=status,
        created_at=at,
        updated_at=at + timedelta(minutes=1),
        paid_at=None if status in ("pending", "failed", "closed") else at + timedelta(minutes=1),
    )
    tx.add(p)
    if notified:
        tx.add(
            ReceivedNotification(
                provider=provider,
                notification_id=f"n-{p.out_trade_no}",
                out_trade_no=p.out_trade_no,
                status=notified,
                amount_fen=amount_fen,
                outcome="received",
                received_at=at,
            )
        )
    return p
