"""Loyalty test helpers: customers made in one statement (no password hashing), order events
handed to members' subscribers through a real Bus, points and outbox rows read back."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update

from mercato import events
from mercato.members import tasks
from mercato.members.adapters.loyalty_tables import Loyalty, OrderRecord, PointsEntry, Tier
from mercato.members.adapters.tables import Customer
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event, OutboxRow
from mercato.platform.settings import Settings
from mercato.platform.tx import AnyTx

NOW = datetime(2026, 6, 15, 4, 0, 0)  # naive UTC, noon in Shanghai


def hold_tier(tx: AnyTx, customer_id: int, code: str, **tier_changes: Any) -> None:
    """The customer holds tier `code` of the shop's default tiers (written as the shop writes
    them when it has none: the tests' database starts empty), that tier changed as given
    (e.g. priority_shipping=True)."""
    from mercato.members.services import standing

    standing.tier_rules(tx)
    if tier_changes:
        tx.execute(update(Tier).where(Tier.code == code).values(**tier_changes))
    held = tx.execute(update(Loyalty).where(Loyalty.customer_id == customer_id)
                      .values(tier=code))
    if not held.rowcount:
        tx.execute(insert(Loyalty), [{"customer_id": customer_id, "tier": code}])


def customers(db: Database, n: int, first_phone: int = 13700000000) -> list[int]:
    """`n` active customers with phones first_phone, first_phone + 1, ..."""
    rows = [{"phone": str(first_phone + i), "password_hash": "x", "name": f"c{i}"}
            for i in range(n)]
    with db.transaction() as tx:
        return list(tx.scalars(insert(Customer).returning(Customer.id), rows))


def bus(settings: Settings | None = None) -> Bus:
    b = Bus()
    tasks.wire(b, settings or Settings(demo=True, secret_key="k" * 40, jobs=False))
    return b


def event(name: str, payload: dict[str, Any], at: datetime) -> Event:
    return Event(str(uuid.uuid4()), name, payload, at)


def order(number: str, customer_id: int, total_fen: int, shipping_fen: int = 0,
          **extra: Any) -> dict[str, Any]:
    return {"number": number, "customer_id": customer_id, "total_fen": total_fen,
            "currency": "CNY", "status": "paid", "shipping_fen": shipping_fen, **extra}


def buy(db: Database, b: Bus, customer_id: int, number: str, total_fen: int,
        paid: datetime, completed: datetime | None = None, shipping_fen: int = 0) -> None:
    """An order paid at `paid` and completed at `completed` (if given), through the bus."""
    p = order(number, customer_id, total_fen, shipping_fen)
    b.handle(db, event(events.ORDER_PAID, p, paid))
    if completed is not None:
        b.handle(db, event(events.ORDER_COMPLETED, {**p, "status": "completed"}, completed))


def refund(db: Database, b: Bus, customer_id: int, order_number: str, number: str,
           amount_fen: int, at: datetime, shipping_fen: int = 0) -> Event:
    e = event(events.AFTERSALES_REFUNDED, {
        "number": number, "order_number": order_number, "customer_id": customer_id,
        "kind": "return", "status": "refunded", "amount_fen": amount_fen,
        "shipping_fen": shipping_fen, "lines": []}, at)
    b.handle(db, e)
    return e


def balance(db: Database, customer_id: int) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(Loyalty.points).where(Loyalty.customer_id == customer_id))
                   or 0)


def ledger(db: Database, customer_id: int) -> list[tuple[str, int, int, int]]:
    """(kind, delta, balance_after, remaining) oldest first."""
    e = PointsEntry
    with db.reading() as tx:
        rows = tx.execute(select(e.kind, e.delta, e.balance_after, e.remaining)
                          .where(e.customer_id == customer_id).order_by(e.id)).all()
    return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]


def lots_match_balance(db: Database, customer_id: int) -> bool:
    """The invariant: the balance is what is left of the lots."""
    with db.reading() as tx:
        left = tx.scalars(select(PointsEntry.remaining)
                          .where(PointsEntry.customer_id == customer_id)).all()
    return sum(left) == balance(db, customer_id)


def standing(db: Database, customer_id: int) -> Loyalty:
    with db.reading() as tx:
        row = tx.get(Loyalty, customer_id)
        assert row is not None
        tx.expunge(row)
        return row


def record(db: Database, number: str) -> OrderRecord:
    with db.reading() as tx:
        row = tx.get(OrderRecord, number)
        assert row is not None
        tx.expunge(row)
        return row


def outbox(db: Database, name: str) -> list[dict[str, Any]]:
    with db.reading() as tx:
        rows = tx.scalars(select(OutboxRow.payload).where(OutboxRow.name == name)
                          .order_by(OutboxRow.id)).all()
    return [json.loads(r) for r in rows]


def days(n: float) -> timedelta:
    return timedelta(days=n)
