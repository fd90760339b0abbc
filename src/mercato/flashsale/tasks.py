"""Flash sales' event subscribers and periodic job, registered by bootstrap.wire_bus."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.flashsale import domain
from mercato.flashsale.services import backend, reconcile, seats
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings

RECONCILE_SECONDS = 30
# A seat pending in Redis this long without its row is given back: far longer than an
# order's write takes, so a slow writer is not overtaken (it would get seat_expired).
PENDING_SECONDS = 60


def reconcile_job(db: Database) -> None:
    reconcile.reconcile(db, PENDING_SECONDS)


def wire(bus: Bus, settings: Settings) -> None:
    """Subscribers and periodic jobs of this context; also picks this process's path."""
    backend.configure(settings.flash_redis_url, settings.queue_namespace, settings.secret_key)

    def released(tx: Session, event: Event) -> None:
        seats.release_order(tx, str(event.payload["number"]))

    def give_back(_tx: Session, event: Event) -> None:
        seats.give_back_released(event.payload)

    bus.subscribe(events.ORDER_CANCELLED, "flashsale.release_cancelled", released)
    bus.subscribe(events.ORDER_CLOSED, "flashsale.release_closed", released)
    bus.subscribe(domain.SEAT_RELEASED, "flashsale.give_back", give_back)
    bus.every(RECONCILE_SECONDS, "flashsale.reconcile", reconcile_job)
