"""Stock CSV: counts set through the stock services, bad rows reported, export and round trip."""

from __future__ import annotations

import csv
import io

from sqlalchemy import select

from mercato.inventory import services as stock
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from mercato.inventory.csv_io import export_stock, import_stock
from tests.csv.helpers import errors_of


def _import(db, text: str, skip_errors: bool = False, progress=None):
    with db.transaction() as tx:
        return import_stock(
            tx, text.encode(), skip_errors=skip_errors, progress=progress, actor="tester"
        )


def _levels(db) -> dict[tuple[int, int], tuple[int, int]]:
    with db.reading() as tx:
        rows = tx.execute(
            select(
                StockLevel.sku_id, StockLevel.warehouse_id, StockLevel.on_hand, StockLevel.reserved
            )
        )
        return {(s, w): (o, r) for s, w, o, r in rows}


def test_import_sets_counts_and_writes_the_ledger(db, shop):
    with db.transaction() as tx:
        bj = stock.create_warehouse(tx, "BJ", "北京仓", "Beijing").id
    mug = shop["cup"]["skus"][0]
    report = _import(
        db, "sku_code,warehouse_code,on_hand\nMUG-350,SH,25\nMUG-350,bj,7\nMUG-500,SH,10\n"
    )
    assert report.errors == []
    assert (report.written, report.unchanged) == (2, 1)
    levels = _levels(db)
    assert levels[(mug, shop["warehouse"])] == (25, 0)
    assert levels[(mug, bj)] == (7, 0)
    with db.reading() as tx:
        entry = tx.scalars(
            select(LedgerEntry).where(LedgerEntry.sku_id == mug).order_by(LedgerEntry.id.desc())
        ).first()
        assert entry is not None
        assert (entry.reason, entry.reference, entry.actor) == ("import", "csv import", "tester")
        assert (entry.delta_on_hand, entry.on_hand_after) == (7, 7)


def test_bad_rows_are_all_reported_and_nothing_is_written(db, shop):
    mug = shop["cup"]["skus"][0]
    with db.transaction() as tx:
        stock.reserve(tx, mug, shop["warehouse"], 4, "order-1")
    before = _levels(db)
    text = (
        "sku_code,warehouse_code,on_hand\n"
        "MUG-500,SH,30\n"  # 2 good
        "NOPE,SH,1\n"  # 3 unknown SKU
        "MUG-500,XX,1\n"  # 4 unknown warehouse
        "TEE-WH-M,SH,-1\n"  # 5 negative
        "TEE-WH-L,SH,1.5\n"  # 6 not whole
        "MUG-350,SH,3\n"  # 7 below the 4 reserved
        "MUG-500,SH,31\n"  # 8 same pair as line 2
        "TEE-BL-M,SH,\n"  # 9 empty
        "TEE-BL-L,SH,99999999999\n"  # 10 out of range
    )
    report = _import(db, text)
    assert errors_of(report) == [
        (3, "sku_code"),
        (4, "warehouse_code"),
        (5, "on_hand"),
        (6, "on_hand"),
        (7, "on_hand"),
        (8, "sku_code"),
        (9, "on_hand"),
        (10, "on_hand"),
    ]
    assert "4" in report.errors[4].reason
    assert report.written == 0
    assert _levels(db) == before

    report = _import(db, text, skip_errors=True)
    assert len(report.errors) == 8 and report.written == 1
    after = _levels(db)
    assert after[(shop["cup"]["skus"][1], shop["warehouse"])] == (30, 0)
    assert after[(mug, shop["warehouse"])] == (10, 4)


def test_export_lists_every_stock_row_and_round_trips(db, shop):
    mug = shop["cup"]["skus"][0]
    with db.transaction() as tx:
        stock.reserve(tx, mug, shop["warehouse"], 3, "order-1")
        data = export_stock(tx)
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[0] == ["sku_code", "warehouse_code", "on_hand", "reserved", "available"]
    assert ["MUG-350", "SH", "10", "3", "7"] in rows
    assert len(rows) == 1 + 11  # every SKU of the small shop has stock in SH
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])
    before = _levels(db)
    report = _import(db, data.decode())
    assert report.errors == [] and (report.written, report.unchanged) == (0, 11)
    assert _levels(db) == before


def test_missing_column_non_utf8_and_bom(db, shop):
    assert errors_of(_import(db, "sku_code,on_hand\nMUG-350,1\n")) == [(1, "warehouse_code")]
    with db.transaction() as tx:
        bad = import_stock(
            tx,
            "sku_code,warehouse_code,on_hand\n杯,SH,1\n".encode("gb18030"),
            skip_errors=True,
            progress=None,
            actor="t",
        )
    assert errors_of(bad) == [(2, "file")]
    report = _import(db, "\ufeffsku_code,warehouse_code,on_hand\nMUG-350,SH,12\n")
    assert report.errors == [] and report.written == 1


def test_progress_every_hundred_rows(db, shop):
    with db.transaction() as tx:
        for i in range(20):
            stock.create_warehouse(tx, f"W{i:02d}", f"仓{i}", f"Warehouse {i}")
    codes = ["TEE-WH-M", "TEE-WH-L", "TEE-BL-M", "TEE-BL-L", "POLO-WH-M", "POLO-WH-L"]
    codes += ["POLO-BL-M", "POLO-BL-L", "MUG-350", "MUG-500", "DRAFT-1"]
    whs = ["SH"] + [f"W{i:02d}" for i in range(20)]
    lines = ["sku_code,warehouse_code,on_hand"] + [f"{c},{w},5" for c in codes for w in whs]
    calls: list[tuple[int, int]] = []
    report = _import(db, "\n".join(lines), progress=lambda d, t: calls.append((d, t)))
    assert report.errors == [] and report.written == 231
    assert calls == [(100, 231), (200, 231), (231, 231)]
