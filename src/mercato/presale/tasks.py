"""Presale's event subscribers and periodic jobs, registered by bootstrap.wire_bus."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato import events
from mercato.messaging import public as messaging
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from mercato.presale.services import deposits, jobs

REMIND_SECONDS = 300
SHIP_SECONDS = 60


def _ours(event: Event) -> bool:
    return str(event.payload.get("campaign") or "").startswith("presale:")


def wire(bus: Bus, settings: Settings) -> None:
    messenger: list[messaging.Messenger] = []

    def deposit_paid(tx: Session, event: Event) -> None:
        if _ours(event):
            deposits.deposit_paid(tx, str(event.payload["number"]), utcnow())

    def balance_paid(tx: Session, event: Event) -> None:
        if _ours(event):
            deposits.balance_paid(tx, str(event.payload["number"]), utcnow())

    def ended(tx: Session, event: Event) -> None:
        if _ours(event):
            deposits.ended(tx, str(event.payload["number"]), utcnow())

    def remind(db: Database) -> None:
        if not messenger:
            messenger.append(messaging.from_settings(settings))
        jobs.remind_balances(db, messenger[0], settings.default_locale, utcnow())

    def ship(db: Database) -> None:
        jobs.ship_ready(db, utcnow())

    bus.subscribe(events.ORDER_DEPOSIT_PAID, "presale.deposit_paid", deposit_paid)
    bus.subscribe(events.ORDER_PAID, "presale.balance_paid", balance_paid)
    bus.subscribe(events.ORDER_CANCELLED, "presale.release_cancelled", ended)
    bus.subscribe(events.ORDER_CLOSED, "presale.release_closed", ended)
    bus.every(REMIND_SECONDS, "presale.remind_balances", remind)
    bus.every(SHIP_SECONDS, "presale.ship_ready", ship)
