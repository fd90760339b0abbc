"""Issues: what needs a person. Opening one is idempotent per subject and cause (the unique
key), so a cause repeated by pushes or job runs, even concurrently, opens one issue and sends
the customer one message."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato import events
from mercato.kernel.errors import Conflict, NotFound
from mercato.logistics import domain
from mercato.logistics.adapters import repository
from mercato.logistics.adapters.tables import Issue
from mercato.platform import outbox


def open_issue(
    tx: Session,
    subject: str,
    order_number: str,
    cause: str,
    customer_id: int,
    phone: str,
    detail: str = "",
) -> bool:
    """True when this opened the issue (and queued its message); False if it was open or
    handled already."""
    if cause not in domain.CAUSES:
        raise ValueError(f"unknown issue cause {cause!r}")
    row = {
        "subject": subject, "order_number": order_number, "cause": cause,
        "detail": detail[:500], "opened_at": repository.now(), "resolved_by": "", "note": "",
    }
    if not outbox.insert_ignore(tx, Issue.__table__, row):
        return False
    outbox.record(tx, events.LOGISTICS_ISSUE_OPENED, {
        "subject": subject, "order_number": order_number, "cause": cause,
        "customer_id": customer_id, "phone": phone, "detail": detail[:500],
    })
    return True


def resolve(tx: Session, issue_id: int, staff: str, note: str) -> Issue:
    issue = tx.get(Issue, issue_id, with_for_update=True)
    if issue is None:
        raise NotFound("logistics.issue_not_found", "No such issue", "id")
    if issue.resolved_at is not None:
        raise Conflict("logistics.issue_resolved", "This issue is already resolved")
    issue.resolved_at, issue.resolved_by = repository.now(), staff[:80]
    issue.note = (note or "").strip()[:500]
    return issue


def unnotified(tx: Session, subject: str, cause: str) -> Issue | None:
    """The issue, locked, if its customer was not told yet (None otherwise): the caller
    sends, then sets `notified_at`, in the same transaction."""
    issue = tx.scalars(
        select(Issue).where(Issue.subject == subject, Issue.cause == cause).with_for_update()
    ).first()
    return issue if issue is not None and issue.notified_at is None else None
