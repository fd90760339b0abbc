"""Periodic jobs of the orders context."""

from __future__ import annotations

from datetime import timedelta

from mercato.orders.adapters import repository
from mercato.orders.services import aftersales, transitions
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


def complete_signed(db: Database, days: int) -> int:
    """Complete the orders signed for more than `days` ago (the buyer never confirmed)."""
    before = repository.now() - timedelta(days=days)
    return len(db.unit(lambda tx: aftersales.complete_signed(tx, before)))


def wire(bus: Bus, complete_after_days: int = 7) -> None:
    # Every minute: an order is cancelled at most a minute after its deadline.
    bus.every(60, "orders.cancel_unpaid", _cancel_unpaid_job)

    def complete(db: Database) -> None:
        complete_signed(db, complete_after_days)

    bus.every(600, "orders.complete_signed", complete)


def _cancel_unpaid_job(db: Database) -> None:
    cancel_unpaid(db)
