"""Category listing and search: the same page over a category subtree or the whole shop.

Listings show no stock, so a whole page is cached, rendered, per (catalogue version, path,
locale, normalised query): a warm request costs one tiny statement (the version) on the
event loop and no worker thread; any catalogue write moves the version and so invalidates
every page."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.adapters.queries.popular import popular_searches
from mercato.catalog.views import CategoryNode, Facet, ListResult
from mercato.catalog.web.pages import params
from mercato.catalog.web.pages.common import catalogue_version, router, shop_menu
from mercato.catalog.web.pages.params import Filters
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep

# Rendered listing pages kept per worker (20-70 kB each).
CACHED_PAGES = 512


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    selected: bool = False
    count: int = 0
    value: str = ""


@dataclass(frozen=True, slots=True)
class FacetPanel:
    code: str
    label: str
    links: tuple[Link, ...]


def _sort_labels() -> dict[str, str]:
    return {
        "relevance": _("Recommended"),
        "sales": _("Best selling"),
        "newest": _("Newest"),
        "price_asc": _("Price: low to high"),
        "price_desc": _("Price: high to low"),
    }


def _panels(path: str, f: Filters, facets: tuple[Facet, ...]) -> list[FacetPanel]:
    return [
        FacetPanel(
            facet.code,
            facet.label,
            tuple(
                Link(
                    v.label,
                    params.url(path, params.toggled(f, facet.code, v.value)),
                    f.has(facet.code, v.value),
                    v.count,
                    v.value,
                )
                for v in facet.values
            ),
        )
        for facet in facets
    ]


def _chips(
    path: str, f: Filters, panels: list[FacetPanel], known: dict[tuple[str, str], str]
) -> list[Link]:
    """One removable chip per active filter, labelled from the facets when they know it,
    else from `known` (a chosen category deeper than the facet's level)."""
    labels = {(p.code, link.value): f"{p.label}: {link.label}" for p in panels for link in p.links}
    labels = {**known, **labels}
    return [
        Link(labels.get((k, v), v), params.url(path, params.toggled(f, k, v)), True, 0, v)
        for k, v in f.pairs
    ]


def _pager(path: str, f: Filters, pages: int) -> list[Link]:
    """Page links around the current one, plus the first and last; gaps are empty labels."""
    shown = sorted({1, pages, *range(max(f.page - 2, 1), min(f.page + 2, pages) + 1)})
    out: list[Link] = []
    for i, n in enumerate(shown):
        if i and n - shown[i - 1] > 1:
            out.append(Link("", ""))
        out.append(Link(str(n), params.url(path, params.with_page(f, n)), n == f.page))
    return out


def _context(
    path: str, f: Filters, result: ListResult, known: dict[tuple[str, str], str]
) -> dict[str, object]:
    panels = _panels(path, f, result.facets)
    sorts = [
        Link(label, params.url(path, params.with_sort(f, key)), key == f.sort, 0, key)
        for key, label in _sort_labels().items()
    ]
    return {
        "filters": f,
        "result": result,
        "panels": panels,
        "chips": _chips(path, f, panels, known),
        "clear_url": params.url(path, params.cleared(f)),
        "sorts": sorts,
        "pager": _pager(path, f, result.pages) if result.pages > 1 else [],
        "prev_url": params.url(path, params.with_page(f, f.page - 1)) if f.page > 1 else "",
        "next_url": (
            params.url(path, params.with_page(f, f.page + 1)) if f.page < result.pages else ""
        ),
        "beyond_last": f.page > result.pages,
        "first_url": params.url(path, params.with_page(f, 1)),
    }


def _popular(tx: Session, locale: str) -> list[Link]:
    """Searches to offer instead of a bare "nothing found"."""
    return [Link(w, params.url("/search", Filters(q=w))) for w in popular_searches(tx, locale)]


def _within(
    menu: catalog.CategoryMenu, node: CategoryNode | None, f: Filters
) -> tuple[Filters, CategoryNode | None]:
    """The filters with the chosen `category=` kept only when it lies below the page's
    category (anywhere on the shop-wide pages), and that category. Any other is dropped, as
    the lenient parsing drops every unusable value: it could only widen or empty the page."""
    slug = next(iter(f.values("category")), None)
    chosen = menu.by_slug.get(slug) if slug else None
    inside = chosen is not None and (
        node is None or (chosen.id != node.id and chosen.path.startswith(node.path))
    )
    if slug is None or inside:
        return f, chosen
    return params.without(f, "category"), None


def _render(
    request: Request, tx: Session, locale: str, slug: str | None, f: Filters
) -> tuple[int, bytes]:
    """(status, body) of a listing: the category `slug`'s subtree, or the whole shop."""
    menu = shop_menu(request, tx, locale)
    node = menu.by_slug.get(slug) if slug is not None else None
    if slug is not None and node is None:
        return 404, catalog.not_found_html(request, tx, locale, _("No such category"), menu)
    path = request.url.path
    f, chosen = _within(menu, node, f)
    result = list_products(tx, params.to_query(f, node, locale), node)
    known = {("category", chosen.slug): f"{_('Category')}: {chosen.name}"} if chosen else {}
    ctx = _context(path, f, result, known)
    if node is not None:
        ctx.update(category=node, trail=menu.trail(node), title=node.name)
    else:
        ctx.update(category=None, trail=(), title=_("Search") if f.q else _("All products"))
    ctx["q"] = f.q
    if f.q and not result.total:
        ctx["popular"] = _popular(tx, locale)
    return 200, catalog.render_html(request, tx, locale, "storefront/listing.html", ctx, menu)


async def _listing(request: Request, locale: str, slug: str | None) -> Response:
    f = params.parse(request.query_params.multi_items())
    version = catalogue_version(request)
    cache = catalog.page_cache(request, "listing", CACHED_PAGES)
    key = (request.url.path, locale, f)
    status, body = await catalog.cached_page(
        request, cache, version, key, lambda tx: _render(request, tx, locale, slug, f)
    )
    return catalog.page_response(request, body, status)


@router.get("/c/{slug}", response_class=HTMLResponse)
async def category_page(request: Request, slug: str, loc: LocaleDep) -> Response:
    return await _listing(request, loc, slug)


@router.get("/search", response_class=HTMLResponse)
async def search_page(request: Request, loc: LocaleDep) -> Response:
    return await _listing(request, loc, None)
