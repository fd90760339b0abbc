"""Order persistence: bulk inserts (statement count independent of line count), row-locked
loads for state changes, and owner-scoped reads (another customer's order is "not found")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from mercato.kernel.errors import NotFound
from mercato.orders import domain
from mercato.orders.adapters.tables import Adjustment, Order, OrderLine, TimelineEntry
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def not_found() -> NotFound:
    return NotFound("orders.not_found", "No such order", "number")


_ORDERS = cast(Table, Order.__table__)
_NEW_ORDER = Prepared(insert(_ORDERS).returning(_ORDERS.c.id))
_NEW_LINES = Prepared(insert(cast(Table, OrderLine.__table__)))
_NEW_EVENT = Prepared(insert(cast(Table, TimelineEntry.__table__)))
_NEW_ADJUSTMENTS = Prepared(insert(cast(Table, Adjustment.__table__)))


def insert_order(tx: AnyTx, values: dict[str, Any], lines: Sequence[dict[str, Any]]) -> int:
    # Statements built once: every checkout runs them (docs/benchmarks.md).
    order_id = int(run(tx, _NEW_ORDER, values).scalar_one())
    run(tx, _NEW_LINES, [{**line, "order_id": order_id} for line in lines])
    return order_id


def add_adjustments(tx: AnyTx, order_id: int, adjustments: Sequence[tuple[Any, str]]) -> None:
    """The pricing pipeline's adjustments (pricing.Adjustment, the label shown) of a new
    order: one statement."""
    if adjustments:
        run(tx, _NEW_ADJUSTMENTS, [
            {"order_id": order_id, "step": a.step, "source": a.source[:40],
             "label": label[:120], "amount_fen": a.amount_fen, "sku_id": a.sku_id}
            for a, label in adjustments])


def add_timeline(
    tx: AnyTx,
    order_id: int,
    kind: str,
    actor: str,
    reason: str = "",
    from_status: str = "",
    to_status: str = "",
    at: datetime | None = None,
) -> None:
    values = {
        "order_id": order_id,
        "kind": kind,
        "actor": actor[:120],
        "reason": reason,
        "from_status": from_status,
        "to_status": to_status,
        "at": at or now(),
    }
    run(tx, _NEW_EVENT, values)


def lock(tx: Session, number: str, customer_id: int | None = None) -> Order:
    """The order row, locked until commit; with customer_id, only that customer's order."""
    if not domain.valid_number(number):
        raise not_found()
    q = select(Order).where(Order.number == number).with_for_update()
    if customer_id is not None:
        q = q.where(Order.customer_id == customer_id)
    order = tx.scalars(q).first()
    if order is None:
        raise not_found()
    return order


def get_for(tx: Session, number: str, customer_id: int | None) -> Order:
    """Read an order; customer_id None means staff (any order)."""
    if not domain.valid_number(number):
        raise not_found()
    q = select(Order).where(Order.number == number)
    if customer_id is not None:
        q = q.where(Order.customer_id == customer_id)
    order = tx.scalars(q).first()
    if order is None:
        raise not_found()
    return order


def lines_of(tx: Session, order_id: int) -> list[OrderLine]:
    return list(
        tx.scalars(select(OrderLine).where(OrderLine.order_id == order_id).order_by(OrderLine.id))
    )


def expired_numbers(tx: Session, at: datetime, limit: int) -> list[str]:
    q = (
        select(Order.number)
        .where(Order.status == domain.PENDING, Order.pay_deadline < at)
        .order_by(Order.pay_deadline)
        .limit(limit)
    )
    return list(tx.scalars(q))


def line_quantities(tx: Session, order_id: int) -> list[list[int]]:
    """[[sku_id, quantity], ...] of an order's lines."""
    rows = tx.execute(
        select(OrderLine.sku_id, OrderLine.quantity).where(OrderLine.order_id == order_id)
    )
    return [[int(s), int(q)] for s, q in rows]
