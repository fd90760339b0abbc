"""A picture for each category: the image of its best-selling active product (the category
page shows it when the category has no icon of its own)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Product


def category_pictures(tx: Session) -> dict[int, str]:
    """Category id → image of its best-selling active product with one. One statement,
    whatever the catalogue size (a window function: SQLite 3.25+ and PostgreSQL)."""
    rank = (
        func.row_number()
        .over(
            partition_by=Product.category_id,
            order_by=(Product.sales_count.desc(), Product.id.asc()),
        )
        .label("rank")
    )
    ranked = (
        select(Product.category_id, Product.image, rank)
        .where(Product.status == "active", Product.image != "")
        .subquery()
    )
    rows = tx.execute(select(ranked.c.category_id, ranked.c.image).where(ranked.c.rank == 1))
    return {int(category_id): str(image) for category_id, image in rows}
