"""The category page (/categories, the 分类 tab): the top-level categories down the left,
each one's children on the right, with a picture or an initial, as shopping apps lay it out.

One page per locale, cached rendered per catalogue version like the listings: a warm request
costs the version statement alone. Without JavaScript the left column's links are anchors
into the right column; shell.js marks the section in view."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.catalog.adapters.queries.pictures import category_pictures
from mercato.catalog.views import CategoryNode
from mercato.catalog.web.pages.common import catalogue_version, router, shop_menu
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep


@dataclass(frozen=True, slots=True)
class Tile:
    node: CategoryNode
    picture: str


@dataclass(frozen=True, slots=True)
class Section:
    node: CategoryNode
    tiles: tuple[Tile, ...]


def _picture(node: CategoryNode, icons: Mapping[str, str], pictures: Mapping[int, str]) -> str:
    """The category's own icon, else the best seller's picture of the category itself or of
    the first of its descendants that has one."""
    stack = [node]
    while stack:
        here = stack.pop(0)
        found = icons.get(here.slug) or pictures.get(here.id)
        if found:
            return found
        stack.extend(here.children)
    return ""


def sections(menu: catalog.CategoryMenu, pictures: Mapping[int, str]) -> list[Section]:
    """One section per top-level category; a category without children is its own tile."""
    out = []
    for root in menu.roots:
        nodes = root.children or (root,)
        tiles = tuple(Tile(n, _picture(n, menu.icons, pictures)) for n in nodes)
        out.append(Section(root, tiles))
    return out


def _render(request: Request, tx: Session, locale: str) -> bytes:
    menu = shop_menu(request, tx, locale)
    ctx = {"sections": sections(menu, category_pictures(tx)), "title": _("Categories")}
    return catalog.render_html(request, tx, locale, "storefront/categories.html", ctx, menu)


@router.get("/categories", response_class=HTMLResponse)
async def categories_page(request: Request, loc: LocaleDep) -> Response:
    version = catalogue_version(request)
    cache = catalog.page_cache(request, "categories", 8)
    body = await catalog.cached_page(
        request, cache, version, loc, lambda tx: _render(request, tx, loc)
    )
    return catalog.page_response(request, body)
