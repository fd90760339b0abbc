"""Flash-sale rules: an event's phase and window, what an event may say when staff create it,
per-customer limits, and seat ids. Pure: no I/O.

An event holds items (a SKU, its flash price, its units). A seat is units of one item taken
by one customer: held when taken, ordered once an order carries it, released when that
order is cancelled or closed unpaid (its units go back on sale). The per-customer limit
counts units across all items of the event."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from mercato.kernel.errors import Conflict, DomainError, NotFound

# Stored statuses of an event; "running" is derived: scheduled and inside its window.
DRAFT, SCHEDULED, ENDED, CANCELLED = "draft", "scheduled", "ended", "cancelled"
STATUSES = (DRAFT, SCHEDULED, ENDED, CANCELLED)
RUNNING = "running"

# Seats.
HELD, ORDERED, RELEASED = "held", "ordered", "released"
SEAT_STATUSES = (HELD, ORDERED, RELEASED)

# A seat released in the database goes back on sale in Redis through this event (after
# commit: nothing is given back for a release that rolled back).
SEAT_RELEASED = "flashsale.seat_released.v1"

MAX_ITEMS = 50  # SKUs in one event
MAX_QUANTITY = 1_000_000  # units of one item
MAX_LIMIT = 100  # per customer
MAX_RATE = 1_000_000  # admitted per second
MAX_PRICE_FEN = 100_000_000
# A seat held in the database but carried by no order this long is released (the order's
# write failed after the seat was taken).
HOLD_SECONDS = 600

# "fs<event>-<sku>-<16 hex>": made by whoever takes the seat, before any write, so the Redis
# script and the database row name the same seat.
SEAT_ID_RE = re.compile(r"^fs[0-9]{1,12}-[0-9]{1,12}-[0-9a-f]{16}$")


def N_(message: str) -> str:
    """Marks a message for translation (shown by the web layer through gettext)."""
    return message


def new_seat_id(event_id: int, sku_id: int) -> str:
    return f"fs{event_id}-{sku_id}-{secrets.token_hex(8)}"


def check_seat_id(seat_id: str) -> str:
    if not isinstance(seat_id, str) or not SEAT_ID_RE.match(seat_id):
        raise DomainError("flashsale.invalid_seat", N_("Not a seat id"), "seat_id")
    return seat_id


def phase(status: str, starts_at: datetime, ends_at: datetime, now: datetime) -> str:
    """draft and cancelled as stored; a scheduled event is scheduled before its start,
    running inside [starts_at, ends_at), ended after; ended when staff ended it early."""
    if status != SCHEDULED:
        return status
    if now < starts_at:
        return SCHEDULED
    return RUNNING if now < ends_at else ENDED


def check_open(status: str, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """Seats may be taken now, or the Conflict saying why not. A draft is not shown to
    buyers: unknown to them."""
    p = phase(status, starts_at, ends_at, now)
    if p == DRAFT:
        raise NotFound("flashsale.event_not_found", N_("No such flash sale"), "event_id")
    if p == CANCELLED:
        raise Conflict("flashsale.cancelled", N_("This flash sale was called off"), "event_id")
    if p == SCHEDULED:
        raise Conflict("flashsale.not_started", N_("This flash sale has not started"),
                       "event_id")
    if p == ENDED:
        raise Conflict("flashsale.ended", N_("This flash sale has ended"), "event_id")


def check_quantity(quantity: int, per_customer_limit: int) -> None:
    """One seat's units: at least one, never more than one customer may have."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise DomainError("flashsale.invalid_quantity", N_("Take at least one"), "quantity")
    if quantity > per_customer_limit:
        raise limit_reached()


def check_customer(customer_id: int) -> None:
    if isinstance(customer_id, bool) or not isinstance(customer_id, int) or customer_id < 1:
        raise DomainError("flashsale.invalid_customer", N_("Sign in first"), "customer_id")


def sold_out() -> Conflict:
    return Conflict("flashsale.sold_out", N_("Sold out"), "sku_id")


def limit_reached() -> Conflict:
    return Conflict("flashsale.limit_reached",
                    N_("You have taken as many as one customer may"), "quantity")


def seat_expired() -> Conflict:
    return Conflict("flashsale.seat_expired",
                    N_("Your place was held too long and went back on sale"), "seat_id")


@dataclass(frozen=True, slots=True)
class Seat:
    """Units of one item taken by one customer at the flash price. `recorded`: its database
    row exists (the database path writes it at once; on the Redis path record_seat does)."""

    seat_id: str
    event_id: int
    sku_id: int
    customer_id: int
    quantity: int
    price_fen: int
    taken_at: datetime
    recorded: bool


@dataclass(frozen=True, slots=True)
class ItemData:
    sku_id: int
    price_fen: int
    quantity: int


@dataclass(frozen=True, slots=True)
class EventData:
    """An event as staff typed it (already parsed to numbers and naive UTC times)."""

    name: str
    starts_at: datetime | None
    ends_at: datetime | None
    per_customer_limit: int = 1
    admit_per_second: int = 0  # 0: no waiting room
    items: tuple[ItemData, ...] = ()


Problems = dict[str, str]  # field → message (an English msgid)


def _items(p: Problems, items: tuple[ItemData, ...]) -> None:
    if not 1 <= len(items) <= MAX_ITEMS:
        p["items"] = N_("Between one and fifty products")
        return
    if len({i.sku_id for i in items}) != len(items):
        p["items"] = N_("Each product once")
    for i in items:
        if i.sku_id < 1:
            p["items"] = N_("Choose a product")
        elif not 1 <= i.price_fen <= MAX_PRICE_FEN:
            p["items"] = N_("A flash price from 0.01 to 1,000,000")
        elif not 1 <= i.quantity <= MAX_QUANTITY:
            p["items"] = N_("From 1 to 1,000,000 units")


def check_event(d: EventData) -> Problems:
    """Every problem of the event, by field; empty when it may be saved."""
    p: Problems = {}
    if not 1 <= len(d.name.strip()) <= 60:
        p["name"] = N_("A name of 1 to 60 characters")
    if d.starts_at is None:
        p["starts_at"] = N_("Enter a start time")
    if d.ends_at is None:
        p["ends_at"] = N_("Enter an end time")
    elif d.starts_at is not None and d.ends_at <= d.starts_at:
        p["ends_at"] = N_("The end must be after the start")
    if not 1 <= d.per_customer_limit <= MAX_LIMIT:
        p["per_customer_limit"] = N_("From 1 to 100 per customer")
    if not 0 <= d.admit_per_second <= MAX_RATE:
        p["admit_per_second"] = N_("From 0 (no waiting room) to 1,000,000 a second")
    _items(p, d.items)
    return p


class Invalid(DomainError):
    """Some fields are wrong: `problems` names each (field → message msgid)."""

    def __init__(self, problems: Problems) -> None:
        field, message = next(iter(problems.items()))
        super().__init__("flashsale.invalid", message, field)
        self.problems = problems


# Staff's moves: from which stored statuses each goes.
MOVES = {SCHEDULED: (DRAFT,), CANCELLED: (DRAFT, SCHEDULED), ENDED: (SCHEDULED,)}


def check_move(current: str, to: str) -> None:
    if current not in MOVES.get(to, ()):
        raise Conflict("flashsale.bad_status", N_("The flash sale cannot go there from here"),
                       "status")
