"""The demo's order history: written once through the real services at simulated times, it
leaves stock, ledger and reservations consistent, pays through payments, refunds closed
orders, counts sales, and shows the shop's weekly and seasonal rhythm."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from tests.conftest import _empty as empty
from tests.demo.test_loader import _small

import mercato.demo.history as history
import mercato.demo.loader as loader
from mercato.catalog.adapters.tables import Product
from mercato.demo import history_plan as plan
from mercato.demo.people import people
from mercato.inventory.adapters.tables import LedgerEntry, Reservation, StockLevel
from mercato.members.adapters.tables import Address, Customer
from mercato.orders.adapters.tables import Order, OrderLine, TimelineEntry
from mercato.payments.adapters.tables import Payment
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.outbox import OutboxRow

NOW = datetime(2026, 12, 6, 12, 0)  # 20:00 in Shanghai, a Sunday


@pytest.fixture(scope="module")
def loaded(database: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The small demo catalogue with its history, loaded once for this module's tests."""
    media = tmp_path_factory.mktemp("media")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loader, "build_catalogue", _small)
        mp.setattr(history, "FULL_CATALOGUE", 300)  # a tenth of the full shop's orders
        mp.setattr(clock, "utcnow", lambda: NOW)
        assert loader.load_demo(database, media, history=True)
        with database.reading() as tx:
            counts = {t.__name__: _count(tx, t) for t in (Customer, Order, Payment, LedgerEntry)}
        yield {"media": media, "counts": counts}
    empty(database)


def _count(tx: Session, table: Any) -> int:
    return int(tx.scalar(select(func.count()).select_from(table)) or 0)


def test_loads_once(database: Database, loaded: dict[str, Any]) -> None:
    assert loaded["counts"]["Order"] >= 60 and loaded["counts"]["Customer"] >= 12
    assert loader.load_demo(database, loaded["media"], history=True) is False  # "already present"
    with database.transaction() as tx:
        assert history.present(tx)
    assert history.load_history(database).placed == 0
    with database.reading() as tx:
        again = {t.__name__: _count(tx, t) for t in (Customer, Order, Payment, LedgerEntry)}
    assert again == loaded["counts"]


def test_stock_is_consistent(database: Database, loaded: dict[str, Any]) -> None:
    """On hand and reserved = the ledger's sums; reserved = the reservations; exactly the
    orders still holding stock (unpaid, paid, picking) hold some."""
    ledger = select(
        LedgerEntry.sku_id,
        LedgerEntry.warehouse_id,
        func.sum(LedgerEntry.delta_on_hand),
        func.sum(LedgerEntry.delta_reserved),
    ).group_by(LedgerEntry.sku_id, LedgerEntry.warehouse_id)
    reserved = select(Reservation.stock_id, func.sum(Reservation.quantity))
    holding = select(Order.number).where(Order.status.in_(("pending_payment", "paid", "picking")))
    with database.reading() as tx:
        rows = tx.execute(
            select(StockLevel.id, StockLevel.sku_id, StockLevel.warehouse_id).add_columns(
                StockLevel.on_hand, StockLevel.reserved
            )
        ).all()
        moves = {(s, w): (o, r) for s, w, o, r in tx.execute(ledger)}
        held = dict(tx.execute(reserved.group_by(Reservation.stock_id)).all())
        holders = set(tx.scalars(holding))
        references = set(tx.scalars(select(Reservation.reference)))
    assert moves == {(r.sku_id, r.warehouse_id): (r.on_hand, r.reserved) for r in rows}
    assert {r.id: r.reserved for r in rows if r.reserved} == held
    assert references == holders and holders


def test_orders_paid_through_payments_and_refunded(
    database: Database, loaded: dict[str, Any]
) -> None:
    with database.reading() as tx:
        statuses = Counter(tx.scalars(select(Order.status)))
        paid = set(tx.scalars(select(Order.number).where(Order.paid_at.is_not(None))))
        payments = dict(tx.execute(select(Payment.order_number, Payment.status)).all())
        closed = set(tx.scalars(select(Order.number).where(Order.status == "closed")))
        told = select(TimelineEntry.to_status).where(TimelineEntry.kind == "refund")
        refunds = Counter(tx.scalars(told))
        unsent = _count(tx, select(OutboxRow).where(OutboxRow.published_at.is_(None)).subquery())
    assert statuses["completed"] > statuses["shipped"] > 0 and statuses["cancelled"] > 0
    assert set(payments) == paid  # one sandbox payment per paid order, none for the others
    assert {n for n, s in payments.items() if s == "refunded"} == closed
    assert refunds == {"due": len(closed), "refunded": len(closed)}
    assert unsent == 0  # every event delivered (sales counts, refunds)


def test_sales_counts_are_the_paid_units(database: Database, loaded: dict[str, Any]) -> None:
    with database.reading() as tx:
        counted = tx.scalar(select(func.sum(Product.sales_count)))
        units = tx.scalar(
            select(func.sum(OrderLine.quantity))
            .join(Order, Order.id == OrderLine.order_id)
            .where(Order.paid_at.is_not(None))
        )
    assert counted == units and units


def test_everything_happened_in_the_past(database: Database, loaded: dict[str, Any]) -> None:
    start = NOW - timedelta(days=plan.DAYS)
    with database.reading() as tx:
        placed = tx.execute(select(func.min(Order.placed_at), func.max(Order.placed_at))).one()
        times = (TimelineEntry.at, LedgerEntry.created_at, Payment.updated_at, Customer.created_at)
        latest = [tx.scalar(select(func.max(c))) for c in times]
        numbers = tx.execute(select(Order.number, Order.placed_at)).all()
        customers = tx.execute(select(func.count(func.distinct(Address.customer_id)))).scalar()
    assert start <= placed[0] < placed[1] <= NOW
    assert all(t is not None and t <= NOW + timedelta(minutes=5) for t in latest), latest
    assert all(n.startswith(at.strftime("%y%m%d")) for n, at in numbers)
    assert customers == loaded["counts"]["Customer"]  # every customer has an address


def test_the_shop_has_a_rhythm() -> None:
    """The full plan (pure): growth, busier weekends and evenings, the Double 11 peak."""
    today = date(2026, 12, 6)
    expected = dict(plan.per_day(today))
    assert expected[date(2026, 11, 11)] > 3 * expected[date(2026, 11, 4)]  # a Wednesday
    assert expected[date(2026, 11, 29)] > expected[date(2026, 11, 25)]  # Sunday > Wednesday
    assert expected[date(2026, 12, 2)] > 1.8 * expected[date(2026, 9, 9)]  # growth
    rng = random.Random(1)
    folks = people(rng, 320, NOW - timedelta(days=210), NOW)
    orders = plan.plan_orders(rng, folks, today, NOW)
    assert 900 <= len(orders) <= 1300
    hours = Counter(clock.local(o.at).hour for o in orders)
    assert hours[21] > 3 * hours[4] and hours[20] > hours[10]
    buyers = Counter(o.customer for o in orders)
    assert buyers.most_common(1)[0][1] >= 10 and len(buyers) >= 200  # regulars and the rest
