"""What logistics asks of an order: its address and lines to ship, and the status steps that
come from the warehouse and the carrier (picking, shipped, signed for)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mercato.orders import domain
from mercato.orders.adapters import repository
from mercato.orders.services.transitions import _move


@dataclass(frozen=True, slots=True)
class ShippingLine:
    sku_id: int
    name: str  # product name and options, as the pick list and waybill print them
    quantity: int


@dataclass(frozen=True, slots=True)
class ShippingOrder:
    number: str
    customer_id: int
    status: str
    recipient: str
    phone: str
    province: str
    city: str
    district: str
    street: str
    weight_g: int
    lines: tuple[ShippingLine, ...]
    priority: bool = False  # the member's tier ships first


def order_for_shipping(tx: Session, number: str, customer_id: int | None) -> ShippingOrder:
    o = repository.get_for(tx, number, customer_id)
    lines = tuple(
        ShippingLine(x.sku_id, f"{x.name} {x.options}".strip()[:200], x.quantity)
        for x in repository.lines_of(tx, o.id)
    )
    return ShippingOrder(
        o.number, o.customer_id, o.status, o.recipient, o.phone, o.province, o.city,
        o.district, o.street, o.weight_g, lines, o.priority,
    )


def advance(tx: Session, number: str, target: str, actor: str, reason: str) -> bool:
    """Move the order forward to `target` (picking, shipped, signed), through the steps
    between; False when it is already there or past it (pushes and jobs repeat)."""
    order = repository.lock(tx, number)
    path = (domain.PAID, domain.PICKING, domain.SHIPPED, domain.SIGNED)
    if order.status not in path or path.index(order.status) >= path.index(target):
        return False
    for step in path[path.index(order.status) + 1 : path.index(target) + 1]:
        _move(tx, order, step, actor, reason)
    return True
