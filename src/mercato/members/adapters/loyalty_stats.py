"""Members' order history summed up from members_order_record, in one grouped statement for
one member or for all: what tiers, tags and RFM scores are computed from."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select

from mercato.members.adapters.loyalty_repository import LOYALTY, RECORD, Tx, ex
from mercato.members.domain_loyalty import Stats

YEAR = timedelta(days=365)


def _sum(condition: Any, value: Any) -> Any:
    return func.coalesce(func.sum(case((condition, value), else_=0)), 0)


def stats(tx: Tx, now: datetime, customer_ids: Sequence[int] | None = None) -> dict[int, Stats]:
    """Each member's Stats at `now` (members with no order record are left out)."""
    r = RECORD.c
    kept = r.goods_fen - r.refunded_fen
    purchase = and_(r.paid_at.is_not(None), r.status != "closed", kept > 0)
    recent = and_(purchase, r.paid_at >= now - YEAR)
    completed = and_(r.completed_at.is_not(None), r.completed_at >= now - YEAR, kept > 0)
    stmt = select(
        r.customer_id,
        _sum(purchase, 1),
        _sum(recent, 1),
        _sum(purchase, kept),
        func.min(case((purchase, r.paid_at))),
        func.max(case((purchase, r.paid_at))),
        _sum(completed, kept),
        _sum(completed, 1),
    ).group_by(r.customer_id)
    if customer_ids is not None:
        stmt = stmt.where(r.customer_id.in_(list(customer_ids)))
    out = {}
    for row in ex(tx, stmt).all():
        out[int(row[0])] = Stats(int(row[1]), int(row[2]), int(row[3]), _at(row[4]),
                                 _at(row[5]), int(row[6]), int(row[7]))
    return out


def _at(value: Any) -> datetime | None:
    # SQLite hands back MIN/MAX over a CASE as text: the column's type is lost there.
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def members(tx: Tx) -> list[int]:
    """Every member with a loyalty row."""
    return [int(r[0]) for r in ex(tx, select(LOYALTY.c.customer_id)).all()]
