"""Reads for the merchant's logistics centre: the shipment queue (filtered by status,
warehouse, carrier and a number; open shipments priority first then oldest first), the counts
per status under the other filters, chosen shipments for the printouts, and the issue queue.
A fixed number of statements per page, whatever the number of rows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from mercato.kernel.paging import page_count
from mercato.logistics import domain
from mercato.logistics.adapters.tables import Issue, Shipment

PER_PAGE = 20
ALL = "all"  # the tab of every status
OPEN_VIEW, RESOLVED_VIEW = "open", "resolved"


@dataclass(frozen=True, slots=True)
class ShipmentFilter:
    status: str = domain.ALLOCATED  # one of domain.STATUSES, or ALL
    warehouse_id: int | None = None
    carrier: str = ""
    q: str = ""  # the start of an order, shipment or waybill number
    page: int = 1


@dataclass(frozen=True, slots=True)
class ShipmentPage:
    rows: tuple[Shipment, ...]
    total: int
    page: int
    pages: int


@dataclass(frozen=True, slots=True)
class IssueFilter:
    view: str = OPEN_VIEW  # OPEN_VIEW or RESOLVED_VIEW
    cause: str = ""
    page: int = 1


@dataclass(frozen=True, slots=True)
class IssuePage:
    rows: tuple[Issue, ...]
    total: int
    page: int
    pages: int


def _where(f: ShipmentFilter, with_status: bool = True) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if with_status and f.status != ALL:
        out.append(Shipment.status == f.status)
    if f.warehouse_id is not None:
        out.append(Shipment.warehouse_id == f.warehouse_id)
    if f.carrier:
        out.append(Shipment.carrier == f.carrier)
    if f.q:  # letters, digits and dashes only (the form checks): no LIKE wildcard
        out.append(
            or_(
                Shipment.number.like(f"{f.q}%"),
                Shipment.order_number.like(f"{f.q}%"),
                Shipment.waybill_no.like(f"{f.q}%"),
            )
        )
    return out


def _ordered(q: Select[Any], status: str) -> Select[Any]:
    """The warehouse's queue (open tabs): priority first, then oldest first; the others:
    what moved last first."""
    if status in domain.OPEN:
        return q.order_by(Shipment.priority.desc(), Shipment.created_at, Shipment.id)
    return q.order_by(Shipment.updated_at.desc(), Shipment.id.desc())


def _pages(total: int, wanted: int) -> tuple[int, int]:
    pages = page_count(total, PER_PAGE)
    return min(max(wanted, 1), pages), pages


def list_shipments(tx: Session, f: ShipmentFilter) -> ShipmentPage:
    """The shipments matching `f`, PER_PAGE a page (clamped to the last)."""
    where = _where(f)
    total = tx.scalar(select(func.count()).select_from(Shipment).where(*where)) or 0
    page, pages = _pages(total, f.page)
    q = _ordered(select(Shipment).where(*where), f.status)
    rows = tuple(tx.scalars(q.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    return ShipmentPage(rows, total, page, pages)


def status_counts(tx: Session, f: ShipmentFilter) -> dict[str, int]:
    """Shipments per status under `f`'s other filters (what each tab would list)."""
    q = (
        select(Shipment.status, func.count())
        .where(*_where(f, with_status=False))
        .group_by(Shipment.status)
    )
    return {s: int(n) for s, n in tx.execute(q)}


def priority_open(tx: Session) -> int:
    """Open shipments marked urgent."""
    q = (
        select(func.count())
        .select_from(Shipment)
        .where(Shipment.status.in_(domain.OPEN), Shipment.priority.is_(True))
    )
    return tx.scalar(q) or 0


def shipped_since(tx: Session, since: datetime) -> int:
    q = select(func.count()).select_from(Shipment).where(Shipment.shipped_at >= since)
    return tx.scalar(q) or 0


def carriers_used(tx: Session) -> list[str]:
    """Carrier codes some shipment went with (the carrier filter's options)."""
    q = select(Shipment.carrier).where(Shipment.carrier.is_not(None)).distinct()
    return sorted(c for c in tx.scalars(q) if c)


def by_numbers(tx: Session, numbers: Iterable[str]) -> list[Shipment]:
    """The shipments of `numbers` that exist, in the order asked."""
    wanted = list(numbers)
    found = {s.number: s for s in tx.scalars(select(Shipment).where(Shipment.number.in_(wanted)))}
    return [found[n] for n in wanted if n in found]


def one(tx: Session, number: str) -> Shipment | None:
    return tx.scalars(select(Shipment).where(Shipment.number == number)).first()


def _issue_where(f: IssueFilter, with_view: bool = True) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if with_view:
        resolved = Issue.resolved_at.is_not(None)
        out.append(resolved if f.view == RESOLVED_VIEW else Issue.resolved_at.is_(None))
    if f.cause:
        out.append(Issue.cause == f.cause)
    return out


def list_issues(tx: Session, f: IssueFilter) -> IssuePage:
    """Open issues oldest first (the longest waiting on top); resolved ones newest first."""
    where = _issue_where(f)
    total = tx.scalar(select(func.count()).select_from(Issue).where(*where)) or 0
    page, pages = _pages(total, f.page)
    q = select(Issue).where(*where)
    if f.view == RESOLVED_VIEW:
        q = q.order_by(Issue.resolved_at.desc(), Issue.id.desc())
    else:
        q = q.order_by(Issue.opened_at, Issue.id)
    rows = tuple(tx.scalars(q.limit(PER_PAGE).offset((page - 1) * PER_PAGE)))
    return IssuePage(rows, total, page, pages)


def issue_counts(tx: Session, f: IssueFilter) -> dict[str, int]:
    """Open and resolved issues under `f`'s cause filter."""
    resolved = Issue.resolved_at.is_not(None)
    q = select(resolved, func.count()).where(*_issue_where(f, with_view=False)).group_by(resolved)
    out = {OPEN_VIEW: 0, RESOLVED_VIEW: 0}
    for done, n in tx.execute(q):
        out[RESOLVED_VIEW if done else OPEN_VIEW] = int(n)
    return out


def issues_of(tx: Session, subjects: Iterable[str]) -> list[Issue]:
    """Every issue about these shipments or orders, newest first."""
    wanted = list(subjects)
    q = select(Issue).where(Issue.subject.in_(wanted)).order_by(Issue.opened_at.desc())
    return list(tx.scalars(q))
