"""Periodic jobs of the orders context."""

from __future__ import annotations

from mercato.orders.adapters import repository
from mercato.orders.services import transitions
from mercato.platform.db import Database
from mercato.platform.outbox import Bus


def cancel_unpaid(db: Database) -> int:
    """Cancel every order past its payment deadline, one transaction each (a failure on one
    order does not hold back the others), releasing its stock. Returns how many."""
    with db.reading() as tx:
        numbers = repository.expired_numbers(tx, repository.now(), 1000)
    done = 0
    for number in numbers:
        with db.transaction() as tx:
            done += len(transitions.cancel_expired_one(tx, number, repository.now()))
    return done


def wire(bus: Bus) -> None:
    # Every minute: an order is cancelled at most a minute after its deadline.
    bus.every(60, "orders.cancel_unpaid", _cancel_unpaid_job)


def _cancel_unpaid_job(db: Database) -> None:
    cancel_unpaid(db)
