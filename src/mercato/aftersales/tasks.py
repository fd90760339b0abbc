"""After-sales' event subscribers, registered by bootstrap.wire_bus."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.aftersales.services import refunding
from mercato.platform.outbox import Bus, Event


def wire(bus: Bus) -> None:
    def succeeded(tx: Session, event: Event) -> None:
        refunding.on_refund_succeeded(tx, dict(event.payload))

    def whole(tx: Session, event: Event) -> None:
        refunding.on_order_refunded(tx, dict(event.payload))

    def failed(tx: Session, event: Event) -> None:
        refunding.on_refund_failed(tx, dict(event.payload))

    bus.subscribe(events.PAYMENT_REFUND_SUCCEEDED, "aftersales.refunded", succeeded)
    bus.subscribe(events.PAYMENT_REFUNDED, "aftersales.order_refunded", whole)
    bus.subscribe(events.PAYMENT_REFUND_FAILED, "aftersales.refund_failed", failed)
