"""Storefront pages owned by content: the home page and scenario landing pages.

Both are cached whole, rendered, per catalogue version and keyed by the content they show
(banners and scenario links, or the scenario page itself), which is read on every request:
content has no version counter of its own, and its read models are frozen, hashable values.
So a warm home page costs three small statements on the event loop and a scenario page two,
and neither a content edit nor a catalogue write is ever served stale."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.content import public as content
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)

HOME_CARDS = 10
CACHED_PAGES = 256


def _home(
    request: Request,
    tx: Session,
    loc: str,
    banners: tuple[content.BannerView, ...],
    scenarios: tuple[content.ScenarioLink, ...],
) -> bytes:
    ctx = {
        "banners": banners,
        "scenarios": scenarios,
        "featured": catalog.featured_cards(tx, loc, HOME_CARDS),
        "newest": catalog.newest_cards(tx, loc, HOME_CARDS),
    }
    return catalog.render_html(request, tx, loc, "content/home.html", ctx)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, loc: LocaleDep) -> Response:
    with request.app.state.db.engine.connect() as conn, Session(bind=conn) as tx:
        version = catalog.catalogue_version(tx)
        banners = tuple(content.home_banners(tx, loc))
        scenarios = tuple(content.scenario_links(tx, loc))
    cache = catalog.page_cache(request, "content", CACHED_PAGES)
    body = await catalog.cached_page(
        request,
        cache,
        version,
        ("home", loc, banners, scenarios),
        lambda tx: _home(request, tx, loc, banners, scenarios),
    )
    return catalog.page_response(request, body)


def _scenario(request: Request, tx: Session, loc: str, view: content.ScenarioView) -> bytes:
    # All product cards of the page in one query, then shared out to their blocks.
    cards = {c.id: c for c in catalog.product_cards(tx, view.product_ids, loc)}
    sections = [
        (block, [cards[i] for i in block.product_ids if i in cards]) for block in view.blocks
    ]
    ctx = {"page": view, "sections": sections}
    return catalog.render_html(request, tx, loc, "content/scenario.html", ctx)


def _not_found(request: Request, tx: Session, loc: str) -> bytes:
    return catalog.not_found_html(request, tx, loc, _("No such page"))


@router.get("/s/{slug}", response_class=HTMLResponse)
async def scenario_page(request: Request, slug: str, loc: LocaleDep) -> Response:
    with request.app.state.db.engine.connect() as conn, Session(bind=conn) as tx:
        version = catalog.catalogue_version(tx)
        view = content.scenario(tx, slug, loc)
    cache = catalog.page_cache(request, "content", CACHED_PAGES)
    if view is None:
        body = await catalog.cached_page(
            request, cache, version, ("404", loc), lambda tx: _not_found(request, tx, loc)
        )
        return catalog.page_response(request, body, 404)
    body = await catalog.cached_page(
        request, cache, version, ("s", loc, view), lambda tx: _scenario(request, tx, loc, view)
    )
    return catalog.page_response(request, body)
