"""Periodic checks: parcels whose tracking went quiet (an issue, the customer told once) and
parcels nobody signed for in the configured days (the shop signs for them). Each shipment is
its own unit of work: one that fails is logged and left for the next run."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.logistics import domain
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Issue, Shipment
from mercato.logistics.services import issues, signing
from mercato.platform import batch
from mercato.platform.db import Database

LIMIT = 1000


def flag_quiet(db: Database, hours: int) -> int:
    """Open a no-tracking issue for each shipped parcel silent for `hours`."""
    now = repository.now()
    cutoff = now - timedelta(hours=hours)
    with db.reading() as tx:
        flagged = select(Issue.subject).where(Issue.cause == domain.NO_TRACKING)
        q = (
            select(Shipment.number)
            .where(Shipment.status == domain.SHIPPED, Shipment.number.not_in(flagged))
            .where(((Shipment.last_heard_at.is_(None)) & (Shipment.shipped_at <= cutoff))
                   | (Shipment.last_heard_at <= cutoff))
            .order_by(Shipment.id)
            .limit(LIMIT)
        )
        numbers = list(tx.scalars(q))

    def flag(number: str) -> bool:
        def work(tx: Session) -> bool:
            s = repository.lock(tx, number)
            if s.status != domain.SHIPPED or s.shipped_at is None:
                return False
            if not domain.gone_quiet(s.shipped_at, s.last_heard_at, now, hours):
                return False
            detail = f"{s.carrier} {s.waybill_no}"
            return issues.open_issue(
                tx, s.number, s.order_number, domain.NO_TRACKING, s.customer_id, s.phone, detail
            )
        return bool(db.unit(work))

    done, _failed = batch.each("logistics.flag_quiet", numbers, flag)
    return sum(done)


def sign_overdue(db: Database, days: int) -> int:
    """Sign for each parcel shipped `days` ago that nobody signed for."""
    now = repository.now()
    with db.reading() as tx:
        q = (
            select(Shipment.number)
            .where(Shipment.status == domain.SHIPPED,
                   Shipment.shipped_at <= now - timedelta(days=days))
            .order_by(Shipment.id)
            .limit(LIMIT)
        )
        numbers = list(tx.scalars(q))

    def sign(number: str) -> bool:
        def work(tx: Session) -> bool:
            return signing.sign_for(tx, repository.lock(tx, number), repository.now(), "system")
        return bool(db.unit(work))

    done, _failed = batch.each("logistics.sign_overdue", numbers, sign)
    return sum(done)
