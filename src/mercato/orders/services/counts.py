"""The customer's orders at a glance, for members' account page (我的): how many await
payment (待付款), shipping (待发货: paid or being packed) and delivery (待收货: shipped), and
the latest few orders with their first pictures. Three indexed statements."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.members import public as members
from mercato.orders import domain
from mercato.orders.adapters.tables import Order, OrderLine

RECENT = 3
PICTURES = 3


def _counts(tx: Session, customer_id: int) -> dict[str, int]:
    stmt = (
        select(Order.status, func.count())
        .where(Order.customer_id == customer_id)
        .where(Order.status.in_([domain.PENDING, domain.PAID, domain.PICKING, domain.SHIPPED]))
        .group_by(Order.status)
    )
    return {status: int(n) for status, n in tx.execute(stmt).all()}


def _recent(tx: Session, customer_id: int, limit: int) -> tuple[members.RecentOrder, ...]:
    orders = list(
        tx.scalars(
            select(Order)
            .where(Order.customer_id == customer_id)
            .order_by(Order.id.desc())
            .limit(limit)
        )
    )
    lines: dict[int, list[OrderLine]] = {o.id: [] for o in orders}
    if orders:
        stmt = select(OrderLine).where(OrderLine.order_id.in_(list(lines))).order_by(OrderLine.id)
        for line in tx.scalars(stmt):
            lines[line.order_id].append(line)
    return tuple(
        members.RecentOrder(
            o.number,
            o.status,
            o.placed_at,
            o.total_fen,
            o.item_count,
            lines[o.id][0].name if lines[o.id] else o.number,
            tuple(x.image for x in lines[o.id][:PICTURES] if x.image),
        )
        for o in orders
    )


def orders_overview(tx: Session, customer_id: int) -> members.OrdersOverview:
    """After-sales does not exist yet: its count is None."""
    counts = _counts(tx, customer_id)

    def tab(name: str) -> int:  # the same groups as the tabs of 我的订单
        return sum(counts.get(s, 0) for s in domain.SHOPPER_TABS[name])

    return members.OrdersOverview(
        to_pay=tab("to_pay"),
        to_ship=tab("to_ship"),
        to_receive=tab("to_receive"),
        after_sales=None,
        recent=_recent(tx, customer_id, RECENT),
    )
