"""Which way seats are taken in this process, set once at start-up (`configure`, from
bootstrap's wiring; tests call it too): with a Redis URL, the atomic script first and the
database after; without, guarded UPDATEs in one database transaction. Also the waiting
room's counter and the key its tokens are signed with."""

from __future__ import annotations

from dataclasses import dataclass

from mercato.platform.admission import Gate, LocalGate, RedisGate
from mercato.platform.redis_seats import SeatPools


@dataclass(frozen=True)
class Backend:
    pools: SeatPools | None  # None: the database path
    gate: Gate
    secret: str


_current = Backend(None, LocalGate(), "")


def configure(redis_url: str, namespace: str, secret: str) -> Backend:
    global _current
    if redis_url:
        _current = Backend(SeatPools(redis_url, namespace), RedisGate(redis_url, namespace),
                           secret)
    else:
        _current = Backend(None, LocalGate(), secret)
    return _current


def current() -> Backend:
    return _current


def group(event_id: int) -> str:
    """An event's seat pools in Redis: one pool per SKU, the customers' units per event."""
    return f"flashsale:{event_id}"
