"""Payments' event subscribers and periodic jobs, registered by bootstrap.wire_bus."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.payments.adapters import registry
from mercato.payments.services import reconcile, refund_sending, refunds
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings


def wire(bus: Bus, settings: Settings) -> None:
    gateways = registry.build(settings)

    def close_cancelled(tx: Session, event: Event) -> None:
        number = str(event.payload["number"])
        reconcile.close_for_order(tx, number)
        if event.payload.get("refund_deposit"):  # a presale deposit its campaign gives back
            refunds.refund_closed_order(tx, number, "orders.deposit_refunded")

    def refund_closed(tx: Session, event: Event) -> None:
        refunds.refund_closed_order(tx, str(event.payload["number"]))

    def reconcile_stale(db: Database) -> None:
        reconcile.reconcile(db, gateways)

    def close_at_providers(db: Database) -> None:
        reconcile.close_at_providers(db, gateways)

    def refund_due(db: Database) -> None:
        refunds.refund_due(db, gateways)

    def send_refunds(db: Database) -> None:
        refund_sending.send_due(db, gateways)

    bus.subscribe(events.ORDER_CANCELLED, "payments.close_attempts", close_cancelled)
    bus.subscribe(events.ORDER_CLOSED, "payments.refund_closed_order", refund_closed)
    bus.every(120, "payments.reconcile", reconcile_stale)
    bus.every(30, "payments.close_at_providers", close_at_providers)
    bus.every(60, "payments.refund_due", refund_due)
    # Partial refunds (after-sales) left requested, or processing without news for a while.
    bus.every(30, "payments.send_refunds", send_refunds)
