"""Presale's periodic work: the balance reminder (one SMS per order, before its window
closes) and shipping paid orders as their goods come in (stock held in the order they paid
their balance, then the order released to the logistics centre)."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.inventory import public as inventory
from mercato.messaging import public as messaging
from mercato.orders import public as orders
from mercato.platform.clock import shop_time
from mercato.platform.db import Database
from mercato.presale import domain
from mercato.presale.adapters.tables import Campaign, PresaleOrder

log = logging.getLogger(__name__)
BATCH = 200
_NOT_SHIPPING = ("pending_payment", "cancelled", "closed")
REMINDER = "balance_due"


def _to_remind(tx: Session, at: datetime) -> list[tuple[str, datetime, int, datetime]]:
    rows = tx.execute(
        select(PresaleOrder.order_number, Campaign.balance_ends, Campaign.remind_hours,
               Campaign.balance_starts)
        .join(Campaign, Campaign.id == PresaleOrder.campaign_id)
        .where(PresaleOrder.state == domain.DEPOSIT_PAID, PresaleOrder.reminded_at.is_(None),
               Campaign.balance_starts <= at, Campaign.balance_ends > at)
        .order_by(Campaign.balance_ends).limit(BATCH)).all()
    return [(n, ends, h, starts) for n, ends, h, starts in rows
            if domain.remind_at(ends, h, starts) <= at]


def _remind_one(tx: Session, number: str, ends: datetime, sender: messaging.Messenger,
                locale: str, at: datetime) -> bool:
    row = tx.scalars(select(PresaleOrder).where(PresaleOrder.order_number == number)
                     .with_for_update()).first()
    if row is None or row.state != domain.DEPOSIT_PAID or row.reminded_at is not None:
        return False
    row.reminded_at = at  # once, whatever the answer: a wrong number stays wrong
    if not row.phone or not messaging.offers(tx, sender, "sms", REMINDER):
        log.info("presale %s: no SMS channel or phone for the balance reminder", number)
        return False
    params = {"order": number, "amount": f"{row.balance_fen / 100:.2f}",
              "until": shop_time(ends)}
    try:
        messaging.send(tx, sender, messaging.Message(REMINDER, row.phone, params, locale))
    except messaging.RecipientRefused as exc:
        log.warning("presale %s: balance reminder refused (%s)", number, exc.code)
        return False
    return True


def remind_balances(db: Database, sender: messaging.Messenger, locale: str,
                    at: datetime) -> int:
    """Text each deposit-paid order's customer once its campaign's reminder time has come
    (remind_hours before the balance window closes, not before it opens); returns how many
    were sent. A provider that is down raises: the order is tried again next run."""
    with db.reading() as tx:
        due = _to_remind(tx, at)
    sent = 0
    for number, ends, _hours, _starts in due:
        def one(tx: Session, n: str = number, e: datetime = ends) -> bool:
            return _remind_one(tx, n, e, sender, locale, at)
        sent += db.unit(one)
    return sent


def _ship_one(tx: Session, number: str, at: datetime) -> bool:
    row = tx.scalars(select(PresaleOrder).where(PresaleOrder.order_number == number)
                     .with_for_update()).first()
    if row is None or row.state != domain.BALANCE_PAID:
        return False
    # Not paid and held: ended meanwhile (its event ends it here), or released already.
    if (not orders.stock_and_release(tx, number, "system:presale")
            and orders.order_for_payment(tx, number).status in _NOT_SHIPPING):
        return False
    row.state, row.updated_at = domain.RELEASED, at
    return True


def ship_ready(db: Database, at: datetime) -> int:
    """Hold stock for balance-paid orders, first paid first, and let them ship; an order the
    stock does not cover yet waits (and so do later ones of the same SKU: first paid, first
    served). Returns how many were released."""
    with db.reading() as tx:
        waiting = tx.execute(
            select(PresaleOrder.order_number, PresaleOrder.sku_id)
            .where(PresaleOrder.state == domain.BALANCE_PAID)
            .order_by(PresaleOrder.balance_paid_at, PresaleOrder.order_number)
            .limit(BATCH)).all()
    short: set[int] = set()
    released = 0
    for number, sku_id in waiting:
        if sku_id in short:
            continue
        def one(tx: Session, n: str = number) -> bool:
            return _ship_one(tx, n, at)
        try:
            released += db.unit(one)
        except inventory.InsufficientStock:
            short.add(sku_id)
    return released
