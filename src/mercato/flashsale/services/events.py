"""Staff's events: created whole (checked first), published, ended or called off; listed;
and the running offer of a SKU for its product page. Through the ORM, so staff's changes
land in the audit log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.flashsale.adapters.tables import Event, Item
from mercato.flashsale.services import offers
from mercato.flashsale.services.backend import current, group
from mercato.kernel.errors import NotFound
from mercato.platform.clock import utcnow
from mercato.platform.tx import AnyTx


@dataclass(frozen=True, slots=True)
class ItemView:
    sku_id: int
    price_fen: int
    quantity: int
    taken: int


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    name: str
    starts_at: datetime
    ends_at: datetime
    per_customer_limit: int
    admit_per_second: int
    status: str  # stored: draft, scheduled, ended, cancelled
    phase: str  # now: draft, scheduled, running, ended, cancelled
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class SkuOffer:
    """A SKU's running flash sale, for its product page."""

    event_id: int
    name: str
    sku_id: int
    price_fen: int
    quantity: int
    remaining: int
    per_customer_limit: int
    ends_at: datetime


def _view(e: Event, items: list[Item], now: datetime) -> EventView:
    return EventView(e.id, e.name, e.starts_at, e.ends_at, e.per_customer_limit,
                     e.admit_per_second, e.status,
                     domain.phase(e.status, e.starts_at, e.ends_at, now),
                     tuple(ItemView(i.sku_id, i.price_fen, i.quantity, i.taken) for i in items))


def _items(tx: Session, event_id: int) -> list[Item]:
    return list(tx.scalars(select(Item).where(Item.event_id == event_id).order_by(Item.sku_id)))


def create_event(tx: Session, d: domain.EventData) -> EventView:
    problems = domain.check_event(d)
    if problems:
        raise domain.Invalid(problems)
    assert d.starts_at is not None and d.ends_at is not None
    now = utcnow()
    e = Event(name=d.name.strip(), starts_at=d.starts_at, ends_at=d.ends_at,
              per_customer_limit=d.per_customer_limit, admit_per_second=d.admit_per_second,
              status=domain.DRAFT, created_at=now, updated_at=now)
    tx.add(e)
    tx.flush()
    tx.add_all([Item(event_id=e.id, sku_id=i.sku_id, price_fen=i.price_fen,
                     quantity=i.quantity, taken=0) for i in d.items])
    tx.flush()
    return _view(e, _items(tx, e.id), now)


def _get(tx: Session, event_id: int) -> Event:
    found = tx.get(Event, event_id, with_for_update=True)
    if found is None:
        raise NotFound("flashsale.event_not_found", domain.N_("No such flash sale"),
                       "event_id")
    return found


def move_event(tx: Session, event_id: int, to: str) -> EventView:
    """Publish (scheduled), end early (ended) or call off (cancelled)."""
    e = _get(tx, event_id)
    domain.check_move(e.status, to)
    e.status, e.updated_at = to, utcnow()
    offers.forget(event_id)
    return _view(e, _items(tx, e.id), e.updated_at)


def get_event(tx: Session, event_id: int, now: datetime) -> EventView:
    e = tx.get(Event, event_id)
    if e is None:
        raise NotFound("flashsale.event_not_found", domain.N_("No such flash sale"),
                       "event_id")
    return _view(e, _items(tx, e.id), now)


def list_events(tx: Session, now: datetime, limit: int = 100) -> list[EventView]:
    """Newest first (by start)."""
    events = list(tx.scalars(select(Event).order_by(Event.starts_at.desc(), Event.id.desc())
                             .limit(limit)))
    return [_view(e, _items(tx, e.id), now) for e in events]


def event_for_sku(tx: AnyTx, sku_id: int, now: datetime) -> SkuOffer | None:
    """The running event of the SKU (the one ending soonest if several), or None. Units
    remaining from Redis when seats are taken there (the database's count lags it)."""
    row = seat_sql.running_offer(tx, sku_id, now)
    if row is None:
        return None
    remaining = int(row.quantity) - int(row.taken)
    pools = current().pools
    if pools is not None:
        left = pools.left(group(int(row.id)), str(sku_id))
        remaining = remaining if left is None else max(0, left)
    return SkuOffer(int(row.id), row.name, sku_id, int(row.price_fen), int(row.quantity),
                    remaining, int(row.per_customer_limit), row.ends_at)
