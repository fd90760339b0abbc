"""Products with their SKU lines, for the admin's bulk price and stock table and the stock
page: three statements for any number of products (products with their list picture, SKUs,
option values), plus two for a page of the stock page (count, ids)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries.admin_list import ProductFilter, conditions, main_thumb
from mercato.catalog.adapters.tables import OptionAxis, Product, Sku, SkuOption


@dataclass(frozen=True, slots=True)
class SkuLine:
    id: int
    code: str
    label: str  # option values in axis order, "白色 / M"
    price: int
    active: bool


@dataclass(frozen=True, slots=True)
class ProductLines:
    id: int
    slug: str
    name_zh: str
    name_en: str
    status: str
    thumb: str
    skus: list[SkuLine] = field(default_factory=list)


def _labels(tx: Session, product_ids: Sequence[int], zh: bool) -> dict[int, str]:
    value = SkuOption.value_zh if zh else SkuOption.value_en
    q = (
        select(SkuOption.sku_id, value)
        .join(OptionAxis, OptionAxis.code == SkuOption.axis_code)
        .where(SkuOption.product_id.in_(product_ids))
        .order_by(SkuOption.sku_id, OptionAxis.position, OptionAxis.code)
    )
    out: dict[int, list[str]] = {}
    for sku_id, v in tx.execute(q):
        out.setdefault(sku_id, []).append(v)
    return {k: " / ".join(v) for k, v in out.items()}


def product_lines(tx: Session, product_ids: Sequence[int], zh: bool) -> list[ProductLines]:
    """The products in the order given (unknown ids left out), each with its SKUs."""
    ids = list(dict.fromkeys(product_ids))
    if not ids:
        return []
    rows = tx.execute(
        select(
            Product.id,
            Product.slug,
            Product.name_zh,
            Product.name_en,
            Product.status,
            main_thumb(),
        ).where(Product.id.in_(ids))
    ).all()
    found = {r[0]: ProductLines(r[0], r[1], r[2], r[3], r[4], r[5] or "") for r in rows}
    labels = _labels(tx, ids, zh)
    skus = select(Sku).where(Sku.product_id.in_(ids)).order_by(Sku.position, Sku.id)
    for s in tx.scalars(skus):
        found[s.product_id].skus.append(
            SkuLine(s.id, s.code, labels.get(s.id, ""), s.price, s.active)
        )
    return [found[i] for i in ids if i in found]


def stocked_page(tx: Session, text: str, page: int, per_page: int) -> tuple[int, list[int]]:
    """Products that have SKUs, matching `text` (name, slug or SKU code), newest first:
    (how many, the ids on this page)."""
    conds = [*conditions(ProductFilter(q=text)), Product.id.in_(select(Sku.product_id))]
    total = tx.execute(select(func.count(Product.id)).where(*conds)).scalar_one()
    q = (
        select(Product.id)
        .where(*conds)
        .order_by(Product.id.desc())
        .limit(per_page)
        .offset((max(page, 1) - 1) * per_page)
    )
    return int(total), list(tx.scalars(q))
