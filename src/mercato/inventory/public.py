"""What other contexts may ask of inventory. Functions take the caller's transaction first
and return plain values or frozen dataclasses."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from mercato.inventory import services, transit
from mercato.inventory.adapters.tables import StockItem, StockLevel, Warehouse
from mercato.inventory.domain import (
    MAX_QTY,
    Allocation,
    CountProblem,
    CountsRefused,
    InsufficientStock,
)
from mercato.inventory.services import counts as counts_service
from mercato.inventory.services import reservations, returns, shipping
from mercato.inventory.transit import CUTOFF, Estimate
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

__all__ = [
    "CUTOFF",
    "MAX_QTY",
    "Allocation",
    "CountProblem",
    "CountsRefused",
    "Estimate",
    "InsufficientStock",
]


@dataclass(frozen=True, slots=True)
class WarehouseView:
    id: int
    code: str
    name_zh: str
    name_en: str
    region: str
    active: bool
    province: str = ""
    address: str = ""


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
_SELLABLE = StockLevel.on_hand - StockLevel.reserved
_AVAILABLE = Prepared(
    select(StockLevel.sku_id, func.sum(_SELLABLE))
    .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
    .where(StockLevel.sku_id.in_(bindparam("ids", expanding=True)), Warehouse.active.is_(True))
    .group_by(StockLevel.sku_id)
)


_BY_PROVINCE = Prepared(
    select(StockLevel.sku_id, Warehouse.province, func.sum(_SELLABLE))
    .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
    .where(StockLevel.sku_id.in_(bindparam("ids", expanding=True)), Warehouse.active.is_(True))
    .group_by(StockLevel.sku_id, Warehouse.province)
)


def sellable_by_province(tx: AnyTx, sku_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Sellable units per SKU id and warehouse province ("" for warehouses without one), over
    active warehouses, in one query: `available` and where the units are, at the cost of one.
    Every SKU asked maps to a dict, empty when nothing is sellable."""
    ids = list(set(sku_ids))
    out: dict[int, dict[str, int]] = {i: {} for i in ids}
    if ids:
        for sku_id, province, qty in run(tx, _BY_PROVINCE, {"ids": ids}):
            if int(qty or 0) > 0:
                out[sku_id][province] = int(qty)
    return out


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


def ship_for_order(tx: Session, reference: str, warehouse_id: int | None = None) -> int:
    """The order (or its parcel from one warehouse) was shipped: those reserved units leave
    stock for good (on hand and reserved drop, ledger "ship"). Returns the units; idempotent."""
    return reservations.ship_for_order(tx, reference, warehouse_id)


def allocate_for_shipping(tx: Session, reference: str, province: str) -> list[Allocation]:
    """Where the paid order `reference` ships from: its held units moved, if need be, to the
    active warehouse nearest `province` that holds the whole order, else per SKU to the
    nearest that holds it, else split nearest first (rows locked in the one order). Returns
    the final allocations (one parcel per warehouse); [] if it holds nothing. Raises
    InsufficientStock when active warehouses cannot cover what it holds (one disabled)."""
    return shipping.allocate_for_shipping(tx, reference, province)


def warehouses(tx: Session) -> list[WarehouseView]:
    """All warehouses, by priority then code."""
    rows = tx.scalars(select(Warehouse).order_by(Warehouse.priority, Warehouse.code))
    return [
        WarehouseView(
            w.id, w.code, w.name_zh, w.name_en, w.region, w.active, w.province, w.address
        )
        for w in rows
    ]


def home_province(tx: AnyTx) -> str | None:
    """The province of the shop's first active warehouse that has one (by priority, then
    code): where a shopper who told us nothing is assumed to be. One query."""
    q = (
        select(Warehouse.province)
        .where(Warehouse.active.is_(True), Warehouse.province != "")
        .order_by(Warehouse.priority, Warehouse.code)
        .limit(1)
    )
    return run(tx, q).scalar()


def delivery_estimate(origins: Iterable[str], dest: str, now: datetime) -> Estimate | None:
    """When goods held in `origins` (warehouse provinces, from `sellable_by_province`) would
    reach province `dest` if paid at `now` (shop-local): the days-by-distance table and the
    16:00 same-day cut-off of `inventory.transit`. None when nothing can be said."""
    return transit.estimate(origins, dest, now)


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


def sku_codes(tx: AnyTx | Session, sku_ids: Iterable[int]) -> dict[int, str]:
    """SKU codes by SKU id for the ids inventory knows (a packing slip, a pick list)."""
    ids = list(set(sku_ids))
    if not ids:
        return {}
    q = select(StockItem.sku_id, StockItem.sku_code).where(StockItem.sku_id.in_(ids))
    return {int(i): str(c) for i, c in run(tx, q)}


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


# Stock per SKU and warehouse for the admin's stock and bulk-edit pages (catalogue context).
def stock_levels(tx: Session, sku_ids: Iterable[int]) -> dict[tuple[int, int], tuple[int, int]]:
    """(on hand, reserved) per (SKU id, warehouse id) that has a stock row, in one query; a
    pair without a row holds nothing."""
    return counts_service.stock_levels(tx, sku_ids)


def count_problems(
    tx: Session, counts: Mapping[tuple[int, int], int]
) -> dict[tuple[int, int], CountProblem]:
    """What `set_counts` would refuse, without writing: three queries."""
    return counts_service.count_problems(tx, counts)


def set_counts(
    tx: Session, counts: Mapping[tuple[int, int], int], actor: str, reference: str = ""
) -> int:
    """Set several on-hand counts at once, all or nothing: each changed one through the stock
    services (ledger reason "count", the staff member as actor), rows locked in the one lock
    order first. Raises CountsRefused listing every refused count (the caller's transaction
    must then roll back). Returns how many figures changed."""
    return counts_service.set_counts(tx, counts, actor, reference)


def receive_return(
    tx: Session, reference: str, sku_id: int, warehouse_id: int, quantity: int,
    restock: bool, actor: str,
) -> bool:
    """Units came back through after-sales to `warehouse_id`: on hand again (ledger
    "return") when `restock`, else held aside in quarantine (ledger "quarantine", not
    sellable). `reference` names the request line: a repeat moves nothing and returns False."""
    return returns.receive_return(tx, reference, sku_id, warehouse_id, quantity, restock, actor)


def send_replacement(
    tx: Session, reference: str, sku_id: int, warehouse_id: int, quantity: int, actor: str
) -> bool:
    """An exchange's replacement left `warehouse_id` (ledger "exchange"); InsufficientStock
    when the free units are not there; False for a repeated `reference`."""
    return returns.send_replacement(tx, reference, sku_id, warehouse_id, quantity, actor)
