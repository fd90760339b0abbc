"""Holding stock for orders. Every write that locks several stock rows takes them in ONE global
order, ascending stock row id, before it changes any: two writers sharing rows then queue
instead of deadlocking. Rows are allocated in Python, then moved by ONE guarded UPDATE with a
CASE per row, so the statement count does not grow with the order's lines. On PostgreSQL the
lock, the move, the ledger and the reservations are one statement (moves_pg); on SQLite, one
writer at a time, they are a few."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

from sqlalchemy import Table, bindparam, case, delete, insert, select, update
from sqlalchemy.orm import Session

from mercato.inventory import domain
from mercato.inventory.adapters.tables import LedgerEntry, Reservation, StockLevel, Warehouse
from mercato.inventory.services import moves_pg
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

# Built once (every checkout runs it): the active warehouses' rows of the SKUs, in id order,
# with what ranks their warehouse (priority, then code, then id); locked, or as they are.
_ROWS_READ = (
    select(
        StockLevel.id,
        StockLevel.sku_id,
        StockLevel.warehouse_id,
        StockLevel.on_hand - StockLevel.reserved,
        Warehouse.priority,
        Warehouse.code,
    )
    .join(Warehouse, Warehouse.id == StockLevel.warehouse_id)
    .where(Warehouse.active.is_(True), StockLevel.sku_id.in_(bindparam("ids", expanding=True)))
    .order_by(StockLevel.id)
)
_ROWS = Prepared(_ROWS_READ.with_for_update(of=StockLevel))
# PostgreSQL locks the rows of SELECT … ORDER BY … FOR UPDATE after sorting them, whatever the
# plan; a multi-row UPDATE instead locks them in the order its scan meets them (physical order
# on a sequential or bitmap scan), which is why it never takes the locks itself.
LOCK_CHUNK = 1000  # ids per statement: a large import locks its rows in a few statements
_LOCK_SQL = (
    select(StockLevel.id)
    .where(StockLevel.id.in_(bindparam("ids", expanding=True)))
    .order_by(StockLevel.id)
    .with_for_update()
)
_LOCK = Prepared(_LOCK_SQL)  # an order's few rows: compiled once per list length
_ROWS_UNLOCKED = Prepared(_ROWS_READ)
# Core INSERTs on the tables: the ORM's bulk path for entity INSERTs cost more than the writes.
_RESERVATIONS = Prepared(insert(cast(Table, Reservation.__table__)))
_LEDGER = Prepared(insert(cast(Table, LedgerEntry.__table__)))
_STOCK = cast(Table, StockLevel.__table__)


def _on_postgresql(tx: AnyTx) -> bool:
    return tx.get_bind().dialect.name == "postgresql"


def lock_in_order(tx: AnyTx, stock_ids: Sequence[int]) -> None:
    """Lock these stock rows, ascending id: the one lock order for stock rows (reserve,
    release, ship, counts and imports). SQLite runs one writer at a time: nothing to do."""
    if not stock_ids or tx.get_bind().dialect.name == "sqlite":
        return
    ids = sorted(set(stock_ids))
    for start in range(0, len(ids), LOCK_CHUNK):  # ascending chunks keep the one order
        chunk = ids[start : start + LOCK_CHUNK]
        run(tx, _LOCK if len(chunk) <= 16 else _LOCK_SQL, {"ids": chunk})


def rows_of(tx: AnyTx, sku_ids: list[int], lock: bool = True) -> list[domain.StockRow]:
    """The active warehouses' stock rows of these SKUs, best-ranked warehouse first."""
    return _locked_rows(tx, sku_ids, lock)


def _locked_rows(tx: AnyTx, sku_ids: list[int], lock: bool = True) -> list[domain.StockRow]:
    rows = list(run(tx, _ROWS if lock else _ROWS_UNLOCKED, {"ids": sku_ids}).all())
    rows.sort(key=lambda r: (r[4], r[5], r[2], r[0]))
    return [domain.StockRow(r[0], r[1], r[2], r[3]) for r in rows]


_MOVES: dict[tuple[int, bool, bool], Prepared] = {}


def _move_stmt(n: int, adding: bool, shipped: bool) -> Prepared:
    """UPDATE of n stock rows by a CASE of bound deltas, guarded so that available never goes
    below 0 when adding (nor reserved when giving back); built once per shape."""
    c = _STOCK.c
    ids = [bindparam(f"s{i}", type_=c.id.type) for i in range(n)]
    whens = [(c.id == ids[i], bindparam(f"d{i}", type_=c.reserved.type)) for i in range(n)]
    delta = case(*whens, else_=0)
    guard = c.on_hand - c.reserved >= delta if adding else c.reserved + delta >= 0
    values = {"reserved": c.reserved + delta}
    if shipped:
        values["on_hand"] = c.on_hand + delta
    return Prepared(
        update(_STOCK)
        .where(c.id.in_(ids), guard)
        .values(values)
        .returning(c.id, c.on_hand, c.reserved)
    )


