"""What other contexts (payments) may ask of orders. Functions take the caller's transaction
first and return frozen dataclasses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from fastapi import FastAPI, Request
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict
from mercato.orders import domain
from mercato.orders.adapters import repository
from mercato.orders.services import (
    aftersales,
    campaign_order,
    payment_records,
    shipping,
    transitions,
    weekly_sales,
)
from mercato.orders.services.aftersales import BoughtLine, InvoiceAsked, SoldOrder
from mercato.orders.services.campaign_order import CampaignOrder, Deposit
from mercato.orders.services.counts import orders_overview as orders_overview
from mercato.orders.services.place_order import Placed
from mercato.orders.services.shipping import ShippingLine, ShippingOrder
from mercato.orders.services.weekly_sales import WeekUnits
from mercato.platform.tx import AnyTx

__all__ = [
    "REFUND_STATUSES",
    "BoughtLine",
    "CampaignOrder",
    "Deposit",
    "InvoiceAsked",
    "PayableOrder",
    "Placed",
    "ShippingLine",
    "ShippingOrder",
    "SoldOrder",
    "WeekUnits",
    "mark_paid",
    "order_for_customer",
    "order_for_payment",
    "payable_order",
    "payment_failed",
    "place_campaign_order",
    "record_refund",
    "release_hold",
    "stock_and_release",
    "weekly_units",
]

REFUND_STATUSES = payment_records.REFUND_STATUSES


@dataclass(frozen=True, slots=True)
class PayableOrder:
    number: str
    customer_id: int
    status: str
    total_fen: int
    currency: str
    pay_deadline: datetime
    description: str  # what the shopper sees at the provider: first item and count
    # What the next payment is: the whole total (stage ""), or a presale order's "deposit"
    # then "balance" (from `balance_from`); `amount_fen` is that part's.
    stage: str = ""
    amount_fen: int = 0
    balance_from: datetime | None = None


def _view(tx: Session, number: str, customer_id: int | None) -> PayableOrder:
    o = repository.get_for(tx, number, customer_id)
    lines = repository.lines_of(tx, o.id)
    first = lines[0].name if lines else o.number
    more = f" +{len(lines) - 1}" if len(lines) > 1 else ""
    description = (first[:100] + more)[:127]
    stage = domain.payment_stage(o.deposit_fen, o.deposit_paid_at is not None)
    return PayableOrder(
        o.number, o.customer_id, o.status, o.total_fen, o.currency, o.pay_deadline,
        description, stage, domain.part_fen(o.total_fen, o.deposit_fen, stage), o.balance_from,
    )


def payable_order(tx: Session, number: str, customer_id: int) -> PayableOrder:
    """The customer's own order, if it still awaits payment. Another customer's order or an
    unknown number: NotFound('orders.not_found'); already paid, cancelled or past its
    deadline: Conflict('orders.not_payable'); a presale balance before its window opens:
    Conflict('orders.balance_not_open')."""
    order = _view(tx, number, customer_id)
    at = repository.now()
    if order.status != domain.PENDING or order.pay_deadline <= at:
        raise Conflict("orders.not_payable", "This order no longer awaits payment", "number")
    if order.stage == domain.BALANCE and order.balance_from and at < order.balance_from:
        raise Conflict("orders.balance_not_open",
                       "The balance can be paid once its window opens", "number")
    return order


def order_for_customer(tx: Session, number: str, customer_id: int) -> PayableOrder:
    """The customer's own order in any state; NotFound('orders.not_found') otherwise."""
    return _view(tx, number, customer_id)


def order_for_payment(tx: Session, number: str) -> PayableOrder:
    """Any order by number, for verified provider notifications and reconciliation (no owner:
    the provider's signature is the authority). NotFound for an unknown number."""
    return _view(tx, number, None)


