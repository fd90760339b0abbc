"""Opening or joining a group, as the API and the storefront both do it: the seat and the
order at the deal's price in ONE transaction (a refused seat writes no order, a refused
order keeps no seat). The order is held from shipping until the group succeeds, and must be
paid before the group's time is up.

Under an Idempotency-Key (the API, through mercato.platform.leases) the order and its group's
code are noted as the key's recovery point in that same transaction: a retry after a try
that committed but died before answering finds them (`recovered`) and takes no second seat
and writes no second order."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.orm import Session

from mercato.groupbuy import public as groupbuy
from mercato.orders import public as orders
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.i18n import gettext_ as _


class Progress(Protocol):
    """An Idempotency-Key's lease (mercato.platform.leases.Lease): what a previous try of the
    same request committed ("<order number> <group code>"), and a way to note this try's."""

    @property
    def recovered(self) -> str: ...

    def note(self, tx: Session, point: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Taken:
    """A seat's order, as the API answers it."""

    number: str
    total_fen: int
    currency: str
    status: str
    code: str  # the group's share code
    pay_deadline: datetime


def _pay_minutes(pay_minutes: int, expires_at: datetime, now: datetime) -> int:
    """No later than the group's end: a payment after it would only be refunded."""
    left = math.floor((expires_at - now).total_seconds() / 60)
    return max(1, min(pay_minutes, left))


def _order(tx: Session, seat: groupbuy.Seat, address_id: int, shipping_method: str,
           locale: str, pay_minutes: int, channel: str, now: datetime,
           progress: Progress | None) -> orders.Placed:
    cmd = orders.CampaignOrder(
        seat.customer_id, address_id, shipping_method, seat.sku_id, 1, seat.price_fen,
        f"group:{seat.group_id}", _("Group buy"), hold=True, channel=channel)
    placed = orders.place_campaign_order(tx, cmd, locale,
                                         _pay_minutes(pay_minutes, seat.expires_at, now))
    groupbuy.attach_order(tx, seat.member_id, placed.number, now)
    if progress is not None:  # committed with the seat and its order, or not at all
        progress.note(tx, f"{placed.number} {seat.code}")
    return placed


def taken(placed: orders.Placed, seat: groupbuy.Seat) -> Taken:
    return Taken(placed.number, placed.total_fen, placed.currency, placed.status, seat.code,
                 placed.detail.summary.pay_deadline)


def recovered(db: Database, point: str, customer_id: int) -> Taken:
    """The order a previous try of the same request committed (its recovery point)."""
    number, code = point.split(" ", 1)
    with db.reading() as tx:
        o = orders.order_for_customer(tx, number, customer_id)
    return Taken(o.number, o.total_fen, o.currency, o.status, code, o.pay_deadline)


def open_group(db: Database, deal_id: int, customer_id: int, address_id: int,
               shipping_method: str, locale: str, pay_minutes: int, channel: str = "web",
               progress: Progress | None = None) -> tuple[orders.Placed, groupbuy.Seat]:
    now = utcnow()
    with db.transaction() as tx:
        seat = groupbuy.open_group(tx, deal_id, customer_id, now)
        placed = _order(tx, seat, address_id, shipping_method, locale, pay_minutes, channel,
                        now, progress)
    return placed, seat


def join_group(db: Database, code: str, customer_id: int, address_id: int,
               shipping_method: str, locale: str, pay_minutes: int, channel: str = "web",
               progress: Progress | None = None) -> tuple[orders.Placed, groupbuy.Seat]:
    now = utcnow()
    with db.transaction() as tx:
        seat = groupbuy.join_group(tx, code, customer_id, now)
        placed = _order(tx, seat, address_id, shipping_method, locale, pay_minutes, channel,
                        now, progress)
    return placed, seat
