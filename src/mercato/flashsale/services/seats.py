"""A seat's life: taken (by whichever path this process is configured for), recorded in
the database, carried by an order, released when that order is cancelled or closed unpaid."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.flashsale.services import take_redis, take_sql
from mercato.flashsale.services.backend import current, group
from mercato.kernel.errors import Conflict, NotFound
from mercato.platform import outbox
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.tx import AnyTx


def take_seat(db: Database, event_id: int, sku_id: int, customer_id: int, quantity: int = 1,
              now: datetime | None = None) -> domain.Seat:
    now = now or utcnow()
    domain.check_customer(customer_id)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise domain.DomainError("flashsale.invalid_quantity", domain.N_("Take at least one"),
                                 "quantity")
    pools = current().pools
    if pools is None:
        return db.unit(lambda tx: take_sql.take(tx, event_id, sku_id, customer_id, quantity,
                                                now))
    return take_redis.take(db, pools, event_id, sku_id, customer_id, quantity, now)


def record_seat(tx: AnyTx, seat: domain.Seat) -> None:
    """Write a seat taken in Redis: its row, the customer's units, the item's taken count.
    Idempotent within the transaction that wrote it; Conflict flashsale.seat_expired when the
    reconciliation job gave the seat back first."""
    if seat.recorded:
        return
    row = seat_sql.seat_row(seat.seat_id, seat.event_id, seat.sku_id, seat.customer_id,
                            seat.quantity, domain.HELD, seat.taken_at)
    if not seat_sql.add_seat(tx, row):
        found = seat_sql.seat(tx, seat.seat_id)
        if found is None or found.status == domain.RELEASED:
            raise domain.seat_expired()
        return
    # Both guards hold while Redis and the database agree; they stop an oversell if they
    # drifted apart (Redis lost its data): the caller's transaction then rolls back.
    o = seat_sql.offer(tx, seat.event_id, seat.sku_id)
    cap = int(o.per_customer_limit) if o is not None else seat.quantity
    if not seat_sql.hold(tx, seat.event_id, seat.customer_id, seat.quantity, cap):
        raise domain.limit_reached()
    if not seat_sql.count_taken(tx, seat.event_id, seat.sku_id, seat.quantity):
        raise domain.sold_out()


def clear_pending(seat: domain.Seat) -> None:
    """After the transaction that recorded the seat committed: Redis need not remember it.
    Optional (the reconciliation job does it for seats older than its threshold)."""
    pools = current().pools
    if pools is not None and not seat.recorded:
        pools.forget(group(seat.event_id), str(seat.sku_id), seat.seat_id)


def confirm_seat(tx: AnyTx, seat_id: str, order_number: str) -> None:
    domain.check_seat_id(seat_id)
    if seat_sql.confirm(tx, seat_id, order_number, utcnow()):
        return
    found = seat_sql.seat(tx, seat_id)
    if found is None:
        raise NotFound("flashsale.seat_not_found", domain.N_("No such seat"), "seat_id")
    if found.status == domain.RELEASED:
        raise domain.seat_expired()
    if found.order_number != order_number:
        raise Conflict("flashsale.seat_used", domain.N_("This seat is another order's"),
                       "seat_id")


def release(tx: AnyTx, seat_id: str,
            statuses: tuple[str, ...] = (domain.HELD, domain.ORDERED)) -> dict[str, Any] | None:
    """held/ordered → released, its units off the item's and the customer's counts; Redis
    gets them back after commit (the SEAT_RELEASED event, whose payload this answers). None
    when it was released already."""
    domain.check_seat_id(seat_id)
    row = seat_sql.release(tx, seat_id, utcnow(), statuses)
    if row is None:
        if seat_sql.seat(tx, seat_id) is None:
            raise NotFound("flashsale.seat_not_found", domain.N_("No such seat"), "seat_id")
        return None
    seat_sql.uncount(tx, row.event_id, row.sku_id, row.quantity)
    seat_sql.unhold(tx, row.event_id, row.customer_id, row.quantity)
    payload = {"seat_id": seat_id, "event_id": int(row.event_id), "sku_id": int(row.sku_id),
               "customer_id": int(row.customer_id), "quantity": int(row.quantity)}
    outbox.record(tx, domain.SEAT_RELEASED, payload)
    return payload


def release_seat(tx: AnyTx, seat_id: str) -> bool:
    return release(tx, seat_id) is not None


def release_now(db: Database, seat_ids: list[str],
                statuses: tuple[str, ...] = (domain.HELD, domain.ORDERED)) -> int:
    """Release seats in a unit of work of their own and, once it committed, give their units
    back in Redis at once (the event then finds them given back)."""
    payloads = db.unit(lambda tx: [p for s in seat_ids
                                   if (p := release(tx, s, statuses)) is not None])
    for p in payloads:
        give_back_released(p)
    return len(payloads)


def release_order(tx: AnyTx, order_number: str) -> int:
    """Every seat the order carries is released; how many."""
    return sum(release_seat(tx, s) for s in seat_sql.seats_of_order(tx, order_number))


def give_back_released(payload: dict[str, Any]) -> bool:
    """The SEAT_RELEASED subscriber: the units go back on sale in Redis, once per seat."""
    pools = current().pools
    if pools is None:
        return False
    return pools.give_back(group(int(payload["event_id"])), str(payload["sku_id"]),
                           str(payload["seat_id"]), str(payload["customer_id"]),
                           int(payload["quantity"]))
