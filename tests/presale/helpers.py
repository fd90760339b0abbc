"""Presale campaigns, deposits and the clock moved in the database, for the storefront, API,
two-part payment and race tests."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update

from mercato.orders.adapters.tables import Order
from mercato.payments.adapters.tables import Payment
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow
from mercato.presale import public as presale
from mercato.presale.adapters.tables import Campaign, Holding, Item, PresaleOrder
from tests.checkout.conftest import csrf_of

# The tee's SKUs list at ¥99.00: presale at ¥89.00, ¥10.00 down counting as ¥20.00 off, so a
# unit is ¥79.00 in all (its line keeps ¥99.00 with ¥20.00 off) and its balance ¥69.00.
PRICE, DEPOSIT, DEDUCT = 8900, 1000, 2000
UNIT, BALANCE = PRICE - (DEDUCT - DEPOSIT), PRICE - DEDUCT
_TOKEN = re.compile(r'name="t" value="([^"]+)"')


def make_campaign(db: Database, skus: tuple[int, ...], *, planned: int = 10, limit: int = 1,
                  rule: str = "keep", price: int = PRICE, deposit: int = DEPOSIT,
                  deduct: int = DEDUCT, starts: datetime | None = None,
                  publish: bool = True, name: str = "双11预售") -> int:
    """A campaign taking deposits now (for a day; the balance from the day after next)."""
    now = utcnow()
    begin = starts or now - timedelta(hours=1)
    data = presale.CampaignData(
        name, begin, begin + timedelta(days=1, hours=1), begin + timedelta(days=2),
        begin + timedelta(days=3), (begin + timedelta(days=5)).date(), rule, limit, 24,
        tuple(presale.ItemData(s, price, deposit, deduct, planned) for s in skus))
    with db.transaction() as tx:
        campaign_id = presale.create_campaign(tx, data).id
        if publish:
            presale.move_campaign(tx, campaign_id, "scheduled")
    return campaign_id


def open_balance(db: Database, campaign_id: int) -> datetime:
    """The clock moved on: the deposit window has closed and the balance window opened a
    minute ago (the campaign's and its orders' copies); returns when it now ends."""
    now = utcnow()
    with db.transaction() as tx:
        ends = tx.scalar(select(Campaign.balance_ends).where(Campaign.id == campaign_id))
        assert ends is not None
        tx.execute(update(Campaign).where(Campaign.id == campaign_id).values(
            deposit_starts=now - timedelta(days=2), deposit_ends=now - timedelta(minutes=2),
            balance_starts=now - timedelta(minutes=1)))
        tx.execute(update(Order).where(Order.campaign == f"presale:{campaign_id}")
                   .values(balance_from=now - timedelta(minutes=1)))
    return ends


def close_balance(db: Database, campaign_id: int) -> None:
    """The balance window ended a minute ago: an order still unpaid is past its deadline."""
    now = utcnow()
    past = now - timedelta(minutes=1)
    with db.transaction() as tx:
        tx.execute(update(Campaign).where(Campaign.id == campaign_id).values(
            deposit_starts=now - timedelta(days=3), deposit_ends=now - timedelta(days=2),
            balance_starts=now - timedelta(days=1), balance_ends=past))
        tx.execute(update(Order).where(Order.campaign == f"presale:{campaign_id}").values(
            balance_from=now - timedelta(days=1), balance_until=past, pay_deadline=past))


def move_deposit_window(db: Database, campaign_id: int, starts: datetime,
                        ends: datetime) -> None:
    with db.transaction() as tx:
        tx.execute(update(Campaign).where(Campaign.id == campaign_id)
                   .values(deposit_starts=starts, deposit_ends=ends))


def item_row(db: Database, campaign_id: int, sku: int) -> tuple[int, int, int]:
    """(id, planned, taken) of the campaign's item."""
    with db.reading() as tx:
        row = tx.execute(select(Item.id, Item.planned, Item.taken).where(
            Item.campaign_id == campaign_id, Item.sku_id == sku)).one()
        return int(row[0]), int(row[1]), int(row[2])


def held(db: Database, item_id: int) -> dict[int, int]:
    """Customer → units they hold of the item (the limit's count)."""
    with db.reading() as tx:
        rows = tx.execute(select(Holding.customer_id, Holding.units)
                          .where(Holding.item_id == item_id, Holding.units > 0))
        return {int(c): int(n) for c, n in rows}


def presale_state(db: Database, number: str) -> str:
    with db.reading() as tx:
        return str(tx.scalar(select(PresaleOrder.state)
                             .where(PresaleOrder.order_number == number)))


def order_row(db: Database, number: str) -> Order:
    with db.reading() as tx:
        order = tx.scalars(select(Order).where(Order.number == number)).one()
        tx.expunge(order)
        return order


def count(db: Database, table: Any) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(table)) or 0)


def attempts(db: Database, number: str) -> list[tuple[str, str, int]]:
    """(stage, status, amount) of the order's payment attempts, in order."""
    with db.reading() as tx:
        rows = tx.execute(select(Payment.stage, Payment.status, Payment.amount_fen)
                          .where(Payment.order_number == number).order_by(Payment.attempt))
        return [(str(s), str(st), int(a)) for s, st, a in rows]


def outbox_names(db: Database, name: str) -> list[str]:
    with db.reading() as tx:
        return list(tx.scalars(select(OutboxRow.payload).where(OutboxRow.name == name)
                               .order_by(OutboxRow.id)))


def deposit_form(client: Any, campaign_id: int, sku: int, buyer: dict[str, Any],
                 **extra: Any) -> Any:
    """The signed-in shopper sends the presale page's form (its fields, as `extra` changes
    them)."""
    page = client.get(f"/presale/{campaign_id}?sku={sku}")
    form = {"csrf": csrf_of(page.text), "sku_id": str(sku), "quantity": "1",
            "address_id": str(buyer["address_id"]), "shipping_method": "express", **extra}
    form = {k: v for k, v in form.items() if v is not None}
    return client.post(f"/presale/{campaign_id}/deposit", data=form, follow_redirects=False)


def placed_number(response: Any) -> str:
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert location.startswith("/account/orders/") and location.endswith("/pay"), location
    return str(location.split("/")[3])


def open_cashier(client: Any, number: str) -> str:
    """The shopper picks the sandbox on the pay page: a new attempt, its cashier's address."""
    page = client.get(f"/account/orders/{number}/pay")
    r = client.post(f"/account/orders/{number}/pay",
                    data={"csrf": csrf_of(page.text), "provider": "sandbox"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return str(r.headers["location"])


def pay_at_cashier(client: Any, cashier: str, outcome: str = "pay") -> None:
    """Pay (or fail) an attempt opened earlier at its sandbox cashier."""
    page = client.get(cashier)
    found = _TOKEN.search(page.text)
    assert found, "no trade token on the cashier page"
    back = client.post(cashier.split("?")[0], data={
        "csrf": csrf_of(page.text), "t": found.group(1), "outcome": outcome},
        follow_redirects=False)
    assert back.status_code == 303, back.text
