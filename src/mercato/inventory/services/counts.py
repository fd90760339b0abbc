"""Counts set in bulk (the admin's stock and bulk-edit pages): checked first, then written
all or nothing, rows locked in the one lock order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.inventory import services
from mercato.inventory.adapters.tables import StockItem, StockLevel, Warehouse
from mercato.inventory.domain import MAX_QTY, CountProblem, CountsRefused, InsufficientStock
from mercato.inventory.services import reservations


def stock_levels(tx: Session, sku_ids: Iterable[int]) -> dict[tuple[int, int], tuple[int, int]]:
    ids = list(set(sku_ids))
    if not ids:
        return {}
    q = select(
        StockLevel.sku_id, StockLevel.warehouse_id, StockLevel.on_hand, StockLevel.reserved
    ).where(StockLevel.sku_id.in_(ids))
    return {(s, w): (int(o), int(r)) for s, w, o, r in tx.execute(q)}


def count_problems(
    tx: Session, counts: Mapping[tuple[int, int], int]
) -> dict[tuple[int, int], CountProblem]:
    if not counts:
        return {}
    skus = {s for s, _w in counts}
    known = set(tx.scalars(select(StockItem.sku_id).where(StockItem.sku_id.in_(skus))))
    houses = set(tx.scalars(select(Warehouse.id)))
    levels = stock_levels(tx, skus)
    out: dict[tuple[int, int], CountProblem] = {}
    for (sku_id, wh), qty in counts.items():
        reserved = levels.get((sku_id, wh), (0, 0))[1]
        if sku_id not in known or wh not in houses:
            out[(sku_id, wh)] = CountProblem("unknown")
        elif isinstance(qty, bool) or not isinstance(qty, int) or not 0 <= qty <= MAX_QTY:
            out[(sku_id, wh)] = CountProblem("range")
        elif qty < reserved:
            out[(sku_id, wh)] = CountProblem("below_reserved", reserved)
    return out


def set_counts(
    tx: Session, counts: Mapping[tuple[int, int], int], actor: str, reference: str = ""
) -> int:
    problems = count_problems(tx, counts)
    if problems:
        raise CountsRefused(problems)
    levels = stock_levels(tx, {s for s, _w in counts})
    rows = tx.execute(
        select(StockLevel.id, StockLevel.sku_id, StockLevel.warehouse_id).where(
            StockLevel.sku_id.in_({s for s, _w in counts})
        )
    ).all()
    reservations.lock_in_order(tx, sorted(i for i, s, w in rows if (s, w) in counts))
    changed = 0
    for (sku_id, wh), qty in sorted(counts.items()):
        if levels.get((sku_id, wh), (0, 0))[0] == qty:
            continue
        try:
            services.set_on_hand(tx, sku_id, wh, qty, "count", reference, actor)
        except InsufficientStock as exc:  # an order held more units since the check
            now = stock_levels(tx, [sku_id]).get((sku_id, wh), (0, 0))[1]
            raise CountsRefused({(sku_id, wh): CountProblem("below_reserved", now)}) from exc
        changed += 1
    return changed
