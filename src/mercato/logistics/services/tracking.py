"""Carrier tracking pushes, applied. A push is authenticated by its adapter first; here its
events are stored once each (the key: carriers retry and resend whole histories), and each
shipment moves to its newest event's stage, whatever order pushes arrive in. Signed for by
the carrier on every parcel signs the order for; a failed or returned delivery opens an
issue (one per shipment).

The hot path of logistics (a busy shop receives a push per parcel per scan): four prepared
Core statements a push, compiled once: lock the push's shipments (one carrier, their
waybills), read which of its events are already stored, insert the new ones, update each
shipment. The shipment lock makes the read-then-insert safe: an event's key names its
waybill, so two pushes of one event queue on the same row. Only a sign-for or a failed
delivery goes through the ORM (they touch orders, issues and the outbox).

On PostgreSQL a push of one waybill (every Kuaidi100 push, most of SF's) is first tried as
ONE statement (adapters/tracking_pg): the same rules, one round trip instead of six. When
it could sign the parcel for or open an issue it writes nothing and `ingest` runs here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from mercato.kernel.errors import NotFound
from mercato.logistics import carriers, domain
from mercato.logistics.adapters import repository, tracking_pg
from mercato.logistics.adapters.tables import Shipment, TrackingEvent
from mercato.logistics.services import issues, signing
from mercato.platform.db import Database, run
from mercato.platform.retry import retrying
from mercato.platform.sql import Prepared

_S = cast(Table, Shipment.__table__).c
_E = cast(Table, TrackingEvent.__table__)
_LOCK = Prepared(
    select(_S.id, _S.waybill_no, _S.stage, _S.last_event_at, _S.signed_at)
    .where(_S.carrier == bindparam("carrier"),
           _S.waybill_no.in_(bindparam("numbers", expanding=True)))
    .order_by(_S.id)
    .with_for_update()
)
_SEEN = Prepared(select(_E.c.key).where(_E.c.key.in_(bindparam("keys", expanding=True))))
_INSERT = Prepared(insert(_E))
_MOVE = Prepared(
    update(cast(Table, Shipment.__table__))
    .where(_S.id == bindparam("sid"))
    .values(stage=bindparam("v_stage"), last_event_at=bindparam("v_last"),
            last_heard_at=bindparam("v_now"), updated_at=bindparam("v_now"))
)


@dataclass(frozen=True, slots=True)
class Ingested:
    stored: int  # new events
    repeated: int  # seen before
    unknown: tuple[str, ...]  # waybills we did not issue


def ingest_push(db: Database, events: Sequence[carriers.TrackingEvent]) -> Ingested:
    """A push's events as their own unit of work (see the module doc); the same result and
    errors as `ingest`."""
    if not db.is_sqlite and len({(e.carrier, e.waybill_no) for e in events}) == 1:
        done = retrying(lambda: tracking_pg.apply(db.engine, events, repository.now()))
        if done is None:
            raise _unknown()
        applied, stored = done
        if applied:
            return Ingested(stored, len(events) - stored, ())
    return db.unit(lambda tx: ingest(tx, events))


def _unknown() -> NotFound:
    return NotFound("logistics.unknown_waybill", "No shipment has this waybill", "waybill_no")


def ingest(tx: Session, events: Sequence[carriers.TrackingEvent]) -> Ingested:
    """Store and apply a push's events. NotFound('logistics.unknown_waybill') when none of
    its waybills is ours (nothing written); events of unknown waybills in a mixed push are
    left out and named in the result."""
    found: dict[tuple[str, str], tuple[Any, ...]] = {}
    for carrier in sorted({e.carrier for e in events}):
        numbers = sorted({e.waybill_no for e in events if e.carrier == carrier})
        for row in run(tx, _LOCK, {"carrier": carrier, "numbers": numbers}):
            found[(carrier, row[1])] = row
    wanted = {(e.carrier, e.waybill_no) for e in events}
    unknown = tuple(sorted(w for c, w in wanted if (c, w) not in found))
    if not found:
        raise _unknown()
    mine = [e for e in events if (e.carrier, e.waybill_no) in found]
    new = _store(tx, mine, found)
    per_shipment: dict[int, list[carriers.TrackingEvent]] = defaultdict(list)
    for e in new:
        per_shipment[found[(e.carrier, e.waybill_no)][0]].append(e)
    now = repository.now()
    for row in found.values():
        _apply(tx, row, per_shipment.get(row[0], []), now)
    return Ingested(len(new), len(mine) - len(new), unknown)


def _store(
    tx: Session, events: list[carriers.TrackingEvent], found: dict[tuple[str, str], Any]
) -> list[carriers.TrackingEvent]:
    """Insert the events not stored before; returns those (each once)."""
    fresh: dict[str, carriers.TrackingEvent] = {}
    for e in events:
        fresh.setdefault(e.key(), e)
    for (key,) in run(tx, _SEEN, {"keys": list(fresh)}):
        fresh.pop(key, None)
    if fresh:
        at = repository.now()
        run(tx, _INSERT, [
            {"key": k, "shipment_id": found[(e.carrier, e.waybill_no)][0], "stage": e.stage,
             "occurred_at": domain.naive_utc(e.occurred_at), "description": e.description[:500],
             "location": e.location[:120], "code": e.code[:16], "received_at": at}
            for k, e in fresh.items()
        ])
    return list(fresh.values())


def _apply(tx: Session, row: tuple[Any, ...], new: list[carriers.TrackingEvent],
           now: datetime) -> None:
    sid, _no, stage, last, signed = row
    before = domain.Progress(stage, last, signed)
    after = domain.apply_events(before, new) if new else before
    run(tx, _MOVE, {"sid": sid, "v_stage": after.stage, "v_last": after.last_event_at,
                    "v_now": now})
    if after.signed_at is not None and signed is None:
        shipment = tx.get(Shipment, sid, with_for_update=True)
        if shipment is not None:
            signing.sign_for(tx, shipment, after.signed_at, "carrier")
    elif after.stage in domain.TROUBLE and after.stage != before.stage:
        shipment = tx.get(Shipment, sid)
        newest = max(new, key=lambda e: e.occurred_at)
        if shipment is not None:
            issues.open_issue(tx, shipment.number, shipment.order_number,
                              domain.DELIVERY_FAILED, shipment.customer_id, shipment.phone,
                              newest.description)
