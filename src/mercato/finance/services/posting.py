"""Accounting entries to the ERP: recorded with the business fact, posted later.

`record` writes an entry in the caller's transaction (once per entry id, however often the
fact is told). `post_pending` sends due entries as one batch OUTSIDE any transaction: first
it claims them by moving their next attempt a lease ahead (a conditional UPDATE on rows it
locked, skipping rows another run holds on PostgreSQL; SQLite has one writer), so two
overlapping runs never send the same entry; then it talks to the ERP; then it marks what was
acknowledged posted and puts the rest back with a backoff. A run that dies while sending
loses nothing: its lease runs out and the entries are sent again (the ERP de-duplicates on
entry id)."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mercato.finance import journal
from mercato.finance.adapters.poster import Poster, PostFailed, PostResult
from mercato.finance.adapters.tables import PENDING, POSTED, FinanceEntry
from mercato.platform import outbox
from mercato.platform.clock import utcnow
from mercato.platform.db import Database

log = logging.getLogger(__name__)
FIRST_RETRY, LAST_RETRY = 30, 3600  # seconds: 30 s doubling, at most an hour
# Longer than any poster may take (the webhook's timeout is 30 s): a claim older than this
# belongs to a run that died, and its entries are due again.
LEASE = timedelta(minutes=5)
LIMIT = 200  # entries per batch


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt (1 → 30 s, 2 → 60 s, ... ≤ 1 h)."""
    return timedelta(seconds=min(FIRST_RETRY * 2 ** min(max(attempts, 1) - 1, 16), LAST_RETRY))


def record(tx: Session, entry: journal.Entry) -> bool:
    """Queue `entry` for the ERP in the caller's transaction. False when it was recorded
    already (the same payment or invoice told twice): nothing more is written."""
    now = utcnow()
    body = json.dumps(journal.to_json(entry), ensure_ascii=False, separators=(",", ":"))
    row = {
        "entry_id": entry.entry_id, "kind": entry.kind, "order_number": entry.order_number,
        "payload": body, "created_at": now, "status": PENDING, "attempts": 0,
        "next_attempt_at": now, "last_error": "", "ack": "",
    }
    return outbox.insert_ignore(tx, FinanceEntry.__table__, row)


def _claim(tx: Session, now: datetime, lease_until: datetime, limit: int) -> list[Any]:
    due = (
        select(FinanceEntry.id, FinanceEntry.entry_id, FinanceEntry.payload)
        .where(FinanceEntry.status == PENDING, FinanceEntry.next_attempt_at <= now)
        .order_by(FinanceEntry.next_attempt_at, FinanceEntry.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list(tx.execute(due))
    if rows:
        # Conditional as well as locked: what another run claimed meanwhile is not ours.
        tx.execute(
            update(FinanceEntry)
            .where(FinanceEntry.id.in_([r.id for r in rows]), FinanceEntry.status == PENDING,
                   FinanceEntry.next_attempt_at <= now)
            .values(next_attempt_at=lease_until)
        )
    return rows


def _send(poster: Poster, payloads: Sequence[dict[str, Any]]) -> tuple[PostResult, str]:
    try:
        return poster.post(payloads), ""
    except PostFailed as exc:
        log.warning("ERP %s: %s", poster.name, exc.message)
        return PostResult(), exc.message
    except Exception as exc:  # a bug must not strand the batch until the lease runs out
        log.exception("ERP %s failed on a batch of %d", poster.name, len(payloads))
        return PostResult(), f"{type(exc).__name__}: {exc}"


def _settle(tx: Session, sent: list[str], result: PostResult, error: str, now: datetime,
            lease_until: datetime) -> tuple[int, int]:
    acked = set(result.accepted)
    accepted = [e for e in sent if e in acked]
    if accepted:
        tx.execute(
            update(FinanceEntry)
            .where(FinanceEntry.entry_id.in_(accepted), FinanceEntry.status == PENDING)
            .values(status=POSTED, posted_at=now, ack=result.ack[:128], last_error="")
        )
    rest = [e for e in sent if e not in acked]
    # Only rows still under this run's claim: a later run may have taken them over.
    rows = tx.scalars(
        select(FinanceEntry)
        .where(FinanceEntry.entry_id.in_(rest), FinanceEntry.status == PENDING,
               FinanceEntry.next_attempt_at == lease_until)
        .with_for_update()
    ).all() if rest else []
    for row in rows:
        reason = result.rejected.get(row.entry_id) or error or "not acknowledged by the ERP"
        row.attempts += 1
        row.next_attempt_at = now + backoff(row.attempts)
        row.last_error = reason[:2000]
    return len(accepted), len(rest)


def post_pending(db: Database, poster: Poster, limit: int = LIMIT,
                 now: datetime | None = None) -> dict[str, int]:
    """Send the due entries as one batch: {"sent", "posted", "retrying"}. Never call it
    inside a transaction: the ERP is talked to with no database connection held."""
    at = now or utcnow()
    lease_until = at + LEASE
    claimed = db.unit(lambda tx: _claim(tx, at, lease_until, limit))
    if not claimed:
        return {"sent": 0, "posted": 0, "retrying": 0}
    result, error = _send(poster, [json.loads(r.payload) for r in claimed])
    done = now or utcnow()
    sent = [r.entry_id for r in claimed]
    posted, retrying = db.unit(lambda tx: _settle(tx, sent, result, error, done, lease_until))
    if retrying:
        log.info("ERP %s: %d of %d entries not acknowledged", poster.name, retrying, len(sent))
    return {"sent": len(sent), "posted": posted, "retrying": retrying}
