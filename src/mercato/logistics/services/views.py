"""Read models of shipments for pages and the API: a parcel with its lines and its carrier
events, newest first. Three queries whatever the number of parcels."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Shipment
from mercato.orders import public as orders

CARRIER_NAMES = {"sf": "顺丰速运", "zto": "中通快递", "yto": "圆通速递", "sto": "申通快递",
                 "yunda": "韵达快递"}


@dataclass(frozen=True, slots=True)
class Scan:
    occurred_at: datetime
    stage: str
    description: str
    location: str


@dataclass(frozen=True, slots=True)
class Parcel:
    number: str
    order_number: str
    status: str
    stage: str
    warehouse_id: int
    carrier: str
    carrier_name: str
    waybill_no: str
    routing_code: str
    priority: bool
    created_at: datetime
    picked_at: datetime | None
    shipped_at: datetime | None
    signed_at: datetime | None
    lines: tuple[tuple[str, str, int], ...]  # (sku code, name, quantity)
    scans: tuple[Scan, ...]
    recipient: str
    phone: str
    address: str


def _parcels(tx: Session, rows: list[Shipment]) -> list[Parcel]:
    ids = [s.id for s in rows]
    lines, events = repository.lines_of(tx, ids), repository.events_of(tx, ids)
    return [
        Parcel(
            s.number, s.order_number, s.status, s.stage, s.warehouse_id, s.carrier or "",
            CARRIER_NAMES.get(s.carrier or "", s.carrier or ""), s.waybill_no or "",
            s.routing_code, s.priority, s.created_at, s.picked_at, s.shipped_at, s.signed_at,
            tuple((x.sku_code, x.name, x.quantity) for x in lines[s.id]),
            tuple(Scan(e.occurred_at, e.stage, e.description, e.location) for e in events[s.id]),
            s.recipient, s.phone, f"{s.province}{s.city}{s.district}{s.street}",
        )
        for s in rows
    ]


def parcels_for_customer(tx: Session, order_number: str, customer_id: int) -> list[Parcel]:
    """The parcels of the customer's own order; NotFound for another's or an unknown one."""
    orders.order_for_shipping(tx, order_number, customer_id)
    return _parcels(tx, repository.of_order(tx, order_number))


def parcels_of_order(tx: Session, order_number: str) -> list[Parcel]:
    """Staff: every parcel of an order (none yet: [])."""
    return _parcels(tx, repository.of_order(tx, order_number))


def parcels(tx: Session, rows: list[Shipment]) -> list[Parcel]:
    return _parcels(tx, rows)
