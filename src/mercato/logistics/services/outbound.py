"""The warehouse's work: pick (the pick list is printed), then ship (a waybill booked with
the carrier, the parcel handed over, its units leave stock). Several shipments at once are
done one unit of work each by the caller, so one carrier refusal does not undo the others."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from mercato import events
from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError
from mercato.logistics import carriers, domain
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Shipment
from mercato.orders import public as orders
from mercato.platform import outbox


def pick(tx: Session, number: str, staff: str) -> bool:
    """The pick list for this shipment is out; False if it was already (or is past it)."""
    s = repository.lock(tx, number)
    if s.status != domain.ALLOCATED:
        return False
    s.status, s.picked_at = domain.PICKING, repository.now()
    s.updated_at = s.picked_at
    orders.advance_shipping(tx, s.order_number, "picking", f"staff:{staff}", s.number)
    return True


def sender_of(tx: Session, warehouse_id: int, phone: str) -> carriers.Party:
    house = next((w for w in inventory.warehouses(tx) if w.id == warehouse_id), None)
    if house is None:
        raise DomainError("logistics.no_warehouse", "The shipment's warehouse is gone")
    # Warehouses keep a province and a street address, not a city: for the municipalities
    # (上海市, 北京市…) the province is the city; elsewhere carriers read it from the address.
    return carriers.Party(house.name_zh, phone, house.province, house.province, "",
                          house.address or house.name_zh)


def ship(
    tx: Session,
    number: str,
    carrier: str,
    book: Mapping[str, carriers.Carrier],
    staff: str,
    sender_phone: str,
) -> Shipment:
    """Book the waybill with `carrier` (a code of `book`) and send the parcel out. The
    booking is the last thing done before the commit: every check and write that could fail
    comes first, because not every carrier books idempotently (Kuaidi100 would issue a second
    waybill for a retried booking). Tracking is subscribed after the commit (the
    shipment_shipped event), retried there until the carrier takes it."""
    s = repository.lock(tx, number)
    domain.check_transition(s.status, domain.SHIPPED)
    if carrier not in book:
        raise DomainError("logistics.unknown_carrier", "This carrier is not set up", "carrier")
    request = _request(tx, s, sender_phone)
    at = repository.now()
    s.status, s.carrier, s.picked_at = domain.SHIPPED, carrier, s.picked_at or at
    s.shipped_at = s.updated_at = at
    tx.flush()
    inventory.ship_for_order(tx, s.order_number, s.warehouse_id)
    _advance_order(tx, s, staff)
    waybill = book[carrier].create_waybill(request, carrier)
    s.waybill_no, s.routing_code = waybill.waybill_no, _routing(waybill.label)
    tx.flush()
    outbox.record(tx, events.SHIPMENT_SHIPPED, {
        "number": s.number, "order_number": s.order_number, "carrier": carrier,
        "waybill_no": waybill.waybill_no, "warehouse_id": s.warehouse_id, "phone": s.phone,
    })
    return s


def _request(tx: Session, s: Shipment, sender_phone: str) -> carriers.WaybillRequest:
    lines = repository.lines_of(tx, [s.id])[s.id]
    return carriers.WaybillRequest(
        reference=s.number,
        sender=sender_of(tx, s.warehouse_id, sender_phone),
        recipient=carriers.Party(s.recipient, s.phone, s.province, s.city, s.district, s.street),
        parcels=tuple(carriers.Parcel(x.name, x.quantity) for x in lines),
        weight_g=max(s.weight_g, 100),
    )


def subscribe(book: Mapping[str, carriers.Carrier], carrier: str, waybill_no: str,
              phone: str) -> None:
    """Ask the carrier for tracking pushes (the shipment_shipped subscriber)."""
    adapter = book.get(carrier)
    if adapter is not None:
        adapter.subscribe(carrier, waybill_no, phone)


def _routing(label: Mapping[str, str]) -> str:
    keys = ("routing_code", "destRouteLabel", "bulkpen", "destCode", "dest_code")
    return next((str(label[k]) for k in keys if label.get(k)), "")[:60]


def _advance_order(tx: Session, s: Shipment, staff: str) -> None:
    siblings = repository.of_order(tx, s.order_number)
    done = all(x.status in (domain.SHIPPED, domain.SIGNED, domain.CANCELLED) for x in siblings)
    target = "shipped" if done else "picking"
    orders.advance_shipping(tx, s.order_number, target, f"staff:{staff}", s.number)
