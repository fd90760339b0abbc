"""The merchant's view of the ERP queue: entries the ERP refused or could not be reached for
(failed: pending with at least one attempt) first, then those still waiting, then the posted
ones, newest first within each; counts per view; and "try again now" for one entry. Two
statements per page whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from mercato.finance.adapters.tables import PENDING, POSTED, FinanceEntry
from mercato.kernel.errors import Conflict, NotFound
from mercato.platform.clock import utcnow

PER_PAGE = 50
ALL, FAILED, WAITING = "all", "failed", "waiting"
VIEWS = (ALL, FAILED, WAITING, POSTED)


@dataclass(frozen=True, slots=True)
class EntryRow:
    entry_id: str
    kind: str
    order_number: str
    state: str  # failed | waiting | posted
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None  # None once posted
    last_error: str
    posted_at: datetime | None
    ack: str


@dataclass(frozen=True, slots=True)
class EntryPage:
    rows: tuple[EntryRow, ...]
    counts: dict[str, int]  # failed, waiting, posted, all
    page: int
    pages: int


def _failed() -> ColumnElement[bool]:
    return (FinanceEntry.status == PENDING) & (FinanceEntry.attempts > 0)


def _where(view: str, order_number: str) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if view == FAILED:
        out.append(_failed())
    elif view == WAITING:
        out += [FinanceEntry.status == PENDING, FinanceEntry.attempts == 0]
    elif view == POSTED:
        out.append(FinanceEntry.status == POSTED)
    if order_number:
        out.append(FinanceEntry.order_number == order_number.strip())
    return out


def counts(tx: Session, order_number: str = "") -> dict[str, int]:
    q = select(
        func.count(),
        func.count().filter(_failed()),
        func.count().filter(FinanceEntry.status == POSTED),
    ).where(*_where(ALL, order_number))
    total, failed, posted = tx.execute(q).one()
    return {ALL: total, FAILED: failed, WAITING: total - failed - posted, POSTED: posted}


def _row(e: FinanceEntry) -> EntryRow:
    state = POSTED if e.status == POSTED else (FAILED if e.attempts else WAITING)
    return EntryRow(e.entry_id, e.kind, e.order_number, state, e.attempts, e.created_at,
                    None if e.status == POSTED else e.next_attempt_at, e.last_error,
                    e.posted_at, e.ack)


def listing(tx: Session, view: str = ALL, order_number: str = "", page: int = 1) -> EntryPage:
    """A page of entries in `view` (one of VIEWS; unknown: all)."""
    view = view if view in VIEWS else ALL
    tally = counts(tx, order_number)
    pages = max(1, -(-tally[view] // PER_PAGE))
    page = min(max(page, 1), pages)
    rank = case((_failed(), 0), (FinanceEntry.status == PENDING, 1), else_=2)
    q = (
        select(FinanceEntry)
        .where(*_where(view, order_number))
        .order_by(rank, FinanceEntry.created_at.desc(), FinanceEntry.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    )
    return EntryPage(tuple(_row(e) for e in tx.scalars(q)), tally, page, pages)


def retry_now(tx: Session, entry_id: str) -> None:
    """Staff fixed what the ERP refused: make the entry due at the next run, not at the end
    of its backoff. Its attempts stay counted."""
    e = tx.scalars(
        select(FinanceEntry).where(FinanceEntry.entry_id == entry_id).with_for_update()
    ).first()
    if e is None:
        raise NotFound("finance.entry_not_found", "No such accounting entry", "entry_id")
    if e.status == POSTED:
        raise Conflict("finance.entry_posted", "This entry is already in the ERP", "entry_id")
    e.next_attempt_at = min(e.next_attempt_at, utcnow())
