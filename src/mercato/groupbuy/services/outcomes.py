"""What happens to seats as their orders move: paid (the group succeeds, "filled", when the
deal's group size of seats is paid in time, and its paid orders ship; it then takes people up
to its most, each one's order shipping as they pay; it completes at its most paid or, by the
expiry job, at its time: the cashback is fixed then, from the ladder step its paid members
reached), cancelled unpaid or closed (the seat goes back to a group still taking people),
refunded.

A failed group's paid orders are closed through orders.end_unshipped: the order ends closed
(its stock released) and payments gives the money back whole through the provider and trade
it came through (orders.order_closed.v1 → payments' refund job → payments.payment_refunded.v1,
which marks the member refunded here). Locks: the group row first, then its members."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.events.groupbuy import GROUP_COMPLETED, GROUP_FAILED, GROUP_FILLED
from mercato.groupbuy import domain
from mercato.groupbuy.adapters import repository
from mercato.groupbuy.adapters.tables import Group, Member
from mercato.kernel.errors import Conflict, NotFound
from mercato.orders import public as orders
from mercato.platform import outbox

log = logging.getLogger(__name__)
ACTOR = "system:groupbuy"
FAILED_REASON = "拼团未成团，自动退款"  # kept in the order's timeline, as staff reasons are


def _locked(tx: Session, number: str) -> tuple[Member, Group] | None:
    found = repository.member_by_order(tx, number)
    if found is None:
        return None  # not a group-buy order
    g = repository.lock_group(tx, found.group_id)
    m = repository.lock_member(tx, found.id)
    assert g is not None and m is not None
    return m, g


def _payload(tx: Session, g: Group, members: list[Member]) -> dict[str, object]:
    d = repository.deal(tx, g.deal_id)
    assert d is not None
    return {"group_id": g.id, "code": g.code, "deal_id": g.deal_id, "sku_id": d.sku_id,
            "size": g.needed, "max_size": g.size, "orders": [m.order_number for m in members],
            "customer_ids": [m.customer_id for m in members]}


def _paid(tx: Session, g: Group) -> list[Member]:
    return [m for m in repository.members_of(tx, g.id, lock=True) if m.status == domain.PAID]


def _fill(tx: Session, g: Group, now: datetime) -> None:
    """The group succeeded: its paid orders go to the logistics centre. It is complete at
    once if it has its most paid (a deal whose most is its group size)."""
    if not repository.end_group(tx, g.id, domain.FILLED, now):
        return
    paid = _paid(tx, g)
    outbox.record(tx, GROUP_FILLED, _payload(tx, g, paid))
    for m in paid:
        if m.order_number is not None:
            _release(tx, m.order_number)
    g = repository.lock_group(tx, g.id) or g
    if g.seats_paid >= g.size:
        complete(tx, g, now)


def complete(tx: Session, g: Group, now: datetime) -> bool:
    """A filled group is complete (its most paid, or its time out): the cashback is fixed
    now, from the ladder as it stands (staff editing it later changes nothing for this
    group) and the step its paid members reached; groupbuy.group_completed.v1's subscriber
    pays it. Once: False when it was complete already."""
    if not repository.complete_group(tx, g.id, now):
        return False
    d = repository.deal(tx, g.deal_id)
    assert d is not None
    paid = _paid(tx, g)
    amount = domain.cashback_for(repository.ladder_of(d.ladder), len(paid))
    for m in paid:  # their orders were released as the group filled or as they paid
        m.cashback_fen, m.updated_at = amount, now
    outbox.record(tx, GROUP_COMPLETED, {**_payload(tx, g, paid), "cashback_fen": amount})
    return True


def _release(tx: Session, number: str) -> None:
    try:
        orders.release_hold(tx, number, ACTOR)
    except NotFound:  # a seat tied to an order number orders does not know: nothing to ship
        log.warning("group-buy order %s is not an order: nothing released", number)


def refund(tx: Session, m: Member, now: datetime) -> bool:
    """Close the member's paid order so that payments gives its money back whole."""
    assert m.order_number is not None
    try:
        orders.end_unshipped(tx, m.order_number, ACTOR, FAILED_REASON)
    except Conflict:
        # Shipped although its group never filled: a person has to sort it out.
        log.warning("group-buy order %s could not be closed for its refund", m.order_number)
        return False
    m.status, m.updated_at = domain.REFUNDING, now
    return True


def order_paid(tx: Session, number: str, now: datetime) -> str:
    found = _locked(tx, number)
    if found is None:
        return "none"
    m, g = found
    if m.status != domain.HOLDING:
        return "already"
    m.status, m.updated_at = domain.PAID, now
    if g.status == domain.FAILED:
        # Paid after its group failed: the money goes back at once.
        return "refunding" if refund(tx, m, now) else "paid"
    repository.count_paid(tx, g.id)
    g = repository.lock_group(tx, g.id) or g
    if g.status == domain.FILLED:
        # The group had succeeded: this member's order ships at once. (Seen only after the
        # group completed, the payment made in time still ships, without cashback: that was
        # fixed at completion.)
        _release(tx, number)
        if g.seats_paid >= g.size:
            complete(tx, g, now)
    # Paid after the time ran out but before the job saw it: the job refunds it with the rest.
    elif g.seats_paid >= g.needed and g.expires_at > now:
        _fill(tx, g, now)
    return "paid"


def order_closed(tx: Session, number: str, now: datetime) -> str:
    found = _locked(tx, number)
    if found is None:
        return "none"
    m, g = found
    if m.status not in (domain.HOLDING, domain.PAID):
        return "already"
    was_paid = m.status == domain.PAID
    # A paid order closed (a refund-only request) has its money given back by payments.
    m.status, m.updated_at = (domain.REFUNDING if was_paid else domain.LEFT), now
    # In a group still taking people the seat goes back (a filled group stays filled).
    repository.free_seat(tx, g.id, was_paid)
    return "left"


def refunded(tx: Session, number: str, now: datetime) -> str:
    """Payments gave the order's money back."""
    order_closed(tx, number, now)  # in case its closing has not been seen here yet
    found = _locked(tx, number)
    if found is None or found[0].status != domain.REFUNDING:
        return "none"
    found[0].status, found[0].updated_at = domain.REFUNDED, now
    return "refunded"


def fail_group(tx: Session, group_id: int, now: datetime) -> int:
    """An open group past its time fails: each paid member's order is closed and refunded.
    Members still holding stay so: their order is cancelled unpaid by orders, or refunded
    at once if they pay it after all. Returns the refunds started."""
    g = repository.lock_group(tx, group_id)
    if g is None or g.status != domain.OPEN or g.expires_at > now:
        return 0
    repository.end_group(tx, g.id, domain.FAILED, now)
    paid = _paid(tx, g)
    started = [m for m in paid if refund(tx, m, now)]
    outbox.record(tx, GROUP_FAILED, _payload(tx, g, paid))
    return len(started)


def complete_group(tx: Session, group_id: int, now: datetime) -> bool:
    """A filled group past its time completes (the expiry job). Once: False when it is not
    filled, not past its time or complete already."""
    g = repository.lock_group(tx, group_id)
    if g is None or g.status != domain.FILLED or g.completed_at is not None:
        return False
    if g.expires_at > now and g.seats_paid < g.size:
        return False
    return complete(tx, g, now)
