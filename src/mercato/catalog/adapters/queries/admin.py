"""Read helpers for the merchant admin: both languages side by side, ids not slugs, and a
fixed number of SQL statements per page whatever the catalogue size."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries.detail import category_tree
from mercato.catalog.adapters.tables import (
    Article,
    ArticleProduct,
    Attribute,
    Brand,
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
