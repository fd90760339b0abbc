"""The reconciliation job: Redis and the database brought back to one story.

1. Seats held in the database by no order for too long are released (an order's write
   failed after its seat was taken), on either path.
2. Seats pending in Redis for longer than the threshold: if the database has the seat, Redis
   forgets the note; if not, a released row is written first under the seat's id (the
   unique id is the arbiter: a writer still running now fails with seat_expired instead of
   writing after us), then Redis gets the units back — once, whatever crashes in between.
3. For every item of a running event: Redis's units left should be quantity - taken - the
   units of seats Redis took that the database has not counted - the units of released
   seats Redis has not been given back yet. A difference is reported and repaired, by a
   compare-and-set that gives up if a seat moved meanwhile (the next run tries again)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from mercato.flashsale import domain
from mercato.flashsale.adapters import seat_sql
from mercato.flashsale.services import seats
from mercato.flashsale.services.backend import current, group
from mercato.flashsale.services.take_redis import load_event
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.redis_seats import Pending, SeatPools
from mercato.platform.tx import AnyTx


@dataclass(frozen=True, slots=True)
class Drift:
    event_id: int
    sku_id: int
    redis_left: int
    expected: int
    repaired: bool


@dataclass
class Report:
    released_held: int = 0  # step 1
    forgotten: int = 0  # step 2: in the database already
    given_back: int = 0  # step 2: never written, units back on sale
    loaded: int = 0  # events put into Redis that were not there
    drift: list[Drift] = field(default_factory=list)


def reconcile(db: Database, older_than_seconds: float = 60, now: datetime | None = None,
              hold_seconds: int = domain.HOLD_SECONDS) -> Report:
    now = now or utcnow()
    report = Report()
    report.released_held = _release_held(db, now - timedelta(seconds=hold_seconds))
    pools = current().pools
    if pools is None:
        return report
    with db.reading() as tx:
        events = seat_sql.live_events(tx, now, now - timedelta(days=1))
        skus = {int(e.id): [int(i.sku_id) for i in seat_sql.items_of(tx, int(e.id))]
                for e in events}
    for e in events:
        report.loaded += load_event(db, pools, int(e.id))
        for sku in skus[int(e.id)]:
            _settle_pending(db, pools, int(e.id), sku, older_than_seconds, report)
            if e.ends_at > now:
                _check_drift(db, pools, int(e.id), sku, report)
    return report


def _release_held(db: Database, before: datetime) -> int:
    with db.reading() as tx:
        stale = seat_sql.stale_held(tx, before)
    # Only if still held: an order may have taken the seat since the read.
    return seats.release_now(db, stale, (domain.HELD,)) if stale else 0


def _tombstones(tx: AnyTx, event_id: int, sku_id: int, notes: list[Pending]) -> dict[str, str]:
    """seat id → status in the database, writing a released row for each seat it lacks."""
    found = {s: r.status for s, r in seat_sql.seats(tx, [p.seat_id for p in notes]).items()}
    for p in notes:
        if p.seat_id in found:
            continue
        at = datetime.fromtimestamp(p.at, UTC).replace(tzinfo=None)
        row = seat_sql.seat_row(p.seat_id, event_id, sku_id, int(p.holder), p.quantity,
                                domain.RELEASED, at)
        if seat_sql.add_seat(tx, row):
            found[p.seat_id] = domain.RELEASED
        else:  # its writer committed while we looked
            again = seat_sql.seat(tx, p.seat_id)
            found[p.seat_id] = again.status if again is not None else domain.RELEASED
    return found


def settle(db: Database, pools: SeatPools, event_id: int, sku_id: int,
           notes: list[Pending]) -> tuple[int, int]:
    """Each pending seat forgotten (in the database) or given back (not): (forgotten,
    given back)."""
    if not notes:
        return 0, 0
    status = db.unit(lambda tx: _tombstones(tx, event_id, sku_id, notes))
    forgotten = given = 0
    g = group(event_id)
    for p in notes:
        if status[p.seat_id] == domain.RELEASED:
            given += pools.give_back(g, str(sku_id), p.seat_id, p.holder, p.quantity)
        else:
            pools.forget(g, str(sku_id), p.seat_id)
            forgotten += 1
    return forgotten, given


def _settle_pending(db: Database, pools: SeatPools, event_id: int, sku_id: int,
                    older_than: float, report: Report) -> None:
    cutoff = time.time() - older_than
    notes = [p for p in pools.pending(group(event_id), str(sku_id)) if p.at <= cutoff]
    forgotten, given = settle(db, pools, event_id, sku_id, notes)
    report.forgotten += forgotten
    report.given_back += given


def expected_left(quantity: int, taken: int, pending: tuple[Pending, ...],
                  in_db: dict[str, Any], released: list[Any], back: frozenset[str]) -> int:
    pending_ids = {p.seat_id for p in pending}
    uncounted = sum(p.quantity for p in pending
                    if p.seat_id not in in_db or in_db[p.seat_id].status == domain.RELEASED)
    unreturned = sum(int(r.quantity) for r in released
                     if r.seat_id not in back and r.seat_id not in pending_ids)
    return quantity - taken - uncounted - unreturned


def _check_drift(db: Database, pools: SeatPools, event_id: int, sku_id: int,
                 report: Report) -> None:
    g, pool = group(event_id), str(sku_id)
    snap = pools.snapshot(g, pool)  # first Redis, then the database (see the docstring)
    if snap.left is None:
        return
    with db.reading() as tx:
        item = next(i for i in seat_sql.items_of(tx, event_id) if int(i.sku_id) == sku_id)
        in_db = seat_sql.seats(tx, [p.seat_id for p in snap.pending])
        released = seat_sql.released_of(tx, event_id, sku_id)
    expected = expected_left(int(item.quantity), int(item.taken), snap.pending, in_db,
                             released, snap.back)
    if expected != snap.left:
        repaired = pools.set_left(g, pool, snap.version, expected)
        report.drift.append(Drift(event_id, sku_id, snap.left, expected, repaired))


def abandon_seat(db: Database, seat: domain.Seat) -> None:
    """The caller took a seat and will not order it (its order's write failed or it gave
    up): its units go back on sale. Safe whatever the caller's transaction did: a seat
    that got into the database is released there, one that did not is given back."""
    pools = current().pools
    if seat.recorded or pools is None:
        seats.release_now(db, [seat.seat_id])
        return
    note = Pending(seat.seat_id, str(seat.customer_id), seat.quantity, 0.0)
    forgotten, _given = settle(db, pools, seat.event_id, seat.sku_id, [note])
    if forgotten:  # it was recorded after all: release it like any other
        seats.release_now(db, [seat.seat_id])
