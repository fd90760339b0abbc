"""Read side of the stock admin pages: warehouses, the SKU x warehouse table, the ledger."""

from __future__ import annotations

from sqlalchemy import and_, func, select, true
from sqlalchemy.orm import Session

from mercato.inventory.adapters.tables import LedgerEntry, StockItem, StockLevel, Warehouse


def list_warehouses(tx: Session) -> list[Warehouse]:
    return list(tx.scalars(select(Warehouse).order_by(Warehouse.priority, Warehouse.code)))


def stock_rows(
    tx: Session,
    sku: str = "",
    warehouse_code: str = "",
    only_out: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> tuple[int, list[tuple[str, str, int, int]]]:
    """Every SKU x warehouse cell (no stock row counts as 0), filtered and paged:
    (total, [(sku_code, warehouse_code, on_hand, reserved)]) ordered by code."""
    on_hand = func.coalesce(StockLevel.on_hand, 0)
    reserved = func.coalesce(StockLevel.reserved, 0)
    q = (
        select(StockItem.sku_code, Warehouse.code, on_hand, reserved)
        .select_from(StockItem)
        .join(Warehouse, true())
        .outerjoin(
            StockLevel,
            and_(StockLevel.sku_id == StockItem.sku_id, StockLevel.warehouse_id == Warehouse.id),
        )
    )
    if sku.strip():
        q = q.where(StockItem.sku_code.icontains(sku.strip(), autoescape=True))
    if warehouse_code.strip():
        q = q.where(Warehouse.code == warehouse_code.strip().upper())
    if only_out:
        q = q.where(on_hand - reserved <= 0)
    total = tx.execute(select(func.count()).select_from(q.subquery())).scalar_one()
    page = q.order_by(StockItem.sku_code, Warehouse.code).offset(offset).limit(limit)
    return int(total), [(c, w, int(o), int(r)) for c, w, o, r in tx.execute(page)]


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
