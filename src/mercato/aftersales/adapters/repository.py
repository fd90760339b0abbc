"""Reading and writing after-sales rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.aftersales import domain
from mercato.aftersales.adapters.tables import Photo, Request, RequestLine, Step
from mercato.kernel.errors import NotFound


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def not_found() -> NotFound:
    return NotFound("aftersales.not_found", "No such after-sales request", "number")


def lock(tx: Session, number: str, customer_id: int | None = None) -> Request:
    """The request row locked until commit; with customer_id only that customer's own."""
    q = select(Request).where(Request.number == number).with_for_update()
    if customer_id is not None:
        q = q.where(Request.customer_id == customer_id)
    found = tx.scalars(q).first()
    if found is None:
        raise not_found()
    return found


def get(tx: Session, number: str, customer_id: int | None = None) -> Request:
    q = select(Request).where(Request.number == number)
    if customer_id is not None:
        q = q.where(Request.customer_id == customer_id)
    found = tx.scalars(q).first()
    if found is None:
        raise not_found()
    return found


def of_order(tx: Session, order_number: str) -> list[Request]:
    return list(tx.scalars(select(Request).where(Request.order_number == order_number)
                           .order_by(Request.id)))


def by_refund_no(tx: Session, refund_no: str) -> Request | None:
    return tx.scalars(select(Request).where(Request.refund_no == refund_no)
                      .with_for_update()).first()


def lines_of(tx: Session, request_ids: Iterable[int]) -> dict[int, list[RequestLine]]:
    ids = list(request_ids)
    out: dict[int, list[RequestLine]] = defaultdict(list)
    if ids:
        q = select(RequestLine).where(RequestLine.request_id.in_(ids)).order_by(RequestLine.id)
        for line in tx.scalars(q):
            out[line.request_id].append(line)
    return out


def units_by_line(tx: Session, order_number: str, statuses: Iterable[str]) -> dict[int, int]:
    """Order line id → units in this order's requests that are in one of `statuses`."""
    q = (
        select(RequestLine.order_line_id, func.sum(RequestLine.quantity))
        .join(Request, Request.id == RequestLine.request_id)
        .where(Request.order_number == order_number, Request.status.in_(list(statuses)))
        .group_by(RequestLine.order_line_id)
    )
    return {int(line): int(n) for line, n in tx.execute(q)}


def taken(tx: Session, order_number: str) -> dict[int, int]:
    """Units already asked for in requests not rejected or withdrawn."""
    live = [s for s in domain.STATUSES if s not in (domain.REJECTED, domain.CANCELLED)]
    return units_by_line(tx, order_number, live)


def next_number(tx: Session, order_number: str) -> str:
    n = tx.scalar(select(func.count()).select_from(Request)
                  .where(Request.order_number == order_number)) or 0
    return domain.request_number(order_number, int(n) + 1)


def add_step(tx: Session, r: Request, target: str, actor: str, note: str = "") -> None:
    at = now()
    tx.add(Step(request_id=r.id, from_status=r.status, to_status=target, actor=actor[:120],
                note=note[:500], at=at))
    r.status, r.updated_at = target, at


def steps_of(tx: Session, request_id: int) -> list[Step]:
    return list(tx.scalars(select(Step).where(Step.request_id == request_id).order_by(Step.id)))


def photos_of(tx: Session, request_id: int) -> list[Photo]:
    return list(tx.scalars(select(Photo).where(Photo.request_id == request_id)
                           .order_by(Photo.id)))


def claim_photos(tx: Session, customer_id: int, ids: Iterable[int], request_id: int) -> int:
    """Attach the customer's own unattached uploads to the request; how many were."""
    wanted = list(ids)
    if not wanted:
        return 0
    rows = tx.scalars(select(Photo).where(Photo.id.in_(wanted), Photo.customer_id == customer_id,
                                          Photo.request_id.is_(None))).all()
    for p in rows:
        p.request_id = request_id
    return len(rows)