def _move(
    tx: AnyTx,
    allocs: Sequence[domain.Allocation],
    sign: int,
    reason: str,
    ref: str,
    shipped: bool = False,
) -> None:
    """Change `reserved` by sign × quantity on each allocated row (and `on_hand` too when the
    units leave the warehouse), in one statement, and write the ledger in one more. Raises
    InsufficientStock if any row no longer covers it."""
    key = (len(allocs), sign > 0, shipped)
    stmt = _MOVES.get(key)
    if stmt is None:
        stmt = _MOVES[key] = _move_stmt(*key)
    params: dict[str, int] = {}
    for i, a in enumerate(allocs):
        params[f"s{i}"], params[f"d{i}"] = a.stock_id, sign * a.quantity
    ids = [a.stock_id for a in allocs]
    rows = run(tx, stmt, params).all()
    if len(rows) != len(set(ids)):
        raise domain.InsufficientStock("items")
    after = {r[0]: (r[1], r[2]) for r in rows}
    _ledger(tx, allocs, sign, reason, ref, shipped, after)


def _ledger(
    tx: AnyTx,
    allocs: Sequence[domain.Allocation],
    sign: int,
    reason: str,
    ref: str,
    shipped: bool,
    after: dict[int, tuple[int, int]],
) -> None:
    run(
        tx,
        _LEDGER,
        [
            {
                "sku_id": a.sku_id,
                "warehouse_id": a.warehouse_id,
                "delta_on_hand": sign * a.quantity if shipped else 0,
                "delta_reserved": sign * a.quantity,
                "on_hand_after": after[a.stock_id][0],
                "reserved_after": after[a.stock_id][1],
                "reason": reason,
                "reference": ref[:120],
                "actor": "",
            }
            for a in allocs
        ],
    )


def reserve_for_order(
    tx: AnyTx, reference: str, quantities: Mapping[int, int]
) -> list[domain.Allocation]:
    """Hold `quantities` (SKU id → units) for the order `reference`, all or nothing."""
    if not quantities:
        return []
    allocs = domain.allocate(_locked_rows(tx, sorted(quantities)), quantities)
    return hold(tx, reference, allocs)


def plan_reservation(tx: AnyTx, quantities: Mapping[int, int]) -> list[domain.Allocation]:
    """Where `quantities` would be taken from, by the stock as it is now (nothing locked or
    written). Raises InsufficientStock if it does not cover them."""
    if not quantities:
        return []
    return domain.allocate(_locked_rows(tx, sorted(quantities), lock=False), quantities)


def hold(
    tx: AnyTx, reference: str, allocs: Sequence[domain.Allocation]
) -> list[domain.Allocation]:
    """Reserve planned allocations for `reference`: one guarded UPDATE (a row that no longer
    covers its part fails the whole hold with InsufficientStock: roll back, plan again)."""
    if not allocs:
        return []
    if _on_postgresql(tx):
        moves_pg.move(tx, allocs, +1, "reserve", reference)
        return list(allocs)
    _move(tx, allocs, +1, "reserve", reference)
    run(
        tx,
        _RESERVATIONS,
        [
            {
                "reference": reference,
                "stock_id": a.stock_id,
                "sku_id": a.sku_id,
                "warehouse_id": a.warehouse_id,
                "quantity": a.quantity,
            }
            for a in allocs
        ],
    )
    return list(allocs)


def held(
    tx: Session, reference: str, warehouse_id: int | None = None
) -> list[domain.Allocation]:
    """The order's reservations, or those in one warehouse (they change only under the order
    row's lock, which the caller holds; their stock rows are locked by the move)."""
    r = Reservation
    query = select(r.stock_id, r.sku_id, r.warehouse_id, r.quantity).where(
        r.reference == reference
    )
    if warehouse_id is not None:
        query = query.where(r.warehouse_id == warehouse_id)
    rows = tx.execute(query.order_by(r.stock_id)).all()
    return [domain.Allocation(h[0], h[1], h[2], h[3]) for h in rows]


def release_for_order(tx: Session, reference: str) -> int:
    """Give back every unit held for `reference`; returns the units released. Running it
    again releases nothing (the reservations are gone), so a retried cancel is harmless."""
    return _give_back(tx, reference, "release", shipped=False)


def ship_for_order(tx: Session, reference: str, warehouse_id: int | None = None) -> int:
    """The order's units (or those held in one warehouse: one parcel of a split order) left
    the warehouse: on hand and reserved both drop by what was held, the ledger says "ship",
    and those reservations are done. Idempotent like release."""
    return give_back(tx, held(tx, reference, warehouse_id), reference, "ship", shipped=True)


def _give_back(tx: Session, reference: str, reason: str, shipped: bool) -> int:
    return give_back(tx, held(tx, reference), reference, reason, shipped)


def give_back(
    tx: Session, allocs: Sequence[domain.Allocation], reference: str, reason: str, shipped: bool
) -> int:
    """End these reservations of `reference`: release them, or ship them (`shipped`)."""
    if not allocs:
        return 0
    if _on_postgresql(tx):
        moves_pg.move(tx, allocs, -1, reason, reference, shipped)
    else:
        _move(tx, allocs, -1, reason, reference, shipped)
        r = Reservation
        ids = [a.stock_id for a in allocs]
        tx.execute(delete(r).where(r.reference == reference, r.stock_id.in_(ids)))
    return sum(a.quantity for a in allocs)
