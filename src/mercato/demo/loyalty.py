"""The demo's member centre, after the order history exists (history.py): every demo order
is fed to members' own event use cases in time order (paid, refunded, completed, closed), as
the running shop's bus would have — a no-op for what the history's event delivery already
did — so order records, points earned and taken back, tiers and tags come from the demo's
real orders, never from invented numbers. Then the daily jobs run (tiers, tags and RFM for
everyone; lapsed points), every demo customer gets an invite code and a few get birthdays
(two of them today, so the birthday gift has someone to go to).

Runs again safely: each step is idempotent."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.aftersales.adapters.tables import Request
from mercato.members.adapters.tables import Customer
from mercato.members.services import order_feed, points, profile, referral, standing
from mercato.orders.adapters.tables import Order, TimelineEntry
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.settings import Settings

SEED = 20261216
BIRTHDAYS = 0.15  # of the demo customers
BATCH = 300  # events per transaction


@dataclass
class Seeded:
    events: int = 0
    members: int = 0
    birthdays: int = 0
    tier_changes: int = 0
    expired: int = 0


def _events(tx: Session) -> list[tuple[datetime, int, str, dict[str, Any]]]:
    """(time, order of kinds at one time, kind, payload) of every member-relevant fact."""
    completed = dict(tx.execute(
        select(TimelineEntry.order_id, TimelineEntry.at)
        .where(TimelineEntry.kind == "status", TimelineEntry.to_status == "completed")).all())
    out: list[tuple[datetime, int, str, dict[str, Any]]] = []
    rows = tx.execute(select(Order.id, Order.number, Order.customer_id, Order.total_fen,
                             Order.shipping_fen, Order.paid_at, Order.closed_at,
                             Order.status)).all()
    for oid, number, cid, total, shipping, paid_at, closed_at, status in rows:
        p = {"number": number, "customer_id": cid, "total_fen": total,
             "shipping_fen": shipping, "currency": "CNY", "status": status}
        if paid_at is not None:
            out.append((paid_at, 0, "paid", p))
        if oid in completed:
            out.append((completed[oid], 2, "completed", p))
        if status == "closed" and closed_at is not None:
            out.append((closed_at, 3, "closed", p))
    refunds = tx.execute(select(Request.number, Request.order_number, Request.customer_id,
                                Request.refund_fen, Request.shipping_fen, Request.refunded_at)
                         .where(Request.refunded_at.is_not(None))).all()
    for number, order_number, cid, amount, shipping, at in refunds:
        if at is None:
            continue
        out.append((at, 1, "refunded", {"number": number, "order_number": order_number,
                                        "customer_id": cid, "amount_fen": amount,
                                        "shipping_fen": shipping}))
    out.sort(key=lambda e: (e[0], e[1], str(e[3].get("number"))))
    return out


def _feed(tx: Session, kind: str, p: dict[str, Any], at: datetime, per_yuan: int) -> None:
    if kind == "paid":
        order_feed.on_paid(tx, p, at)
    elif kind == "completed":
        order_feed.on_completed(tx, p, at, per_yuan)
    elif kind == "refunded":
        order_feed.on_refunded(tx, p, at, per_yuan)
    else:
        order_feed.on_ended(tx, p, at, closed=True)


def _birthdays(tx: Session, ids: list[int], today: date) -> int:
    rng = random.Random(SEED)
    chosen = [cid for cid in ids if rng.random() < BIRTHDAYS]
    done = 0
    for i, cid in enumerate(chosen):
        if tx.get(Customer, cid).birthday is not None:  # type: ignore[union-attr]
            continue
        year = rng.randint(1965, 2004)
        if i < 2:  # two of them today
            day = date(year, today.month, min(today.day, 28))
        else:
            day = date(year, rng.randint(1, 12), rng.randint(1, 28))
        profile.set_birthday(tx, cid, day, today, staff=True)
        done += 1
    return done


def seed(db: Database, settings: Settings | None = None, now: datetime | None = None) -> Seeded:
    """Build the demo's member centre from its orders (see the module doc)."""
    when = now or clock.utcnow()
    per_yuan = settings.points_per_yuan if settings is not None else 1
    out = Seeded()
    with db.reading() as tx:
        facts = _events(tx)
        ids = list(tx.scalars(select(Customer.id).order_by(Customer.id)))
    for start in range(0, len(facts), BATCH):
        part = facts[start:start + BATCH]

        def run(tx: Session, part: list[tuple[datetime, int, str, dict[str, Any]]] = part) -> None:
            for at, _rank, kind, p in part:
                _feed(tx, kind, p, at, per_yuan)

        db.unit(run)
        out.events += len(part)
    out.tier_changes = standing.recompute_all(db, when)
    out.expired = points.expire_all(db, when)

    def codes(tx: Session) -> int:
        for cid in ids:
            referral.invite_code(tx, cid)
        return _birthdays(tx, ids, clock.local(when).date())

    out.birthdays = db.unit(codes)
    out.members = len(ids)
    return out
