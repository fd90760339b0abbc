"""Units sold per SKU in consecutive ranges of payment time, for the data centre's forecast:
one statement whatever the number of orders or ranges.

The ranges are [bounds[i], bounds[i + 1]) in stored time (naive UTC), worked out by the
caller from the shop's local weeks (mercato.platform.clock), so no statement needs a time-zone
or date function: the same SQL runs on SQLite and PostgreSQL. A sale is a line of an order
PAID in the range that was neither cancelled nor closed (closed: paid, then given back
whole); units given back later through after-sales stay sold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import cache
from itertools import pairwise
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, func, literal_column, select, union_all

from mercato.orders import domain
from mercato.orders.adapters.tables import Order, OrderLine
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

_ORDERS = cast(Table, Order.__table__)
_LINES = cast(Table, OrderLine.__table__)
# Constants written into the statement (no bind to pass): an order given back whole sold nothing.
_UNSOLD = _ORDERS.c.status.not_in([literal_column(f"'{s}'")
                                   for s in (domain.CANCELLED, domain.CLOSED)])


def _arm(i: int) -> Select[Any]:
    """Range i's units per SKU: [b<i>, b<i+1>) of paid_at (ranges share their bounds' binds),
    an index range scan of ix_orders_order_paid joined to ix_orders_line_sales."""
    line, paid = _LINES.c, _ORDERS.c.paid_at
    return (
        select(literal_column(str(i)), line.sku_id, func.sum(line.quantity))
        .join(_ORDERS, _ORDERS.c.id == line.order_id)
        .where(paid >= bindparam(f"b{i}"), paid < bindparam(f"b{i + 1}"), _UNSOLD)
        .group_by(line.sku_id)
    )


# Built once per number of ranges: compiling a 150-arm statement costs more than running it.
@cache
def _units(n: int) -> Prepared:
    return Prepared(union_all(*(_arm(i) for i in range(n))))


def units_per_range(tx: AnyTx, bounds: Sequence[datetime]) -> list[tuple[int, int, int]]:
    """(range index, SKU id, units) for each range [bounds[i], bounds[i + 1]) and SKU sold
    in it; ranges and SKUs without sales give no row. One statement: a UNION ALL of one
    aggregate per range (no CASE per row, no time-zone function)."""
    if len(bounds) < 2:
        return []
    for a, b in pairwise(bounds):
        if not a < b:
            raise ValueError("bounds must increase")
    params = {f"b{i}": at for i, at in enumerate(bounds)}
    rows = run(tx, _units(len(bounds) - 1), params)
    return [(int(i), int(sku), int(units)) for i, sku, units in rows]
