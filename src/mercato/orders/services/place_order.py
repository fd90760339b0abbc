"""Placing an order: ONE transaction prices the customer's cart from current data, quotes
shipping, reserves stock (all or nothing, never oversold), writes the order with snapshots of
lines and address, records OrderPlaced in the outbox and takes the lines out of the cart.
The statement count does not depend on the number of lines."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mercato.checkout import public as checkout
from mercato.events import ORDER_PLACED
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.members import public as members
from mercato.orders import domain
from mercato.orders.adapters import queries, repository
from mercato.platform import outbox
from mercato.platform.tx import AnyTx


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    customer_id: int
    address_id: int
    shipping_method: str
    invoice: domain.InvoiceRequest = field(default_factory=domain.InvoiceRequest)
    note: str = ""


@dataclass(frozen=True, slots=True)
class Placed:
    number: str
    total_fen: int
    currency: str
    status: str
    detail: queries.OrderDetail  # as `queries.detail` would read it back


def _sellable_lines(cart: checkout.CartView) -> list[checkout.CartLineView]:
    if not cart.lines:
        raise DomainError("orders.empty_cart", "Your cart is empty", "cart")
    if not all(line.sellable for line in cart.lines):
        # Never order part of what the shopper saw: they fix the cart, then order.
        raise Conflict(
            "orders.cart_changed",
            "Some items are no longer available in that quantity; please review your cart",
            "cart",
        )
    return list(cart.lines)


def _line_rows(lines: list[checkout.CartLineView]) -> list[dict[str, object]]:
    return [
        {
            "sku_id": ln.sku_id,
            "product_id": ln.product_id,
            "product_slug": ln.product_slug,
            "name": ln.product_name[:300],
            "options": " / ".join(ln.option_labels)[:300],
            "image": ln.image[:300],
            "unit_price_fen": ln.unit_price_fen,
            "quantity": ln.quantity,
            "line_total_fen": ln.line_total_fen,
        }
        for ln in lines
    ]


def _order_values(
    cmd: PlaceOrder,
    cart: checkout.CartView,
    address: members.AddressView,
    quote: checkout.ShippingQuote,
    at: datetime,
    pay_minutes: int,
) -> dict[str, object]:
    invoice = cmd.invoice.normalised()
    totals = domain.totals(cart.subtotal_fen, quote.fee_fen)
    return {
        "customer_id": cmd.customer_id,
        "status": domain.PENDING,
        "currency": cart.currency,
        "item_count": cart.item_count,
        "subtotal_fen": totals.subtotal_fen,
        "shipping_fen": totals.shipping_fen,
        "discount_fen": totals.discount_fen,
        "total_fen": totals.total_fen,
        "weight_g": cart.weight_g,
        "shipping_code": quote.code,
        "shipping_name": quote.name[:120],
        "recipient": address.recipient,
        "phone": address.phone,
        "province": address.province,
        "city": address.city,
        "district": address.district,
        "street": address.street,
        "postcode": address.postcode,
        "invoice_kind": invoice.kind,
        "invoice_title": invoice.title,
        "invoice_tax_id": invoice.tax_id,
        "invoice_email": invoice.email,
        "note": domain.check_note(cmd.note),
        "placed_at": at,
        "pay_deadline": at + timedelta(minutes=pay_minutes),
        "updated_at": at,
    }


def place_order(tx: AnyTx, cmd: PlaceOrder, locale: str, pay_minutes: int = 30) -> Placed:
    domain.check_note(cmd.note)
    cmd.invoice.normalised()
    # Locked: a second checkout of this cart waits, then finds it empty.
    cart = checkout.view_cart(tx, checkout.CartOwner(cmd.customer_id, None), locale, lock=True)
    lines = _sellable_lines(cart)
    address = members.address_for(tx, cmd.customer_id, cmd.address_id)
    if address is None:
        raise NotFound("orders.address_not_found", "No such address", "address_id")
    quote = checkout.shipping_quote(
        tx, cmd.shipping_method, address.province, cart.weight_g, cart.subtotal_fen, locale
    )
    at = repository.now()
    values = _order_values(cmd, cart, address, quote, at, pay_minutes)
    number = values["number"] = domain.order_number(at, secrets.randbelow(10**10))
    inventory.reserve_for_order(tx, number, {ln.sku_id: ln.quantity for ln in lines})
    rows = _line_rows(lines)
    order_id = repository.insert_order(tx, values, rows)
    actor = f"customer:{cmd.customer_id}"
    repository.add_timeline(tx, order_id, "status", actor, "placed", "", domain.PENDING, at)
    total = int(values["total_fen"])  # type: ignore[call-overload]
    payload = {
        "number": number,
        "customer_id": cmd.customer_id,
        "total_fen": total,
        "currency": cart.currency,
        "lines": [[ln.sku_id, ln.quantity, ln.unit_price_fen] for ln in lines],
    }
    outbox.record(tx, ORDER_PLACED, payload)
    checkout.remove_ordered(tx, cmd.customer_id, [ln.sku_id for ln in lines])
    placed = queries.TimelineView("status", "", domain.PENDING, actor, "placed", at)
    detail = queries.new_order_detail(values, rows, placed)
    return Placed(number, total, cart.currency, domain.PENDING, detail)
