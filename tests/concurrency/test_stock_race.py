"""Many buyers racing for few units: the conditional decrement never oversells."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from mercato.inventory import services as stock
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from mercato.inventory.domain import InsufficientStock
from tests.factories import base_taxonomy, make_product


def _race(db, sku_id: int, wh: int, buyers: int, workers: int) -> int:
    def buy(i: int) -> bool:
        try:
            with db.transaction() as tx:
                stock.reserve(tx, sku_id, wh, 1, f"order-{i}")
            return True
        except InsufficientStock:
            return False

    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(buy, range(buyers)))


def _check_race(db, round_: int) -> None:  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        t = base_taxonomy(tx)
        p = make_product(
            tx,
            t,
            f"hot-{round_}",
            "爆款",
            "Hot item",
            [("HOT-1", 100, [])],
            category="cups",
            stock_qty=100,
        )
    sku = p["skus"][0]
    sold = _race(db, sku, t["warehouse"], 400, 32)
    with db.reading() as s:
        on_hand, reserved = s.execute(
            select(StockLevel.on_hand, StockLevel.reserved).where(StockLevel.sku_id == sku)
        ).one()
        ledger = s.execute(
            select(func.sum(LedgerEntry.delta_reserved)).where(LedgerEntry.sku_id == sku)
        ).scalar_one()
    assert sold == 100
    assert (on_hand, reserved) == (100, 100)
    assert ledger == 100


def test_400_buyers_for_100_units_on_the_suite_database(db):
    # On SQLite writers queue on the file lock; the PostgreSQL runs are the real race.
    _check_race(db, 0)


@pytest.mark.parametrize("round_", range(5))
def test_400_buyers_for_100_units_on_postgres(pg_db, round_):
    _check_race(pg_db, round_)
