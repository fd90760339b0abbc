"""Storefront pages owned by content: the home page and scenario landing pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mercato.catalog import public as catalog
from mercato.content import public as content
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep

router = APIRouter(include_in_schema=False)

HOME_CARDS = 10


@router.get("/", response_class=HTMLResponse)
def home(request: Request, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    ctx = {
        "banners": content.home_banners(tx, loc),
        "scenarios": content.scenario_links(tx, loc),
        "featured": catalog.featured_cards(tx, loc, HOME_CARDS),
        "newest": catalog.newest_cards(tx, loc, HOME_CARDS),
    }
    return catalog.render_page(request, tx, loc, "content/home.html", ctx)


@router.get("/s/{slug}", response_class=HTMLResponse)
def scenario_page(request: Request, slug: str, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    view = content.scenario(tx, slug, loc)
    if view is None:
        return catalog.render_not_found(request, tx, loc, _("No such page"))
    # All product cards of the page in one query, then shared out to their blocks.
    cards = {c.id: c for c in catalog.product_cards(tx, view.product_ids, loc)}
    sections = [
        (block, [cards[i] for i in block.product_ids if i in cards]) for block in view.blocks
    ]
    ctx = {"page": view, "sections": sections}
    return catalog.render_page(request, tx, loc, "content/scenario.html", ctx)
