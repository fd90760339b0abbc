"""What other parts of the shop may ask of logistics. Functions take the caller's
transaction first and return plain values."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.logistics import domain
from mercato.logistics.adapters import registry
from mercato.logistics.adapters.tables import Shipment, ShipmentLine
from mercato.logistics.web import admin_forms, pages
from mercato.platform.settings import Settings


def sandbox_account(settings: Settings) -> dict[str, Any]:
    """What the demo's fake carriers must accept and where they push (bootstrap hands it to
    mercato.sandbox.carrier_desk)."""
    return registry.sandbox_account(settings)


def carrier_name(code: str) -> str:
    """A carrier's name in the request's language ("sf" → 顺丰速运 / SF Express), as the
    logistics centre shows it; an unknown code is shown as itself."""
    return admin_forms.carrier_label(code)


def queue_counts(tx: Session) -> tuple[int, int]:
    """(shipments waiting for the warehouse, those of them being picked): the admin home's
    to-ship figures. One query."""
    q = (
        select(Shipment.status, func.count())
        .where(Shipment.status.in_(domain.OPEN))
        .group_by(Shipment.status)
    )
    found = {str(s): int(n) for s, n in tx.execute(q)}
    return sum(found.values()), found.get(domain.PICKING, 0)


def order_card(request: Request, tx: Session, number: str, customer_id: int) -> Markup:
    """The parcels card of the shopper's order page, for orders.show_parcels."""
    return pages.order_card(request, tx, number, customer_id)


def shipped_from(tx: Session, order_number: str) -> dict[int, int]:
    """SKU id → the warehouse that sent it for this order (the first, when split): where
    its returns go back to. Empty for an order nothing was shipped of."""
    q = (
        select(ShipmentLine.sku_id, Shipment.warehouse_id)
        .join(Shipment, Shipment.id == ShipmentLine.shipment_id)
        .where(Shipment.order_number == order_number,
               Shipment.status.in_((domain.SHIPPED, domain.SIGNED)))
        .order_by(Shipment.id)
    )
    found: dict[int, int] = {}
    for sku_id, warehouse_id in tx.execute(q):
        found.setdefault(int(sku_id), int(warehouse_id))
    return found
