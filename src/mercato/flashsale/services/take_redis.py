"""Taking a seat with Redis: one atomic script decides (units left, the customer's limit)
and notes the seat as pending; the caller's transaction writes the seat row after
(seats.record_seat). A crash in between leaves a pending seat with no row: the
reconciliation job gives it back (services.reconcile), so no unit is lost or sold twice."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.flashsale.services import offers
from mercato.flashsale.services.backend import group
from mercato.kernel.errors import Busy
from mercato.platform import redis_seats
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.redis_seats import PoolLoad, SeatPools

KEEP_AFTER_END = timedelta(days=1)  # keys outlive the event: late releases, reconciliation


def take(db: Database, pools: SeatPools, event_id: int, sku_id: int, customer_id: int,
         quantity: int, now: datetime) -> domain.Seat:
    o = offers.open_offer(offers.cached(db, event_id, sku_id), customer_id, quantity, now)
    seat_id = domain.new_seat_id(event_id, sku_id)
    args = (group(event_id), str(sku_id), seat_id, str(customer_id), quantity,
            o.per_customer_limit, time.time())
    answer = pools.take(*args)
    if answer == redis_seats.NOT_LOADED:  # not published through load_event, or Redis lost it
        load_event(db, pools, event_id)
        answer = pools.take(*args)
    if answer == redis_seats.SOLD_OUT:
        raise domain.sold_out()
    if answer == redis_seats.LIMIT:
        raise domain.limit_reached()
    if answer != redis_seats.TAKEN:  # a seat id made twice (64 random bits) or not loaded
        raise Busy("flashsale.busy", domain.N_("Please try again"))
    return domain.Seat(seat_id, event_id, sku_id, customer_id, quantity, o.price_fen, now,
                       recorded=False)


def load_event(db: Database, pools: SeatPools, event_id: int) -> bool:
    """Put the event's units left (quantity - taken), the customers' units and the seats
    already released into Redis, unless it is there already. True when this call did."""
    with db.reading() as tx:
        items = seat_sql.items_of(tx, event_id)
        holders = seat_sql.holdings(tx, event_id)
        loads = {str(i.sku_id): PoolLoad(
            int(i.quantity) - int(i.taken),
            tuple(r.seat_id for r in seat_sql.released_of(tx, event_id, int(i.sku_id))))
            for i in items}
        ends = [e.ends_at for e in seat_sql.event_rows(tx, [event_id])]
    if not items or not ends:
        return False
    ttl = int((ends[0] + KEEP_AFTER_END - utcnow()).total_seconds())
    return pools.load(group(event_id), loads, {str(c): n for c, n in holders.items()},
                      max(ttl, 3600))
