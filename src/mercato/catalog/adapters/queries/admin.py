"""Read helpers for the merchant admin: both languages side by side, ids not slugs, and a
fixed number of SQL statements per page whatever the catalogue size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries.detail import category_tree
from mercato.catalog.adapters.tables import (
    Article,
    ArticleProduct,
    Attribute,
    Brand,
    Category,
    ContentBlock,
    OptionAxis,
    Product,
    ProductAttribute,
    ProductImage,
    Sku,
    SkuOption,
)
from mercato.catalog.views import CategoryNode

M = TypeVar("M")


@dataclass(frozen=True, slots=True)
class ProductFilter:
    status: str = ""
    category_id: int | None = None
    brand_id: int | None = None
    q: str = ""
    page: int = 1
    per_page: int = 50


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


@dataclass(frozen=True, slots=True)
class SkuRow:
    id: int
    product_id: int
    code: str
    barcode: str
    price: int
    cost: int
    weight_g: int
    active: bool
    image: str
    options: dict[str, tuple[str, str]] = field(default_factory=dict)  # axis -> (zh, en)


@dataclass(frozen=True, slots=True)
class CategoryOption:
    id: int
    label: str
    depth: int
    slug: str
    path: str


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _product_conditions(f: ProductFilter) -> list[Any]:
    conds: list[Any] = []
    if f.status:
        conds.append(Product.status == f.status)
    if f.category_id is not None:
        cat_path = select(Category.path).where(Category.id == f.category_id).scalar_subquery()
        sub = select(Category.id).where(Category.path.like(cat_path + "%"))
        conds.append(Product.category_id.in_(sub))
    if f.brand_id is not None:
        conds.append(Product.brand_id == f.brand_id)
    if f.q.strip():
        pattern = _like(f.q.strip().lower())
        by_code = select(Sku.product_id).where(func.lower(Sku.code).like(pattern, escape="\\"))
        conds.append(
            or_(
                func.lower(Product.name_zh).like(pattern, escape="\\"),
                func.lower(Product.name_en).like(pattern, escape="\\"),
                func.lower(Product.slug).like(pattern, escape="\\"),
                Product.id.in_(by_code),
            )
        )
    return conds


def product_page(tx: Session, f: ProductFilter, zh: bool) -> tuple[list[ProductRow], int]:
    """One page of products (newest first) and the total: two statements."""
    conds = _product_conditions(f)
    total = tx.execute(select(func.count(Product.id)).where(*conds)).scalar_one()
    skus = select(Sku.product_id, func.count(Sku.id).label("n")).group_by(Sku.product_id).subquery()
    stmt = (
        select(
            Product,
            Category.name_zh if zh else Category.name_en,
            Brand.name_zh if zh else Brand.name_en,
            func.coalesce(skus.c.n, 0),
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
        )
        for p, cat, brand, n in tx.execute(stmt)
    ]
    return rows, int(total)


def dashboard_counts(tx: Session) -> dict[str, int]:
    """Products per status, SKUs, articles, categories and brands: four statements."""
    out = {"active": 0, "draft": 0, "archived": 0}
    for status, n in tx.execute(select(Product.status, func.count()).group_by(Product.status)):
        out[status] = int(n)
    out["skus"] = tx.execute(select(func.count(Sku.id))).scalar_one()
    out["articles"] = tx.execute(select(func.count(Article.id))).scalar_one()
    out["categories"] = tx.execute(select(func.count(Category.id))).scalar_one()
    out["brands"] = tx.execute(select(func.count(Brand.id))).scalar_one()
    return out


def sellable_sku_ids(tx: Session) -> list[int]:
    """Active SKUs of products on sale: the ones whose stock the dashboard watches."""
    q = (
        select(Sku.id)
        .join(Product, Product.id == Sku.product_id)
        .where(Product.status == "active", Sku.active.is_(True))
    )
    return list(tx.scalars(q))


def get(tx: Session, model: type[M], key: int | str) -> M | None:
    """One row by primary key, for the edit forms (which show both languages)."""
    return tx.get(model, key)


def category_options(tx: Session, locale: str) -> list[CategoryOption]:
    """The tree flattened depth-first, for indented selects and the tree view."""
    out: list[CategoryOption] = []

    def walk(nodes: Iterable[CategoryNode], depth: int) -> None:
        for n in nodes:
            out.append(CategoryOption(n.id, n.name, depth, n.slug, n.path))
            walk(n.children, depth + 1)

    walk(category_tree(tx, locale), 0)
    return out


def brands(tx: Session) -> list[tuple[Brand, int]]:
    """Every brand with the number of its products."""
    n = func.count(Product.id)
    q = select(Brand, n).outerjoin(Product, Product.brand_id == Brand.id)
    return [(b, int(c)) for b, c in tx.execute(q.group_by(Brand.id).order_by(Brand.slug))]


def axes(tx: Session) -> list[OptionAxis]:
    return list(tx.scalars(select(OptionAxis).order_by(OptionAxis.position, OptionAxis.code)))


def attributes(tx: Session) -> list[Attribute]:
    return list(tx.scalars(select(Attribute).order_by(Attribute.code)))


def product_attributes(tx: Session, product_id: int) -> list[tuple[str, str, str]]:
    q = select(
        ProductAttribute.attribute_code, ProductAttribute.value_zh, ProductAttribute.value_en
    ).where(ProductAttribute.product_id == product_id)
    return [(c, zh, en) for c, zh, en in tx.execute(q.order_by(ProductAttribute.attribute_code))]


def product_images(tx: Session, product_id: int) -> list[str]:
    q = select(ProductImage.url).where(ProductImage.product_id == product_id)
    return list(tx.scalars(q.order_by(ProductImage.position, ProductImage.id)))


def _sku_rows(skus: list[Sku], options: Iterable[SkuOption]) -> list[SkuRow]:
    opts: dict[int, dict[str, tuple[str, str]]] = {s.id: {} for s in skus}
    for o in options:
        if o.sku_id in opts:
            opts[o.sku_id][o.axis_code] = (o.value_zh, o.value_en)
    return [
        SkuRow(
            s.id,
            s.product_id,
            s.code,
            s.barcode,
            s.price,
            s.cost,
            s.weight_g,
            s.active,
            s.image,
            opts[s.id],
        )
        for s in skus
    ]


def skus(tx: Session, product_id: int) -> list[SkuRow]:
    """The product's SKUs with option values in both languages: two statements."""
    rows = list(
        tx.scalars(select(Sku).where(Sku.product_id == product_id).order_by(Sku.position, Sku.id))
    )
    options = tx.scalars(select(SkuOption).where(SkuOption.product_id == product_id))
    return _sku_rows(rows, options)


