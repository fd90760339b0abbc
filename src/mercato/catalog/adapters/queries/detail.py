"""Product page read model in a fixed number of queries (no per-SKU or per-article loop)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

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
from mercato.catalog.views import (
    ArticleView,
    AxisView,
    BlockView,
    CategoryNode,
    ProductView,
    SkuView,
)

ARTICLE_ORDER = {"usage": 0, "ingredients": 1, "care": 2, "faq": 3}


def _loc(obj: object, name: str, zh: bool) -> str:
    return str(getattr(obj, f"{name}_zh" if zh else f"{name}_en") or "")


def _breadcrumb(tx: Session, path: str, zh: bool) -> tuple[CategoryNode, ...]:
    ids = [int(p) for p in path.strip("/").split("/") if p]
    rows = {c.id: c for c in tx.scalars(select(Category).where(Category.id.in_(ids)))}
    return tuple(
        CategoryNode(c.id, c.slug, _loc(c, "name", zh), c.parent_id, c.path)
        for i in ids
        if (c := rows.get(i)) is not None
    )


def _skus(
    tx: Session, product_id: int, zh: bool, with_inactive: bool
) -> list[tuple[Sku, dict[str, tuple[str, str]]]]:
    q = select(Sku).where(Sku.product_id == product_id).order_by(Sku.position, Sku.id)
    if not with_inactive:
        q = q.where(Sku.active.is_(True))
    skus = list(tx.scalars(q))
    opts: dict[int, dict[str, tuple[str, str]]] = {s.id: {} for s in skus}
    for o in tx.scalars(select(SkuOption).where(SkuOption.product_id == product_id)):
        if o.sku_id in opts:
            opts[o.sku_id][o.axis_code] = (o.value_en, o.value_zh if zh else o.value_en)
    return [(s, opts[s.id]) for s in skus]


def _axes(
    tx: Session, sku_opts: list[dict[str, tuple[str, str]]], zh: bool
) -> tuple[AxisView, ...]:
    codes = {a for o in sku_opts for a in o}
    if not codes:
        return ()
    rows = tx.scalars(
        select(OptionAxis)
        .where(OptionAxis.code.in_(codes))
        .order_by(OptionAxis.position, OptionAxis.code)
    )
    axes = []
    for axis in rows:
        seen: dict[str, str] = {}
        for o in sku_opts:
            if axis.code in o:
                seen.setdefault(*o[axis.code])
        axes.append(AxisView(axis.code, _loc(axis, "name", zh), tuple(seen.items())))
    return tuple(axes)


def _images(tx: Session, product_id: int) -> tuple[str, ...]:
    q = (
        select(ProductImage.url)
        .where(ProductImage.product_id == product_id)
        .order_by(ProductImage.position, ProductImage.id)
    )
    return tuple(u for (u,) in tx.execute(q))


def _attributes(tx: Session, product_id: int, zh: bool) -> tuple[tuple[str, str], ...]:
    q = (
        select(
            Attribute.name_zh if zh else Attribute.name_en,
            ProductAttribute.value_zh if zh else ProductAttribute.value_en,
        )
        .join(Attribute, Attribute.code == ProductAttribute.attribute_code)
        .where(ProductAttribute.product_id == product_id)
        .order_by(Attribute.code)
    )
    return tuple((n, v) for n, v in tx.execute(q))


def _articles(tx: Session, product_id: int, zh: bool) -> tuple[ArticleView, ...]:
    q = (
        select(Article)
        .join(ArticleProduct, ArticleProduct.article_id == Article.id)
        .where(ArticleProduct.product_id == product_id)
    )
    views = [
        ArticleView(a.id, a.slug, a.kind, _loc(a, "title", zh), _loc(a, "body", zh))
        for a in tx.scalars(q)
    ]
    return tuple(sorted(views, key=lambda a: (ARTICLE_ORDER.get(a.kind, 9), a.id)))


def _blocks(tx: Session, product_id: int, zh: bool) -> tuple[BlockView, ...]:
    q = (
        select(ContentBlock)
        .where(ContentBlock.product_id == product_id)
        .order_by(ContentBlock.position, ContentBlock.id)
    )
    return tuple(
        BlockView(b.kind, _loc(b, "title", zh), _loc(b, "body", zh), b.media_url, b.poster_url)
        for b in tx.scalars(q)
    )


def _sku_views(
    skus: list[tuple[Sku, dict[str, tuple[str, str]]]], axes: tuple[AxisView, ...]
) -> tuple[SkuView, ...]:
    labels = {a.code: a.label for a in axes}
    return tuple(
        SkuView(
            s.id,
            s.code,
            s.barcode,
            s.price,
            s.currency,
            s.weight_g,
            s.image,
            {a: v[0] for a, v in o.items()},
            {labels.get(a, a): v[1] for a, v in o.items()},
        )
        for s, o in skus
    )


def product_detail(
    tx: Session, key: str | int, locale: str, with_inactive: bool = False
) -> ProductView | None:
    """The product page model in ten statements, whatever the number of SKUs or articles."""
    zh = locale.startswith("zh")
    cond = Product.id == key if isinstance(key, int) else Product.slug == key
    row = tx.execute(
        select(Product, Brand, Category.path)
        .outerjoin(Brand, Brand.id == Product.brand_id)
        .join(Category, Category.id == Product.category_id)
        .where(cond)
    ).first()
    if row is None:
        return None
    p, brand, path = row
    skus = _skus(tx, p.id, zh, with_inactive)
    axes = _axes(tx, [o for _s, o in skus], zh)
    return ProductView(
        p.id,
        p.slug,
        _loc(p, "name", zh),
        _loc(p, "subtitle", zh),
        _loc(p, "description", zh),
        p.status,
        p.image,
        _images(tx, p.id) or ((p.image,) if p.image else ()),
        p.min_price,
        p.max_price,
        p.currency,
        _loc(brand, "name", zh) if brand else "",
        brand.slug if brand else "",
        _loc(brand, "story", zh) if brand else "",
        _breadcrumb(tx, path, zh),
        _attributes(tx, p.id, zh),
        axes,
        _sku_views(skus, axes),
        _articles(tx, p.id, zh),
        _blocks(tx, p.id, zh),
        sales_count=p.sales_count or 0,
    )


def category_tree(tx: Session, locale: str) -> tuple[CategoryNode, ...]:
    """The whole tree in one query, children ordered by position."""
    zh = locale.startswith("zh")
    cats = list(tx.scalars(select(Category).order_by(Category.position, Category.id)))
    kids: dict[int | None, list[Category]] = {}
    for c in cats:
        kids.setdefault(c.parent_id, []).append(c)

    def build(c: Category) -> CategoryNode:
        return CategoryNode(
            c.id,
            c.slug,
            _loc(c, "name", zh),
            c.parent_id,
            c.path,
            tuple(build(k) for k in kids.get(c.id, [])),
        )

    return tuple(build(c) for c in kids.get(None, []))


def find_category(tx: Session, slug_or_id: str, locale: str) -> CategoryNode | None:
    cond = or_(
        Category.slug == slug_or_id,
        Category.id == (int(slug_or_id) if slug_or_id.isdigit() else -1),
    )
    c = tx.scalars(select(Category).where(cond)).first()
    if c is None:
        return None
    return CategoryNode(c.id, c.slug, _loc(c, "name", locale.startswith("zh")), c.parent_id, c.path)


def cards_by_ids(
    tx: Session, ids: list[int], locale: str
) -> list[tuple[int, str, str, str, int, int, str]]:
    """Active products in the given order: (id, slug, name, image, min, max, currency)."""
    if not ids:
        return []
    zh = locale.startswith("zh")
    rows = {
        r[0]: r
        for r in tx.execute(
            select(
                Product.id,
                Product.slug,
                Product.name_zh if zh else Product.name_en,
                Product.image,
                Product.min_price,
                Product.max_price,
                Product.currency,
            ).where(Product.id.in_(ids), Product.status == "active")
        )
    }
    return [tuple(rows[i]) for i in ids if i in rows]  # type: ignore[misc]
