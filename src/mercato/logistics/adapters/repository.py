"""Reads and writes of the logistics tables. Customer-facing reads are scoped to the owner:
"not yours" and "absent" both answer 404."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.kernel.errors import NotFound
from mercato.logistics.adapters.tables import Shipment, ShipmentLine, TrackingEvent


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def not_found() -> NotFound:
    return NotFound("logistics.not_found", "No such shipment", "number")


def of_order(tx: Session, order_number: str, lock: bool = False) -> list[Shipment]:
    q = select(Shipment).where(Shipment.order_number == order_number).order_by(Shipment.id)
    return list(tx.scalars(q.with_for_update() if lock else q))


def lock(tx: Session, number: str) -> Shipment:
    found = tx.scalars(select(Shipment).where(Shipment.number == number).with_for_update()).first()
    if found is None:
        raise not_found()
    return found


def lines_of(tx: Session, shipment_ids: Iterable[int]) -> dict[int, list[ShipmentLine]]:
    ids = list(shipment_ids)
    out: dict[int, list[ShipmentLine]] = {i: [] for i in ids}
    if ids:
        q = select(ShipmentLine).where(ShipmentLine.shipment_id.in_(ids)).order_by(ShipmentLine.id)
        for line in tx.scalars(q):
            out[line.shipment_id].append(line)
    return out


def events_of(tx: Session, shipment_ids: Iterable[int]) -> dict[int, list[TrackingEvent]]:
    """Each shipment's carrier events, newest first (as carriers and shoppers read them)."""
    ids = list(shipment_ids)
    out: dict[int, list[TrackingEvent]] = {i: [] for i in ids}
    if ids:
        q = (
            select(TrackingEvent)
            .where(TrackingEvent.shipment_id.in_(ids))
            .order_by(TrackingEvent.occurred_at.desc(), TrackingEvent.id.desc())
        )
        for e in tx.scalars(q):
            out[e.shipment_id].append(e)
    return out
