"""Data access for loyalty: the member row, the points ledger and its lots, order records.

Statements run through `ex`: on an ORM Session they go through Session.execute (so a staff
member's write is in the audit log), on checkout's CoreTx straight on its connection. Every
change of a member's balance first takes the member row (a conditional UPDATE or SELECT ...
FOR UPDATE), then its lots: one order of locks everywhere, so no two writers deadlock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, case, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from mercato.members.adapters.loyalty_tables import Loyalty, OrderRecord, PointsEntry, Tier
from mercato.members.domain_loyalty import TierRule
from mercato.platform.tx import AnyTx

LOYALTY = cast(Table, Loyalty.__table__)
LEDGER = cast(Table, PointsEntry.__table__)
RECORD = cast(Table, OrderRecord.__table__)
TIER = cast(Table, Tier.__table__)

Tx = AnyTx | Connection


def ex(tx: Tx, statement: Any, params: Any = None) -> Any:
    """Run a Core statement in the caller's transaction (see the module doc)."""
    if isinstance(tx, Session):
        return tx.execute(statement, params)
    conn = tx if isinstance(tx, Connection) else tx.connection()
    return conn.execute(statement, params)


def dialect(tx: Tx) -> Any:
    bind = tx if isinstance(tx, Connection) else tx.get_bind()
    return postgresql if bind.dialect.name == "postgresql" else sqlite


def ensure_member(tx: Tx, customer_id: int) -> None:
    """The member row, made if missing (a concurrent maker wins quietly)."""
    stmt = dialect(tx).insert(LOYALTY).values(customer_id=customer_id).on_conflict_do_nothing()
    ex(tx, stmt)


def lock_member(tx: Tx, customer_id: int) -> int | None:
    """The member's balance, with the row locked until the transaction ends; None: no row."""
    stmt = select(LOYALTY.c.points).where(LOYALTY.c.customer_id == customer_id)
    row = ex(tx, stmt.with_for_update()).first()
    return int(row[0]) if row is not None else None


def add_points(tx: Tx, customer_id: int, points: int) -> int:
    """Raise the balance; the new balance (the row must exist)."""
    stmt = (update(LOYALTY).where(LOYALTY.c.customer_id == customer_id)
            .values(points=LOYALTY.c.points + points).returning(LOYALTY.c.points))
    return int(ex(tx, stmt).scalar_one())


def withdraw(tx: Tx, customer_id: int, points: int) -> int | None:
    """Lower the balance only if it holds `points`: the new balance, or None (not enough,
    or no member row). One statement, so two at once can never overdraw: on PostgreSQL the
    second waits for the first's row lock and then re-checks the condition."""
    stmt = (update(LOYALTY)
            .where(LOYALTY.c.customer_id == customer_id, LOYALTY.c.points >= points)
            .values(points=LOYALTY.c.points - points).returning(LOYALTY.c.points))
    row = ex(tx, stmt).first()
    return int(row[0]) if row is not None else None


def open_lots(tx: Tx, customer_id: int, first_kind: str = "", first_ref: str = "",
              due_by: datetime | None = None) -> list[tuple[int, int]]:
    """The member's lots with points left, locked, soonest expiry first; the lot of
    (first_kind, first_ref) ahead of all (a refund takes back its own order's points first);
    with due_by, only those expired by then."""
    order: list[Any] = [LEDGER.c.expires_at, LEDGER.c.id]
    if first_ref:
        own = case((LEDGER.c.kind == first_kind, case((LEDGER.c.ref == first_ref, 0), else_=1)),
                   else_=1)
        order.insert(0, own)
    stmt = select(LEDGER.c.id, LEDGER.c.remaining).where(
        LEDGER.c.customer_id == customer_id, LEDGER.c.remaining > 0)
    if due_by is not None:
        stmt = stmt.where(LEDGER.c.expires_at <= due_by)
    rows = ex(tx, stmt.order_by(*order).with_for_update()).all()
    return [(int(r[0]), int(r[1])) for r in rows]


_SET_LOT = (update(LEDGER).where(LEDGER.c.id == bindparam("lot"))
            .values(remaining=bindparam("left")))


def set_lots(tx: Tx, changed: Sequence[tuple[int, int]]) -> None:
    if changed:
        conn = tx if isinstance(tx, Connection) else tx.connection()
        # executemany on the connection; an ORM Session would refuse a bulk UPDATE by
        # bindparam without a primary-key mapping. Audited through the ledger row instead.
        conn.execute(_SET_LOT, [{"lot": i, "left": left} for i, left in changed])


def add_entry(tx: Tx, values: dict[str, Any]) -> int:
    # The values as parameters, not in the statement: the audit log records parameters.
    return int(ex(tx, LEDGER.insert().returning(LEDGER.c.id), values).scalar_one())


def entry(tx: Tx, customer_id: int, kind: str, ref: str) -> int | None:
    """The delta of the member's (kind, ref) row, if there is one."""
    stmt = select(LEDGER.c.delta).where(LEDGER.c.customer_id == customer_id,
                                        LEDGER.c.kind == kind, LEDGER.c.ref == ref)
    row = ex(tx, stmt).first()
    return int(row[0]) if row is not None else None


def due_members(tx: Tx, now: datetime, limit: int) -> list[int]:
    """Members holding points past their expiry (the partial index on expires_at)."""
    stmt = (select(LEDGER.c.customer_id).where(LEDGER.c.remaining > 0,
                                               LEDGER.c.expires_at <= now)
            .group_by(LEDGER.c.customer_id).order_by(LEDGER.c.customer_id).limit(limit))
    return [int(r[0]) for r in ex(tx, stmt).all()]


def tier_rules(tx: Tx) -> list[TierRule]:
    """The tiers as staff set them, lowest first (empty before any were written)."""
    t = TIER.c
    stmt = select(t.code, t.name, t.rank, t.min_spend_fen, t.min_orders, t.discount_bp,
                  t.priority_shipping, t.birthday_gift).order_by(t.rank)
    return [TierRule(r[0], r[1], int(r[2]), int(r[3]), int(r[4]), int(r[5]), bool(r[6]),
                     bool(r[7])) for r in ex(tx, stmt).all()]


def record(tx: Tx, number: str, lock: bool = False) -> Any:
    stmt = select(RECORD).where(RECORD.c.order_number == number)
    return ex(tx, stmt.with_for_update() if lock else stmt).first()


def insert_record(tx: Tx, values: dict[str, Any]) -> bool:
    """A new order record unless one exists; True when this call made it."""
    stmt = (dialect(tx).insert(RECORD).values(**values).on_conflict_do_nothing()
            .returning(RECORD.c.order_number))
    return ex(tx, stmt).first() is not None


def update_record(tx: Tx, number: str, values: dict[str, Any]) -> None:
    ex(tx, update(RECORD).where(RECORD.c.order_number == number).values(**values))


def completed_before(tx: Tx, customer_id: int, number: str) -> int:
    """The member's completed orders other than `number`."""
    stmt = select(func.count()).select_from(RECORD).where(
        RECORD.c.customer_id == customer_id, RECORD.c.completed_at.is_not(None),
        RECORD.c.order_number != number)
    return int(ex(tx, stmt).scalar_one())
