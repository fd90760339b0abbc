"""Orders a campaign places: one SKU bought now, not from the cart, at the price the
campaign's own context decided (a flash sale's seat, a group deal's seat) — never a price
the client sent. The line keeps its list price; what the campaign takes off is one named
adjustment (step "campaign"), so the order, its refunds and its invoice read like any other.
Campaign prices stand alone: no member discount, promotion, coupon or points on top.

A group's order may wait paid until the group is full: `hold` keeps it from the logistics
centre until `release_hold` (orders.order_released.v1). One transaction, a fixed number of
statements; the stock is held with the same guarded UPDATE as every order."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mercato import events
from mercato.checkout import public as checkout
from mercato.events import ORDER_PLACED
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.members import public as members
from mercato.orders import domain
from mercato.orders.adapters import queries, repository
from mercato.orders.services.place_order import Placed, _invoice_columns
from mercato.platform import outbox
from mercato.platform.tx import AnyTx
from mercato.pricing import public as pricing

STEP = "campaign"
_CAMPAIGN = re.compile(r"^[a-z]{2,12}:[A-Za-z0-9_-]{1,26}$")
MAX_QUANTITY = 99


@dataclass(frozen=True, slots=True)
class Deposit:
    """A presale order's two parts: `fen` now (the deposit of every unit), the rest of the
    total between `balance_from` and `balance_until`; `rule` "keep" or "refund" is what an
    unpaid balance does to the deposit. Its units are not held from stock when the order is
    placed (the goods may still be on their way): the campaign holds them once they are in,
    then lets the paid order ship (release_hold)."""

    fen: int
    balance_from: datetime
    balance_until: datetime
    rule: str = "keep"


@dataclass(frozen=True, slots=True)
class CampaignOrder:
    customer_id: int
    address_id: int
    shipping_method: str
    sku_id: int
    quantity: int
    unit_price_fen: int  # the campaign's price of one unit (its context decided it)
    campaign: str  # "flash:12", "group:34": what the order came from, kept on the order
    label: str  # the discount's name the shopper reads ("限时秒杀", "3人团")
    hold: bool = False  # once paid, wait for release_hold before shipping
    invoice: domain.InvoiceRequest = field(default_factory=domain.InvoiceRequest)
    note: str = ""
    channel: str = "web"
    deposit: Deposit | None = None  # a presale order: paid in two parts


def _check(cmd: CampaignOrder) -> None:
    if isinstance(cmd.quantity, bool) or not 1 <= cmd.quantity <= MAX_QUANTITY:
        raise DomainError("orders.invalid_quantity", "Buy from 1 to 99", "quantity")
    if isinstance(cmd.unit_price_fen, bool) or cmd.unit_price_fen < 1:
        raise DomainError("orders.invalid_amount", "A campaign price is at least ¥0.01")
    if not _CAMPAIGN.match(cmd.campaign) or not 1 <= len(cmd.label) <= 120:
        raise DomainError("orders.invalid_campaign", "Not a campaign this shop runs")
    d = cmd.deposit
    if d is not None and (isinstance(d.fen, bool) or d.fen < 1 or not cmd.hold
                          or d.rule not in domain.DEPOSIT_RULES
                          or not d.balance_from < d.balance_until):
        raise DomainError("orders.invalid_campaign", "Not a campaign this shop runs")


def _deposit_columns(cmd: CampaignOrder, total_fen: int) -> dict[str, object]:
    d = cmd.deposit
    if d is None:
        return {}
    if d.fen >= total_fen:  # the balance is a payment of its own: at least a fen
        raise DomainError("orders.invalid_amount", "The deposit must be less than the total")
    return {"deposit_fen": d.fen, "balance_from": d.balance_from,
            "balance_until": d.balance_until, "deposit_rule": d.rule}


def _line(tx: AnyTx, cmd: CampaignOrder, locale: str) -> tuple[checkout.CartLineView, int]:
    """The SKU's line priced now, and its weight (grams)."""
    view = checkout.price_lines(tx, {cmd.sku_id: cmd.quantity}, locale,
                                stock=cmd.deposit is None)
    if not view.lines:
        raise NotFound("checkout.sku_not_found", "No such item", "sku_id")
    line = view.lines[0]
    if not line.sellable:
        raise Conflict("orders.out_of_stock", "This item is sold out or no longer sold",
                       "sku_id")
    return line, view.weight_g


def _values(cmd: CampaignOrder, line: checkout.CartLineView, weight: int,
            address: members.AddressView, quote: checkout.ShippingQuote, totals: domain.Totals,
            at: datetime, pay_minutes: int) -> dict[str, object]:
    return {
        "number": domain.order_number(at, secrets.randbelow(10**10)),
        "customer_id": cmd.customer_id, "status": domain.PENDING, "currency": "CNY",
        "item_count": line.quantity, "subtotal_fen": totals.subtotal_fen,
        "shipping_fen": totals.shipping_fen, "discount_fen": totals.discount_fen,
        "total_fen": totals.total_fen, "weight_g": weight, "shipping_code": quote.code,
        "shipping_name": quote.name[:120], "recipient": address.recipient,
        "phone": address.phone, "province": address.province, "city": address.city,
        "district": address.district, "street": address.street,
        "postcode": address.postcode, **_invoice_columns(cmd.invoice.normalised()),
        "note": domain.check_note(cmd.note), "placed_at": at,
        "pay_deadline": at + timedelta(minutes=pay_minutes), "updated_at": at,
        "campaign": cmd.campaign, "ship_hold": cmd.hold,
        **_deposit_columns(cmd, totals.total_fen),
    }


