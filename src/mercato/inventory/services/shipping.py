"""Choosing where a paid order ships from. At checkout the units were held by warehouse
priority (fast, no address yet); once paid, the parcel should leave from the warehouse nearest
the shopper, in as few parcels as the stock allows, and never from a warehouse disabled
since. The move is a release and a hold in one transaction, rows locked first in the one
lock order (ascending id) so it queues behind checkouts instead of deadlocking."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.inventory import domain, transit
from mercato.inventory.adapters.tables import Warehouse
from mercato.inventory.services import reservations


def _days(tx: Session, province: str) -> dict[int, int]:
    out = {}
    for wh, origin in tx.execute(select(Warehouse.id, Warehouse.province)):
        d = transit.transit_days(origin, province) if origin and province else None
        out[int(wh)] = d if d is not None else 9  # unknown: after every known distance
    return out


def allocate_for_shipping(
    tx: Session, reference: str, province: str
) -> list[domain.Allocation]:
    held = reservations.held(tx, reference)
    if not held:
        return []
    wanted: Counter[int] = Counter()
    for a in held:
        wanted[a.sku_id] += a.quantity
    skus = sorted(wanted)
    seen = reservations.rows_of(tx, skus, lock=False)
    reservations.lock_in_order(tx, [r.stock_id for r in seen] + [a.stock_id for a in held])
    mine: Counter[int] = Counter()
    for a in held:
        mine[a.stock_id] += a.quantity
    rows = [
        domain.StockRow(r.stock_id, r.sku_id, r.warehouse_id, r.available + mine[r.stock_id])
        for r in reservations.rows_of(tx, skus, lock=True)
    ]
    plan = domain.nearest_plan(rows, wanted, _days(tx, province))
    if _same(plan, held):
        return held
    reservations.give_back(tx, held, reference, "release", shipped=False)
    return reservations.hold(tx, reference, plan)


def _same(a: list[domain.Allocation], b: list[domain.Allocation]) -> bool:
    def key(x: domain.Allocation) -> tuple[int, int]:
        return x.stock_id, x.quantity

    return sorted(map(key, a)) == sorted(map(key, b))
