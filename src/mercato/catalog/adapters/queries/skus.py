"""SKU snapshots for the cart and checkout: what a line shows and costs right now. Two
statements whatever the number of SKUs asked for (SKUs with their product, then options)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.tables import OptionAxis, Product, Sku, SkuOption


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


def _options_stmt(zh: bool) -> Select[*tuple[Any, ...]]:
    return (
        select(
            SkuOption.sku_id,
            OptionAxis.name_zh if zh else OptionAxis.name_en,
            SkuOption.value_zh if zh else SkuOption.value_en,
        )
        .join(OptionAxis, OptionAxis.code == SkuOption.axis_code)
        .where(SkuOption.sku_id.in_(bindparam("ids", expanding=True)))
        .order_by(SkuOption.sku_id, OptionAxis.position, OptionAxis.code)
    )


def _options(tx: Session, ids: list[int], zh: bool) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for sku_id, axis, value in tx.execute(_OPTIONS[zh], {"ids": ids}):
        out.setdefault(sku_id, []).append(f"{axis}: {value}")
    return {k: tuple(v) for k, v in out.items()}


def _skus_stmt(zh: bool) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Sku.id,
            Product.id,
            Product.slug,
            Product.name_zh if zh else Product.name_en,
            Sku.price,
            Sku.currency,
            Sku.image,
            Product.image,
            Sku.weight_g,
            Sku.active,
            Product.status,
        )
        .join(Product, Product.id == Sku.product_id)
        .where(Sku.id.in_(bindparam("ids", expanding=True)))
    )


# Built once per language: building a statement per call cost more than running it.
_SKUS = {zh: _skus_stmt(zh) for zh in (True, False)}
_OPTIONS = {zh: _options_stmt(zh) for zh in (True, False)}


def sku_snapshots(tx: Session, sku_ids: Iterable[int], locale: str) -> dict[int, SkuSnapshot]:
    """Snapshots of the SKUs among `sku_ids` that exist (whatever their status; `sellable`
    tells whether they may be bought), keyed by SKU id. Two queries, whatever the count."""
    ids = sorted({int(i) for i in sku_ids})
    if not ids:
        return {}
    zh = locale.startswith("zh")
    rows = tx.execute(_SKUS[zh], {"ids": ids}).all()
    options = _options(tx, [r[0] for r in rows], zh) if rows else {}
    return {
        r[0]: SkuSnapshot(
            sku_id=r[0],
            product_id=r[1],
            product_slug=r[2],
            product_name=r[3],
            option_labels=options.get(r[0], ()),
            price_fen=int(r[4]),
            currency=r[5],
            image=r[6] or r[7] or "",
            weight_g=int(r[8]),
            sellable=bool(r[9]) and r[10] == "active",
        )
        for r in rows
    }
