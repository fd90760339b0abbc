"""Requests as pages and the API show them, and the staff queue."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.aftersales import domain
from mercato.aftersales.adapters import repository
from mercato.aftersales.adapters.tables import Photo, Request, RequestLine, Step

# The staff queue's tabs: what each waits for.
TABS: dict[str, tuple[str, ...]] = {
    "review": (domain.REQUESTED,),
    "returning": (domain.APPROVED, domain.RETURNING),
    "inspect": (domain.RECEIVED,),
    "refunding": (domain.REFUNDING,),
    "done": domain.ENDED,
}


@dataclass(frozen=True, slots=True)
class Detail:
    request: Request
    lines: list[RequestLine]
    steps: list[Step]
    photos: list[Photo]


def detail(tx: Session, number: str, customer_id: int | None = None) -> Detail:
    r = repository.get(tx, number, customer_id)
    return Detail(r, repository.lines_of(tx, [r.id])[r.id], repository.steps_of(tx, r.id),
                  repository.photos_of(tx, r.id))


def mine(tx: Session, customer_id: int, limit: int = 50) -> list[tuple[Request, list[RequestLine]]]:
    rows = list(tx.scalars(select(Request).where(Request.customer_id == customer_id)
                           .order_by(Request.id.desc()).limit(limit)))
    lines = repository.lines_of(tx, [r.id for r in rows])
    return [(r, lines[r.id]) for r in rows]


def of_order(tx: Session, order_number: str) -> list[Request]:
    return repository.of_order(tx, order_number)


def queue(tx: Session, tab: str, page: int = 1, size: int = 50) -> tuple[list[Request], int]:
    statuses = TABS.get(tab, TABS["review"])
    where = Request.status.in_(statuses)
    total = tx.scalar(select(func.count()).select_from(Request).where(where)) or 0
    newest = tab == "done"
    q = (select(Request).where(where)
         .order_by(Request.updated_at.desc() if newest else Request.created_at)
         .offset((page - 1) * size).limit(size))
    return list(tx.scalars(q)), int(total)


def tab_counts(tx: Session) -> dict[str, int]:
    found = {str(s): int(n) for s, n in tx.execute(
        select(Request.status, func.count()).group_by(Request.status))}
    return {tab: sum(found.get(s, 0) for s in statuses) for tab, statuses in TABS.items()}


def photo_path(tx: Session, photo_id: int, customer_id: int | None) -> str | None:
    q = select(Photo.path).where(Photo.id == photo_id)
    if customer_id is not None:
        q = q.where(Photo.customer_id == customer_id)
    return tx.scalar(q)


def waited(r: Request, now: datetime) -> float:
    return (now - r.created_at).total_seconds() / 3600
