"""What other contexts may ask of the catalogue. Functions take the caller's transaction first
and return frozen, already localised read models (never ORM objects). Each call is a fixed
number of SQL statements, whatever the number of ids asked for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.queries.detail import category_tree
from mercato.catalog.adapters.tables import Brand, Category, Product
from mercato.catalog.views import CategoryNode, ProductCard
from mercato.platform.cache import VersionedCache
from mercato.platform.i18n import LOCALES, current_locale

__all__ = [
    "CategoryMenu",
    "CategoryNode",
    "ProductCard",
    "category_menu",
    "featured_cards",
    "newest_cards",
    "product_cards",
    "product_ids_for_slugs",
    "product_slugs_for_ids",
    "render_not_found",
    "render_page",
    "shop_menu",
]

_MENUS = VersionedCache(size=16)
LANG_COOKIE_AGE = 365 * 24 * 3600


@dataclass(frozen=True, slots=True)
class CategoryMenu:
    """The whole category tree for one locale, with lookups by slug and id."""

    roots: tuple[CategoryNode, ...]
    by_slug: Mapping[str, CategoryNode]
    by_id: Mapping[int, CategoryNode]
    icons: Mapping[str, str]

    def trail(self, node: CategoryNode) -> tuple[CategoryNode, ...]:
        """The node's ancestors from the root down, the node itself last."""
        ids = [int(p) for p in node.path.strip("/").split("/") if p]
        return tuple(self.by_id[i] for i in ids if i in self.by_id)


def _build_menu(tx: Session, locale: str) -> CategoryMenu:
    roots = category_tree(tx, locale)
    by_slug: dict[str, CategoryNode] = {}
    by_id: dict[int, CategoryNode] = {}
    stack = list(roots)
    while stack:
        node = stack.pop()
        by_slug[node.slug] = node
        by_id[node.id] = node
        stack.extend(node.children)
    icons = {s: i for s, i in tx.execute(select(Category.slug, Category.icon)) if i}
    return CategoryMenu(roots, by_slug, by_id, icons)


def category_menu(tx: Session, locale: str, cache: VersionedCache | None = None) -> CategoryMenu:
    """The category tree, cached per (catalogue version, locale): one query when warm."""
    store = cache if cache is not None else _MENUS
    return store.get_or_make(repository.version(tx), locale, lambda: _build_menu(tx, locale))


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


def shop_menu(request: Request, tx: Session, locale: str) -> CategoryMenu:
    """`category_menu` with a cache per app instance (two apps, e.g. in tests, never share a
    catalogue version number)."""
    cache = getattr(request.app.state, "catalog_menu_cache", None)
    if cache is None:
        cache = VersionedCache(size=16)
        request.app.state.catalog_menu_cache = cache
    return category_menu(tx, locale, cache)


def _lang_urls(request: Request) -> dict[str, str]:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return {loc: request.url.path + "?" + urlencode([*params, ("lang", loc)]) for loc in LOCALES}


def render_page(
    request: Request,
    tx: Session,
    locale: str,
    template: str,
    ctx: dict[str, Any],
    status: int = 200,
    menu: CategoryMenu | None = None,
) -> Response:
    """Render a storefront page inside the shop shell: header category menu (`menu`),
    language links (`lang_urls`) and search box (`q`). A valid ?lang= is remembered in the
    `lang` cookie for a year."""
    current_locale.set(locale)
    menu = menu or shop_menu(request, tx, locale)
    base = {"menu": menu, "lang_urls": _lang_urls(request), "q": ""}
    response: Response = request.app.state.templates.TemplateResponse(
        request, template, {**base, **ctx}, status_code=status
    )
    lang = request.query_params.get("lang")
    if lang in LOCALES and request.cookies.get("lang") != lang:
        response.set_cookie("lang", lang, max_age=LANG_COOKIE_AGE, samesite="lax")
    return response


def render_not_found(
    request: Request, tx: Session, locale: str, message: str, menu: CategoryMenu | None = None
) -> Response:
    """The shop's 404 page, with the header menu, in the shopper's language."""
    ctx = {"status": 404, "code": "not_found", "message": message}
    return render_page(request, tx, locale, "error.html", ctx, status=404, menu=menu)
