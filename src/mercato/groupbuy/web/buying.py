"""Opening or joining a group, as the API and the storefront both do it: the seat and the
order at the deal's price in ONE transaction (a refused seat writes no order, a refused
order keeps no seat). The order is held from shipping until the group is full, and must be
paid before the group's time is up."""

from __future__ import annotations

import math
from datetime import datetime

from sqlalchemy.orm import Session

from mercato.groupbuy import public as groupbuy
from mercato.orders import public as orders
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _


def _pay_minutes(pay_minutes: int, expires_at: datetime, now: datetime) -> int:
    """No later than the group's end: a payment after it would only be refunded."""
    left = math.floor((expires_at - now).total_seconds() / 60)
    return max(1, min(pay_minutes, left))


def _order(tx: Session, seat: groupbuy.Seat, address_id: int, shipping_method: str,
           locale: str, pay_minutes: int, channel: str, now: datetime) -> orders.Placed:
    cmd = orders.CampaignOrder(
        seat.customer_id, address_id, shipping_method, seat.sku_id, 1, seat.price_fen,
        f"group:{seat.group_id}", _("Group buy"), hold=True, channel=channel)
    placed = orders.place_campaign_order(tx, cmd, locale,
                                         _pay_minutes(pay_minutes, seat.expires_at, now))
    groupbuy.attach_order(tx, seat.member_id, placed.number, now)
    return placed


def open_group(db: Database, deal_id: int, customer_id: int, address_id: int,
               shipping_method: str, locale: str, pay_minutes: int, channel: str = "web"
               ) -> tuple[orders.Placed, groupbuy.Seat]:
    now = utcnow()
    with db.transaction() as tx:
        seat = groupbuy.open_group(tx, deal_id, customer_id, now)
        placed = _order(tx, seat, address_id, shipping_method, locale, pay_minutes, channel,
                        now)
    return placed, seat


def join_group(db: Database, code: str, customer_id: int, address_id: int,
               shipping_method: str, locale: str, pay_minutes: int, channel: str = "web"
               ) -> tuple[orders.Placed, groupbuy.Seat]:
    now = utcnow()
    with db.transaction() as tx:
        seat = groupbuy.join_group(tx, code, customer_id, now)
        placed = _order(tx, seat, address_id, shipping_method, locale, pay_minutes, channel,
                        now)
    return placed, seat
