"""Giving back money that arrived for an order that could not take it (paid after it was
cancelled, or paid twice through two attempts). A periodic job refunds each such attempt in
full at its provider, outside any database transaction; the refund number is derived from
the attempt, so a retried refund is the same refund at the provider (never a second one)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mercato import events
from mercato.payments.adapters.gateway import PaymentGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.domain import PaymentError, ProviderError, TradeConflict, TradeNotFound
from mercato.payments.services.common import now, tally
from mercato.platform import batch, outbox
from mercato.platform.db import Database

DUE = ("refund_due", "refunding")


def refund_due(
    db: Database, gateways: Mapping[str, PaymentGateway], limit: int = 100
) -> dict[str, int]:
    with db.reading() as tx:
        rows = list(
            tx.execute(
                select(Payment.out_trade_no, Payment.provider, Payment.amount_fen)
                .where(Payment.status.in_(DUE))
                .order_by(Payment.updated_at)
                .limit(limit)
            )
        )

    def refund(row: tuple[str, str, int]) -> str:
        out_trade_no, provider, amount = row
        gateway = gateways.get(provider)
        return _refund_one(db, gateway, out_trade_no, amount) if gateway else "retry"

    return tally(*batch.each("payments.refund_due", rows, refund))


def _refund_one(db: Database, gateway: PaymentGateway, out_trade_no: str, amount: int) -> str:
    try:
        result = gateway.refund(out_trade_no, f"{out_trade_no}R", amount, amount)
    except (ProviderError, TradeNotFound, TradeConflict, PaymentError):
        return "retry"  # provider down or refusing for now: the next run asks again
    status = "refunded" if result.status == "success" else "refunding"
    if result.status == "failed":
        return "retry"
    def write(tx: Session) -> None:
        tx.execute(
            update(Payment)
            .where(Payment.out_trade_no == out_trade_no, Payment.status.in_(DUE))
            .values(status=status, updated_at=now())
        )
        if status == "refunded":
            outbox.record(
                tx,
                events.PAYMENT_REFUNDED,
                {
                    "out_trade_no": out_trade_no,
                    "provider": gateway.name,
                    "amount_fen": amount,
                    "refund_id": result.refund_id,
                },
            )

    db.unit(write)
    return status
