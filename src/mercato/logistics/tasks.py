"""Logistics' event subscribers and periodic jobs, registered by bootstrap.wire_bus."""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from mercato import events
from mercato.logistics.adapters import registry, repository
from mercato.logistics.services import allocate, issues, outbound, watch
from mercato.messaging import public as messaging
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings

log = logging.getLogger(__name__)


def wire(bus: Bus, settings: Settings) -> None:
    messenger: list[messaging.Messenger] = []
    book: list[registry.Book] = []  # built on first use: the app may not serve yet

    def allocate_paid(tx: Session, event: Event) -> None:
        if event.payload.get("ship_hold"):
            return  # a campaign holds it (a group not yet full): allocated when released
        allocate.allocate_order(tx, str(event.payload["number"]))

    def cancel_closed(tx: Session, event: Event) -> None:
        allocate.cancel_for_order(tx, str(event.payload["number"]))

    def tell_customer(tx: Session, event: Event) -> None:
        if not messenger:
            messenger.append(messaging.from_settings(settings))
        notify(tx, event, messenger[0], settings.default_locale)

    def subscribe_tracking(tx: Session, event: Event) -> None:
        p = event.payload
        if not book:
            book.append(registry.build(settings))
        outbound.subscribe(book[0].by_carrier, str(p["carrier"]), str(p["waybill_no"]),
                           str(p.get("phone") or ""))

    bus.subscribe(events.ORDER_PAID, "logistics.allocate", allocate_paid)
    bus.subscribe(events.ORDER_RELEASED, "logistics.allocate_released", allocate_paid)
    bus.subscribe(events.SHIPMENT_SHIPPED, "logistics.subscribe_tracking", subscribe_tracking)
    bus.subscribe(events.ORDER_CLOSED, "logistics.cancel_shipments", cancel_closed)
    bus.subscribe(events.LOGISTICS_ISSUE_OPENED, "logistics.notify_customer", tell_customer)
    def flag_quiet(db: Database) -> None:
        watch.flag_quiet(db, settings.logistics_quiet_hours)

    def sign_overdue(db: Database) -> None:
        watch.sign_overdue(db, settings.logistics_sign_after_days)

    bus.every(900, "logistics.flag_quiet", flag_quiet)
    bus.every(3600, "logistics.sign_overdue", sign_overdue)


def notify(tx: Session, event: Event, sender: messaging.Messenger, locale: str) -> bool:
    """Text the customer about an issue, once: the issue row is locked and marked in the
    same transaction, so a repeated event sends nothing more; a provider that is down or
    limiting raises, and the event is tried again later. No channel set up: logged."""
    p = event.payload
    phone, cause = str(p.get("phone") or ""), str(p["cause"])
    if not phone or not messaging.offers(tx, sender, "sms", cause):
        log.info("issue %s of %s: no SMS channel or phone", cause, p["subject"])
        return False
    issue = issues.unnotified(tx, str(p["subject"]), cause)
    if issue is None:
        return False
    message = messaging.Message(cause, phone, {"order": str(p["order_number"])}, locale)
    try:
        messaging.send(tx, sender, message)  # the merchant's SMS template code, if they set one
    except messaging.RecipientRefused as exc:  # a wrong number stays wrong: do not retry
        log.warning("issue %s of %s: SMS refused (%s)", cause, p["subject"], exc.code)
        return False
    issue.notified_at = repository.now()
    return True
