"""Read models of the admin home (the dashboard): the sales of paid orders per period and per
local day, what waits for the shop (orders to ship, refunds still owed) and the units and
money per SKU sold. A fixed number of statements, whatever the number of orders.

Every range is [start, end) in stored time (naive UTC), worked out by the caller from the
shop's local days (mercato.platform.clock), so no statement needs a time-zone function: the
same SQL runs on SQLite and PostgreSQL. GMV is the total of the orders PAID in the range
(paid_at), whatever happened to them afterwards (a later refund does not unsell them)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from itertools import pairwise
from typing import Any, cast

from sqlalchemy import (
    Select,
    Table,
    bindparam,
    case,
    distinct,
    func,
    literal_column,
    select,
    text,
    union_all,
)

from mercato.orders import domain
from mercato.orders.adapters.tables import Order, OrderLine, TimelineEntry
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

# The timeline's refund entries (services.payment_records.REFUND): written as a literal, so
# that both databases see the predicate of the partial index ix_orders_timeline_refund.
_REFUND_ENTRIES = text("orders_timeline.kind = 'refund'")


@dataclass(frozen=True, slots=True)
class Window:
    start: datetime
    end: datetime


@dataclass(frozen=True, slots=True)
class Figures:
    """Paid orders in a window: their totals (fen), how many, and how many customers paid
    (each counted once, however many orders they paid)."""

    gmv_fen: int
    orders: int
    customers: int

    @property
    def average_fen(self) -> int:
        """Average order value, rounded half up to the fen; 0 without orders."""
        return (2 * self.gmv_fen + self.orders) // (2 * self.orders) if self.orders else 0


@dataclass(frozen=True, slots=True)
class SkuSales:
    product_id: int
    sku_id: int
    units: int
    gmv_fen: int  # the lines' totals: what the SKU brought in, before shipping


_ORDERS = cast(Table, Order.__table__)
_LINES = cast(Table, OrderLine.__table__)
_TIMELINE = cast(Table, TimelineEntry.__table__)


def _arm(i: int, *columns: Any) -> Select[Any]:
    """One range's aggregate: [s<i>, e<i>) of paid_at (named binds), numbered by a constant."""
    paid = _ORDERS.c.paid_at
    return select(literal_column(str(i)), *columns).where(
        paid >= bindparam(f"s{i}"), paid < bindparam(f"e{i}")
    )


# Built once per number of ranges: compiling a 30-arm statement cost more than running it.
@cache
def _figures(n: int) -> Prepared:
    o = _ORDERS.c
    columns = (
        func.coalesce(func.sum(o.total_fen), 0),
        func.count(),
        func.count(distinct(o.customer_id)),
    )
    return Prepared(union_all(*(_arm(i, *columns) for i in range(n))))


@cache
def _per_range(n: int) -> Prepared:
    columns = (func.coalesce(func.sum(_ORDERS.c.total_fen), 0), func.count())
    return Prepared(union_all(*(_arm(i, *columns) for i in range(n))))


def _params(windows: Sequence[Window]) -> dict[str, datetime]:
    out = {}
    for i, w in enumerate(windows):
        out[f"s{i}"], out[f"e{i}"] = w.start, w.end
    return out


def figures(tx: AnyTx, windows: Mapping[str, Window]) -> dict[str, Figures]:
    """Figures of each window (they may overlap) in ONE statement: a UNION ALL of one
    aggregate per window, each an index range scan of ix_orders_order_paid alone (no table
    row is read), so each window costs what it holds."""
    if not windows:
        return {}
    rows = run(tx, _figures(len(windows)), _params(list(windows.values())))
    found = {int(i): Figures(int(g), int(n), int(c)) for i, g, n, c in rows}
    return {key: found.get(i, Figures(0, 0, 0)) for i, key in enumerate(windows)}


def per_range(tx: AnyTx, bounds: Sequence[datetime]) -> list[tuple[int, int]]:
    """(GMV fen, paid orders) of each consecutive range [bounds[i], bounds[i + 1]) — the local
    days of a chart, worked out in Python. One statement: a UNION ALL of one aggregate per
    range, each an index range scan (no CASE per row, no time-zone function)."""
    ranges = [Window(a, b) for a, b in pairwise(bounds)]
    if not ranges:
        return []
    out = [(0, 0)] * len(ranges)
    for i, gmv, orders in run(tx, _per_range(len(ranges)), _params(ranges)):
        out[int(i)] = (int(gmv), int(orders))
    return out


_WAITING = (domain.PENDING, domain.PAID, domain.PICKING)
_WAITING_Q = Prepared(
    select(_ORDERS.c.status, func.count())
    .where(_ORDERS.c.status.in_(bindparam("statuses", expanding=True)))
    .group_by(_ORDERS.c.status)
)


def waiting(tx: AnyTx) -> dict[str, int]:
    """Orders per status among those waiting for someone: to pay, to ship, being picked.
    One statement on ix_orders_order_status_deadline."""
    found = {status: int(n) for status, n in run(tx, _WAITING_Q, {"statuses": list(_WAITING)})}
    return {status: found.get(status, 0) for status in _WAITING}


def _owed() -> Select[Any]:
    t = _TIMELINE.c
    done = func.max(case((t.to_status == "refunded", 1), else_=0))
    owed = (
        select(t.order_id)
        .where(_REFUND_ENTRIES)
        .group_by(t.order_id, t.reason)
        .having(done == 0)
        .subquery()
    )
    return select(func.count()).select_from(owed)


_OWED = Prepared(_owed())


def refunds_owed(tx: AnyTx) -> int:
    """Refunds payments has told the orders about that have not reached "refunded" (owed,
    at the provider, or refused by it and waiting for a person): one per payment, from the
    orders' own timelines (orders never read payments' tables). One statement on the
    partial index ix_orders_timeline_refund."""
    return int(run(tx, _OWED).scalar() or 0)


def _sku_sales() -> Select[Any]:
    line, paid = _LINES.c, _ORDERS.c.paid_at
    units = func.sum(line.quantity)
    return (
        select(line.product_id, line.sku_id, units, func.sum(line.line_total_fen))
        .join(_ORDERS, _ORDERS.c.id == line.order_id)
        .where(paid >= bindparam("start"), paid < bindparam("end"))
        .group_by(line.product_id, line.sku_id)
        .order_by(units.desc(), line.sku_id)
    )


_SKU_SALES = Prepared(_sku_sales())


def sku_sales(tx: AnyTx, window: Window) -> list[SkuSales]:
    """Units and line totals per SKU of the orders paid in `window`, most units first. One
    statement: the window's paid orders (ix_orders_order_paid) joined to their lines, read
    from ix_orders_line_sales alone."""
    rows = run(tx, _SKU_SALES, {"start": window.start, "end": window.end})
    return [SkuSales(int(p), int(s), int(u), int(g or 0)) for p, s, u, g in rows]
