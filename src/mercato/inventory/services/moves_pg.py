"""A stock move on PostgreSQL in ONE statement: lock the rows in the one order (ascending id),
move them (guarded), write their ledger rows and hold or end the order's reservations.

Stock rows are the shop's hottest locks: a row is locked from this statement until the commit,
and every statement run meanwhile costs a round trip plus the wait for the worker thread to get
the interpreter back among the others. As four statements (lock, update, ledger, reservations)
a hot SKU's row stayed locked ~40 ms under the mixed bench (orders and cancels over 6 shared
SKUs, p95 1.3 s); as one, the lock lasts this statement and the commit (docs/benchmarks.md).
SQLite has no row locks and no data-modifying WITH: it keeps the statements of reservations.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import (
    Integer,
    String,
    Table,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)

from mercato.inventory import domain
from mercato.inventory.adapters.tables import LedgerEntry, Reservation, StockLevel
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

_STOCK = cast(Table, StockLevel.__table__)
_LEDGER = cast(Table, LedgerEntry.__table__)
_RESERVATIONS = cast(Table, Reservation.__table__)
_LEDGER_COLUMNS = [
    "sku_id",
    "warehouse_id",
    "delta_on_hand",
    "delta_reserved",
    "on_hand_after",
    "reserved_after",
    "reason",
    "reference",
    "actor",
]
_BUILT: dict[tuple[int, bool, bool], Prepared] = {}


def _moved(n: int, adding: bool, shipped: bool) -> Any:
    c = _STOCK.c
    ids = [bindparam(f"s{i}", type_=Integer) for i in range(n)]
    delta = case(*[(c.id == ids[i], bindparam(f"d{i}", type_=Integer)) for i in range(n)], else_=0)
    # Materialised, so the rows are locked once, in this order, whatever the plan.
    locked = (
        select(c.id).where(c.id.in_(ids)).order_by(c.id).with_for_update().cte("locked")
    ).prefix_with("MATERIALIZED")
    guard = c.on_hand - c.reserved >= delta if adding else c.reserved + delta >= 0
    values = {"reserved": c.reserved + delta}
    if shipped:
        values["on_hand"] = c.on_hand + delta
    return (
        update(_STOCK)
        .where(c.id == locked.c.id, guard)
        .values(values)
        .returning(c.id, c.sku_id, c.warehouse_id, c.on_hand, c.reserved, delta.label("delta"))
        .cte("moved")
    )


def _statement(n: int, adding: bool, shipped: bool) -> Prepared:
    moved = _moved(n, adding, shipped)
    m = moved.c
    reason, ref = bindparam("reason", type_=String), bindparam("ref", type_=String)
    ledger = insert(_LEDGER).from_select(
        _LEDGER_COLUMNS,
        select(
            m.sku_id,
            m.warehouse_id,
            m.delta if shipped else literal(0, Integer),
            m.delta,
            m.on_hand,
            m.reserved,
            reason,
            ref,
            literal("", String),
        ),
    )
    held: Any
    if adding:  # holding: the reservations are the moved rows
        cols = ["reference", "stock_id", "sku_id", "warehouse_id", "quantity"]
        held = insert(_RESERVATIONS).from_select(
            cols, select(ref, m.id, m.sku_id, m.warehouse_id, m.delta)
        )
    else:  # released or shipped: the order no longer holds these rows (a split order's
        # other warehouse may still hold its part)
        r = _RESERVATIONS.c
        held = delete(_RESERVATIONS).where(r.reference == ref, r.stock_id.in_(select(m.id)))
    query = select(func.count()).select_from(moved)
    return Prepared(query.add_cte(ledger.cte("ledger"), held.cte("held")))


def move(
    tx: AnyTx,
    allocs: Sequence[domain.Allocation],
    sign: int,
    reason: str,
    ref: str,
    shipped: bool = False,
) -> None:
    """Reserve (+1) or give back (-1, with `shipped` when the units leave) the allocated
    units for order `ref`, in one statement; InsufficientStock if any row no longer covers
    its part (nothing is then kept: the caller's transaction must roll back)."""
    key = (len(allocs), sign > 0, shipped)
    stmt = _BUILT.get(key)
    if stmt is None:
        stmt = _BUILT[key] = _statement(*key)
    params: dict[str, Any] = {"reason": reason, "ref": ref[:120]}
    for i, a in enumerate(allocs):
        params[f"s{i}"], params[f"d{i}"] = a.stock_id, sign * a.quantity
    if run(tx, stmt, params).scalar() != len({a.stock_id for a in allocs}):
        raise domain.InsufficientStock("items")
