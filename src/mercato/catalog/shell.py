"""The storefront shell shared by every context's pages: rendering inside the shop layout,
whole-page caching per catalogue version, the language links filled in per request.
Other contexts reach it through mercato.catalog.public."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.queries.detail import category_tree
from mercato.catalog.adapters.tables import CatalogState, Category
from mercato.catalog.views import CategoryNode
from mercato.platform.cache import VersionedCache
from mercato.platform.i18n import LOCALES, current_locale

T = TypeVar("T")
_MENUS = VersionedCache(size=16)
LANG_COOKIE_AGE = 365 * 24 * 3600
# Built once: building it per request costs a third of a cached page hit.
_VERSION = select(CatalogState.version).where(CatalogState.id == 1)
# The language link keeps every query parameter but `lang`: pages are rendered with these
# placeholders instead, filled in per request, so one cached body serves any query string.
# Escaped text never contains "<", so no stored text can forge one.
_LANG_MARKS = {loc: Markup(f"<!--lang-url:{loc}-->") for loc in LOCALES}
_LANG_BYTES = {loc: str(mark).encode() for loc, mark in _LANG_MARKS.items()}


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


def shop_menu(request: Request, tx: Session, locale: str) -> CategoryMenu:
    """`category_menu` with a cache per app instance (see `page_cache`)."""
    return category_menu(tx, locale, page_cache(request, "menu", 16))


def catalogue_version(conn: Connection | Session) -> int:
    """The catalogue version, bumped by every catalogue write: one tiny statement. Anything
    cached under a version is current for as long as this still returns that version."""
    return int(conn.execute(_VERSION).scalar() or 0)


def _per_app(request: Request, name: str, make: Callable[[], T]) -> T:
    found: T | None = getattr(request.app.state, name, None)
    if found is None:
        found = make()
        setattr(request.app.state, name, found)
    return found


def page_cache(request: Request, name: str, size: int) -> VersionedCache:
    """A per-app cache of rendered pages called `name` (two apps, e.g. in tests, never share
    one: they may reach the same catalogue version with different data)."""
    return _per_app(request, f"catalog_page_cache_{name}", lambda: VersionedCache(size=size))


class _Miss(Exception):
    """Raised from a VersionedCache factory to learn of a miss without storing anything."""


def _miss() -> Any:
    raise _Miss


def cached_only(cache: VersionedCache, version: int, key: Hashable) -> Any | None:
    """The value cached under (`version`, `key`), or None: never loads anything."""
    try:
        return cache.get_or_make(version, key, _miss)
    except _Miss:
        return None


async def cached_page(
    request: Request,
    cache: VersionedCache,
    version: int,
    key: Hashable,
    make: Callable[[Session], T],
) -> T:
    """The value cached under (`version`, `key`); else `make` (never returning None) run once
    in a worker thread, in its own read transaction, for every concurrent miss of the key, and
    remembered. A snapshot newer than `version` is harmless: its write moved the version on.
    Call it holding no pooled connection (a miss needs one in its thread)."""
    found = cached_only(cache, version, key)
    if found is not None:
        return found
    flights: dict[Hashable, Any] = _per_app(request, "catalog_page_flights", dict)
    flight_key = (id(cache), version, key)
    flight = flights.get(flight_key)
    if flight is None:

        def run() -> T:
            with request.app.state.db.reading() as tx:
                return cache.get_or_make(version, key, lambda: make(tx))

        flight = flights[flight_key] = asyncio.ensure_future(run_in_threadpool(run))
        flight.add_done_callback(lambda _: flights.pop(flight_key, None))
    # Shielded: a shopper who leaves does not cancel the load for the others.
    return await asyncio.shield(flight)


def _lang_url(request: Request, locale: str) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    return request.url.path + "?" + urlencode([*params, ("lang", locale)])


def render_html(
    request: Request,
    tx: Session,
    locale: str,
    template: str,
    ctx: dict[str, Any],
    menu: CategoryMenu | None = None,
) -> bytes:
    """A storefront page inside the shop shell (header category menu, language link, search
    box `q`), as UTF-8 bytes that hold a placeholder for the language link: they depend only
    on `ctx`, the locale and the catalogue, never on the query string, so they can be cached
    (then nothing in `ctx` may depend on the shopper). Send them with `page_response`."""
    current_locale.set(locale)
    menu = menu or shop_menu(request, tx, locale)
    base = {"request": request, "menu": menu, "lang_urls": _LANG_MARKS, "q": ""}
    page = request.app.state.templates.get_template(template)
    return page.render({**base, **ctx}).encode()


def page_response(request: Request, body: bytes, status: int = 200) -> Response:
    """An HTML response of `body` (from `render_html`) with the language link of this request
    filled in. A valid ?lang= is remembered in the `lang` cookie for a year."""
    for loc, mark in _LANG_BYTES.items():
        if mark in body:
            body = body.replace(mark, str(escape(_lang_url(request, loc))).encode())
    response = HTMLResponse(body, status_code=status)
    lang = request.query_params.get("lang")
    if lang in LOCALES and request.cookies.get("lang") != lang:
        response.set_cookie("lang", lang, max_age=LANG_COOKIE_AGE, samesite="lax")
    return response


def render_page(
    request: Request,
    tx: Session,
    locale: str,
    template: str,
    ctx: dict[str, Any],
    status: int = 200,
    menu: CategoryMenu | None = None,
) -> Response:
    """Render a storefront page inside the shop shell: header category menu (`menu`), language
    links and search box (`q`). A valid ?lang= is remembered in the `lang` cookie for a year."""
    body = render_html(request, tx, locale, template, ctx, menu)
    return page_response(request, body, status)


def not_found_html(
    request: Request, tx: Session, locale: str, message: str, menu: CategoryMenu | None = None
) -> bytes:
    """The body of the shop's 404 page (see `render_html`), in the shopper's language."""
    ctx = {"status": 404, "code": "not_found", "message": message}
    return render_html(request, tx, locale, "error.html", ctx, menu)


def render_not_found(
    request: Request, tx: Session, locale: str, message: str, menu: CategoryMenu | None = None
) -> Response:
    """The shop's 404 page, with the header menu, in the shopper's language."""
    body = not_found_html(request, tx, locale, message, menu)
    return page_response(request, body, 404)