def _row(line: checkout.CartLineView, off: int) -> dict[str, object]:
    return {
        "sku_id": line.sku_id, "product_id": line.product_id,
        "product_slug": line.product_slug, "name": line.product_name[:300],
        "options": " / ".join(line.option_labels)[:300], "image": line.image[:300],
        "unit_price_fen": line.unit_price_fen, "quantity": line.quantity,
        "line_total_fen": line.line_total_fen, "discount_fen": off,
    }


def _plan_stock(tx: AnyTx, cmd: CampaignOrder, line: checkout.CartLineView
                ) -> list[inventory.Allocation]:
    if cmd.deposit is not None:
        return []  # presale: held by its campaign once the goods are in
    try:
        return inventory.plan_reservation(tx, {line.sku_id: line.quantity})
    except inventory.InsufficientStock:
        raise Conflict("orders.out_of_stock", "This item is sold out", "sku_id") from None


def _planned(tx: AnyTx, cmd: CampaignOrder, locale: str, pay_minutes: int
             ) -> tuple[dict[str, object], dict[str, object], list[inventory.Allocation]]:
    """The order's columns, its one line and where its units come from (reads only)."""
    _check(cmd)
    domain.check_note(cmd.note)
    cmd.invoice.normalised()
    line, weight = _line(tx, cmd, locale)
    address = members.address_for(tx, cmd.customer_id, cmd.address_id)
    if address is None:
        raise NotFound("orders.address_not_found", "No such address", "address_id")
    unit = min(cmd.unit_price_fen, line.unit_price_fen)  # the list price fell below: that
    off = (line.unit_price_fen - unit) * line.quantity
    quote = checkout.shipping_quote(tx, cmd.shipping_method, address.province, weight,
                                    line.line_total_fen - off, locale)
    allocations = _plan_stock(tx, cmd, line)
    totals = domain.totals(line.line_total_fen, quote.fee_fen, off)
    values = _values(cmd, line, weight, address, quote, totals, repository.now(), pay_minutes)
    return values, _row(line, off), allocations


def place_campaign_order(tx: AnyTx, cmd: CampaignOrder, locale: str,
                         pay_minutes: int = 30) -> Placed:
    """Write the order (pending payment) in the caller's transaction. Errors, nothing
    written: DomainError orders.invalid_quantity / invalid_amount / invalid_campaign;
    NotFound checkout.sku_not_found, orders.address_not_found,
    checkout.shipping_method_not_found; Conflict orders.out_of_stock (also when the stock
    went meanwhile: roll back); DomainError checkout.no_delivery."""
    values, row, allocations = _planned(tx, cmd, locale, pay_minutes)
    number, total = str(values["number"]), int(str(values["total_fen"]))
    at = values["placed_at"]
    assert isinstance(at, datetime)
    order_id = repository.insert_order(tx, values, [row])
    off, sku = int(str(row["discount_fen"])), int(str(row["sku_id"]))
    taken = [pricing.Adjustment(STEP, cmd.campaign, cmd.label, off, sku)] if off else []
    repository.add_adjustments(tx, order_id, [(a, a.label) for a in taken])
    actor = f"customer:{cmd.customer_id}"
    repository.add_timeline(tx, order_id, "status", actor, "placed", "", domain.PENDING, at)
    outbox.record(tx, ORDER_PLACED, {
        "number": number, "customer_id": cmd.customer_id, "total_fen": total,
        "currency": "CNY", "lines": [[sku, row["quantity"], row["unit_price_fen"]]],
        "campaign": cmd.campaign})
    try:  # the stock rows last: the shop's hottest locks, held from here to the commit
        if allocations:
            inventory.hold(tx, number, allocations)
    except inventory.InsufficientStock:
        raise Conflict("orders.out_of_stock", "This item is sold out", "sku_id") from None
    placed = queries.TimelineView("status", "", domain.PENDING, actor, "placed", at)
    discounts = pricing.by_source((a.source, a.step, a.label, a.amount_fen) for a in taken)
    detail = queries.new_order_detail(values, [row], placed, discounts)
    return Placed(number, total, "CNY", domain.PENDING, detail)


def release_hold(tx: Session, number: str, actor: str) -> bool:
    """The campaign lets a held order go (its group is full): a paid one goes to the
    logistics centre (orders.order_released.v1). False when it held nothing (idempotent);
    NotFound orders.not_found."""
    order = repository.lock(tx, number)
    if not order.ship_hold:
        return False
    order.ship_hold, order.updated_at = False, repository.now()
    tx.flush()
    repository.add_timeline(tx, order.id, "note", actor, "released to ship")
    if order.status == domain.PAID:
        outbox.record(tx, events.ORDER_RELEASED, {
            "number": order.number, "customer_id": order.customer_id,
            "priority": order.priority, "campaign": order.campaign})
    return True


def stock_and_release(tx: Session, number: str, actor: str) -> bool:
    """A paid presale order whose goods are in: hold its units (guarded UPDATE, never
    oversells) and let it ship. False when it is not paid and held (nothing written);
    inventory.InsufficientStock when the stock does not cover it yet (roll back; try later)."""
    order = repository.lock(tx, number)
    if order.status != domain.PAID or not order.ship_hold:
        return False
    units = {sku: qty for sku, qty in repository.line_quantities(tx, order.id)}
    inventory.reserve_for_order(tx, number, units)
    return release_hold(tx, number, actor)