def mark_paid(tx: Session, number: str, amount_fen: int, provider: str, reference: str,
              stage: str = "") -> bool:
    """Record a verified payment: pending → paid, timeline, OrderPaid in the outbox; for a
    presale order's `stage` "deposit", the deposit (it then awaits its balance: event
    ORDER_DEPOSIT_PAID), and "balance", the rest (→ paid). Returns False when this same
    payment (reference) was already recorded. Raises Conflict('orders.amount_mismatch') for
    a wrong amount and Conflict('orders.not_payable') when the order was cancelled, paid by
    another payment, or awaits another part (a second deposit): the caller refunds."""
    return transitions.mark_paid(tx, number, amount_fen, provider, reference, stage).changed


def payment_failed(
    tx: Session, number: str, provider: str, reference: str, amount_fen: int
) -> bool:
    """A verified attempt `reference` (out_trade_no) to pay the order did not go through: the
    provider said failed or closed. While the order awaits payment, the order's timeline gets
    one entry (kind "payment", to_status "failed", actor "payments:<provider>", reason the
    reference) and the shopper's order page says so. Returns False, writing nothing, when
    this attempt was already recorded or the order no longer awaits payment (paid by another
    attempt, cancelled). `amount_fen` is the attempt's amount, which is the order total:
    anything else raises Conflict('orders.amount_mismatch'). NotFound for an unknown order."""
    return payment_records.payment_failed(tx, number, provider, reference, amount_fen)


def record_refund(
    tx: Session, number: str, provider: str, reference: str, amount_fen: int, status: str
) -> bool:
    """The money of payment `reference` (out_trade_no, paid through `provider`) is being given
    back; its refund reached `status`, one of REFUND_STATUSES: "due" (owed: the order was
    closed after payment, or the money came after it was cancelled or paid otherwise),
    "refunding" (the provider accepted it and is still processing), "refunded" (done) or
    "failed" (the provider refused it for good; a person takes over). A refund only moves
    forward (due → refunding → refunded | failed, steps may be skipped); each status reached
    writes one timeline entry (kind "refund", from/to the refund statuses, actor
    "payments:<provider>", reason the reference) and the order's pages and JSON show the
    refund. Returns False, writing nothing, for a status the refund already has or has
    passed. `amount_fen` is the whole payment, which is the order total: anything else raises
    Conflict('orders.amount_mismatch'); ValueError for an unknown status."""
    return payment_records.record_refund(tx, number, provider, reference, amount_fen, status)


def order_for_shipping(tx: Session, number: str, customer_id: int | None = None) -> ShippingOrder:
    """An order's recipient, weight and lines, for shipments and waybills; with `customer_id`
    only that customer's own. NotFound('orders.not_found') otherwise."""
    return shipping.order_for_shipping(tx, number, customer_id)


def advance_shipping(tx: Session, number: str, target: str, actor: str, reason: str = "") -> bool:
    """The warehouse or the carrier moved the order: `target` is "picking", "shipped" or
    "signed"; the steps between are taken too (timeline and events for each; shipping
    ends the order's stock reservations). Returns False, writing nothing, when the order is
    already there or past it, or not on that path (cancelled, closed)."""
    return shipping.advance(tx, number, target, actor, reason)


def show_shipment_queue(app: FastAPI, fn: Callable[[Session], tuple[int, int]]) -> None:
    """Bootstrap hands the admin home logistics' queue counts (to ship, being picked): the
    shop's to-ship figure then comes from the warehouse's shipment queue (logistics depends
    on orders, so orders cannot ask it itself)."""
    app.state.orders_shipment_queue = fn


def show_parcels(app: FastAPI, fn: Callable[[Request, Session, str, int], Markup]) -> None:
    """Bootstrap hands the shopper's order page logistics' parcels card: fn(request, tx,
    order number, customer id) gives its HTML ("" before anything is allocated)."""
    app.state.orders_parcels_card = fn


