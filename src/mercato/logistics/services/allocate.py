"""A paid order becomes shipments: one per warehouse its units leave from, chosen by
inventory (nearest the shopper, fewest parcels). Run from the `orders.order_paid` event, once
per order however often the event is delivered."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy.orm import Session

from mercato.inventory import public as inventory
from mercato.logistics import domain
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Shipment, ShipmentLine
from mercato.logistics.services import issues
from mercato.orders import public as orders


def allocate_order(tx: Session, order_number: str) -> list[str]:
    """Create the order's shipments; returns their numbers ([] if it has some already, or
    when stock fell short: then an out-of-stock issue is opened for a person)."""
    if repository.of_order(tx, order_number):
        return []
    order = orders.order_for_shipping(tx, order_number)
    if order.status not in ("paid", "picking"):
        return []
    try:
        allocations = inventory.allocate_for_shipping(tx, order_number, order.province)
    except inventory.InsufficientStock:
        issues.open_issue(
            tx, order_number, order_number, domain.OUT_OF_STOCK, order.customer_id, order.phone
        )
        return []
    per_house: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for a in allocations:
        per_house[a.warehouse_id][a.sku_id] += a.quantity
    codes = inventory.sku_codes(tx, {a.sku_id for a in allocations})
    names = {line.sku_id: line.name for line in order.lines}
    out = []
    for seq, (warehouse_id, skus) in enumerate(sorted(per_house.items()), start=1):
        number = domain.shipment_number(order_number, seq)
        units = sum(skus.values())
        share = order.weight_g * units // max(sum(x.quantity for x in order.lines), 1)
        s = _shipment(order, number, warehouse_id, share)
        if order.status == "picking":  # staff started packing before logistics took it
            s.status, s.picked_at = domain.PICKING, s.created_at
        tx.add(s)
        tx.flush()
        for sku_id, qty in sorted(skus.items()):
            tx.add(ShipmentLine(shipment_id=s.id, sku_id=sku_id, sku_code=codes.get(sku_id, ""),
                                name=names.get(sku_id, str(sku_id)), quantity=qty))
        out.append(number)
    tx.flush()
    return out


def _shipment(order: orders.ShippingOrder, number: str, warehouse_id: int,
              weight_g: int) -> Shipment:
    at = repository.now()
    return Shipment(
        number=number, order_number=order.number, customer_id=order.customer_id,
        warehouse_id=warehouse_id, status=domain.ALLOCATED, stage="", priority=order.priority,
        recipient=order.recipient, phone=order.phone, province=order.province,
        city=order.city, district=order.district, street=order.street, weight_g=weight_g,
        created_at=at, updated_at=at,
    )


def cancel_for_order(tx: Session, order_number: str) -> int:
    """The order was closed before it left: its open shipments are cancelled (the orders
    context gives the stock back)."""
    n = 0
    for s in repository.of_order(tx, order_number, lock=True):
        if s.status in domain.OPEN:
            s.status, s.updated_at = domain.CANCELLED, repository.now()
            n += 1
    return n
