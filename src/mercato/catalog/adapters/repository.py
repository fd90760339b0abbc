"""Write-side data access for the catalogue: load by id/slug/code, keep derived data fresh."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from mercato.catalog import search_terms
from mercato.catalog.adapters import rich_text
from mercato.catalog.adapters.tables import (
    Brand,
    CatalogState,
    Category,
    Product,
    SearchTerm,
    Sku,
    SkuOption,
)
from mercato.kernel.errors import NotFound

# Core tables for bulk inserts: the ORM bulk path costs several times more per row.
_TERMS = cast(Table, SearchTerm.__table__)
_SKU_OPTIONS = cast(Table, SkuOption.__table__)


def get_product(tx: Session, product_id: int) -> Product:
    product = tx.get(Product, product_id)
    if product is None:
        raise NotFound("catalog.product_not_found", "No such product", "product_id")
    return product


def get_sku(tx: Session, sku_id: int) -> Sku:
    sku = tx.get(Sku, sku_id)
    if sku is None:
        raise NotFound("catalog.sku_not_found", "No such SKU", "sku_id")
    return sku


def get_category(tx: Session, category_id: int) -> Category:
    cat = tx.get(Category, category_id)
    if cat is None:
        raise NotFound("catalog.category_not_found", "No such category", "category_id")
    return cat


def get_brand(tx: Session, brand_id: int) -> Brand:
    brand = tx.get(Brand, brand_id)
    if brand is None:
        raise NotFound("catalog.brand_not_found", "No such brand", "brand_id")
    return brand


def slug_taken(tx: Session, model: type, slug: str, except_id: int | None = None) -> bool:
    q = select(model.id).where(model.slug == slug)  # type: ignore[attr-defined]
    if except_id is not None:
        q = q.where(model.id != except_id)  # type: ignore[attr-defined]
    return tx.execute(q.limit(1)).first() is not None


def sku_code_taken(tx: Session, code: str, except_id: int | None = None) -> bool:
    q = select(Sku.id).where(Sku.code == code)
    if except_id is not None:
        q = q.where(Sku.id != except_id)
    return tx.execute(q.limit(1)).first() is not None


def sku_options(tx: Session, product_id: int) -> dict[int, dict[str, str]]:
    """Option values by SKU id for one product (value_en is the stable key)."""
    rows = tx.execute(
        select(SkuOption.sku_id, SkuOption.axis_code, SkuOption.value_en).where(
            SkuOption.product_id == product_id
        )
    ).all()
    out: dict[int, dict[str, str]] = {
        sid: {} for (sid,) in tx.execute(select(Sku.id).where(Sku.product_id == product_id))
    }
    for sku_id, axis, value in rows:
        out.setdefault(sku_id, {})[axis] = value
    return out


def replace_sku_options(tx: Session, sku: Sku, options: Sequence[tuple[str, str, str]]) -> None:
    tx.execute(delete(SkuOption).where(SkuOption.sku_id == sku.id))
    if options:
        tx.execute(
            insert(_SKU_OPTIONS),
            [
                {
                    "sku_id": sku.id,
                    "product_id": sku.product_id,
                    "axis_code": a,
                    "value_zh": zh,
                    "value_en": en,
                }
                for a, zh, en in options
            ],
        )


def active_prices(tx: Session, product_id: int) -> list[int]:
    q = select(Sku.price).where(Sku.product_id == product_id, Sku.active.is_(True))
    return [p for (p,) in tx.execute(q)]


def refresh_price_range(tx: Session, product: Product) -> None:
    prices = active_prices(tx, product.id)
    product.min_price = min(prices) if prices else 0
    product.max_price = max(prices) if prices else 0


def reindex(tx: Session, product: Product) -> None:
    """Rebuild the product's search terms from its names, brand, category and SKU codes."""
    brand = tx.get(Brand, product.brand_id) if product.brand_id else None
    category = tx.get(Category, product.category_id)
    codes = " ".join(c for (c,) in tx.execute(select(Sku.code).where(Sku.product_id == product.id)))
    fields = [
        (product.name_zh, search_terms.NAME_WEIGHT),
        (product.name_en, search_terms.NAME_WEIGHT),
        (brand.name_zh if brand else "", 6),
        (brand.name_en if brand else "", 6),
        (category.name_zh if category else "", 4),
        (category.name_en if category else "", 4),
        (product.subtitle_zh, 3),
        (product.subtitle_en, 3),
        (codes, 8),
        (rich_text.plain_text(product.description_zh), search_terms.DESCRIPTION_WEIGHT),
        (rich_text.plain_text(product.description_en), search_terms.DESCRIPTION_WEIGHT),
    ]
    weighted = search_terms.weighted_terms(fields)
    tx.execute(delete(SearchTerm).where(SearchTerm.product_id == product.id))
    if weighted:
        tx.execute(
            insert(_TERMS),
            [{"product_id": product.id, "term": t, "weight": w} for t, w in weighted.items()],
        )


def bump_version(tx: Session) -> None:
    """Every catalogue write bumps one counter; read caches compare it to stay fresh."""
    changed = tx.execute(
        update(CatalogState).where(CatalogState.id == 1).values(version=CatalogState.version + 1)
    )
    if changed.rowcount == 0:  # type: ignore[attr-defined]
        tx.add(CatalogState(id=1, version=1))
        tx.flush()


def version(tx: Session) -> int:
    v = tx.execute(select(CatalogState.version).where(CatalogState.id == 1)).scalar()
    return int(v or 0)
