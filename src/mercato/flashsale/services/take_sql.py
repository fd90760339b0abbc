"""Taking a seat without Redis: one database transaction of guarded statements — the
customer's units (guarded upsert), the item's taken count (guarded UPDATE), the seat row.
Either all happen or none: a sold-out item or a customer at their limit rolls back whole."""

from __future__ import annotations

from datetime import datetime

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.flashsale.services import offers
from mercato.platform.tx import AnyTx


def take(tx: AnyTx, event_id: int, sku_id: int, customer_id: int, quantity: int,
         now: datetime) -> domain.Seat:
    o = offers.open_offer(offers.load(tx, event_id, sku_id), customer_id, quantity, now)
    # The customer's row first (their own, rarely contended), the item's hot row last: its
    # lock is then held for the shortest time, until the commit just after.
    if not seat_sql.hold(tx, event_id, customer_id, quantity, o.per_customer_limit):
        raise domain.limit_reached()
    if not seat_sql.count_taken(tx, event_id, sku_id, quantity):
        raise domain.sold_out()
    seat_id = domain.new_seat_id(event_id, sku_id)
    seat_sql.add_seat(tx, seat_sql.seat_row(seat_id, event_id, sku_id, customer_id, quantity,
                                            domain.HELD, now))
    return domain.Seat(seat_id, event_id, sku_id, customer_id, quantity, o.price_fen, now,
                       recorded=True)
