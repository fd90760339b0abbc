"""What an import checks rows against, loaded in a handful of queries; and the SQLite
transaction guard that keeps savepoints inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import (
    Brand,
    Category,
    OptionAxis,
    Product,
    ProductAttribute,
    Sku,
    SkuOption,
)
from mercato.catalog.services.csv_io.columns import Lookups


def load_lookups(tx: Session) -> Lookups:
    skus = tx.execute(select(Sku.code, Sku.id, Product.slug).join(Product)).all()
    return Lookups(
        categories={s: i for s, i in tx.execute(select(Category.slug, Category.id))},
        brands={s: i for s, i in tx.execute(select(Brand.slug, Brand.id))},
        axes={c for (c,) in tx.execute(select(OptionAxis.code))},
        products={s: i for s, i in tx.execute(select(Product.slug, Product.id))},
        skus={code: (sku_id, slug) for code, sku_id, slug in skus},
    )


def attributes(tx: Session, product_id: int) -> list[tuple[str, str, str]]:
    rows = tx.execute(
        select(
            ProductAttribute.attribute_code, ProductAttribute.value_zh, ProductAttribute.value_en
        )
        .where(ProductAttribute.product_id == product_id)
        .order_by(ProductAttribute.attribute_code)
    )
    return [(c, zh, en) for c, zh, en in rows]


def sku_options(tx: Session, sku_id: int) -> list[tuple[str, str, str]]:
    rows = tx.execute(
        select(SkuOption.axis_code, SkuOption.value_zh, SkuOption.value_en).where(
            SkuOption.sku_id == sku_id
        )
    )
    return sorted((a, zh, en) for a, zh, en in rows)
