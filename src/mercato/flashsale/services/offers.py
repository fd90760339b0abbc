"""An event's item as the seat-taking paths need it, checked to be on sale now."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from threading import Lock
from typing import Any

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.kernel.errors import NotFound
from mercato.platform.db import Database
from mercato.platform.tx import AnyTx


@dataclass(frozen=True, slots=True)
class Offer:
    event_id: int
    sku_id: int
    status: str
    starts_at: datetime
    ends_at: datetime
    per_customer_limit: int
    price_fen: int
    quantity: int
    taken: int


def _offer_of(row: Any) -> Offer:
    return Offer(int(row.id), int(row.sku_id), row.status, row.starts_at, row.ends_at,
                 int(row.per_customer_limit), int(row.price_fen), int(row.quantity),
                 int(row.taken))


def load(tx: AnyTx, event_id: int, sku_id: int) -> Offer:
    row = seat_sql.offer(tx, event_id, sku_id)
    if row is None:
        if seat_sql.items_of(tx, event_id):
            raise NotFound("flashsale.item_not_found",
                           domain.N_("This product is not in the flash sale"), "sku_id")
        raise NotFound("flashsale.event_not_found", domain.N_("No such flash sale"),
                       "event_id")
    return _offer_of(row)


def open_offer(offer: Offer, customer_id: int, quantity: int, now: datetime) -> Offer:
    """The offer, when this customer may take `quantity` of it now; else the error."""
    domain.check_customer(customer_id)
    domain.check_open(offer.status, offer.starts_at, offer.ends_at, now)
    domain.check_quantity(quantity, offer.per_customer_limit)
    return offer


# The Redis path reads an event's item from this process's memory for up to a second: the
# database's one read per seat would otherwise bound how fast Redis takes them. A cancelled
# or ended event takes up to this long to stop selling in every process.
CACHE_SECONDS = 1.0
_cache: dict[tuple[int, int], tuple[float, Offer]] = {}
_lock = Lock()


def cached(db: Database, event_id: int, sku_id: int) -> Offer:
    key, now = (event_id, sku_id), time.monotonic()
    hit = _cache.get(key)
    if hit is not None and hit[0] > now:
        return hit[1]
    with db.core_reads() as tx:
        offer = load(tx, event_id, sku_id)
    with _lock:
        if len(_cache) > 10_000:
            _cache.clear()
        _cache[key] = (now + CACHE_SECONDS, offer)
    return offer


def forget(event_id: int) -> None:
    """Staff changed the event: this process reads it afresh."""
    with _lock:
        for key in [k for k in _cache if k[0] == event_id]:
            del _cache[key]
