"""What other contexts may ask of flash sales. Times are naive UTC; money is integer fen.

Placing a flash-sale order (the caller's flow):
    admit(db, event_id, now[, token])   → Admitted, or a QueueToken to come back with
    seat = take_seat(db, event_id, sku_id, customer_id, quantity, now)
    with db.transaction() as tx:        # the order's own transaction
        record_seat(tx, seat)           # Redis path: the seat's row; database path: nothing
        ... write the order at seat.price_fen ...
        confirm_seat(tx, seat.seat_id, order_number)
    clear_pending(seat)                 # after the commit (optional; the job does it too)
If the order's transaction fails, call abandon_seat(db, seat): the units go back on sale.
Cancelling or closing the order unpaid: release_order(tx, number) (also done by this
context's subscribers of orders' cancelled/closed events) or release_seat(tx, seat_id).

configure(settings) picks the path once per process: with settings.flash_redis_url seats are
taken by one atomic Redis script and written after; without, by guarded UPDATEs in one
database transaction. Errors: NotFound flashsale.event_not_found / item_not_found /
seat_not_found; Conflict flashsale.not_started / ended / cancelled / sold_out /
limit_reached / seat_expired / seat_used; DomainError flashsale.invalid_quantity /
invalid_customer / invalid_seat / invalid (with .problems)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from mercato.flashsale import domain
from mercato.flashsale.domain import EventData, ItemData, Seat
from mercato.flashsale.services import backend, events, reconcile, seats, take_redis
from mercato.flashsale.services import waiting_room as _waiting_room
from mercato.flashsale.services.events import EventView, ItemView, SkuOffer
from mercato.flashsale.services.reconcile import Drift, Report
from mercato.flashsale.services.waiting_room import Admitted, QueueToken
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.settings import Settings
from mercato.platform.tx import AnyTx

__all__ = [
    "Admitted", "Drift", "EventData", "EventView", "ItemData", "ItemView", "QueueToken",
    "Report", "Seat", "SkuOffer", "abandon_seat", "admit", "cancel_event", "clear_pending",
    "configure", "confirm_seat", "create_event", "end_event", "event_for_sku", "get_event",
    "list_events", "load_event", "publish_event", "reconcile_seats", "record_seat",
    "release_order", "release_seat", "take_seat",
]


def configure(settings: Settings, namespace: str | None = None) -> None:
    """Once per process at start-up: Redis (settings.flash_redis_url, keys under
    `namespace`, default settings.queue_namespace) or the database path, and the waiting
    room's signing key (settings.secret_key)."""
    backend.configure(settings.flash_redis_url, namespace or settings.queue_namespace,
                      settings.secret_key)


def admit(db: Database, event_id: int, now: datetime | None = None,
          token: str = "") -> Admitted | QueueToken:
    """The waiting room, before take_seat: Admitted while fewer than the event's
    admit_per_second arrived this second (always, when it is 0); else a QueueToken (send
    Retry-After: retry_after). Presenting the token (`token`) at its turn admits, ahead of
    later arrivals, once. Forbidden flashsale.token_invalid (forged, altered, another
    event's); Conflict flashsale.token_expired (more than 30 s late), token_used. Counted in
    Redis across processes, or per process without Redis."""
    return _waiting_room.admit(db, event_id, now or utcnow(), token)


def take_seat(db: Database, event_id: int, sku_id: int, customer_id: int, quantity: int = 1,
              now: datetime | None = None) -> Seat:
    """`quantity` units of the event's SKU for the customer, never more than there are nor
    more than the event's per-customer limit (all its SKUs together), under any number of
    concurrent buyers. Database path: committed in its own transaction (seat.recorded).
    Redis path: decided by one script; the caller's transaction must then record_seat.
    Errors: see the module docstring; nothing is written when one is raised."""
    return seats.take_seat(db, event_id, sku_id, customer_id, quantity, now)


def record_seat(tx: AnyTx, seat: Seat) -> None:
    """Inside the order's transaction: the seat's row and counts (Redis path; nothing to do
    on the database path). Conflict flashsale.seat_expired when the seat waited longer than
    the reconciliation threshold and was given back; sold_out / limit_reached if Redis and
    the database disagree (the database never oversells)."""
    seats.record_seat(tx, seat)


def clear_pending(seat: Seat) -> None:
    """After the order's transaction committed: Redis forgets the seat's pending note."""
    seats.clear_pending(seat)


def confirm_seat(tx: AnyTx, seat_id: str, order_number: str) -> None:
    """Inside the order's transaction: the seat is carried by the order (held → ordered).
    Idempotent for the same order; Conflict flashsale.seat_used (another order's),
    seat_expired (released); NotFound flashsale.seat_not_found."""
    seats.confirm_seat(tx, seat_id, order_number)


def release_seat(tx: AnyTx, seat_id: str) -> bool:
    """The seat's order was cancelled or closed unpaid: its units go back on sale (in Redis
    after the commit). Idempotent: False when it was released already."""
    return seats.release_seat(tx, seat_id)


def release_order(tx: AnyTx, order_number: str) -> int:
    """release_seat for every seat the order carries; how many were released."""
    return seats.release_order(tx, order_number)


def abandon_seat(db: Database, seat: Seat) -> None:
    """A seat taken and not ordered (the order's write failed): units back on sale, in a
    unit of work of its own. Safe whatever the failed transaction got to write."""
    reconcile.abandon_seat(db, seat)


def load_event(db: Database, event_id: int) -> bool:
    """After publishing (and committing): the event's units into Redis. Idempotent; also
    done by the first take_seat and by the reconciliation job. False without Redis."""
    pools = backend.current().pools
    return bool(pools and take_redis.load_event(db, pools, event_id))


def reconcile_seats(db: Database, older_than_seconds: float = 60) -> Report:
    """The periodic job (tasks.py): stale held seats released; Redis seats pending longer
    than the threshold settled (in the database: forgotten; not: given back); Redis's units
    left checked against the database for running events and repaired. What it did."""
    return reconcile.reconcile(db, older_than_seconds)


def event_for_sku(tx: AnyTx, sku_id: int, now: datetime) -> SkuOffer | None:
    """The SKU's running flash sale (price, units remaining, limit, end), or None."""
    return events.event_for_sku(tx, sku_id, now)


def create_event(tx: Session, data: EventData) -> EventView:
    """A draft event with its items. Invalid (DomainError flashsale.invalid, .problems by
    field) when a rule is broken: see domain.check_event."""
    return events.create_event(tx, data)


def publish_event(tx: Session, event_id: int) -> EventView:
    """draft → scheduled: on sale in its window. Call load_event after the commit."""
    return events.move_event(tx, event_id, domain.SCHEDULED)


def end_event(tx: Session, event_id: int) -> EventView:
    """scheduled → ended, now (stops in every process within a second)."""
    return events.move_event(tx, event_id, domain.ENDED)


def cancel_event(tx: Session, event_id: int) -> EventView:
    """draft or scheduled → cancelled."""
    return events.move_event(tx, event_id, domain.CANCELLED)


def get_event(tx: Session, event_id: int, now: datetime | None = None) -> EventView:
    """NotFound flashsale.event_not_found."""
    return events.get_event(tx, event_id, now or utcnow())


def list_events(tx: Session, now: datetime | None = None) -> list[EventView]:
    """The latest 100 events, newest start first, with their items and phase."""
    return events.list_events(tx, now or utcnow())
