"""What other contexts may ask of the catalogue. Functions take the caller's transaction first
and return frozen, already localised read models (never ORM objects). Each call is a fixed
number of SQL statements, whatever the number of ids asked for."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries import returns, tax
from mercato.catalog.adapters.queries.skus import SkuSnapshot, sku_snapshots
from mercato.catalog.adapters.tables import Brand, Category, Product, Sku
from mercato.catalog.domain import CampaignBand
from mercato.catalog.shell import (
    LANG_COOKIE_AGE,
    CategoryMenu,
    cached_only,
    cached_page,
    catalogue_version,
    category_menu,
    not_found_html,
    page_cache,
    page_response,
    render_html,
    render_not_found,
    render_page,
    shop_menu,
)
from mercato.catalog.views import CategoryNode, ProductCard

__all__ = [
    "LANG_COOKIE_AGE",
    "CampaignBand",
    "CategoryMenu",
    "CategoryNode",
    "ProductCard",
    "SkuSnapshot",
    "cached_only",
    "cached_page",
    "catalogue_version",
    "category_menu",
    "featured_cards",
    "newest_cards",
    "not_found_html",
    "page_cache",
    "page_response",
    "product_cards",
    "product_categories",
    "product_ids_for_slugs",
    "product_slugs_for_ids",
    "render_html",
    "render_not_found",
    "render_page",
    "returns_days_for_categories",
    "returns_days_for_products",
    "shop_menu",
    "show_campaigns",
    "show_free_shipping",
    "show_shopper_province",
    "sku_ids_for_codes",
    "sku_snapshots",
    "tax_rates_for_products",
]


def _cards(
    tx: Session, locale: str, *where: Any, order: Any = None, limit: int = 0
) -> list[ProductCard]:
    zh = locale.startswith("zh")
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
        .where(Product.status == "active", *where)
    )
    if order is not None:
        stmt = stmt.order_by(*order)
    if limit:
        stmt = stmt.limit(limit)
    return [
        ProductCard(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", r[9])
        for r in tx.execute(stmt)
    ]


def product_cards(tx: Session, ids: Iterable[int], locale: str) -> list[ProductCard]:
    """Cards of the ACTIVE products among `ids`, in the order asked (duplicates dropped);
    unknown, draft and archived products are left out. One query."""
    wanted = list(dict.fromkeys(int(i) for i in ids))
    if not wanted:
        return []
    found = {c.id: c for c in _cards(tx, locale, Product.id.in_(wanted))}
    return [found[i] for i in wanted if i in found]


def featured_cards(tx: Session, locale: str, limit: int = 10) -> list[ProductCard]:
    """Active products flagged as featured, best sellers first. One query."""
    order = (Product.sales_count.desc(), Product.id.asc())
    return _cards(tx, locale, Product.featured.is_(True), order=order, limit=limit)


def newest_cards(tx: Session, locale: str, limit: int = 10) -> list[ProductCard]:
    """The most recently created active products. One query."""
    order = (Product.created_at.desc(), Product.id.desc())
    return _cards(tx, locale, order=order, limit=limit)


def product_ids_for_slugs(tx: Session, slugs: Iterable[str]) -> dict[str, int]:
    """Product ids by slug, whatever the status, for the slugs that exist. One query."""
    wanted = list({s for s in slugs if s})
    if not wanted:
        return {}
    return dict(tx.execute(select(Product.slug, Product.id).where(Product.slug.in_(wanted))).all())


def product_slugs_for_ids(tx: Session, ids: Iterable[int]) -> dict[int, str]:
    """Product slugs by id, whatever the status, for the ids that exist. One query."""
    wanted = list({int(i) for i in ids})
    if not wanted:
        return {}
    return dict(tx.execute(select(Product.id, Product.slug).where(Product.id.in_(wanted))).all())


def product_categories(tx: Session, ids: Iterable[int], locale: str) -> dict[int, tuple[int, str]]:
    """(category id, its name in `locale`) by product id, whatever the product's status, for
    the ids that exist: what analytics counts a customer's interest by. One query."""
    wanted = list({int(i) for i in ids})
    if not wanted:
        return {}
    name = Category.name_zh if locale.startswith("zh") else Category.name_en
    rows = tx.execute(select(Product.id, Category.id, name)
                      .join(Category, Category.id == Product.category_id)
                      .where(Product.id.in_(wanted)))
    return {r[0]: (r[1], r[2]) for r in rows}


def sku_ids_for_codes(tx: Session, codes: Iterable[str]) -> dict[str, int]:
    """SKU ids by code (exact, as staff type them), whatever the status, for the codes that
    exist. One query."""
    wanted = list({c for c in codes if c})
    if not wanted:
        return {}
    return dict(tx.execute(select(Sku.code, Sku.id).where(Sku.code.in_(wanted))).all())


def refresh_search_index(tx: Session) -> int | None:
    """After an upgrade: index every product again if the search index was built by an older
    version (returns how many), else nothing (None). `mercato migrate` calls it."""
    from mercato.catalog.services import search_index

    return search_index.refresh(tx)


def reindex_search(tx: Session) -> int:
    """Index every product for search again; returns how many (`mercato reindex`)."""
    from mercato.catalog.services import search_index

    return search_index.reindex_all(tx)


def show_free_shipping(app: FastAPI, fn: Callable[[Session], int | None]) -> None:
    """Bootstrap hands the product page checkout's free-shipping amount (the catalogue cannot
    import checkout): fn(tx) → fen, or None when no method ships free everywhere."""
    app.state.catalog_free_shipping = fn


def show_campaigns(
    app: FastAPI, fn: Callable[[Session, tuple[int, ...], datetime], list[CampaignBand]]
) -> None:
    """Bootstrap hands the product page the campaigns running on a product (flash sales,
    group deals: contexts above the catalogue): fn(tx, the product's SKU ids, now UTC) → the
    bands to show, at most a few statements. Asked at most every CAMPAIGN_SECONDS per product
    and process, so a band's units left may lag that long."""
    fns = getattr(app.state, "catalog_campaigns", ())
    app.state.catalog_campaigns = (*fns, fn)


def show_shopper_province(app: FastAPI, fn: Callable[[Any, Request], str | None]) -> None:
    """Bootstrap hands the product page members' lookup of the signed-in shopper's default
    address province (the catalogue cannot import members): fn(connection, request) → the
    province as typed, or None (no session, no default address); at most one statement."""
    app.state.catalog_shopper_province = fn


def returns_days_for_products(tx: Session, product_ids: Iterable[int]) -> dict[int, int]:
    """Days of no-reason returns ("7天无理由退货") per product id, set on its category or the
    nearest ancestor that sets it (7 when none does); 0 means no no-reason returns (fresh
    food, custom-made goods...). The product page and after-sales use the same rule. One
    query."""
    return returns.for_products(tx, product_ids)


def returns_days_for_categories(tx: Session, category_ids: Iterable[int]) -> dict[int, int]:
    """The same rule per category id (what its products get). One query."""
    return returns.for_categories(tx, category_ids)


def tax_rates_for_products(tx: Session, product_ids: Iterable[int]) -> dict[int, tuple[int, str]]:
    """Product id → (VAT rate in basis points, the label invoices print as *label*name):
    set on its category or the nearest ancestor that sets it, else 13%; one query."""
    return tax.for_products(tx, product_ids)
