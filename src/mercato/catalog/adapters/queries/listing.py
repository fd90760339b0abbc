"""Product listing with facets, search and sorting: a fixed number of SQL statements whatever
the page size or catalogue size. Each facet is counted on the result filtered by every other
selected facet, so choosing one brand still shows the other brands to switch to."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import Session, aliased

from mercato.catalog.adapters.tables import (
    Attribute,
    Brand,
    Category,
    OptionAxis,
    Product,
    ProductAttribute,
    SearchTerm,
    SkuOption,
)
from mercato.catalog.search_terms import DESCRIPTION_WEIGHT, WHOLE, query_terms
from mercato.catalog.views import (
    CategoryNode,
    Facet,
    FacetValue,
    ListQuery,
    ListResult,
    ProductCard,
)

PRICE_BANDS = (0, 5000, 10000, 20000, 50000, 100000, 200000)  # fen boundaries


def _zh(locale: str) -> bool:
    return locale.startswith("zh")


def search_matches(terms: list[str]) -> Select[int, int]:
    """(product_id, score) of every product, whatever its status, matching all `terms`."""
    return (
        select(SearchTerm.product_id, func.sum(SearchTerm.weight).label("score"))
        .where(SearchTerm.term.in_(terms))
        .group_by(SearchTerm.product_id)
        .having(
            func.count(SearchTerm.term) == len(terms),
            # Found only in the description, the words are not what the product is.
            func.max(SearchTerm.weight % WHOLE) > DESCRIPTION_WEIGHT,
        )
    )


def _subtree(pattern: Any) -> Select[Any]:
    """Ids of a category and its descendants: `pattern` is its materialised path + "%"."""
    return select(Category.id).where(Category.path.like(pattern))


def _category_conditions(q: ListQuery, category: CategoryNode | None, skip: str) -> list[Any]:
    # The page's category always bounds the result: a chosen sub-category can narrow it
    # but never widen it, even when it lies elsewhere in the tree.
    conds: list[Any] = []
    if category is not None:
        conds.append(Product.category_id.in_(_subtree(category.path + "%")))
    if q.subcategory and skip != "category":
        chosen = select(Category.path).where(Category.slug == q.subcategory).scalar_subquery()
        conds.append(Product.category_id.in_(_subtree(chosen.concat("%"))))
    return conds


def _value_conditions(q: ListQuery, skip: str) -> list[Any]:
    """Option and attribute facets: values of one code are OR-ed, codes AND-ed."""
    conds: list[Any] = []
    for kind, pairs, table, key, pid in (
        ("option", q.options, SkuOption, SkuOption.axis_code, SkuOption.product_id),
        (
            "attr",
            q.attributes,
            ProductAttribute,
            ProductAttribute.attribute_code,
            ProductAttribute.product_id,
        ),
    ):
        for code in sorted({c for c, _ in pairs}):
            if skip == f"{kind}:{code}":
                continue
            values = [v for c, v in pairs if c == code]
            sub = select(pid).where(key == code, table.value_en.in_(values))
            conds.append(Product.id.in_(sub))
    return conds


def _conditions(
    q: ListQuery, category: CategoryNode | None, brand_ids: list[int], skip: str = ""
) -> list[Any]:
    conds: list[Any] = [Product.status == "active", *_category_conditions(q, category, skip)]
    if q.brands and skip != "brand":
        conds.append(Product.brand_id.in_(brand_ids or [-1]))
    if skip != "price":
        if q.price_min is not None:
            conds.append(Product.max_price >= q.price_min)
        if q.price_max is not None:
            conds.append(Product.min_price <= q.price_max)
    return conds + _value_conditions(q, skip)


def _filtered_ids(conds: list[Any], score: Any) -> Select[Any]:
    base = select(Product.id).where(and_(*conds))
    if score is not None:
        base = base.join(score, score.c.product_id == Product.id)
    return base


def _order(q: ListQuery, score: Any) -> list[Any]:
    by: dict[str, list[Any]] = {
        "newest": [Product.created_at.desc(), Product.id.desc()],
        "price_asc": [Product.min_price.asc(), Product.id.asc()],
        "price_desc": [Product.max_price.desc(), Product.id.desc()],
        "sales": [Product.sales_count.desc(), Product.id.asc()],
    }
    if q.sort in by:
        return by[q.sort]
    if score is not None:
        return [score.c.score.desc(), Product.id.asc()]
    return [Product.featured.desc(), Product.sales_count.desc(), Product.id.asc()]


def _items(tx: Session, q: ListQuery, conds: list[Any], score: Any) -> tuple[ProductCard, ...]:
    zh = _zh(q.locale)
    stmt = (
        select(
            Product.id,
            Product.slug,
            Product.name_zh if zh else Product.name_en,
            Product.subtitle_zh if zh else Product.subtitle_en,
            Product.image,
            Product.min_price,
            Product.max_price,
            Product.currency,
            Brand.name_zh if zh else Brand.name_en,
            Product.category_id,
        )
        .outerjoin(Brand, Brand.id == Product.brand_id)
        .where(and_(*conds))
    )
    if score is not None:
        stmt = stmt.join(score, score.c.product_id == Product.id)
    stmt = stmt.order_by(*_order(q, score)).limit(q.per_page).offset((q.page - 1) * q.per_page)
    return tuple(
        ProductCard(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9])
        for r in tx.execute(stmt)
    )


def _brand_facet(tx: Session, q: ListQuery, ids: Select[Any]) -> Facet:
    zh = _zh(q.locale)
    rows = tx.execute(
        select(Brand.slug, Brand.name_zh if zh else Brand.name_en, func.count(Product.id))
        .join(Product, Product.brand_id == Brand.id)
        .where(Product.id.in_(ids))
        .group_by(Brand.slug, Brand.name_zh if zh else Brand.name_en)
        .order_by(func.count(Product.id).desc(), Brand.slug)
    ).all()
    values = tuple(FacetValue(s, n, c, s in q.brands) for s, n, c in rows)
    return Facet("brand", "品牌" if zh else "Brand", values)


def _category_facet(
    tx: Session, q: ListQuery, ids: Select[Any], category: CategoryNode | None
) -> Facet:
    """Products of the result per child of the page's category (per top-level category on
    the shop-wide pages), each child counting its whole subtree; the value is the child's
    slug, sent back as `category=`."""
    zh = _zh(q.locale)
    child = aliased(Category)
    name = child.name_zh if zh else child.name_en
    parent = child.parent_id == category.id if category else child.parent_id.is_(None)
    rows = tx.execute(
        select(child.slug, name, func.count(Product.id))
        .select_from(child)
        .join(Category, Category.path.like(child.path.concat("%")))
        .join(Product, Product.category_id == Category.id)
        .where(parent, Product.id.in_(ids))
        .group_by(child.id, child.slug, name, child.position)
        .order_by(child.position, child.id)
    ).all()
    values = tuple(FacetValue(s, n, c, s == q.subcategory) for s, n, c in rows)
    return Facet("category", "分类" if zh else "Category", values)


def _price_facet(tx: Session, q: ListQuery, ids: Select[Any]) -> Facet:
    bands = list(zip(PRICE_BANDS, [*PRICE_BANDS[1:], None], strict=True))
    cols = [
        func.sum(
            case(
                (and_(Product.min_price >= lo, *([Product.min_price < hi] if hi else [])), 1),
                else_=0,
            )
        )
        for lo, hi in bands
    ]
    row = tx.execute(select(*cols).where(Product.id.in_(ids))).one()
    values = []
    for (lo, hi), n in zip(bands, row, strict=True):
        if n:
            key = f"{lo}-{hi or ''}"
            label = f"¥{lo // 100}-{hi // 100}" if hi else f"¥{lo // 100}+"
            sel = q.price_min == lo and (q.price_max == (hi - 1 if hi else None))
            values.append(FacetValue(key, label, int(n), sel))
    return Facet("price", "价格" if _zh(q.locale) else "Price", tuple(values))


def _facet_source(kind: str) -> tuple[Any, Any, Any, Any, Any]:
    """(value table, facet key column, label table, label key column, product id column)."""
    if kind == "option":
        return SkuOption, SkuOption.axis_code, OptionAxis, OptionAxis.code, SkuOption.product_id
    return (
        ProductAttribute,
        ProductAttribute.attribute_code,
        Attribute,
        Attribute.code,
        ProductAttribute.product_id,
    )


def _grouped_facets(
    tx: Session, q: ListQuery, ids_for: dict[str, Select[Any]], kind: str
) -> list[Facet]:
    """Option-axis or attribute facets: one query per kind, grouped in Python."""
    zh = _zh(q.locale)
    table, key, label_t, label_key, pid = _facet_source(kind)
    chosen = q.options if kind == "option" else q.attributes
    base_ids = ids_for[""]
    # A selected axis counts against the result filtered by everything but itself.
    selected = {a for a, _ in chosen}
    cond = or_(
        and_(key.notin_(selected), pid.in_(base_ids)) if selected else pid.in_(base_ids),
        *[and_(key == a, pid.in_(ids_for[f"{kind}:{a}"])) for a in selected],
    )
    label = label_t.name_zh if zh else label_t.name_en
    rows = tx.execute(
        select(
            key,
            label,
            table.value_en,
            func.min(table.value_zh if zh else table.value_en),
            func.count(func.distinct(pid)),
        )
        .join(label_t, label_key == key)
        .where(cond)
        .group_by(key, label, table.value_en)
        .order_by(key, table.value_en)
    ).all()
    facets: dict[str, tuple[str, list[FacetValue]]] = {}
    for code, lbl, value, vlabel, count in rows:
        facets.setdefault(code, (lbl, []))[1].append(
            FacetValue(value, vlabel, count, (code, value) in chosen)
        )
    prefix = "opt" if kind == "option" else "attr"
    return [Facet(f"{prefix}.{c}", lbl, tuple(vs)) for c, (lbl, vs) in facets.items()]


def list_products(tx: Session, q: ListQuery, category: CategoryNode | None) -> ListResult:
    terms = query_terms(q.q) if q.q.strip() else []
    if q.q.strip() and not terms:
        return ListResult((), 0, q.page, q.per_page, (), category)
    score = search_matches(terms).subquery() if terms else None
    brand_ids = (
        [i for (i,) in tx.execute(select(Brand.id).where(Brand.slug.in_(q.brands)))]
        if q.brands
        else []
    )
    conds = _conditions(q, category, brand_ids)
    total = tx.execute(
        select(func.count()).select_from(_filtered_ids(conds, score).subquery())
    ).scalar_one()
    items = _items(tx, q, conds, score)
    dims = (
        ["", "brand", "price", "category"]
        + [f"option:{a}" for a, _ in q.options]
        + [f"attr:{c}" for c, _ in q.attributes]
    )
    ids_for = {d: _filtered_ids(_conditions(q, category, brand_ids, d), score) for d in dims}
    facets = [
        _category_facet(tx, q, ids_for["category"], category),
        _brand_facet(tx, q, ids_for["brand"]),
        _price_facet(tx, q, ids_for["price"]),
    ]
    facets += _grouped_facets(tx, q, ids_for, "option")
    facets += _grouped_facets(tx, q, ids_for, "attr")
    return ListResult(
        items, int(total), q.page, q.per_page, tuple(f for f in facets if f.values), category
    )
