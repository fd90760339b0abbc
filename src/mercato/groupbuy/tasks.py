"""Group buying's event subscribers and periodic jobs, registered by bootstrap.wire_bus:
seats follow their orders, completed groups give cashback, late groups fail (or, filled,
complete) every minute."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.events.groupbuy import GROUP_COMPLETED
from mercato.groupbuy.services import cashback, expiry, outcomes
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings


def expire_job(db: Database) -> None:
    expiry.expire_groups(db, clock.utcnow())


def wire(bus: Bus, settings: Settings) -> None:
    """Subscribers and periodic jobs of this context."""

    # A payment counts when it happened (the event's time), not when the relay delivered it:
    # a group whose last seat was paid in time fills even if the event arrives late.
    def paid(tx: Session, event: Event) -> None:
        outcomes.order_paid(tx, str(event.payload["number"]), event.occurred_at)

    def ended(tx: Session, event: Event) -> None:
        outcomes.order_closed(tx, str(event.payload["number"]), clock.utcnow())

    def refunded(tx: Session, event: Event) -> None:
        outcomes.refunded(tx, str(event.payload["order_number"]), clock.utcnow())

    def completed(tx: Session, event: Event) -> None:
        cashback.give_cashback(tx, int(event.payload["group_id"]))

    bus.subscribe(events.ORDER_PAID, "groupbuy.order_paid", paid)
    bus.subscribe(events.ORDER_CANCELLED, "groupbuy.order_cancelled", ended)
    bus.subscribe(events.ORDER_CLOSED, "groupbuy.order_closed", ended)
    bus.subscribe(events.PAYMENT_REFUNDED, "groupbuy.order_refunded", refunded)
    # The ladder's cashback once the group is complete (at its most, or at its time).
    bus.subscribe(GROUP_COMPLETED, "groupbuy.cashback", completed)
    # Every minute: a group fails (and its refunds start), or a filled one completes (and its
    # cashback is paid), at most a minute after its time.
    bus.every(60, "groupbuy.expire_groups", expire_job)
