"""The expiry job: open groups past their time fail; filled groups past their time complete
(their cashback fixed). One unit of work each (a group that fails to move is logged and tried
again at the next run; the others go ahead). Both moves happen once: a second run finds
nothing to do."""

from __future__ import annotations

from datetime import datetime

from mercato.groupbuy.adapters import repository
from mercato.groupbuy.services import outcomes
from mercato.platform import batch
from mercato.platform.db import Database

LIMIT = 500  # groups a run of each kind; the rest at the next minute


def expire_groups(db: Database, now: datetime) -> int:
    """Returns the groups failed or completed."""
    with db.reading() as tx:
        due = repository.due_groups(tx, now, LIMIT)
        completing = repository.completing_groups(tx, now, LIMIT)

    def fail(group_id: int) -> int:
        return db.unit(lambda tx: outcomes.fail_group(tx, group_id, now))

    def complete(group_id: int) -> bool:
        return db.unit(lambda tx: outcomes.complete_group(tx, group_id, now))

    failed, _errors = batch.each("groupbuy.expire_groups", due, fail)
    completed, _errors = batch.each("groupbuy.complete_groups", completing, complete)
    return len(failed) + sum(completed)
