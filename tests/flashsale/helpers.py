"""Reading a flash sale's state back from the database and Redis for assertions."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.flashsale.adapters.tables import Holding, Item, Seat
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools


def taken(db: Database, event_id: int, sku_id: int = 101) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(Item.taken).where(Item.event_id == event_id,
                                                      Item.sku_id == sku_id)) or 0)


def seat_units(db: Database, event_id: int, statuses: tuple[str, ...] = ("held", "ordered"),
               sku_id: int = 101) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.coalesce(func.sum(Seat.quantity), 0)).where(
            Seat.event_id == event_id, Seat.sku_id == sku_id, Seat.status.in_(statuses))) or 0)


def seat_statuses(db: Database, event_id: int) -> dict[str, str]:
    with db.reading() as tx:
        rows = tx.execute(select(Seat.seat_id, Seat.status).where(Seat.event_id == event_id))
        return {str(s): str(status) for s, status in rows}


def holdings(db: Database, event_id: int) -> dict[int, int]:
    with db.reading() as tx:
        rows = tx.execute(select(Holding.customer_id, Holding.taken)
                          .where(Holding.event_id == event_id, Holding.taken > 0))
        return {int(c): int(n) for c, n in rows}


def redis_left(pools: SeatPools, event_id: int, sku_id: int = 101) -> int | None:
    return pools.left(f"flashsale:{event_id}", str(sku_id))


def redis_holders(pools: SeatPools, event_id: int) -> dict[int, int]:
    raw = pools.redis.hgetall(pools.group_key(f"flashsale:{event_id}", "holders"))
    return {int(k): int(v) for k, v in raw.items() if int(v) > 0}  # type: ignore[union-attr]


def pending(pools: SeatPools, event_id: int, sku_id: int = 101) -> int:
    return len(pools.pending(f"flashsale:{event_id}", str(sku_id)))