def sku(tx: Session, sku_id: int) -> SkuRow | None:
    found = tx.get(Sku, sku_id)
    if found is None:
        return None
    options = tx.scalars(select(SkuOption).where(SkuOption.sku_id == sku_id))
    return _sku_rows([found], options)[0]


def blocks(tx: Session, product_id: int) -> list[ContentBlock]:
    q = select(ContentBlock).where(ContentBlock.product_id == product_id)
    return list(tx.scalars(q.order_by(ContentBlock.position, ContentBlock.id)))


def block_product(tx: Session, block_id: int) -> int | None:
    return tx.execute(
        select(ContentBlock.product_id).where(ContentBlock.id == block_id)
    ).scalar_one_or_none()


def articles(tx: Session) -> list[tuple[Article, int]]:
    """Every article with the number of products it is linked to."""
    n = func.count(ArticleProduct.product_id)
    q = select(Article, n).outerjoin(ArticleProduct, ArticleProduct.article_id == Article.id)
    return [(a, int(c)) for a, c in tx.execute(q.group_by(Article.id).order_by(Article.slug))]


def article_product_slugs(tx: Session, article_id: int) -> list[str]:
    q = (
        select(Product.slug)
        .join(ArticleProduct, ArticleProduct.product_id == Product.id)
        .where(ArticleProduct.article_id == article_id)
        .order_by(Product.slug)
    )
    return list(tx.scalars(q))


def resolve_product_refs(tx: Session, refs: list[str]) -> tuple[list[int], list[str]]:
    """Product ids for product slugs or SKU codes, and the references that match neither."""
    if not refs:
        return [], []
    by_slug = dict(tx.execute(select(Product.slug, Product.id).where(Product.slug.in_(refs))).all())
    by_code = dict(tx.execute(select(Sku.code, Sku.product_id).where(Sku.code.in_(refs))).all())
    ids: list[int] = []
    unknown: list[str] = []
    for ref in refs:
        pid = by_slug.get(ref, by_code.get(ref))
        if pid is None:
            unknown.append(ref)
        elif pid not in ids:
            ids.append(pid)
    return ids, unknown
