"""The admin product list: filters, status counts, one page of products with their list
thumbnail, and their sellable SKUs (for stock totals asked of inventory). A fixed number of
statements per page, whatever the page size or the products' SKUs and pictures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from mercato.catalog.adapters.tables import Brand, Category, Product, ProductImage, Sku

PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class ProductFilter:
    status: str = ""
    category_id: int | None = None
    brand_id: int | None = None
    q: str = ""
    page: int = 1
    per_page: int = PER_PAGE


@dataclass(frozen=True, slots=True)
class ProductRow:
    id: int
    slug: str
    name_zh: str
    name_en: str
    status: str
    featured: bool
    category: str
    brand: str
    min_price: int
    max_price: int
    sku_count: int
    thumb: str = ""


def like(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, its % and _ taken literally (escape \\)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _text_condition(text: str) -> Any:
    pattern = like(text.strip().lower())
    by_code = select(Sku.product_id).where(func.lower(Sku.code).like(pattern, escape="\\"))
    return or_(
        func.lower(Product.name_zh).like(pattern, escape="\\"),
        func.lower(Product.name_en).like(pattern, escape="\\"),
        func.lower(Product.slug).like(pattern, escape="\\"),
        Product.id.in_(by_code),
    )


def conditions(f: ProductFilter, with_status: bool = True) -> list[Any]:
    conds: list[Any] = []
    if f.status and with_status:
        conds.append(Product.status == f.status)
    if f.category_id is not None:
        cat_path = select(Category.path).where(Category.id == f.category_id).scalar_subquery()
        sub = select(Category.id).where(Category.path.like(cat_path + "%"))
        conds.append(Product.category_id.in_(sub))
    if f.brand_id is not None:
        conds.append(Product.brand_id == f.brand_id)
    if f.q.strip():
        conds.append(_text_condition(f.q))
    return conds


def main_thumb() -> Any:
    """The product's list picture: its main gallery picture's thumbnail (or the picture itself,
    given by address), else Product.image. A correlated subquery: no extra statement."""
    pic = aliased(ProductImage)
    first = (
        select(func.coalesce(func.nullif(pic.thumb_url, ""), pic.url))
        .where(pic.product_id == Product.id)
        .order_by(pic.position, pic.id)
        .limit(1)
        .correlate(Product)
        .scalar_subquery()
    )
    return func.coalesce(first, Product.image)


def status_counts(tx: Session, f: ProductFilter) -> dict[str, int]:
    """Products per status under the other filters, and "" for all of them: one statement."""
    q = select(Product.status, func.count()).where(*conditions(f, with_status=False))
    out = {s: int(n) for s, n in tx.execute(q.group_by(Product.status))}
    out[""] = sum(out.values())
    return out


def product_page(tx: Session, f: ProductFilter, zh: bool) -> tuple[list[ProductRow], int]:
    """One page of products (newest first) and the total: two statements."""
    conds = conditions(f)
    total = tx.execute(select(func.count(Product.id)).where(*conds)).scalar_one()
    skus = select(Sku.product_id, func.count(Sku.id).label("n")).group_by(Sku.product_id).subquery()
    stmt = (
        select(
            Product,
            Category.name_zh if zh else Category.name_en,
            Brand.name_zh if zh else Brand.name_en,
            func.coalesce(skus.c.n, 0),
            main_thumb(),
        )
        .join(Category, Category.id == Product.category_id)
        .outerjoin(Brand, Brand.id == Product.brand_id)
        .outerjoin(skus, skus.c.product_id == Product.id)
        .where(*conds)
        .order_by(Product.id.desc())
        .limit(f.per_page)
        .offset((max(f.page, 1) - 1) * f.per_page)
    )
    rows = [
        ProductRow(
            p.id,
            p.slug,
            p.name_zh,
            p.name_en,
            p.status,
            p.featured,
            cat,
            brand or "",
            p.min_price,
            p.max_price,
            int(n),
            thumb or "",
        )
        for p, cat, brand, n, thumb in tx.execute(stmt)
    ]
    return rows, int(total)


def sellable_skus(tx: Session, product_ids: Sequence[int]) -> dict[int, list[int]]:
    """Active SKU ids per product, for the given products: one statement."""
    out: dict[int, list[int]] = {pid: [] for pid in product_ids}
    if not product_ids:
        return out
    q = select(Sku.product_id, Sku.id).where(
        Sku.product_id.in_(list(product_ids)), Sku.active.is_(True)
    )
    for pid, sku_id in tx.execute(q):
        out[pid].append(sku_id)
    return out
