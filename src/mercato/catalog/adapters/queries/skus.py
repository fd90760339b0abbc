"""SKU snapshots for the cart and checkout: what a line shows and costs right now. One
statement whatever the number of SKUs asked for (SKUs with their product and options)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, select

from mercato.catalog.adapters.tables import Brand, OptionAxis, Product, Sku, SkuOption
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx


@dataclass(frozen=True, slots=True)
class SkuSnapshot:
    """A SKU as a shopper buys it now: current price (fen), localised names and options."""

    sku_id: int
    product_id: int
    product_slug: str
    product_name: str
    option_labels: tuple[str, ...]
    price_fen: int
    currency: str
    image: str
    weight_g: int
    sellable: bool  # product active and SKU active
    category_id: int | None = None  # what promotions are scoped by
    brand: str = ""  # the brand's slug ("" none)


def _skus_stmt(zh: bool) -> Select[*tuple[Any, ...]]:
    # One row per SKU option (or one row for a SKU without options), in axis order.
    sku, product, option, axis, brand = (
        cast(Table, t.__table__) for t in (Sku, Product, SkuOption, OptionAxis, Brand)
    )
    return (
        select(
            sku.c.id,
            product.c.id,
            product.c.slug,
            product.c.name_zh if zh else product.c.name_en,
            sku.c.price,
            sku.c.currency,
            sku.c.image,
            product.c.image,
            sku.c.weight_g,
            sku.c.active,
            product.c.status,
            axis.c.name_zh if zh else axis.c.name_en,
            option.c.value_zh if zh else option.c.value_en,
            product.c.category_id,
            brand.c.slug,
        )
        .join(product, product.c.id == sku.c.product_id)
        .outerjoin(brand, brand.c.id == product.c.brand_id)
        .outerjoin(option, option.c.sku_id == sku.c.id)
        .outerjoin(axis, axis.c.code == option.c.axis_code)
        .where(sku.c.id.in_(bindparam("ids", expanding=True)))
        .order_by(sku.c.id, axis.c.position, axis.c.code)
    )


# Built once per language: building a statement per call cost more than running it.
_SKUS = {zh: Prepared(_skus_stmt(zh)) for zh in (True, False)}


def sku_snapshots(tx: AnyTx, sku_ids: Iterable[int], locale: str) -> dict[int, SkuSnapshot]:
    """Snapshots of the SKUs among `sku_ids` that exist (whatever their status; `sellable`
    tells whether they may be bought), keyed by SKU id. One query, whatever the count."""
    ids = sorted({int(i) for i in sku_ids})
    if not ids:
        return {}
    rows = run(tx, _SKUS[locale.startswith("zh")], {"ids": ids}).all()
    options: dict[int, list[str]] = {}
    for r in rows:
        if r[11] is not None:
            options.setdefault(r[0], []).append(f"{r[11]}: {r[12]}")
    return {
        r[0]: SkuSnapshot(
            sku_id=r[0],
            product_id=r[1],
            product_slug=r[2],
            product_name=r[3],
            option_labels=tuple(options.get(r[0], ())),
            price_fen=int(r[4]),
            currency=r[5],
            image=r[6] or r[7] or "",
            weight_g=int(r[8]),
            sellable=bool(r[9]) and r[10] == "active",
            category_id=r[13],
            brand=r[14] or "",
        )
        for r in rows
    }
