"""Category listing and search: the same page over a category subtree or the whole shop."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.views import CategoryNode, Facet, ListResult
from mercato.catalog.web.pages import params
from mercato.catalog.web.pages.common import shop_menu
from mercato.catalog.web.pages.params import Filters
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep

router = APIRouter(include_in_schema=False)


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


def _chips(path: str, f: Filters, panels: list[FacetPanel]) -> list[Link]:
    """One removable chip per active filter, labelled from the facets when they know it."""
    labels = {(p.code, link.value): f"{p.label}: {link.label}" for p in panels for link in p.links}
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


def _context(path: str, f: Filters, result: ListResult) -> dict[str, object]:
    panels = _panels(path, f, result.facets)
    sorts = [
        Link(label, params.url(path, params.with_sort(f, key)), key == f.sort, 0, key)
        for key, label in _sort_labels().items()
    ]
    return {
        "filters": f,
        "result": result,
        "panels": panels,
        "chips": _chips(path, f, panels),
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


def _listing(
    request: Request,
    tx: Session,
    locale: str,
    menu: catalog.CategoryMenu,
    node: CategoryNode | None,
) -> Response:
    f = params.parse(request.query_params.multi_items())
    result = list_products(tx, params.to_query(f, node, locale), node)
    ctx = _context(request.url.path, f, result)
    if node is not None:
        ctx.update(category=node, trail=menu.trail(node), title=node.name)
    else:
        ctx.update(category=None, trail=(), title=_("Search") if f.q else _("All products"))
    ctx["q"] = f.q
    return catalog.render_page(request, tx, locale, "storefront/listing.html", ctx, menu=menu)


@router.get("/c/{slug}", response_class=HTMLResponse)
def category_page(request: Request, slug: str, tx: ReadDep, loc: LocaleDep) -> Response:
    menu = shop_menu(request, tx, loc)
    node = menu.by_slug.get(slug)
    if node is None:
        return catalog.render_not_found(request, tx, loc, _("No such category"), menu)
    return _listing(request, tx, loc, menu, node)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, tx: ReadDep, loc: LocaleDep) -> Response:
    return _listing(request, tx, loc, shop_menu(request, tx, loc), None)
