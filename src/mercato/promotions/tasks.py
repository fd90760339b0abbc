"""Promotions' event subscribers and periodic jobs, registered by bootstrap.wire_bus."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from mercato.promotions.services import checkout, gifts


def birthday_job(db: Database) -> None:
    # Hourly rather than daily: the gift arrives early on the member's (shop-time) birthday
    # whenever the process started, and a missed run is caught up the same day. Once a
    # year per member (source_ref), so running often gives nothing twice.
    db.unit(lambda tx: gifts.birthdays(tx, clock.today()))


def expire_job(db: Database) -> None:
    db.unit(lambda tx: checkout.expire_coupons(tx, clock.utcnow()))


def _number(event: Event) -> str:
    return str(event.payload["number"])


def wire(bus: Bus, settings: Settings) -> None:
    """Subscribers and periodic jobs of this context."""

    def released(tx: Session, event: Event) -> None:
        checkout.release_order(tx, _number(event))

    def placed(tx: Session, event: Event) -> None:
        checkout.count_uses(tx, _number(event))

    def paid(tx: Session, event: Event) -> None:
        checkout.order_paid(tx, _number(event))

    def referral(tx: Session, event: Event) -> None:
        gifts.referral(tx, event.payload)

    def tier(tx: Session, event: Event) -> None:
        gifts.tier_reached(tx, event.payload)

    bus.subscribe(events.ORDER_PLACED, "promotions.count_uses", placed)
    bus.subscribe(events.ORDER_CANCELLED, "promotions.release_cancelled", released)
    bus.subscribe(events.ORDER_CLOSED, "promotions.release_closed", released)
    bus.subscribe(events.ORDER_PAID, "promotions.order_paid", paid)
    bus.subscribe(events.REFERRAL_QUALIFIED, "promotions.referral_gifts", referral)
    bus.subscribe(events.MEMBER_TIER_CHANGED, "promotions.tier_gifts", tier)
    bus.every(3600, "promotions.birthday_gifts", birthday_job)
    bus.every(86400, "promotions.expire_coupons", expire_job)
