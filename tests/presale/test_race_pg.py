"""On PostgreSQL, under real concurrency: twenty customers placing deposits at once for an
item planned at five get exactly five orders between them; a customer racing themselves
never holds more than the campaign's limit. Every deposit is a real order (the orders,
their presale rows, the plan and the holdings agree)."""

from __future__ import annotations

from typing import Any

import pytest

from mercato.members.services import addresses
from mercato.orders.adapters.tables import Order
from mercato.platform.db import Database
from mercato.presale import public as presale
from mercato.presale.adapters.tables import PresaleOrder
from tests.checkout.shipping_factory import shipping_methods
from tests.factories import small_shop
from tests.orders.conftest import ADDRESS
from tests.presale.helpers import count, held, item_row, make_campaign
from tests.promotions.helpers import customers
from tests.races import race

pytestmark = pytest.mark.postgres


def _shop(db: Database, n: int) -> tuple[int, list[tuple[int, int]]]:
    """The tee's first SKU and n customers, each with an address: (sku, [(id, address)])."""
    with db.transaction() as tx:
        shop: dict[str, Any] = small_shop(tx)
        shipping_methods(tx)
    people = customers(db, n)
    with db.transaction() as tx:
        book = [(c, addresses.add_address(tx, c, ADDRESS).id) for c in people]
    return shop["tee"]["skus"][0], book


def _deposit(db: Database, campaign_id: int, sku: int, who: tuple[int, int]) -> None:
    ask = presale.DepositAsk(campaign_id, sku, 1, who[0], who[1], "express")
    db.unit(lambda tx: presale.place_deposit(tx, ask, "zh_CN", "预售"))


def test_twenty_customers_for_five_units_get_five_orders(pg_db: Database) -> None:
    sku, people = _shop(pg_db, 20)
    c = make_campaign(pg_db, (sku,), planned=5, limit=1)
    outcomes = race(20, lambda i: _deposit(pg_db, c, sku, people[i]))
    assert sorted(outcomes) == ["ok"] * 5 + ["presale.sold_out"] * 15, outcomes
    item_id, planned, taken = item_row(pg_db, c, sku)
    assert (planned, taken) == (5, 5)
    assert (count(pg_db, Order), count(pg_db, PresaleOrder)) == (5, 5)
    assert sorted(held(pg_db, item_id).values()) == [1] * 5


def test_one_customer_racing_themselves_gets_the_limit(pg_db: Database) -> None:
    sku, people = _shop(pg_db, 1)
    c = make_campaign(pg_db, (sku,), planned=50, limit=3)
    outcomes = race(10, lambda i: _deposit(pg_db, c, sku, people[0]))
    assert sorted(outcomes) == ["ok"] * 3 + ["presale.limit_reached"] * 7, outcomes
    item_id, _, taken = item_row(pg_db, c, sku)
    assert taken == 3 and held(pg_db, item_id) == {people[0][0]: 3}
    assert (count(pg_db, Order), count(pg_db, PresaleOrder)) == (3, 3)
