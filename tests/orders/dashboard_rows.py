"""Orders written as rows for the dashboard's read-model tests: exact totals, customers and
payment times (stored UTC, given here in Shanghai time), so every figure can be worked out by
hand. The small shop's SKUs (tests/factories.py) are the lines, so stock is real."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert
from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Order, OrderLine

SHANGHAI = ZoneInfo("Asia/Shanghai")
_numbers = count(1)


def utc(local: str) -> datetime:
    """'2026-03-10 14:00' in Shanghai time, as stored (naive UTC)."""
    at = datetime.fromisoformat(local).replace(tzinfo=SHANGHAI)
    return at.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)


def add_order(
    tx: Session,
    customer_id: int,
    total_fen: int,
    paid: str | None,
    status: str,
    lines: list[tuple[int, int, int, int]],
    placed: str | None = None,
) -> str:
    """An order paid at local time `paid` (None: unpaid); lines are (product id, SKU id,
    quantity, line total fen). Returns its number."""
    paid_at = utc(paid) if paid else None
    placed_at = paid_at - timedelta(minutes=3) if paid_at else utc(placed or "2026-03-10 00:00")
    number = f"260301{next(_numbers):010d}"
    values: dict[str, Any] = {
        "number": number,
        "customer_id": customer_id,
        "status": status,
        "currency": "CNY",
        "item_count": sum(q for _p, _s, q, _t in lines),
        "subtotal_fen": total_fen,
        "shipping_fen": 0,
        "discount_fen": 0,
        "total_fen": total_fen,
        "weight_g": 0,
        "shipping_code": "std",
        "shipping_name": "Standard",
        "recipient": "王小明",
        "phone": "13912345678",
        "province": "上海市",
        "city": "上海市",
        "district": "浦东新区",
        "street": "世纪大道100号",
        "placed_at": placed_at,
        "pay_deadline": placed_at + timedelta(minutes=30),
        "paid_at": paid_at,
        "paid_fen": total_fen if paid_at else 0,
        "updated_at": paid_at or placed_at,
    }
    order_id = tx.execute(insert(Order).values(values).returning(Order.id)).scalar_one()
    rows = [
        {
            "order_id": order_id,
            "product_id": p,
            "sku_id": s,
            "product_slug": f"p{p}",
            "name": f"Product {p}",
            "unit_price_fen": t // q,
            "quantity": q,
            "line_total_fen": t,
        }
        for p, s, q, t in lines
    ]
    tx.execute(insert(OrderLine), rows)
    return number
