"""Taking seats: a customer opens a group (the leader's seat) or joins one by its share code;
then the group-price order written in the same transaction is attached to the seat.

The last seat is sold once: the seat is taken by one conditional UPDATE (open, or filled and
not complete; a seat short of its most; not past its time), and a CHECK constraint keeps
seats_taken within the group's most whatever happens.
A seat and its member row are written under a SAVEPOINT, so a refused join leaves nothing,
even for a caller that catches the error and commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.groupbuy import domain
from mercato.groupbuy.adapters import repository
from mercato.groupbuy.adapters.tables import Deal, Group, Member
from mercato.kernel.errors import Conflict, NotFound
from mercato.orders import public as orders


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat a customer holds: what their order must be (the deal's SKU at its price)."""

    member_id: int
    group_id: int
    code: str  # the group's share code
    deal_id: int
    sku_id: int
    product_id: int
    price_fen: int  # the group price, from the deal (never from the client)
    customer_id: int
    leader: bool
    expires_at: datetime  # the group's end: the order's payment deadline should not pass it


def _seat(m: Member, g: Group, d: Deal) -> Seat:
    return Seat(m.id, g.id, g.code, d.id, d.sku_id, d.product_id, d.price_fen, m.customer_id,
                g.leader_id == m.customer_id, g.expires_at)


def running_deal(tx: Session, deal_id: int, now: datetime) -> Deal:
    d = repository.deal(tx, deal_id)
    if d is None or not d.enabled:  # a draft is not shown to customers
        raise NotFound("groupbuy.deal_not_found", "No such group deal", "deal_id")
    if domain.status(d.enabled, d.starts_at, d.ends_at, now) != domain.RUNNING:
        raise Conflict("groupbuy.deal_not_running", "This group deal is not on now", "deal_id")
    return d


def open_group(tx: Session, deal_id: int, customer_id: int, now: datetime) -> Seat:
    d = running_deal(tx, deal_id, now)
    # The deal's sizes as they are now: staff cannot change them once a group has opened.
    g = Group(deal_id=d.id, code=domain.new_code(), leader_id=customer_id, size=d.max_size,
              needed=d.group_size, seats_taken=1, seats_paid=0, status=domain.OPEN, opened_at=now,
              expires_at=domain.group_expiry(now, d.time_limit_minutes, d.ends_at))
    tx.add(g)
    tx.flush()
    repository.add_member(tx, g.id, customer_id, now)
    m = repository.member_of(tx, g.id, customer_id)
    assert m is not None
    return _seat(m, g, d)


def _refused(tx: Session, group_id: int, now: datetime) -> Conflict:
    """Why the seat was not taken, read after the UPDATE that refused it."""
    g = repository.lock_group(tx, group_id)
    assert g is not None
    ended = g.status == domain.FAILED or g.expires_at <= now or (
        g.completed_at is not None and g.seats_taken < g.size)
    if ended:
        return Conflict("groupbuy.group_expired", "This group has ended", "code")
    return Conflict("groupbuy.group_full", "This group is full", "code")


def _already() -> Conflict:
    return Conflict("groupbuy.already_joined", "You are already in this group", "code")


def find_group(tx: Session, code: str) -> Group:
    code = (code or "").strip()
    g = repository.group_by_code(tx, code) if domain.valid_code(code) else None
    if g is None:
        raise NotFound("groupbuy.group_not_found", "No such group", "code")
    return g


def join_group(tx: Session, code: str, customer_id: int, now: datetime) -> Seat:
    g = find_group(tx, code)
    d = repository.deal(tx, g.deal_id)
    if d is None or not d.enabled:
        raise Conflict("groupbuy.deal_not_running", "This group deal is not on now", "code")
    mine = repository.member_of(tx, g.id, customer_id)
    if mine is not None and mine.status != domain.LEFT:
        raise _already()
    with tx.begin_nested():
        if not repository.take_seat(tx, g.id, now):
            raise _refused(tx, g.id, now)
        if mine is None and not repository.add_member(tx, g.id, customer_id, now):
            raise _already()  # the same customer joining twice at once
        m = repository.member_of(tx, g.id, customer_id, lock=True)
        assert m is not None
        if mine is not None:  # back after their unpaid order was cancelled
            if m.status != domain.LEFT:
                raise _already()
            m.status, m.order_number, m.updated_at = domain.HOLDING, None, now
    g = repository.lock_group(tx, g.id) or g
    return _seat(m, g, d)


def attach_order(tx: Session, member_id: int, order_number: str, now: datetime) -> None:
    m = repository.lock_member(tx, member_id)
    if m is None:
        raise NotFound("groupbuy.seat_not_found", "No such group seat", "member_id")
    if m.order_number == order_number and m.status == domain.HOLDING:
        return  # told twice
    if m.status != domain.HOLDING or m.order_number is not None:
        raise Conflict("groupbuy.seat_taken", "This seat already has an order", "member_id")
    g = repository.lock_group(tx, m.group_id)
    d = repository.deal(tx, g.deal_id) if g is not None else None
    assert g is not None and d is not None
    sold = orders.sold_order(tx, order_number, m.customer_id)
    # The line keeps its list price; what the shopper pays for it is the deal's price (or
    # less, had the list price fallen below it meanwhile).
    if not sold.lines or any(x.sku_id != d.sku_id or x.paid_fen > d.price_fen * x.quantity
                             for x in sold.lines):
        raise Conflict("groupbuy.order_mismatch",
                       "The order is not for this group deal at its price", "order_number")
    m.order_number, m.updated_at = order_number, now
    tx.flush()
