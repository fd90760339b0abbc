"""Stock use cases: counts, adjustments and reservations never drive stock negative."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mercato.inventory import public, services
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from mercato.inventory.domain import InsufficientStock
from mercato.inventory.web.admin import queries
from mercato.kernel.errors import Conflict, DomainError, NotFound


def _level(tx, sku: int, wh: int) -> tuple[int, int]:
    row = tx.execute(
        select(StockLevel.on_hand, StockLevel.reserved).where(
            StockLevel.sku_id == sku, StockLevel.warehouse_id == wh
        )
    ).one()
    return (row[0], row[1])


def test_adjust_set_and_reserve_keep_on_hand_above_reserved(tx, shop):
    sku, wh = shop["cup"]["skus"][0], shop["warehouse"]
    assert services.adjust(tx, sku, wh, 5, "receive", "PO-1", "me") == (15, 0)
    assert services.reserve(tx, sku, wh, 12, "order-1") == (15, 12)
    with pytest.raises(InsufficientStock):
        services.reserve(tx, sku, wh, 4, "order-2")
    with pytest.raises(InsufficientStock):
        services.adjust(tx, sku, wh, -4, "damage")
    with pytest.raises(InsufficientStock):
        services.set_on_hand(tx, sku, wh, 11)
    assert services.set_on_hand(tx, sku, wh, 12, "count") == (12, 12)
    assert _level(tx, sku, wh) == (12, 12)
    assert public.available(tx, [sku]) == {sku: 0}


def test_bad_input_is_refused(tx, shop):
    sku, wh = shop["cup"]["skus"][0], shop["warehouse"]
    with pytest.raises(DomainError):
        services.set_on_hand(tx, sku, wh, -1)
    with pytest.raises(DomainError):
        services.adjust(tx, sku, wh, 0, "adjust")
    with pytest.raises(DomainError):
        services.adjust(tx, sku, wh, 1, "gift")
    with pytest.raises(NotFound):
        services.adjust(tx, 999_999, wh, 1, "adjust")
    with pytest.raises(NotFound):
        services.set_on_hand(tx, sku, 999_999, 1)


def test_warehouses_are_validated(tx, shop):
    with pytest.raises(Conflict):
        services.save_warehouse(tx, None, "sh", "上海", "Shanghai")
    with pytest.raises(DomainError) as err:
        services.save_warehouse(tx, None, "bad code!", "x", "x")
    assert err.value.field == "code"
    with pytest.raises(DomainError) as err:
        services.save_warehouse(tx, None, "GZ", "广州", "Guangzhou", "r" * 81)
    assert err.value.field == "region"
    with pytest.raises(DomainError) as err:
        services.save_warehouse(tx, shop["warehouse"], "SH", "上海", "", "", "a")
    assert err.value.field == "name_en"
    wh = services.save_warehouse(tx, None, "gz-1", " 广州仓 ", "Guangzhou", "South", "Rd 1")
    assert (wh.code, wh.name_zh, wh.active) == ("GZ-1", "广州仓", True)
    services.save_warehouse(tx, wh.id, "ignored", "广州仓", "Canton", "South", "", False)
    assert [(w.code, w.name_en, w.active) for w in queries.list_warehouses(tx)] == [
        ("GZ-1", "Canton", False),
        ("SH", "Shanghai", True),
    ]


def test_inactive_warehouses_do_not_count_as_available(tx, shop):
    sku = shop["cup"]["skus"][0]
    gz = services.create_warehouse(tx, "GZ", "广州仓", "Guangzhou", active=False)
    services.set_on_hand(tx, sku, gz.id, 50)
    assert public.available(tx, [sku]) == {sku: 10}


def test_ledger_rows_newest_first(tx, shop):
    sku, wh = shop["cup"]["skus"][0], shop["warehouse"]
    services.adjust(tx, sku, wh, 3, "receive", "PO-9", "me")
    total, rows = queries.ledger_rows(tx, sku)
    assert total == 2
    newest, code, sku_code = rows[0]
    assert (newest.delta_on_hand, newest.reference, newest.actor, code) == (3, "PO-9", "me", "SH")
    assert sku_code == "MUG-350"
    everything, _rows = queries.ledger_rows(tx, None)
    assert everything >= total
    assert services.sku_id_for_code(tx, "MUG-350") == sku
    with pytest.raises(NotFound):
        services.sku_id_for_code(tx, "NOPE")
    sums = tx.execute(
        select(func.sum(LedgerEntry.delta_on_hand)).where(LedgerEntry.sku_id == sku)
    ).scalar_one()
    assert sums == 13