def sold_order(tx: Session, number: str, customer_id: int | None = None) -> SoldOrder:
    """What was bought and paid, when it was signed for and completed, and the invoice
    asked for at checkout; with `customer_id` only that customer's own order
    (NotFound('orders.not_found') otherwise). For after-sales and finance."""
    return aftersales.sold_order(tx, number, customer_id)


def record_returned(tx: Session, number: str, refund_no: str, amount_fen: int, actor: str) -> bool:
    """After-sales gave back `amount_fen` for part of the order (refund `refund_no`): added
    once to the order's refunded total and timeline (kind "return"); False if already
    recorded; Conflict('orders.refund_exceeds_paid') above what was paid."""
    return aftersales.record_returned(tx, number, refund_no, amount_fen, actor)


def end_unshipped(tx: Session, number: str, actor: str, reason: str) -> None:
    """Close a paid order not shipped yet (a refund-only request approved): stock released,
    orders.order_closed.v1 recorded, so payments gives the money back whole.
    Conflict('orders.already_shipped') once it has left."""
    aftersales.end_unshipped(tx, number, actor, reason)


def complete_signed(tx: Session, before: datetime, limit: int = 200) -> list[str]:
    """Complete (交易成功) the orders signed for before `before`; orders.order_completed.v1
    for each. The periodic job of orders."""
    return aftersales.complete_signed(tx, before, limit)


def complete_by_customer(tx: Session, number: str, customer_id: int) -> bool:
    """The customer confirmed receipt of their own signed-for order: completed (True), or
    False when it is not signed for."""
    return aftersales.complete_by_customer(tx, number, customer_id)


def place_campaign_order(tx: Session, cmd: CampaignOrder, locale: str,
                         pay_minutes: int = 30) -> Placed:
    """A campaign's buy-now order of one SKU at the campaign's price (a flash sale, a group
    deal: the caller's context decided the price, never the client), pending payment, in the
    caller's transaction, stock held. The line keeps its list price and the difference is one
    adjustment named `cmd.label`; nothing else applies on top (member prices, promotions,
    coupons, points). With `cmd.hold` the paid order waits for `release_hold` before it
    ships. With `cmd.deposit` (a presale; needs `hold`) it is paid in two parts, deposit
    then balance (see `payable_order`), and holds no stock until `stock_and_release`.
    Errors (nothing written): DomainError orders.invalid_quantity / invalid_amount /
    invalid_campaign / checkout.no_delivery; NotFound checkout.sku_not_found /
    orders.address_not_found / checkout.shipping_method_not_found; Conflict
    orders.out_of_stock."""
    return campaign_order.place_campaign_order(tx, cmd, locale, pay_minutes)


def release_hold(tx: Session, number: str, actor: str) -> bool:
    """Let a held campaign order ship: once paid, the logistics centre allocates it
    (orders.order_released.v1). False when it was not held (again: nothing happens)."""
    return campaign_order.release_hold(tx, number, actor)


def stock_and_release(tx: Session, number: str, actor: str) -> bool:
    """A paid presale order (placed with a Deposit, so holding no stock) whose goods are in:
    hold its units from stock and let it ship (orders.order_released.v1). False, writing
    nothing, when the order is not paid or not held; inventory.InsufficientStock when stock
    does not cover it yet (the caller rolls back and tries later)."""
    return campaign_order.stock_and_release(tx, number, actor)


def weekly_units(tx: AnyTx, since: date, until: date) -> list[WeekUnits]:
    """Units sold per SKU per week (Monday to Sunday in the shop's time zone) for the weeks
    holding local days `since` to `until`, whole weeks, by week then SKU id; only weeks and
    SKUs with sales give a row. Sold: lines of the orders paid that week (paid_at) that were
    not cancelled or closed (given back whole); after-sales returns are not taken off. One
    statement, on SQLite and PostgreSQL alike. ValueError for a reversed span or one over
    160 weeks. For the data centre's forecast."""
    return weekly_sales.weekly_units(tx, since, until)
