"""Status changes. Each one locks the order row, asks the state machine, writes the timeline
and the outbox in the same transaction. Leaving a stock-holding state releases the stock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mercato import events
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict, DomainError, Forbidden
from mercato.orders import domain
from mercato.orders.adapters import repository
from mercato.orders.adapters.tables import Order
from mercato.platform import outbox

DEPOSIT_KIND = "deposit"  # timeline: a presale deposit paid, then kept or refunded
_EVENTS = {
    domain.PAID: events.ORDER_PAID,
    domain.CANCELLED: events.ORDER_CANCELLED,
    domain.CLOSED: events.ORDER_CLOSED,
    domain.COMPLETED: events.ORDER_COMPLETED,
}


@dataclass(frozen=True, slots=True)
class Changed:
    number: str
    status: str
    changed: bool


def _payload(order: Order, **extra: object) -> dict[str, object]:
    return {
        "number": order.number,
        "customer_id": order.customer_id,
        "total_fen": order.total_fen,
        "shipping_fen": order.shipping_fen,
        "points_used": order.points_used,
        "priority": order.priority,
        "currency": order.currency,
        "campaign": order.campaign,
        "ship_hold": order.ship_hold,
        "status": order.status,
        **extra,
    }


def _move(tx: Session, order: Order, target: str, actor: str, reason: str) -> Changed:
    current = order.status
    domain.check_transition(current, target)
    at = repository.now()
    order.status, order.updated_at = target, at
    ended = target in (domain.CANCELLED, domain.CLOSED)
    if ended:
        order.closed_at = at
    tx.flush()
    repository.add_timeline(tx, order.id, "status", actor, reason, current, target)
    name = _EVENTS.get(target, events.ORDER_STATUS_CHANGED)
    extra: dict[str, object] = {"previous": current, "reason": reason, "actor": actor}
    if target == domain.PAID:  # what was bought: the catalogue counts sales from it
        extra["lines"] = repository.line_quantities(tx, order.id)
    if ended and current == domain.PENDING and order.deposit_paid_at is not None:
        extra.update(_deposit_ends(tx, order, actor))
    outbox.record(tx, name, _payload(order, **extra))
    # The stock rows last: they are the shop's hottest locks, held from here to the commit.
    if ended and current in domain.HOLDS_STOCK:
        inventory.release_for_order(tx, order.number)
    elif target == domain.SHIPPED:
        inventory.ship_for_order(tx, order.number)
    return Changed(order.number, target, True)


def _deposit_ends(tx: Session, order: Order, actor: str) -> dict[str, object]:
    """A presale order ended before its balance: its paid deposit is kept or given back by
    the campaign's rule (payments refunds it on the event's `refund_deposit`)."""
    refund = order.deposit_rule == "refund"
    outcome = "refunded" if refund else "kept"
    repository.add_timeline(tx, order.id, DEPOSIT_KIND, actor, order.deposit_ref, "paid",
                            outcome)
    return {"deposit_fen": order.deposit_fen, "refund_deposit": refund}


def cancel_by_customer(tx: Session, number: str, customer_id: int, reason: str) -> Changed:
    """A customer may cancel their own order only while it is unpaid."""
    reason = domain.check_note(reason, "reason")
    order = repository.lock(tx, number, customer_id)
    if order.status != domain.PENDING:
        raise domain.InvalidTransition(order.status, domain.CANCELLED)
    return _move(tx, order, domain.CANCELLED, f"customer:{customer_id}", reason or "customer")


def change_by_staff(tx: Session, number: str, target: str, staff: str, reason: str) -> Changed:
    """Staff move an order along (picking, shipped, ...) or cancel/close it, with a reason."""
    if target not in domain.STAFF_TARGETS:
        raise Forbidden("orders.not_allowed", "Staff cannot set this status", "status")
    reason = domain.check_note(reason, "reason")
    if target in (domain.CANCELLED, domain.CLOSED) and not reason:
        raise DomainError("orders.reason_required", "Say why the order is ended", "reason")
    return _move(tx, repository.lock(tx, number), target, f"staff:{staff}", reason)


def add_note(tx: Session, number: str, staff: str, text: str) -> None:
    text = domain.check_note(text)
    if not text:
        raise DomainError("orders.note_required", "Write a note", "note")
    order = repository.get_for(tx, number, None)
    repository.add_timeline(tx, order.id, "note", f"staff:{staff}", text)


def mark_paid(tx: Session, number: str, amount_fen: int, provider: str, reference: str,
              stage: str = "") -> Changed:
    """A verified payment arrived. Paid once: a repeat with the same reference changes
    nothing; the wrong amount is refused; an order no longer awaiting payment (or this
    part of it) answers Conflict('orders.not_payable') so the payment can be refunded. A
    presale order's deposit leaves it awaiting its balance (event ORDER_DEPOSIT_PAID)."""
    order = repository.lock(tx, number)
    if reference and reference in (order.payment_ref, order.deposit_ref):
        return Changed(order.number, order.status, False)
    awaited = domain.payment_stage(order.deposit_fen, order.deposit_paid_at is not None)
    if order.status != domain.PENDING or stage != awaited:
        raise Conflict("orders.not_payable", "This order no longer awaits payment", "number")
    if amount_fen != domain.part_fen(order.total_fen, order.deposit_fen, stage):
        raise Conflict("orders.amount_mismatch", "Paid amount differs from the order total")
    if stage == domain.DEPOSIT:
        return _deposit_paid(tx, order, provider, reference)
    order.paid_at, order.paid_fen = repository.now(), order.total_fen
    order.payment_provider, order.payment_ref = provider[:20], reference[:64]
    return _move(tx, order, domain.PAID, f"payments:{provider}", reference)


def _deposit_paid(tx: Session, order: Order, provider: str, reference: str) -> Changed:
    at = repository.now()
    order.deposit_paid_at, order.deposit_ref, order.updated_at = at, reference[:64], at
    if order.balance_until is not None:  # unpaid by then, the order ends (the timeout job)
        order.pay_deadline = order.balance_until
    tx.flush()
    actor = f"payments:{provider}"
    repository.add_timeline(tx, order.id, DEPOSIT_KIND, actor, reference, "", "paid", at)
    outbox.record(tx, events.ORDER_DEPOSIT_PAID, _payload(
        order, deposit_fen=order.deposit_fen, balance_from=_iso(order.balance_from),
        balance_until=_iso(order.balance_until), provider=provider, reference=reference))
    return Changed(order.number, order.status, True)


def _iso(at: datetime | None) -> str:
    return at.isoformat() if at else ""


def cancel_expired_one(tx: Session, number: str, at: datetime) -> list[str]:
    """Cancel the order if it is still unpaid past its deadline (checked under the lock, so a
    payment landing at the same moment wins or loses cleanly)."""
    order = repository.lock(tx, number)
    if order.status != domain.PENDING or order.pay_deadline >= at:
        return []
    _move(tx, order, domain.CANCELLED, "system:timeout", "unpaid")
    return [number]
