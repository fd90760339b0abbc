"""Products and SKUs as CSV, in exactly the columns the importer reads."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import Brand, Category, OptionAxis, Product, Sku, SkuOption
from mercato.catalog.services.csv_io.columns import COLUMNS, SKU_COLUMNS
from mercato.kernel.csvreport import write_table
from mercato.kernel.money import Money


def _options(tx: Session) -> dict[int, str]:
    order = {
        code: i
        for i, code in enumerate(
            tx.scalars(select(OptionAxis.code).order_by(OptionAxis.position, OptionAxis.code))
        )
    }
    found: dict[int, list[tuple[int, str]]] = {}
    rows = tx.execute(
        select(SkuOption.sku_id, SkuOption.axis_code, SkuOption.value_zh, SkuOption.value_en)
    )
    for sku_id, axis, zh, en in rows:
        found.setdefault(sku_id, []).append((order.get(axis, len(order)), f"{axis}={zh}|{en}"))
    return {sid: ";".join(text for _i, text in sorted(parts)) for sid, parts in found.items()}


def _product_cells(p: Product, categories: dict[int, str], brands: dict[int, str]) -> list[str]:
    return [
        p.slug,
        p.name_zh,
        p.name_en,
        categories.get(p.category_id, ""),
        brands.get(p.brand_id, "") if p.brand_id else "",
        p.status,
        "1" if p.featured else "0",
        p.subtitle_zh,
        p.subtitle_en,
        p.description_zh,
        p.description_en,
    ]


def _sku_cells(s: Sku, options: dict[int, str]) -> list[str]:
    return [
        s.code,
        s.barcode,
        Money(s.price, s.currency).format(),
        Money(s.cost, s.currency).format(),
        str(s.weight_g),
        options.get(s.id, ""),
        s.image,
    ]


def _rows(tx: Session) -> Iterator[list[str]]:
    categories = {i: s for i, s in tx.execute(select(Category.id, Category.slug))}
    brands = {i: s for i, s in tx.execute(select(Brand.id, Brand.slug))}
    options = _options(tx)
    skus: dict[int, list[Sku]] = {}
    for sku in tx.scalars(select(Sku).order_by(Sku.product_id, Sku.position, Sku.id)):
        skus.setdefault(sku.product_id, []).append(sku)
    for product in tx.scalars(select(Product).order_by(Product.id)):
        base = _product_cells(product, categories, brands)
        own = skus.get(product.id, [])
        if not own:
            yield base + [""] * len(SKU_COLUMNS)
        for sku in own:
            yield base + _sku_cells(sku, options)


def export_products(tx: Session) -> bytes:
    """UTF-8 CSV, one row per SKU (a product without SKUs gets one row with the SKU
    columns empty); importing it again changes nothing."""
    return write_table(COLUMNS, _rows(tx))
