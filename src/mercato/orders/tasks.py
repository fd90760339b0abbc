"""Periodic jobs of the orders context."""

from __future__ import annotations

from mercato.orders.adapters import repository
from mercato.orders.services import transitions
from mercato.platform import batch
from mercato.platform.db import Database
from mercato.platform.outbox import Bus


def cancel_unpaid(db: Database) -> int:
    """Cancel every order past its payment deadline, one unit of work each (an order that
    fails is logged and left for the next run; the others go ahead), releasing its stock.
    Returns how many were cancelled."""
    with db.reading() as tx:
        numbers = repository.expired_numbers(tx, repository.now(), 1000)

    def cancel(number: str) -> int:
        return len(
            db.unit(lambda tx: transitions.cancel_expired_one(tx, number, repository.now()))
        )

    done, _failed = batch.each("orders.cancel_unpaid", numbers, cancel)
    return sum(done)


def wire(bus: Bus) -> None:
    # Every minute: an order is cancelled at most a minute after its deadline.
    bus.every(60, "orders.cancel_unpaid", _cancel_unpaid_job)


def _cancel_unpaid_job(db: Database) -> None:
    cancel_unpaid(db)
