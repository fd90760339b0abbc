"""Read models for the merchant's order centre beyond queries.py: the CSV export of a filtered
list. Two statements whatever the number of orders (orders, then all their lines)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Order, OrderLine

MAX_EXPORT = 50_000


@dataclass(frozen=True, slots=True)
class ExportLine:
    name: str
    options: str
    quantity: int


@dataclass(frozen=True, slots=True)
class ExportRow:
    number: str
    status: str
    placed_at: datetime
    paid_at: datetime | None
    payment_provider: str
    customer_id: int
    recipient: str
    phone: str
    address: str
    postcode: str
    shipping_name: str
    item_count: int
    subtotal_fen: int
    shipping_fen: int
    discount_fen: int
    total_fen: int
    currency: str
    invoice_kind: str
    invoice_title: str
    invoice_tax_id: str
    note: str
    lines: tuple[ExportLine, ...]


def filtered_ids(
    status: str,
    text: str,
    date_from: datetime | None,
    date_to: datetime | None,
    limit: int = MAX_EXPORT,
) -> Select[Any]:
    """Ids of the orders the staff list shows for the same filter (see
    queries.staff_orders: number prefix, exact phone or recipient, placed_at in
    [date_from, date_to)), newest first."""
    q = select(Order.id)
    if status:
        q = q.where(Order.status == status)
    text = text.strip()
    if text:
        like = f"%{text.replace('%', '').replace('_', '')}%"
        q = q.where(
            or_(Order.number.like(f"{text}%"), Order.phone == text, Order.recipient.like(like))
        )
    if date_from:
        q = q.where(Order.placed_at >= date_from)
    if date_to:
        q = q.where(Order.placed_at < date_to)
    return q.order_by(Order.id.desc()).limit(limit)


def _row(o: Order, lines: list[ExportLine]) -> ExportRow:
    return ExportRow(
        number=o.number,
        status=o.status,
        placed_at=o.placed_at,
        paid_at=o.paid_at,
        payment_provider=o.payment_provider,
        customer_id=o.customer_id,
        recipient=o.recipient,
        phone=o.phone,
        address=f"{o.province}{o.city}{o.district}{o.street}",
        postcode=o.postcode,
        shipping_name=o.shipping_name,
        item_count=o.item_count,
        subtotal_fen=o.subtotal_fen,
        shipping_fen=o.shipping_fen,
        discount_fen=o.discount_fen,
        total_fen=o.total_fen,
        currency=o.currency,
        invoice_kind=o.invoice_kind,
        invoice_title=o.invoice_title,
        invoice_tax_id=o.invoice_tax_id,
        note=o.note,
        lines=tuple(lines),
    )


def export_orders(
    tx: Session,
    status: str = "",
    text: str = "",
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    limit: int = MAX_EXPORT,
) -> list[ExportRow]:
    """Every order matching the staff filter (at most `limit`), newest first, with lines."""
    ids = filtered_ids(status, text, date_from, date_to, limit).subquery()
    orders = list(
        tx.scalars(select(Order).where(Order.id.in_(select(ids.c.id))).order_by(Order.id.desc()))
    )
    if not orders:
        return []
    lq = (
        select(OrderLine.order_id, OrderLine.name, OrderLine.options, OrderLine.quantity)
        .where(OrderLine.order_id.in_(select(ids.c.id)))
        .order_by(OrderLine.order_id, OrderLine.id)
    )
    by_order: dict[int, list[ExportLine]] = {o.id: [] for o in orders}
    for order_id, name, options, quantity in tx.execute(lq):
        # An order placed between the two statements can shift a limited set: skip it.
        if order_id in by_order:
            by_order[order_id].append(ExportLine(name, options, quantity))
    return [_row(o, by_order[o.id]) for o in orders]
