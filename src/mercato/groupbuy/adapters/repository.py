"""Reading and writing deals, groups and members. Seats move only by conditional UPDATEs whose
row count says whether they moved: two customers after the last seat both run the same
statement, the database lets one through and the other finds the group full."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, case, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from mercato.groupbuy import domain
from mercato.groupbuy.adapters.tables import Deal, Group, Member
from mercato.platform.outbox import insert_ignore


def ladder_text(ladder: domain.Ladder) -> str:
    return json.dumps([list(step) for step in ladder])


def ladder_of(text: str) -> domain.Ladder:
    return tuple((int(a), int(b)) for a, b in json.loads(text or "[]"))


def _moved(result: Any) -> bool:
    return cast(CursorResult[Any], result).rowcount == 1


def _growing() -> ColumnElement[bool]:
    """A group still taking people: open, or filled and not complete."""
    g = Group
    return or_(g.status == domain.OPEN,
               and_(g.status == domain.FILLED, g.completed_at.is_(None)))


def deal(tx: Session, deal_id: int) -> Deal | None:
    return tx.get(Deal, deal_id)


def live_deals_for_sku(tx: Session, sku_id: int, now: datetime) -> list[Deal]:
    q = (select(Deal).where(Deal.sku_id == sku_id, Deal.enabled.is_(True),
                            Deal.starts_at <= now, Deal.ends_at > now)
         .order_by(Deal.ends_at, Deal.id))
    return list(tx.scalars(q))


def group_by_code(tx: Session, code: str) -> Group | None:
    return tx.scalars(select(Group).where(Group.code == code)).first()


def lock_group(tx: Session, group_id: int) -> Group | None:
    """The group, its row locked until commit (re-read: seat counts move by UPDATEs)."""
    q = (select(Group).where(Group.id == group_id).with_for_update()
         .execution_options(populate_existing=True))
    return tx.scalars(q).first()


def take_seat(tx: Session, group_id: int, now: datetime) -> bool:
    """One seat more, if the group is open (or filled and not complete), a seat short of its
    most and not past its time."""
    g = Group
    return _moved(tx.execute(
        update(g).where(g.id == group_id, _growing(), g.seats_taken < g.size,
                        g.expires_at > now)
        .values(seats_taken=g.seats_taken + 1)
        .execution_options(synchronize_session=False)))


def free_seat(tx: Session, group_id: int, was_paid: bool) -> bool:
    """A seat goes back to a group still taking people (its order was cancelled or closed)."""
    g = Group
    values: dict[str, Any] = {"seats_taken": g.seats_taken - 1}
    if was_paid:
        values["seats_paid"] = g.seats_paid - 1
    return _moved(tx.execute(
        update(g).where(g.id == group_id, _growing(), g.seats_taken > 0)
        .values(**values).execution_options(synchronize_session=False)))


def count_paid(tx: Session, group_id: int) -> bool:
    """A seat's order paid, in a group that has not failed."""
    g = Group
    return _moved(tx.execute(
        update(g).where(g.id == group_id, g.status.in_((domain.OPEN, domain.FILLED)),
                        g.seats_paid < g.seats_taken)
        .values(seats_paid=g.seats_paid + 1).execution_options(synchronize_session=False)))


def end_group(tx: Session, group_id: int, status: str, now: datetime) -> bool:
    """open → filled or failed, once."""
    g = Group
    return _moved(tx.execute(
        update(g).where(g.id == group_id, g.status == domain.OPEN)
        .values(status=status, ended_at=now).execution_options(synchronize_session=False)))


def complete_group(tx: Session, group_id: int, now: datetime) -> bool:
    """filled → complete, once."""
    g = Group
    return _moved(tx.execute(
        update(g).where(g.id == group_id, g.status == domain.FILLED, g.completed_at.is_(None))
        .values(completed_at=now).execution_options(synchronize_session=False)))


def add_member(tx: Session, group_id: int, customer_id: int, now: datetime) -> bool:
    """False when the customer already has a row in this group (the unique key)."""
    return insert_ignore(tx, cast(Table, Member.__table__), {
        "group_id": group_id, "customer_id": customer_id, "order_number": None,
        "status": domain.HOLDING, "cashback_fen": 0, "joined_at": now, "updated_at": now})


def member_of(tx: Session, group_id: int, customer_id: int, lock: bool = False) -> Member | None:
    q = select(Member).where(Member.group_id == group_id, Member.customer_id == customer_id)
    if lock:
        q = q.with_for_update()
    return tx.scalars(q.execution_options(populate_existing=True)).first()


def member_by_order(tx: Session, number: str) -> Member | None:
    return tx.scalars(select(Member).where(Member.order_number == number)).first()


def lock_member(tx: Session, member_id: int) -> Member | None:
    q = (select(Member).where(Member.id == member_id).with_for_update()
         .execution_options(populate_existing=True))
    return tx.scalars(q).first()


def members_of(tx: Session, group_id: int, lock: bool = False) -> list[Member]:
    q = select(Member).where(Member.group_id == group_id).order_by(Member.id)
    if lock:
        q = q.with_for_update()
    return list(tx.scalars(q.execution_options(populate_existing=True)))


def due_groups(tx: Session, now: datetime, limit: int) -> list[int]:
    """Open groups past their time (to fail)."""
    q = (select(Group.id).where(Group.status == domain.OPEN, Group.expires_at <= now)
         .order_by(Group.expires_at).limit(limit))
    return list(tx.scalars(q))


def completing_groups(tx: Session, now: datetime, limit: int) -> list[int]:
    """Filled groups past their time and not complete yet (to complete): the partial index
    ix_groupbuy_group_completing, whose condition this repeats."""
    q = (select(Group.id).where(Group.status == domain.FILLED, Group.completed_at.is_(None),
                                Group.expires_at <= now)
         .order_by(Group.expires_at).limit(limit))
    return list(tx.scalars(q))


def open_groups(tx: Session, deal_id: int, now: datetime, limit: int) -> list[Group]:
    """Groups of the deal one can still join (a seat free, time left): those still short of
    success first, nearest to it first; then those that succeeded and take more people."""
    g = Group
    q = (select(g).where(g.deal_id == deal_id, _growing(), g.seats_taken < g.size,
                         g.expires_at > now)
         .order_by(case((g.status == domain.OPEN, 0), else_=1), g.needed - g.seats_taken,
                   g.expires_at, g.id).limit(limit))
    return list(tx.scalars(q))
