"""One flash-sale buy, as the API and the storefront page both do it: the waiting room, a
seat, then the order at the seat's price in one transaction; a seat whose order could not
be written goes back on sale at once."""

from __future__ import annotations

from mercato.flashsale import public as flashsale
from mercato.orders import public as orders
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _


def buy(db: Database, event_id: int, sku_id: int, quantity: int, customer_id: int,
        address_id: int, shipping_method: str, locale: str, pay_minutes: int,
        queue_token: str = "", channel: str = "web"
        ) -> tuple[orders.Placed, str] | flashsale.QueueToken:
    """(the order placed, its seat id), or the queue token to come back with."""
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
    except BaseException:
        flashsale.abandon_seat(db, seat)
        raise
    flashsale.clear_pending(seat)
    return placed, seat.seat_id
