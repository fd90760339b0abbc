"""Deals, groups and seats for the group-buy tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.adapters.tables import Deal, Group, Member
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, OutboxRow

NOW = datetime(2026, 12, 8, 10, 0)
BASE = groupbuy.DealData(sku_id=101, product_id=11, group_size=3, price_fen=9900,
                         time_limit_minutes=60, starts_at=NOW - timedelta(days=1),
                         ends_at=NOW + timedelta(days=7), ladder=((2, 300), (3, 800)),
                         cashback_how="points", enabled=True)


def make_deal(db: Database, **given: Any) -> int:
    with db.transaction() as tx:
        return groupbuy.save_deal(tx, None, replace(BASE, **given), "test", NOW).id


def live_deal(db: Database, **given: Any) -> int:
    """A deal running now (real time: for tests driving orders and events)."""
    now = utcnow()
    return make_deal(db, starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=1),
                     **given)


def open_(db: Database, deal_id: int, customer_id: int, now: datetime = NOW) -> groupbuy.Seat:
    with db.transaction() as tx:
        return groupbuy.open_group(tx, deal_id, customer_id, now)


def join(db: Database, code: str, customer_id: int, now: datetime = NOW) -> groupbuy.Seat:
    with db.transaction() as tx:
        return groupbuy.join_group(tx, code, customer_id, now)


def tie(db: Database, member_id: int, number: str) -> None:
    """A seat's order number, written directly (service tests without real orders)."""
    with db.transaction() as tx:
        tx.execute(update(Member).where(Member.id == member_id).values(order_number=number))


def group_row(db: Database, code: str) -> tuple[str, int, int]:
    """(status, seats_taken, seats_paid)."""
    with db.reading() as tx:
        g = tx.scalars(select(Group).where(Group.code == code)).one()
        return g.status, g.seats_taken, g.seats_paid


def member_statuses(db: Database, code: str) -> list[str]:
    with db.reading() as tx:
        q = (select(Member.status).join(Group, Group.id == Member.group_id)
             .where(Group.code == code).order_by(Member.id))
        return list(tx.scalars(q))


def row_counts(db: Database) -> tuple[int, int, int]:
    """(deals, groups, members)."""
    with db.reading() as tx:
        return tuple(int(tx.scalar(select(func.count()).select_from(t)) or 0)  # type: ignore[return-value]
                     for t in (Deal, Group, Member))


def events_named(db: Database, name: str) -> list[str]:
    with db.reading() as tx:
        return list(tx.scalars(select(OutboxRow.payload).where(OutboxRow.name == name)
                               .order_by(OutboxRow.id)))


def wired_bus(settings: Any) -> Bus:
    """Every context's subscribers, group buying's included (until bootstrap wires it)."""
    from mercato import bootstrap, events
    from mercato.groupbuy import tasks

    bus = Bus()
    bootstrap.wire_bus(bus, settings)
    if "groupbuy.order_paid" not in bus.consumers(events.ORDER_PAID):
        tasks.wire(bus, settings)
    return bus


def deliver(db: Database, bus: Bus) -> int:
    """Relay the outbox and hand each event to its subscribers, until nothing is left."""
    from mercato.platform.relay import relay_once

    total = 0
    while True:
        sent: list[Any] = []
        while relay_once(db, sent.append):
            pass
        for event in sent:
            bus.handle(db, event)
        total += len(sent)
        if not sent:
            return total
