"""Orders written straight into the orders tables, for the account page's tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Order, OrderLine


def add_order(
    tx: Session,
    customer_id: int,
    number: str,
    status: str,
    at: datetime,
    images: int = 1,
    names: tuple[str, ...] = (),
    total_fen: int = 5000,
) -> Order:
    order = Order(
        number=number,
        customer_id=customer_id,
        status=status,
        currency="CNY",
        item_count=images,
        subtotal_fen=total_fen,
        shipping_fen=0,
        discount_fen=0,
        total_fen=total_fen,
        shipping_code="std",
        shipping_name="Standard",
        recipient="王小明",
        phone="13912345678",
        province="上海市",
        city="上海市",
        district="浦东新区",
        street="世纪大道100号",
        placed_at=at,
        pay_deadline=at + timedelta(minutes=30),
        updated_at=at,
    )
    tx.add(order)
    tx.flush()
    for i in range(images):
        tx.add(
            OrderLine(
                order_id=order.id,
                sku_id=1,
                product_id=1,
                product_slug="p",
                name=names[i % len(names)] if names else f"商品 {number}-{i}",
                image=f"/media/{number}-{i}.svg",
                unit_price_fen=5000,
                quantity=1,
                line_total_fen=5000,
            )
        )
    return order
