"""The expiry job: open groups past their time fail, one unit of work each (a group that
fails to fail is logged and tried again at the next run; the others go ahead)."""

from __future__ import annotations

from datetime import datetime

from mercato.groupbuy.adapters import repository
from mercato.groupbuy.services import outcomes
from mercato.platform import batch
from mercato.platform.db import Database

LIMIT = 500  # groups a run; the rest at the next minute


def expire_groups(db: Database, now: datetime) -> int:
    with db.reading() as tx:
        due = repository.due_groups(tx, now, LIMIT)

    def fail(group_id: int) -> int:
        return db.unit(lambda tx: outcomes.fail_group(tx, group_id, now))

    done, _failed = batch.each("groupbuy.expire_groups", due, fail)
    return len(done)
