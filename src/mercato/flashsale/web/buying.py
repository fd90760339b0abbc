"""One flash-sale buy, as the API and the storefront page both do it: the waiting room, a
seat, then the order at the seat's price in one transaction; a seat whose order could not
be written goes back on sale at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from mercato.flashsale import public as flashsale
from mercato.orders import public as orders
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _


@dataclass(frozen=True, slots=True)
class Bought:
    number: str
    total_fen: int
    currency: str
    status: str


class Progress(Protocol):
    """An Idempotency-Key's lease (mercato.platform.leases.Lease): the order a previous try
    of the same request committed ("number seat"), and a way to note this try's."""

    @property
    def recovered(self) -> str: ...

    def note(self, tx: Session, point: str) -> None: ...


def buy(db: Database, event_id: int, sku_id: int, quantity: int, customer_id: int,
        address_id: int, shipping_method: str, locale: str, pay_minutes: int,
        queue_token: str = "", channel: str = "web", progress: Progress | None = None
        ) -> tuple[Bought, str] | flashsale.QueueToken:
    """(the order placed, its seat id), or the queue token to come back with. Under an
    Idempotency-Key (`progress`), a try after one that committed its order but died before
    answering returns that order: no second seat, no second order."""
    if progress is not None and progress.recovered:
        return _recovered(db, progress.recovered, customer_id)
    now = utcnow()
    entry = flashsale.admit(db, event_id, now, queue_token)
    if isinstance(entry, flashsale.QueueToken):
        return entry
    seat = flashsale.take_seat(db, event_id, sku_id, customer_id, quantity, now)
    cmd = orders.CampaignOrder(
        customer_id, address_id, shipping_method, seat.sku_id, seat.quantity, seat.price_fen,
        f"flash:{event_id}", _("Flash sale"), channel=channel)
    try:
        with db.transaction() as tx:
            flashsale.record_seat(tx, seat)
            placed = orders.place_campaign_order(tx, cmd, locale, pay_minutes)
            flashsale.confirm_seat(tx, seat.seat_id, placed.number)
            if progress is not None:  # committed with the order, or not at all
                progress.note(tx, f"{placed.number} {seat.seat_id}")
    except BaseException:
        flashsale.abandon_seat(db, seat)
        raise
    flashsale.clear_pending(seat)
    return Bought(placed.number, placed.total_fen, placed.currency, placed.status), seat.seat_id


def _recovered(db: Database, point: str, customer_id: int) -> tuple[Bought, str]:
    number, seat_id = point.split(" ", 1)
    with db.reading() as tx:
        o = orders.order_for_customer(tx, number, customer_id)
    return Bought(o.number, o.total_fen, o.currency, o.status), seat_id
