"""A shopper's deposit order, and what happens to it as its payments come (or do not).

Placing one is one transaction: the item's planned units and the customer's limit taken by
guarded statements, then the order (orders.place_campaign_order with a Deposit: paid in two
parts, no stock held yet), then this context's row. Anything refused rolls all of it back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.members import public as members
from mercato.orders import public as orders
from mercato.platform.clock import utcnow
from mercato.presale import domain
from mercato.presale.adapters import seats
from mercato.presale.adapters.tables import PresaleOrder
from mercato.presale.services.campaigns import get_campaign

_ = domain.N_


@dataclass(frozen=True, slots=True)
class DepositAsk:
    campaign_id: int
    sku_id: int
    quantity: int
    customer_id: int
    address_id: int
    shipping_method: str
    channel: str = "web"


def place_deposit(tx: Session, ask: DepositAsk, locale: str, label: str) -> orders.Placed:
    """The deposit order (pending its deposit), in the caller's transaction. Errors, nothing
    kept: NotFound presale.not_found / item_not_found; Conflict presale.cancelled /
    not_started / deposit_closed / sold_out / limit_reached; DomainError
    presale.invalid_quantity; and the order's own (address, delivery, withdrawn SKU)."""
    at = utcnow()
    c = get_campaign(tx, ask.campaign_id, at, public=True)
    domain.check_deposit_open(c.phase)
    item = c.item_for(ask.sku_id)
    if item is None:
        raise NotFound("presale.item_not_found", _("This item is not in the presale"),
                       "sku_id")
    q = ask.quantity
    if isinstance(q, bool) or not 1 <= q <= c.per_customer_limit:
        raise DomainError("presale.invalid_quantity",
                          _("Choose from 1 to the limit per customer"), "quantity")
    address = members.address_for(tx, ask.customer_id, ask.address_id)
    if address is None:
        raise NotFound("orders.address_not_found", _("No such address"), "address_id")
    if not seats.hold(tx, item.id, ask.customer_id, q, c.per_customer_limit):
        raise Conflict("presale.limit_reached",
                       _("You already hold the most this presale allows"), "quantity")
    if not seats.take(tx, item.id, q):
        raise Conflict("presale.sold_out", _("The presale's units are all taken"), "sku_id")
    amounts = domain.amounts(item.data, q)
    w = c.windows
    deposit = orders.Deposit(amounts.deposit_fen, w.balance_starts, w.balance_ends, c.rule)
    cmd = orders.CampaignOrder(
        ask.customer_id, ask.address_id, ask.shipping_method, ask.sku_id, q, amounts.unit_fen,
        f"presale:{c.id}", label, hold=True, channel=ask.channel, deposit=deposit)
    placed = orders.place_campaign_order(tx, cmd, locale, _pay_minutes(at, w.deposit_ends))
    tx.add(PresaleOrder(
        order_number=placed.number, campaign_id=c.id, item_id=item.id, sku_id=item.sku_id,
        customer_id=ask.customer_id, quantity=q, deposit_fen=amounts.deposit_fen,
        balance_fen=placed.total_fen - amounts.deposit_fen, province=address.province[:20],
        phone=address.phone[:20], state=domain.DEPOSIT_DUE, created_at=at, updated_at=at))
    tx.flush()
    return placed


def _pay_minutes(at: datetime, deposit_ends: datetime) -> int:
    minutes = int((domain.deposit_deadline(at, deposit_ends) - at).total_seconds() // 60)
    if minutes < 1:  # no time left to pay before the window closes
        raise Conflict("presale.deposit_closed", _("Deposits are no longer taken"),
                       "campaign_id")
    return minutes


def _row(tx: Session, number: str) -> PresaleOrder | None:
    q = select(PresaleOrder).where(PresaleOrder.order_number == number).with_for_update()
    return tx.scalars(q).first()


def deposit_paid(tx: Session, number: str, at: datetime) -> bool:
    row = _row(tx, number)
    if row is None or row.state != domain.DEPOSIT_DUE:
        return False
    row.state, row.deposit_paid_at, row.updated_at = domain.DEPOSIT_PAID, at, at
    return True


def balance_paid(tx: Session, number: str, at: datetime) -> bool:
    row = _row(tx, number)
    if row is None or row.state not in (domain.DEPOSIT_DUE, domain.DEPOSIT_PAID):
        return False
    row.state, row.balance_paid_at, row.updated_at = domain.BALANCE_PAID, at, at
    return True


def ended(tx: Session, number: str, at: datetime) -> bool:
    """The order was cancelled or closed: its units go back to the plan and the customer's
    limit (once)."""
    row = _row(tx, number)
    if row is None or row.state == domain.ENDED_UNPAID:
        return False
    row.state, row.updated_at = domain.ENDED_UNPAID, at
    seats.give_back(tx, row.item_id, row.quantity)
    seats.unhold(tx, row.item_id, row.customer_id, row.quantity)
    return True


def order_of(tx: Session, number: str) -> PresaleOrder | None:
    return tx.scalars(select(PresaleOrder).where(PresaleOrder.order_number == number)).first()
