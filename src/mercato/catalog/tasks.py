"""The catalogue's event subscribers: products count what they sold (the product page's
已售 N) from the orders context's `orders.order_paid.v1`, once per event (the bus's inbox).
A refund later does not uncount it: shops show units bought, as Tmall and JD do."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mercato import events
from mercato.catalog.adapters.tables import Product, Sku
from mercato.platform.outbox import Bus, Event


def count_sales(tx: Session, lines: list[tuple[int, int]]) -> int:
    """Add each line's quantity to its product's sales count; returns the units counted.
    SKUs since deleted are skipped. No catalogue version bump: a sales figure is no reason
    to throw every cached page away (it shows on the next render)."""
    sku_ids = [sku for sku, _qty in lines]
    products = dict(tx.execute(select(Sku.id, Sku.product_id).where(Sku.id.in_(sku_ids))).all())
    per_product: dict[int, int] = {}
    for sku, qty in lines:
        if sku in products and qty > 0:
            per_product[products[sku]] = per_product.get(products[sku], 0) + qty
    for product_id, qty in sorted(per_product.items()):  # one lock order, as for stock
        tx.execute(
            update(Product)
            .where(Product.id == product_id)
            .values(sales_count=Product.sales_count + qty)
        )
    return sum(per_product.values())


def wire(bus: Bus) -> None:
    def paid(tx: Session, event: Event) -> None:
        lines = event.payload.get("lines") or []
        count_sales(tx, [(int(s), int(q)) for s, q in lines])

    bus.subscribe(events.ORDER_PAID, "catalog.count_sales", paid)
