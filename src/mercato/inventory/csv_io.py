"""Stock counts CSV import and export (admin /admin/import and `mercato import stock`).

Import columns: sku_code, warehouse_code, on_hand. Each row sets the on-hand figure through
the stock services (ledger reason "import"), so it can never go below what is reserved.
SKU codes are resolved from inventory's own copy (inventory_item), never catalogue tables."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.inventory import domain, services
from mercato.inventory.adapters.tables import StockItem, StockLevel, Warehouse
from mercato.inventory.services.reservations import lock_in_order
from mercato.kernel.csvreport import (
    CsvFileError,
    CsvRow,
    ImportReport,
    Progress,
    RowError,
    read_table,
    write_table,
)
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import gettext_ as _

__all__ = ["COLUMNS", "EXPORT_COLUMNS", "ImportReport", "RowError", "export_stock", "import_stock"]
COLUMNS = ("sku_code", "warehouse_code", "on_hand")
EXPORT_COLUMNS = ("sku_code", "warehouse_code", "on_hand", "reserved", "available")
REFERENCE = "csv import"
PROGRESS_EVERY = 100


@dataclass(frozen=True, slots=True)
class _Count:
    line: int
    sku_id: int
    warehouse_id: int
    on_hand: int


@dataclass
class _Known:
    items: dict[str, int]
    warehouses: dict[str, int]
    levels: dict[tuple[int, int], tuple[int, int]]
    ids: dict[tuple[int, int], int]  # stock row id of each (sku, warehouse) that has one
    seen: dict[tuple[int, int], int]


def _load(tx: Session) -> _Known:
    levels = tx.execute(
        select(
            StockLevel.sku_id,
            StockLevel.warehouse_id,
            StockLevel.on_hand,
            StockLevel.reserved,
            StockLevel.id,
        )
    ).all()
    return _Known(
        items={c: i for c, i in tx.execute(select(StockItem.sku_code, StockItem.sku_id))},
        warehouses={c.upper(): i for c, i in tx.execute(select(Warehouse.code, Warehouse.id))},
        levels={(s, w): (o, r) for s, w, o, r, _i in levels},
        ids={(s, w): i for s, w, _o, _r, i in levels},
        seen={},
    )


def _quantity(raw: str) -> int:
    if not raw:
        raise DomainError("inventory.csv_invalid", "This field is required", "on_hand")
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise DomainError(
            "inventory.csv_invalid", _("On hand must be a whole number, 0 or more"), "on_hand"
        )
    return domain.check_quantity(int(raw), "on_hand", allow_zero=True)


def _resolve(row: CsvRow, known: _Known) -> tuple[int | None, int | None, list[RowError]]:
    errors = []
    sku_id = known.items.get(row.get("sku_code"))
    if sku_id is None:
        reason = _("Unknown SKU code") if row.get("sku_code") else _("This field is required")
        errors.append(RowError(row.line, "sku_code", reason))
    warehouse_id = known.warehouses.get(row.get("warehouse_code").upper())
    if warehouse_id is None:
        code = row.get("warehouse_code")
        reason = _("Unknown warehouse code") if code else _("This field is required")
        errors.append(RowError(row.line, "warehouse_code", reason))
    return sku_id, warehouse_id, errors


def _check(row: CsvRow, known: _Known, report: ImportReport) -> _Count | None:
    sku_id, warehouse_id, errors = _resolve(row, known)
    qty = None
    try:
        qty = _quantity(row.get("on_hand"))
    except DomainError as exc:
        errors.append(RowError(row.line, "on_hand", _(exc.message)))
    if sku_id is not None and warehouse_id is not None:
        first = known.seen.setdefault((sku_id, warehouse_id), row.line)
        if first != row.line:
            reason = _("Same SKU and warehouse as line %(line)s") % {"line": first}
            errors.append(RowError(row.line, "sku_code", reason))
    report.errors.extend(errors)
    if errors or sku_id is None or warehouse_id is None or qty is None:
        return None
    return _Count(row.line, sku_id, warehouse_id, qty)


def _write(tx: Session, count: _Count, known: _Known, actor: str, report: ImportReport) -> None:
    on_hand, reserved = known.levels.get((count.sku_id, count.warehouse_id), (0, 0))
    if count.on_hand == on_hand:
        report.unchanged += 1
        return
    if count.on_hand < reserved:
        reason = _("Below the %(n)s units reserved for orders") % {"n": reserved}
        report.add(count.line, "on_hand", reason)
        return
    savepoint = tx.begin_nested()
    try:
        services.set_on_hand(
            tx, count.sku_id, count.warehouse_id, count.on_hand, "import", REFERENCE, actor
        )
    except DomainError as exc:
        savepoint.rollback()
        report.add(count.line, "on_hand", _(exc.message))
        return
    savepoint.commit()
    report.written += 1


def import_stock(
    tx: Session,
    data: bytes,
    *,
    skip_errors: bool = False,
    progress: Progress | None = None,
    actor: str = "",
) -> ImportReport:
    """Set on-hand counts from CSV bytes; every bad row is reported. With errors and
    skip_errors off nothing is kept; otherwise the good rows are."""
    report = ImportReport()
    try:
        table = read_table(data, COLUMNS, _)
    except CsvFileError as exc:
        report.errors = exc.errors
        return report
    report.rows = len(table.rows) + len(table.errors)
    report.errors.extend(table.errors)
    known = _load(tx)
    counts = [c for row in table.rows if (c := _check(row, known, report)) is not None]
    # The stock rows in the one lock order before any is written (an import sharing rows
    # with checkouts must not deadlock them); rows it creates, in (SKU, warehouse) order.
    counts.sort(key=lambda c: (c.sku_id, c.warehouse_id))
    everything = tx.begin_nested()
    pairs = [(c.sku_id, c.warehouse_id) for c in counts]
    lock_in_order(tx, [known.ids[p] for p in pairs if p in known.ids])
    for done, count in enumerate(counts, 1):
        _write(tx, count, known, actor or "import", report)
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, report.rows)
    if report.errors and not skip_errors:
        everything.rollback()
        report.written = report.unchanged = 0
    else:
        everything.commit()
    if progress is not None:
        progress(report.rows, report.rows)
    report.sort()
    return report


def export_stock(tx: Session) -> bytes:
    """Every stock row: sku_code, warehouse_code, on_hand, reserved, available (UTF-8 CSV)."""
    rows = tx.execute(
        select(StockItem.sku_code, Warehouse.code, StockLevel.on_hand, StockLevel.reserved)
        .join(StockItem, StockItem.sku_id == StockLevel.sku_id)
        .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
        .order_by(StockItem.sku_code, Warehouse.code)
    )
    return write_table(
        EXPORT_COLUMNS,
        ([c, w, o, r, domain.available(o, r)] for c, w, o, r in rows),
    )
