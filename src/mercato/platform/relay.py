"""The outbox relay's reads and writes: publish unpublished events in id order, in batches."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import cast

from sqlalchemy import Table, bindparam, func, select, update

from mercato.platform.db import Database
from mercato.platform.outbox import Event, OutboxRow, utcnow

log = logging.getLogger(__name__)

_OUTBOX = cast(Table, OutboxRow.__table__)
# Built once: the relay runs after every commit that recorded an event.
_PENDING = select(func.count()).select_from(_OUTBOX).where(_OUTBOX.c.published_at.is_(None))
_BATCH = (
    select(
        _OUTBOX.c.id, _OUTBOX.c.event_id, _OUTBOX.c.name, _OUTBOX.c.payload, _OUTBOX.c.created_at
    )
    .where(_OUTBOX.c.published_at.is_(None))
    .order_by(_OUTBOX.c.id)
    .limit(bindparam("b_limit"))
    .with_for_update(skip_locked=True)
)
_SENT = (
    update(_OUTBOX)
    .where(_OUTBOX.c.id.in_(bindparam("b_ids", expanding=True)))
    .values(published_at=bindparam("b_at"))
)
_FAILED = (
    update(_OUTBOX).where(_OUTBOX.c.id == bindparam("b_id")).values(attempts=_OUTBOX.c.attempts + 1)
)


def pending_count(db: Database) -> int:
    """How many recorded events the relay has not published yet."""
    with db.lookup() as conn:
        return int(conn.execute(_PENDING).scalar() or 0)


def relay_once(
    db: Database, send: Callable[[Event], None], limit: int = 100, *, look_first: bool = True
) -> int:
    """Publish up to `limit` unpublished events in id order and return how many went out.
    On PostgreSQL the rows are locked with SKIP LOCKED, so concurrent relays never send the
    same row. If send raises, that row's attempts goes up, the rows already sent stay marked
    and the batch stops; the next call retries. `look_first` counts the pending rows before
    taking any lock (a read on a partial index: an idle poll never queues for SQLite's write
    lock); a relay woken by a commit that recorded events skips it."""
    if look_first and not pending_count(db):
        return 0
    sent: list[int] = []
    with db.transaction() as tx:
        conn = tx.connection()
        for row in conn.execute(_BATCH, {"b_limit": limit}).all():
            event = Event(row.event_id, row.name, json.loads(row.payload), row.created_at)
            try:
                send(event)
            except Exception:
                log.warning("sending %s %s failed", row.name, row.event_id, exc_info=True)
                conn.execute(_FAILED, {"b_id": row.id})
                break
            sent.append(row.id)
        if sent:
            conn.execute(_SENT, {"b_ids": sent, "b_at": utcnow()})
    return len(sent)
