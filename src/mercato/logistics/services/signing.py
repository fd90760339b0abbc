"""Signed for: by the carrier's scan, by the customer (确认收货) or by the shop after the
configured days. The order is signed for when every parcel of it is."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from mercato import events
from mercato.kernel.errors import Conflict
from mercato.logistics import carriers, domain
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Shipment
from mercato.orders import public as orders
from mercato.platform import outbox


def sign_for(tx: Session, s: Shipment, at: datetime, by: str) -> bool:
    """Mark one shipment signed for (once); then the order if all of it is."""
    if s.status != domain.SHIPPED:
        return False
    s.status, s.signed_at, s.stage = domain.SIGNED, at, carriers.SIGNED
    s.updated_at = repository.now()
    tx.flush()
    outbox.record(tx, events.SHIPMENT_SIGNED, {
        "number": s.number, "order_number": s.order_number,
        "signed_at": at.isoformat(), "by": by,
    })
    siblings = repository.of_order(tx, s.order_number)
    if all(x.status in (domain.SIGNED, domain.CANCELLED) for x in siblings):
        orders.advance_shipping(tx, s.order_number, "signed", f"logistics:{by}", by)
    return True


def confirm_receipt(tx: Session, order_number: str, customer_id: int) -> int:
    """The customer says it all arrived (确认收货): every shipped parcel of their own order
    is signed for. NotFound for another's order; Conflict when nothing is on its way."""
    orders.order_for_shipping(tx, order_number, customer_id)  # owner check (404)
    shipped = [s for s in repository.of_order(tx, order_number, lock=True)
               if s.status == domain.SHIPPED]
    at = repository.now()
    signed = sum(sign_for(tx, s, at, "customer") for s in shipped)
    # Confirming is also the customer saying the deal is done (交易成功): the order
    # completes, which issues its invoice.
    completed = orders.complete_by_customer(tx, order_number, customer_id)
    if not signed and not completed:
        raise Conflict("logistics.nothing_to_receive", "Nothing of this order is on its way")
    return signed
