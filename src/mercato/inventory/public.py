"""What other contexts may ask of inventory. Functions take the caller's transaction first
and return plain values or frozen dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from mercato.inventory import services
from mercato.inventory.adapters.tables import StockItem, StockLevel, Warehouse
from mercato.inventory.domain import Allocation, InsufficientStock
from mercato.inventory.services import reservations
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

__all__ = ["Allocation", "InsufficientStock"]


@dataclass(frozen=True, slots=True)
class WarehouseView:
    id: int
    code: str
    name_zh: str
    name_en: str
    region: str
    active: bool


def register_sku(tx: Session, sku_id: int, code: str) -> None:
    """Called by the catalogue when a SKU is created, so stock can be kept for it."""
    services.register_sku(tx, sku_id, code)


def rename_sku(tx: Session, sku_id: int, code: str) -> None:
    """Keep inventory's copy of the SKU code in step with the catalogue."""
    services.rename_sku(tx, sku_id, code)


def forget_sku(tx: Session, sku_id: int) -> None:
    """Drop a deleted SKU's stock; refused while units are reserved for orders."""
    services.forget_sku(tx, sku_id)


# Built once: compiling the statement per call cost more than running it.
_AVAILABLE = Prepared(
    select(StockLevel.sku_id, func.sum(StockLevel.on_hand - StockLevel.reserved))
    .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
    .where(StockLevel.sku_id.in_(bindparam("ids", expanding=True)), Warehouse.active.is_(True))
    .group_by(StockLevel.sku_id)
)


def available(tx: AnyTx, sku_ids: Iterable[int]) -> dict[int, int]:
    """Sellable units (on hand minus reserved, over active warehouses) per SKU id, in one query.
    SKUs without stock rows map to 0."""
    ids = list(set(sku_ids))
    if not ids:
        return {}
    out = dict.fromkeys(ids, 0)
    for sku_id, qty in run(tx, _AVAILABLE, {"ids": ids}):
        out[sku_id] = max(int(qty or 0), 0)
    return out


def reserve_for_order(tx: AnyTx, reference: str, quantities: Mapping[int, int]) -> None:
    """Hold units for an order, all or nothing: `quantities` maps SKU id → units. Rows are
    locked in id order and written with one conditional UPDATE, so concurrent orders never
    oversell. Raises InsufficientStock (409, `inventory.insufficient_stock`, with `.sku_id`)
    when any SKU cannot be covered; the caller's transaction must then roll back."""
    reservations.reserve_for_order(tx, reference, quantities)


def plan_reservation(tx: AnyTx, quantities: Mapping[int, int]) -> list[Allocation]:
    """Where an order's units would come from, by the stock as it is now (reads only, no
    lock): pass it to `hold` in the write. Raises InsufficientStock when stock falls short."""
    return reservations.plan_reservation(tx, quantities)


def hold(tx: AnyTx, reference: str, allocations: Sequence[Allocation]) -> None:
    """Reserve planned allocations for the order `reference` with one conditional UPDATE
    (never oversells). Raises InsufficientStock if a row no longer covers its part since the
    plan; the caller's transaction must then roll back (and may plan again)."""
    reservations.hold(tx, reference, allocations)


def release_for_order(tx: Session, reference: str) -> int:
    """Give back everything held for the order `reference` (cancelled or timed out); returns
    the units released. Idempotent: a second call releases nothing."""
    return reservations.release_for_order(tx, reference)


def ship_for_order(tx: Session, reference: str) -> int:
    """The order was shipped: its reserved units leave stock for good (on hand and reserved
    both drop, ledger reason "ship"). Returns the units; idempotent."""
    return reservations.ship_for_order(tx, reference)


def warehouses(tx: Session) -> list[WarehouseView]:
    """All warehouses, by priority then code."""
    rows = tx.scalars(select(Warehouse).order_by(Warehouse.priority, Warehouse.code))
    return [WarehouseView(w.id, w.code, w.name_zh, w.name_en, w.region, w.active) for w in rows]


def set_stock(
    tx: Session,
    sku_id: int,
    warehouse_id: int,
    on_hand: int,
    reason: str = "count",
    reference: str = "",
    actor: str = "",
) -> tuple[int, int]:
    """Set on-hand units of a SKU in a warehouse (a count); returns (on_hand, reserved)."""
    return services.set_on_hand(tx, sku_id, warehouse_id, on_hand, reason, reference, actor)


def sku_ids_for_codes(tx: Session, codes: Iterable[str]) -> dict[str, int]:
    """SKU ids by code for the codes inventory knows."""
    cs = list(set(codes))
    if not cs:
        return {}
    q = select(StockItem.sku_code, StockItem.sku_id).where(StockItem.sku_code.in_(cs))
    return {c: i for c, i in tx.execute(q)}


# CSV import/export, for the admin import page (catalogue context) and the CLI.
from collections.abc import Callable  # noqa: E402

from mercato.kernel.csvreport import ImportReport  # noqa: E402


def import_stock_csv(
    tx: Session,
    data: bytes,
    *,
    skip_errors: bool = False,
    progress: Callable[[int, int], None] | None = None,
    actor: str = "",
) -> ImportReport:
    """Set on-hand counts from a CSV (sku_code, warehouse_code, on_hand); every bad row is
    reported, and with errors and skip_errors off nothing is kept. See inventory.csv_io."""
    from mercato.inventory import csv_io

    return csv_io.import_stock(tx, data, skip_errors=skip_errors, progress=progress, actor=actor)


def export_stock_csv(tx: Session) -> bytes:
    """Every stock row as UTF-8 CSV: sku_code, warehouse_code, on_hand, reserved, available."""
    from mercato.inventory import csv_io

    return csv_io.export_stock(tx)
