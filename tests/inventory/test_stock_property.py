"""Property: whatever sequence of adjustments, counts and reservations is tried, stock never
goes negative, reserved never exceeds on hand, and the ledger adds up to the current figures."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from mercato.inventory import services
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from mercato.kernel.errors import DomainError
from tests.factories import base_taxonomy, make_product

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("adjust"), st.integers(-30, 30), st.integers(0, 1)),
        st.tuples(st.just("reserve"), st.integers(-2, 25), st.integers(0, 1)),
        st.tuples(st.just("set"), st.integers(-2, 40), st.integers(0, 1)),
    ),
    max_size=25,
)


def _apply(tx, op: str, qty: int, sku: int, wh: int) -> None:
    if op == "adjust":
        services.adjust(tx, sku, wh, qty, "adjust", "prop", "hypothesis")
    elif op == "reserve":
        services.reserve(tx, sku, wh, qty, "prop")
    else:
        services.set_on_hand(tx, sku, wh, qty, "count", "prop")


def _expected(op: str, qty: int, on_hand: int, reserved: int) -> tuple[int, int]:
    """The rule, written plainly: a change that would break it is refused (no change)."""
    if op == "adjust" and qty != 0 and on_hand + qty >= reserved:
        return on_hand + qty, reserved
    if op == "reserve" and qty > 0 and on_hand - reserved >= qty:
        return on_hand, reserved + qty
    if op == "set" and qty >= reserved:
        return qty, reserved
    return on_hand, reserved


def _figures(tx, sku: int, wh: int) -> tuple[tuple[int, int], tuple[int, int]]:
    level = tx.execute(
        select(StockLevel.on_hand, StockLevel.reserved).where(
            StockLevel.sku_id == sku, StockLevel.warehouse_id == wh
        )
    ).first()
    sums = tx.execute(
        select(
            func.coalesce(func.sum(LedgerEntry.delta_on_hand), 0),
            func.coalesce(func.sum(LedgerEntry.delta_reserved), 0),
        ).where(LedgerEntry.sku_id == sku, LedgerEntry.warehouse_id == wh)
    ).one()
    return (tuple(level) if level else (0, 0)), (sums[0], sums[1])


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(ops=OPS)
def test_random_stock_operations_keep_the_invariants(db, ops):
    tx = db.sessions()
    try:
        t = base_taxonomy(tx)
        other = services.create_warehouse(tx, "BJ", "北京仓", "Beijing").id
        sku = make_product(
            tx,
            t,
            "p",
            "商品",
            "Item",
            [("P-1", 100, [])],
            category="cups",
            stock_qty=0,
            activate=False,
        )["skus"][0]
        whs = (t["warehouse"], other)
        model = {w: (0, 0) for w in whs}
        for op, qty, which in ops:
            wh = whs[which]
            with contextlib.suppress(DomainError):
                _apply(tx, op, qty, sku, wh)
            model[wh] = _expected(op, qty, *model[wh])
            for w in whs:
                level, ledger = _figures(tx, sku, w)
                assert level == model[w]
                assert level[0] >= level[1] >= 0
                assert ledger == level
    finally:
        tx.rollback()
        tx.close()
