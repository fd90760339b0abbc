"""What after-sales and finance ask of an order: what was bought and paid, when it was signed
for, the invoice asked for at checkout; and what they tell it: money given back for some
lines, or the whole order ended before shipping."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict
from mercato.orders import domain
from mercato.orders.adapters import repository
from mercato.orders.adapters.tables import Order, TimelineEntry
from mercato.orders.services.transitions import _move


@dataclass(frozen=True, slots=True)
class BoughtLine:
    line_id: int
    sku_id: int
    product_id: int
    name: str  # product name and options
    image: str
    unit_price_fen: int
    quantity: int
    line_total_fen: int
    discount_fen: int = 0  # what the pricing pipeline took off this line

    @property
    def paid_fen(self) -> int:
        """What the line cost the customer: a refund of all of it gives back this much."""
        return self.line_total_fen - self.discount_fen


@dataclass(frozen=True, slots=True)
class InvoiceAsked:
    kind: str  # none | personal | company
    vat_type: str  # ordinary | special
    title: str
    tax_id: str
    email: str
    address: str
    phone: str
    bank: str
    account: str


@dataclass(frozen=True, slots=True)
class SoldOrder:
    number: str
    customer_id: int
    status: str
    subtotal_fen: int
    discount_fen: int
    shipping_fen: int
    total_fen: int
    paid_fen: int
    refunded_fen: int
    paid_at: datetime | None
    signed_at: datetime | None  # when it reached "signed" (None if it has not)
    completed_at: datetime | None
    invoice: InvoiceAsked
    lines: tuple[BoughtLine, ...]


def _reached(tx: Session, order_id: int, status: str) -> datetime | None:
    return tx.scalar(
        select(TimelineEntry.at)
        .where(TimelineEntry.order_id == order_id, TimelineEntry.kind == "status",
               TimelineEntry.to_status == status)
        .order_by(TimelineEntry.id.desc())
        .limit(1)
    )


def sold_order(tx: Session, number: str, customer_id: int | None) -> SoldOrder:
    o = repository.get_for(tx, number, customer_id)
    lines = tuple(
        BoughtLine(x.id, x.sku_id, x.product_id, f"{x.name} {x.options}".strip()[:300],
                   x.image, x.unit_price_fen, x.quantity, x.line_total_fen, x.discount_fen)
        for x in repository.lines_of(tx, o.id)
    )
    invoice = InvoiceAsked(o.invoice_kind, o.invoice_type, o.invoice_title, o.invoice_tax_id,
                           o.invoice_email, o.invoice_address, o.invoice_phone, o.invoice_bank,
                           o.invoice_account)
    return SoldOrder(
        o.number, o.customer_id, o.status, o.subtotal_fen, o.discount_fen, o.shipping_fen,
        o.total_fen, o.paid_fen, o.refunded_fen, o.paid_at, _reached(tx, o.id, domain.SIGNED),
        _reached(tx, o.id, domain.COMPLETED), invoice, lines,
    )


def record_returned(tx: Session, number: str, refund_no: str, amount_fen: int, actor: str) -> bool:
    """Money given back for part of the order (an after-sales refund `refund_no`): counted
    once per refund number in the order's refunded total and timeline; never above what was
    paid (Conflict). Returns False when this refund was already recorded."""
    order = repository.lock(tx, number)
    seen = tx.scalar(
        select(TimelineEntry.id).where(TimelineEntry.order_id == order.id,
                                       TimelineEntry.kind == "return",
                                       TimelineEntry.reason == refund_no)
    )
    if seen is not None:
        return False
    if amount_fen <= 0 or order.refunded_fen + amount_fen > order.paid_fen:
        raise Conflict("orders.refund_exceeds_paid", "More than was paid would be refunded",
                       "amount_fen")
    order.refunded_fen += amount_fen
    order.updated_at = repository.now()
    repository.add_timeline(tx, order.id, "return", actor, refund_no, "", "refunded")
    return True


def end_unshipped(tx: Session, number: str, actor: str, reason: str) -> None:
    """The customer's refund-only request was approved: the order is closed (its stock
    released, its payment given back whole by payments); Conflict once it has shipped."""
    order = repository.lock(tx, number)
    if order.status not in (domain.PAID, domain.PICKING):
        raise Conflict("orders.already_shipped", "The order has already shipped", "number")
    _move(tx, order, domain.CLOSED, actor, reason)


def complete_signed(tx: Session, before: datetime, limit: int = 200) -> list[str]:
    """Orders signed for before `before` are completed (交易成功): the change of mind is
    over and the invoice can be issued. Returns the numbers moved."""
    signed = tx.scalars(
        select(Order).where(Order.status == domain.SIGNED, Order.updated_at < before)
        .order_by(Order.updated_at).limit(limit).with_for_update(skip_locked=True)
    ).all()
    for order in signed:
        _move(tx, order, domain.COMPLETED, "system:auto", "signed")
    return [o.number for o in signed]


def complete_by_customer(tx: Session, number: str, customer_id: int) -> bool:
    """The customer confirmed receipt (确认收货) of their own order, now signed for: the
    order is completed. False when it is not (yet, or any more) signed."""
    order = repository.lock(tx, number, customer_id)
    if order.status != domain.SIGNED:
        return False
    _move(tx, order, domain.COMPLETED, f"customer:{customer_id}", "confirmed")
    return True
