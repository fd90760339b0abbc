"""The demo's member centre (mercato.demo.loyalty.seed) over the small demo history: order
records for every paid order, points from the completed ones, tiers and tags that a fresh
recompute agrees with, an invite code for everyone, a few birthdays; run twice, same
result."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

import mercato.demo.history as history
import mercato.demo.loader as loader
from mercato.demo import loyalty as demo_loyalty
from mercato.members.adapters.loyalty_tables import Loyalty, OrderRecord, PointsEntry
from mercato.members.adapters.tables import Customer
from mercato.members.domain_loyalty import points_for
from mercato.members.services import standing
from mercato.orders.adapters.tables import Order
from mercato.platform import clock
from mercato.platform.db import Database
from tests.conftest import _empty as empty
from tests.demo.test_loader import _small

NOW = datetime(2026, 12, 6, 12, 0)


@pytest.fixture(scope="module")
def seeded(database: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    media = tmp_path_factory.mktemp("media")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(loader, "build_catalogue", _small)
        mp.setattr(history, "FULL_CATALOGUE", 300)
        mp.setattr(clock, "utcnow", lambda: NOW)
        assert loader.load_demo(database, media, history=True)  # seeds the member centre
        yield demo_loyalty.seed(database, now=NOW)  # a second time: nothing new
    empty(database)


def _snapshot(db: Database) -> tuple[Any, ...]:
    with db.reading() as tx:
        members = tx.execute(select(Loyalty.customer_id, Loyalty.tier, Loyalty.tag,
                                    Loyalty.points, Loyalty.invite_code)
                             .order_by(Loyalty.customer_id)).all()
        entries = tx.scalar(select(func.count()).select_from(PointsEntry))
    return tuple(members), entries


def test_records_points_and_standing_come_from_the_demo_orders(
        database: Database, seeded: demo_loyalty.Seeded) -> None:
    with database.reading() as tx:
        paid = tx.scalar(select(func.count()).select_from(Order)
                         .where(Order.paid_at.is_not(None)))
        records = tx.scalar(select(func.count()).select_from(OrderRecord)
                            .where(OrderRecord.paid_at.is_not(None)))
        assert paid and records == paid
        done = tx.execute(select(OrderRecord.goods_fen, OrderRecord.refunded_fen,
                                 OrderRecord.points_earned, OrderRecord.points_reversed)
                          .where(OrderRecord.status == "completed")).all()
        assert done, "the demo completes orders"
        net = sum(points_for(g - r) for g, r, _e, _v in done)
        assert sum(e - v for _g, _r, e, v in done) == net
        balances = tx.scalar(select(func.sum(Loyalty.points))) or 0
        lots = tx.scalar(select(func.sum(PointsEntry.remaining))) or 0
        assert balances == lots > 0
        customers = tx.scalar(select(func.count()).select_from(Customer))
        coded = tx.scalar(select(func.count()).select_from(Loyalty)
                          .where(Loyalty.invite_code.is_not(None)))
        assert coded == customers == seeded.members
        tiers = set(tx.scalars(select(Loyalty.tier)))
        assert tiers - {""}, "some demo customers hold a tier"
        birthdays = tx.scalar(select(func.count()).select_from(Customer)
                              .where(Customer.birthday.is_not(None)))
        assert birthdays >= 2 and seeded.birthdays == 0
    assert standing.recompute_all(database, NOW) == 0  # the seed left them current


def test_seeding_again_changes_nothing(database: Database,
                                       seeded: demo_loyalty.Seeded) -> None:
    before = _snapshot(database)
    again = demo_loyalty.seed(database, now=NOW)
    assert again.birthdays == 0 and again.tier_changes == 0
    assert _snapshot(database) == before
