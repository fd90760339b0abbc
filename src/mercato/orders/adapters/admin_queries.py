"""Read models for the merchant's order centre beyond queries.py: the status tabs' counts under
the list's other filters, the CSV export of a filtered list and packing slips. Each is a fixed
number of statements whatever the number of orders (orders, then all their lines)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Order, OrderLine

MAX_EXPORT = 50_000


@dataclass(frozen=True, slots=True)
class ExportLine:
    name: str
    options: str
    quantity: int
    sku_id: int = 0
    unit_price_fen: int = 0
    line_total_fen: int = 0


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


def conditions(
    text: str, date_from: datetime | None, date_to: datetime | None
) -> list[ColumnElement[bool]]:
    """The staff list's filter but its status (see queries.staff_orders: number prefix, exact
    phone or part of the recipient's name, placed_at in [date_from, date_to))."""
    out: list[ColumnElement[bool]] = []
    text = text.strip()
    if text:
        plain = text.replace("%", "").replace("_", "")  # no LIKE wildcards from the box
        out.append(
            or_(
                Order.number.like(f"{plain}%"),
                Order.phone == text,
                Order.recipient.like(f"%{plain}%"),
            )
        )
    if date_from:
        out.append(Order.placed_at >= date_from)
    if date_to:
        out.append(Order.placed_at < date_to)
    return out


def status_counts(
    tx: Session, text: str = "", date_from: datetime | None = None, date_to: datetime | None = None
) -> dict[str, int]:
    """Orders per status among those the other filters let through, so each status tab's
    count is what choosing it lists. One statement."""
    q = select(Order.status, func.count()).where(*conditions(text, date_from, date_to))
    return {s: int(n) for s, n in tx.execute(q.group_by(Order.status))}


def filtered_ids(
    status: str,
    text: str,
    date_from: datetime | None,
    date_to: datetime | None,
    limit: int = MAX_EXPORT,
) -> Select[Any]:
    """Ids of the orders the staff list shows for the same filter, newest first."""
    q = select(Order.id).where(*conditions(text, date_from, date_to))
    if status:
        q = q.where(Order.status == status)
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


def _lines(tx: Session, ids: Any, orders: list[Order]) -> list[ExportRow]:
    """The orders with their lines (one statement: the lines of the orders `ids` selects)."""
    lq = (
        select(
            OrderLine.order_id,
            OrderLine.name,
            OrderLine.options,
            OrderLine.quantity,
            OrderLine.sku_id,
            OrderLine.unit_price_fen,
            OrderLine.line_total_fen,
        )
        .where(OrderLine.order_id.in_(ids))
        .order_by(OrderLine.order_id, OrderLine.id)
    )
    by_order: dict[int, list[ExportLine]] = {o.id: [] for o in orders}
    for order_id, name, options, quantity, sku_id, price, amount in tx.execute(lq):
        # An order placed between the two statements can shift a limited set: skip it.
        if order_id in by_order:
            line = ExportLine(name, options, quantity, sku_id, price, amount)
            by_order[order_id].append(line)
    return [_row(o, by_order[o.id]) for o in orders]


def export_orders(
    tx: Session,
    status: str = "",
    text: str = "",
    date_from: datetime | None = None,
    date_to: datetime | None = None,
    limit: int = MAX_EXPORT,
) -> list[ExportRow]:
    """Every order matching the staff filter (at most `limit`), newest first, with lines."""
    ids = select(filtered_ids(status, text, date_from, date_to, limit).subquery().c.id)
    orders = list(tx.scalars(select(Order).where(Order.id.in_(ids)).order_by(Order.id.desc())))
    return _lines(tx, ids, orders) if orders else []


def packing_slips(tx: Session, numbers: Sequence[str]) -> list[ExportRow]:
    """The orders numbered `numbers` that exist, in the order asked, with their lines (SKU,
    quantity and prices): what their packing slips print. Two statements."""
    wanted = list(dict.fromkeys(numbers))
    if not wanted:
        return []
    found = {o.number: o for o in tx.scalars(select(Order).where(Order.number.in_(wanted)))}
    orders = [found[n] for n in wanted if n in found]
    if not orders:
        return []
    return _lines(tx, [o.id for o in orders], orders)
