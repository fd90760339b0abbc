"""Goods coming back through after-sales, and replacements going out for exchanges. Each
movement is one ledger row whose reference names the request line, so a repeated call
(a retried request, a double click) moves nothing twice."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from mercato.inventory.services import stock


def _done(tx: Session, sku_id: int, reason: str, reference: str) -> bool:
    return tx.scalar(
        select(LedgerEntry.id).where(LedgerEntry.sku_id == sku_id,
                                     LedgerEntry.reason == reason,
                                     LedgerEntry.reference == reference[:120]).limit(1)
    ) is not None


def receive_return(
    tx: Session, reference: str, sku_id: int, warehouse_id: int, quantity: int,
    restock: bool, actor: str,
) -> bool:
    """`quantity` units of `sku_id` came back to `warehouse_id`: on hand again ("return"),
    or held aside in quarantine. False when `reference` was already received."""
    reason = "return" if restock else "quarantine"
    if _done(tx, sku_id, reason, reference):
        return False
    if restock:
        stock.adjust(tx, sku_id, warehouse_id, quantity, "return", reference, actor)
        return True
    stock.get_warehouse(tx, warehouse_id)
    stock._level_row(tx, sku_id, warehouse_id)
    row = tx.execute(
        update(StockLevel)
        .where(StockLevel.sku_id == sku_id, StockLevel.warehouse_id == warehouse_id)
        .values(quarantined=StockLevel.quarantined + quantity)
        .returning(StockLevel.on_hand, StockLevel.reserved)
    ).one()
    stock._ledger(tx, sku_id, warehouse_id, 0, 0, (row[0], row[1]), reason, reference, actor)
    return True


def send_replacement(
    tx: Session, reference: str, sku_id: int, warehouse_id: int, quantity: int, actor: str
) -> bool:
    """A replacement left `warehouse_id` for an exchange: on hand drops (never below what is
    reserved: InsufficientStock). False when `reference` was already sent."""
    if _done(tx, sku_id, "exchange", reference):
        return False
    stock.adjust(tx, sku_id, warehouse_id, -quantity, "exchange", reference, actor)
    return True
