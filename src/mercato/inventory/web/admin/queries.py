"""Read side of the stock admin pages: warehouses and the ledger."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.inventory.adapters.tables import LedgerEntry, StockItem, Warehouse


def list_warehouses(tx: Session) -> list[Warehouse]:
    return list(tx.scalars(select(Warehouse).order_by(Warehouse.priority, Warehouse.code)))


def ledger_rows(
    tx: Session, sku_id: int | None, offset: int = 0, limit: int = 100
) -> tuple[int, list[tuple[LedgerEntry, str, str]]]:
    """A SKU's ledger (every SKU's when None), newest first, with each entry's warehouse and
    SKU codes: (total, page)."""
    which = [LedgerEntry.sku_id == sku_id] if sku_id is not None else []
    total = tx.execute(select(func.count()).select_from(LedgerEntry).where(*which)).scalar_one()
    q = (
        select(LedgerEntry, Warehouse.code, StockItem.sku_code)
        .outerjoin(Warehouse, Warehouse.id == LedgerEntry.warehouse_id)
        .outerjoin(StockItem, StockItem.sku_id == LedgerEntry.sku_id)
        .where(*which)
        .order_by(LedgerEntry.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return int(total), [(e, wh or "", sku or "") for e, wh, sku in tx.execute(q)]
