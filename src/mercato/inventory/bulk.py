"""Opening stock for many SKUs at once (demo load, go-live): one INSERT for the stock rows and
one for their ledger rows, for SKU/warehouse pairs that have no stock row yet."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, insert, select, tuple_
from sqlalchemy.orm import Session

from mercato.inventory import domain
from mercato.inventory.adapters.tables import LedgerEntry, StockItem, StockLevel, Warehouse
from mercato.kernel.errors import Conflict, DomainError


def _check(tx: Session, rows: Sequence[tuple[int, int, int]]) -> None:
    for _s, _w, qty in rows:
        domain.check_quantity(qty, "on_hand", allow_zero=True)
    skus = {s for s, _w, _q in rows}
    whs = {w for _s, w, _q in rows}
    known = {i for (i,) in tx.execute(select(StockItem.sku_id).where(StockItem.sku_id.in_(skus)))}
    wh_known = {i for (i,) in tx.execute(select(Warehouse.id).where(Warehouse.id.in_(whs)))}
    if known != skus or wh_known != whs:
        raise DomainError("inventory.unknown_sku", "Unknown SKU or warehouse", "rows")
    pairs = [(s, w) for s, w, _q in rows]
    stocked = select(StockLevel.id).where(
        tuple_(StockLevel.sku_id, StockLevel.warehouse_id).in_(pairs)
    )
    if len(set(pairs)) != len(pairs) or tx.execute(stocked.limit(1)).first():
        raise Conflict("inventory.already_stocked", "Opening stock was already recorded", "rows")


def open_stock(
    tx: Session, rows: Sequence[tuple[int, int, int]], reference: str, actor: str = ""
) -> int:
    """rows: (sku_id, warehouse_id, on_hand). Refuses pairs that already hold stock rows, so
    opening stock is never applied twice; counts after go-live use set_on_hand."""
    if not rows:
        return 0
    _check(tx, rows)
    tx.execute(
        insert(cast(Table, StockLevel.__table__)),
        [{"sku_id": s, "warehouse_id": w, "on_hand": q, "reserved": 0} for s, w, q in rows],
    )
    ledger = [
        {
            "sku_id": s,
            "warehouse_id": w,
            "delta_on_hand": q,
            "delta_reserved": 0,
            "on_hand_after": q,
            "reserved_after": 0,
            "reason": "initial",
            "reference": reference[:120],
            "actor": actor[:120],
        }
        for s, w, q in rows
    ]
    tx.execute(insert(cast(Table, LedgerEntry.__table__)), ledger)
    return len(rows)
