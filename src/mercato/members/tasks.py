"""Members' event subscribers and periodic jobs (registered by bootstrap.wire_bus): order
and after-sales events feed the order record, points and standing (services.order_feed);
every day all tiers, tags and RFM scores are recomputed and lapsed points expire."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.members.services import order_feed, points, standing
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings

DAY = 86400


def wire(bus: Bus, settings: Settings) -> None:
    """Subscribers and periodic jobs of this context."""
    per_yuan = settings.points_per_yuan

    def paid(tx: Session, event: Event) -> None:
        order_feed.on_paid(tx, event.payload, event.occurred_at)

    def completed(tx: Session, event: Event) -> None:
        order_feed.on_completed(tx, event.payload, event.occurred_at, per_yuan)

    def cancelled(tx: Session, event: Event) -> None:
        order_feed.on_ended(tx, event.payload, event.occurred_at, closed=False)

    def closed(tx: Session, event: Event) -> None:
        order_feed.on_ended(tx, event.payload, event.occurred_at, closed=True)

    def refunded(tx: Session, event: Event) -> None:
        order_feed.on_refunded(tx, event.payload, event.occurred_at, per_yuan)

    bus.subscribe(events.ORDER_PAID, "members.order_paid", paid)
    bus.subscribe(events.ORDER_COMPLETED, "members.order_completed", completed)
    bus.subscribe(events.ORDER_CANCELLED, "members.order_cancelled", cancelled)
    bus.subscribe(events.ORDER_CLOSED, "members.order_closed", closed)
    bus.subscribe(events.AFTERSALES_REFUNDED, "members.refunded", refunded)

    def recompute(db: Database) -> None:
        standing.recompute_all(db)

    def expire(db: Database) -> None:
        points.expire_all(db)

    bus.every(DAY, "members.recompute_standing", recompute)
    bus.every(DAY, "members.expire_points", expire)
