"""Placing an order, planned then written. The plan (reads only) prices the customer's cart
(or the lines of it the customer chose) from current data, quotes shipping and chooses where
the stock comes from; the write, ONE transaction, takes exactly the planned lines out of the
cart, holds the stock with a guarded UPDATE (all or nothing, never oversold), writes the
order with snapshots of lines and address and what each pricing step took off (each line's
share and the named adjustments), uses the coupon (a conditional UPDATE: two orders never
both use it) and the points, and records OrderPlaced in the outbox. If the
cart or stock changed in between, the write refuses (Replan) and the caller plans again. On
SQLite the write alone holds the writer lock. The statement count does not depend on the
number of lines."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from mercato.checkout import public as checkout
from mercato.events import ORDER_PLACED
from mercato.inventory import public as inventory
from mercato.kernel.errors import Busy, Conflict, DomainError, NotFound
from mercato.members import public as members
from mercato.orders import domain
from mercato.orders.adapters import queries, repository
from mercato.platform import outbox
from mercato.platform.tx import AnyTx
from mercato.promotions import public as promotions


@dataclass(frozen=True, slots=True)
class PlaceOrder:
    customer_id: int
    address_id: int
    shipping_method: str
    invoice: domain.InvoiceRequest = field(default_factory=domain.InvoiceRequest)
    note: str = ""
    # The cart lines chosen for this order (SKU ids); None: the whole cart. The other lines
    # stay in the cart.
    sku_ids: frozenset[int] | None = None
    coupon: int = checkout.NO_COUPON  # an issued coupon's id, or checkout.BEST_COUPON
    points: int = 0  # points to redeem, or checkout.ALL_POINTS (as many as it may take)
    channel: str = "web"


@dataclass(frozen=True, slots=True)
class Placed:
    number: str
    total_fen: int
    currency: str
    status: str
    detail: queries.OrderDetail  # as `queries.detail` would read it back


def _sellable_lines(
    cart: checkout.CartView, chosen: frozenset[int] | None
) -> list[checkout.CartLineView]:
    if chosen is not None and {line.sku_id for line in cart.lines} != chosen:
        # A chosen line was removed meanwhile (another tab): the shopper looks again.
        raise Conflict(
            "orders.cart_changed",
            "Some chosen items are no longer in your cart; please review your cart",
            "sku_ids",
        )
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


def _line_rows(
    lines: list[checkout.CartLineView], priced: checkout.Priced
) -> list[dict[str, object]]:
    off = {p.sku_id: p.discount_fen for p in priced.lines}
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
            "discount_fen": off.get(ln.sku_id, 0),
        }
        for ln in lines
    ]


def _invoice_columns(invoice: domain.InvoiceRequest) -> dict[str, object]:
    return {
        "invoice_kind": invoice.kind,
        "invoice_title": invoice.title,
        "invoice_tax_id": invoice.tax_id,
        "invoice_email": invoice.email,
        "invoice_type": invoice.vat_type,
        "invoice_address": invoice.address,
        "invoice_phone": invoice.phone,
        "invoice_bank": invoice.bank,
        "invoice_account": invoice.account,
    }


def _order_values(
    cmd: PlaceOrder,
    cart: checkout.CartView,
    address: members.AddressView,
    quote: checkout.ShippingQuote,
    offer: checkout.Offer,
    at: datetime,
    pay_minutes: int,
) -> dict[str, object]:
    p = offer.priced
    totals = domain.totals(p.goods_fen, p.shipping_fen - p.shipping_discount_fen, p.discount_fen)
    return {
        "customer_id": cmd.customer_id,
        "status": domain.PENDING,
        "currency": cart.currency,
        "item_count": cart.item_count,
        "subtotal_fen": totals.subtotal_fen,
        "shipping_fen": totals.shipping_fen,
        "discount_fen": totals.discount_fen,
        "total_fen": totals.total_fen,
        "shipping_discount_fen": p.shipping_discount_fen,
        "points_used": p.points_used,
        "coupon_id": offer.coupon.id if offer.coupon else None,
        "priority": offer.priority,
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
        **_invoice_columns(cmd.invoice.normalised()),
        "note": domain.check_note(cmd.note),
        "placed_at": at,
        "pay_deadline": at + timedelta(minutes=pay_minutes),
        "updated_at": at,
    }


class Replan(Busy):
    """The cart or the stock changed between planning the order and writing it: plan again
    (after the last attempt: 409, retry later; not stored under an Idempotency-Key)."""

    def __init__(self) -> None:
        super().__init__(
            "orders.busy", "Your cart or the stock changed meanwhile; please try again", "cart"
        )


@dataclass(frozen=True, slots=True)
class OrderPlan:
    """An order worked out from reads (`plan_order`); `write_order` writes it if the cart and
    stock still hold what it relied on. A plan that failed carries its error instead, raised
    by the write (so that, under an Idempotency-Key, it is raised once the key is claimed)."""

    cmd: PlaceOrder
    error: DomainError | None = None
    cart: checkout.CartView | None = None
    values: dict[str, object] = field(default_factory=dict)
    rows: list[dict[str, object]] = field(default_factory=list)
    quantities: dict[int, int] = field(default_factory=dict)
    allocations: list[inventory.Allocation] = field(default_factory=list)
    pay_minutes: int = 30
    offer: checkout.Offer | None = None


def plan_order(tx: AnyTx, cmd: PlaceOrder, locale: str, pay_minutes: int = 30) -> OrderPlan:
    """Price the customer's cart from current data, quote shipping and choose where the stock
    comes from; reads only (nothing locked)."""
    try:
        domain.check_note(cmd.note)
        cmd.invoice.normalised()
        owner = checkout.CartOwner(cmd.customer_id, None)
        cart = checkout.view_cart(tx, owner, locale, cmd.sku_ids)
        lines = _sellable_lines(cart, cmd.sku_ids)
        address = members.address_for(tx, cmd.customer_id, cmd.address_id)
        if address is None:
            raise NotFound("orders.address_not_found", "No such address", "address_id")
        quote = checkout.shipping_quote(
            tx, cmd.shipping_method, address.province, cart.weight_g, cart.subtotal_fen, locale
        )
        offer = _offer(tx, cmd, lines, quote.fee_fen)
        quantities = {ln.sku_id: ln.quantity for ln in lines}
        allocations = inventory.plan_reservation(tx, quantities)
    except DomainError as exc:
        return OrderPlan(cmd, exc)
    values = _order_values(cmd, cart, address, quote, offer, repository.now(), pay_minutes)
    rows = _line_rows(lines, offer.priced)
    return OrderPlan(cmd, None, cart, values, rows, quantities, allocations, pay_minutes, offer)


def _offer(
    tx: AnyTx, cmd: PlaceOrder, lines: list[checkout.CartLineView], shipping_fen: int
) -> checkout.Offer:
    """The lines through the pricing pipeline; a coupon or points the order cannot take are
    refused here rather than quietly dropped."""
    if isinstance(cmd.points, bool) or cmd.points < checkout.ALL_POINTS:
        raise DomainError("orders.invalid_points", "Points must be a whole number", "points")
    offer = checkout.offer(tx, lines, cmd.customer_id, channel=cmd.channel, coupon=cmd.coupon,
                           points=cmd.points, shipping_fen=shipping_fen)
    if offer.priced.coupon_error and cmd.coupon != checkout.BEST_COUPON:
        code = offer.priced.coupon_error
        raise DomainError(code, checkout.coupon_message(code), "coupon_id")
    if cmd.points == checkout.ALL_POINTS:
        return offer
    if cmd.points > offer.buyer.points:
        raise DomainError("members.points_insufficient", "You do not have that many points",
                          "points")
    if cmd.points > offer.priced.points_used:
        raise DomainError("orders.points_over_limit",
                          "Points can pay at most half of this order", "points")
    return offer




def write_order(tx: AnyTx, plan: OrderPlan) -> Placed:
    """Write a planned order in one transaction: the cart's lines taken out (they must be
    exactly the planned ones; of chosen lines, those alone, the others stay), the stock held
    (one guarded UPDATE: never oversold), the order with its line and address snapshots, the
    timeline and OrderPlaced in the outbox. Raises the plan's error, or Replan if the cart or
    the stock changed since the plan."""
    if plan.error is not None:
        raise plan.error
    assert plan.cart is not None
    cmd, cart = plan.cmd, plan.cart
    at = repository.now()
    values = {
        **plan.values,
        "placed_at": at,
        "updated_at": at,
        "pay_deadline": at + timedelta(minutes=plan.pay_minutes),
    }
    number = values["number"] = domain.order_number(at, secrets.randbelow(10**10))
    try:
        checkout.take_ordered(tx, cmd.customer_id, plan.quantities, cmd.sku_ids is not None)
    except checkout.CartChanged:
        raise Replan from None
    order_id = repository.insert_order(tx, values, plan.rows)
    assert plan.offer is not None
    _take_benefits(tx, order_id, number, cmd.customer_id, plan.offer)
    actor = f"customer:{cmd.customer_id}"
    repository.add_timeline(tx, order_id, "status", actor, "placed", "", domain.PENDING, at)
    total = int(values["total_fen"])  # type: ignore[call-overload]
    lines = [[ln.sku_id, ln.quantity, ln.unit_price_fen] for ln in cart.lines]
    payload = {"number": number, "customer_id": cmd.customer_id, "total_fen": total}
    outbox.record(tx, ORDER_PLACED, {**payload, "currency": cart.currency, "lines": lines})
    # The stock rows last: they are the shop's hottest locks, held from here to the commit.
    try:
        inventory.hold(tx, number, plan.allocations)
    except inventory.InsufficientStock:
        raise Replan from None
    placed = queries.TimelineView("status", "", domain.PENDING, actor, "placed", at)
    detail = queries.new_order_detail(values, plan.rows, placed, plan.offer.discounts)
    return Placed(number, total, cart.currency, domain.PENDING, detail)


def _take_benefits(
    tx: AnyTx, order_id: int, number: str, customer_id: int, offer: checkout.Offer
) -> None:
    """The pipeline's adjustments stored; the coupon used and the points redeemed, each by a
    conditional UPDATE that fails (and rolls the order back) if another order took them."""
    p = offer.priced
    repository.add_adjustments(tx, order_id, [(a, offer.label(a)) for a in p.adjustments])
    goods = p.goods_fen - p.discount_fen
    if offer.coupon is not None:
        promotions.use_coupon(tx, offer.coupon.id, customer_id, number, p.coupon_fen,
                              p.goods_fen, p.total_fen)
    applied = promotions.applied_promotions(p)
    if applied:
        promotions.record_promotions(tx, number, customer_id, applied, goods, p.total_fen)
    if p.points_used:
        members.redeem_points(tx, customer_id, p.points_used, number)


def place_order(tx: AnyTx, cmd: PlaceOrder, locale: str, pay_minutes: int = 30) -> Placed:
    """Plan and write an order in one transaction (the storefront's checkout form). Its
    reads see what it writes over; a concurrent writer of the same cart or stock makes it
    raise Replan (409), never oversell or order a cart twice."""
    return write_order(tx, plan_order(tx, cmd, locale, pay_minutes))
