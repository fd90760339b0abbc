"""Product page: gallery, price, variant picker (inline SKU JSON for app.js, plain form GET
?sku= without JavaScript), knowledge-base tabs, brand content blocks and attributes.

Stock moves without touching the catalogue, so the page is two parts: the shell (everything
but the buy box) cached per (catalogue version, slug, locale), and the buy box (price,
picker, availability, SKU JSON) built on units available read fresh on every request, and
cached by exactly what it shows (chosen SKU, those units, the service promises: see
promises.py). A warm request costs two small statements on the event loop (catalogue version,
units available with the provinces they are in) and no worker thread; a signed-in shopper's
default address province costs one more."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.catalog.adapters import rich_text
from mercato.catalog.adapters.queries import returns
from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.domain import RETURNS_DAYS_DEFAULT, CampaignBand
from mercato.catalog.views import ArticleView, ProductView, SkuView
from mercato.catalog.web.pages import campaigns, picker, promises
from mercato.catalog.web.pages.common import paragraphs, router, shop_menu
from mercato.inventory import public as inventory
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep
from mercato.web.templating import money, price_range

# Per worker: shells of about 10 kB, buy boxes of 1-3 kB.
CACHED_SHELLS = 2048
CACHED_BOXES = 4096
# Where the buy box goes in a rendered shell; escaped text can never contain "<".
_BOX = Markup("<!--buy-box-->")
_BOX_BYTES = str(_BOX).encode()


@dataclass(frozen=True, slots=True)
class Shell:
    """A product page without its buy box: `head` + box + `tail`. `view` is None when the
    product is absent or not on sale; `head` is then the whole 404 page."""

    view: ProductView | None
    head: bytes
    tail: bytes = b""
    returns_days: int = RETURNS_DAYS_DEFAULT  # its category's; a category write renews shells


@dataclass(frozen=True, slots=True)
class Live:
    """What the buy box shows that is read on every request: sellable units per SKU id and
    warehouse province, the free-shipping amount and the shopper's province code."""

    stock: dict[int, dict[str, int]]
    free_over: int | None
    province: str | None
    campaigns: tuple[CampaignBand, ...] = ()

    def available(self) -> dict[int, int]:
        return {sku_id: sum(by.values()) for sku_id, by in self.stock.items()}


def _kind_labels() -> dict[str, str]:
    return {
        "usage": _("How to use"),
        "ingredients": _("Ingredients"),
        "care": _("Care guide"),
        "faq": _("FAQ"),
    }


def _tabs(articles: tuple[ArticleView, ...]) -> list[dict[str, Any]]:
    """One tab per article kind (in the view's order), holding that kind's articles."""
    labels = _kind_labels()
    tabs: dict[str, dict[str, Any]] = {}
    for a in articles:
        tab = tabs.setdefault(
            a.kind, {"kind": a.kind, "label": labels.get(a.kind, a.kind), "articles": []}
        )
        tab["articles"].append({"title": a.title, "paragraphs": paragraphs(a.body)})
    return list(tabs.values())


def _stock_text(units: int) -> str:
    if units <= 0:
        return _("Out of stock")
    return _("In stock, %(n)s available") % {"n": units}


def _sold_text(n: int) -> str:
    """Units sold as shops show them: exact below ten thousand, then rounded down and
    marked "+" (1.2万+, 12k+), so the figure never claims more than was sold."""
    if n < 10000:
        shown = str(n)
    elif current_locale.get().startswith("zh"):
        shown = f"{n // 1000 / 10:g}万+"
    else:
        shown = f"{n // 1000:,}k+"
    return _("%(n)s sold") % {"n": shown}


def _sku_json(
    view: ProductView, avail: dict[int, int], delivery: promises.Delivery | None
) -> dict[str, Any]:
    """What app.js needs to switch variants without a round trip."""
    eta = dict(delivery.skus) if delivery else {}
    return {
        "axes": [a.code for a in view.axes],
        "range": price_range(view.min_price, view.max_price, view.currency),
        "choose": _("Choose a variant"),
        "delivery": promises.estimate_text(delivery.product if delivery else None),
        "ships_from": promises.origin_text(delivery.product if delivery else None),
        "skus": [
            {
                "id": s.id,
                "code": s.code,
                "price": s.price,
                "price_text": money(s.price, s.currency),
                "options": s.options,
                "available": avail.get(s.id, 0),
                "stock_text": _stock_text(avail.get(s.id, 0)),
                "delivery": promises.estimate_text(eta.get(s.id)),
                "ships_from": promises.origin_text(eta.get(s.id)),
            }
            for s in view.skus
        ],
    }


def _sku_param(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 12 else None


def _buy_box(view: ProductView, avail: dict[int, int], chosen: SkuView | None) -> dict[str, Any]:
    if chosen is not None:
        units = avail.get(chosen.id, 0)
        return {
            "price_text": money(chosen.price, chosen.currency),
            "sku_code": chosen.code,
            "stock_text": _stock_text(units),
            "state": "ok" if units > 0 else "no",
        }
    none_left = not any(avail.values())
    return {
        "price_text": price_range(view.min_price, view.max_price, view.currency),
        "sku_code": "—",
        "stock_text": _("Out of stock") if none_left else _("Choose a variant"),
        "state": "no" if none_left else "hint",
    }


def _shell(request: Request, tx: Session, locale: str, slug: str) -> Shell:
    menu = shop_menu(request, tx, locale)
    view = product_detail(tx, slug, locale)
    if view is None or view.status != "active":
        return Shell(None, catalog.not_found_html(request, tx, locale, _("No such product"), menu))
    ctx = {
        "product": view,
        "title": view.name,
        "buybox": _BOX,
        "tabs": _tabs(view.articles),
        "videos": [b for b in view.blocks if b.kind == "video"],
        "cases": [b for b in view.blocks if b.kind == "case"],
        "paragraphs": paragraphs,
        "description_html": rich_text.to_html,
    }
    body = catalog.render_html(request, tx, locale, "storefront/product.html", ctx, menu)
    head, tail = body.split(_BOX_BYTES)  # exactly one box, or this raises
    return Shell(view, head, tail, returns.for_products(tx, [view.id])[view.id])


def _promises(
    shell: Shell, live: Live, delivery: promises.Delivery | None, chosen: SkuView | None
) -> dict[str, Any]:
    """The promise rows: delivery to the shopper's province (for the chosen SKU, else any in
    stock; no row when that is out of stock), free shipping, no-reason returns."""
    ctx: dict[str, Any] = {
        "free_shipping": promises.free_shipping_text(live.free_over),
        "returns_days": shell.returns_days,
        "returns_text": promises.returns_text(shell.returns_days),
        "delivery": None,
    }
    avail = live.available()
    in_stock = avail.get(chosen.id, 0) > 0 if chosen else any(avail.values())
    if delivery is not None and in_stock:
        eta = dict(delivery.skus).get(chosen.id) if chosen else delivery.product
        text = promises.estimate_text(eta) or _("No delivery estimate for this place yet")
        ctx["delivery"] = {
            "code": delivery.code,
            "text": text,
            "ships_from": promises.origin_text(eta),
            "choices": promises.province_choices(),
        }
    return ctx


def _render_box(
    request: Request,
    shell: Shell,
    live: Live,
    delivery: promises.Delivery | None,
    chosen: SkuView | None,
) -> bytes:
    """The buy box for what was read live (in the request's locale, set by LocaleDep)."""
    assert shell.view is not None
    view, avail = shell.view, live.available()
    selected = dict(chosen.options) if chosen else {}
    ctx = {
        "product": view,
        "chosen": chosen,
        "axes": picker.choices(view.axes, view.skus, avail, selected),
        "sku_json": _sku_json(view, avail, delivery),
        "buy": _buy_box(view, avail, chosen),
        "sold_text": _sold_text(view.sales_count),
        "campaigns": _shown_bands(live.campaigns, chosen),
        **_promises(shell, live, delivery, chosen),
    }
    box = request.app.state.templates.get_template("storefront/_buybox.html")
    return box.render(ctx).encode()


def _shown_bands(bands: tuple[CampaignBand, ...], chosen: SkuView | None) -> list[CampaignBand]:
    """The chosen SKU's campaigns; with none chosen, each campaign's lowest price."""
    if chosen is not None:
        return [b for b in bands if b.sku_id == chosen.id]
    best: dict[tuple[str, str], CampaignBand] = {}
    for b in bands:
        key = (b.kind, b.href.split("?")[0])
        if key not in best or b.price_fen < best[key].price_fen:
            best[key] = b
    return list(best.values())


def _stock(conn: Connection, view: ProductView) -> dict[int, dict[str, int]]:
    """Units sellable now, by warehouse province: read on every request, never cached."""
    with Session(bind=conn) as tx:
        return inventory.sellable_by_province(tx, [s.id for s in view.skus])


def _buy_box_html(request: Request, version: int, shell: Shell, live: Live, loc: str) -> bytes:
    """The buy box, cached by exactly what it shows: the chosen SKU, the units available, the
    free-shipping amount and the delivery estimates (province, dates)."""
    assert shell.view is not None
    view = shell.view
    chosen = picker.chosen_sku(view.skus, _sku_param(request.query_params.get("sku")))
    delivery = promises.delivery(live.province, live.stock)
    units = tuple(sorted(live.available().items()))
    key = (view.slug, loc, chosen.id if chosen else 0, units, live.free_over, delivery,
           live.campaigns)
    boxes = catalog.page_cache(request, "buy_box", CACHED_BOXES)
    return boxes.get_or_make(
        version, key, lambda: _render_box(request, shell, live, delivery, chosen)
    )


@router.get("/p/{slug}", response_class=HTMLResponse)
async def product_page(request: Request, slug: str, loc: LocaleDep) -> Response:
    shells = catalog.page_cache(request, "product", CACHED_SHELLS)
    engine = request.app.state.db.engine
    with engine.connect() as conn:
        version = catalog.catalogue_version(conn)
        shell: Shell | None = catalog.cached_only(shells, version, (slug, loc))
        stock = _stock(conn, shell.view) if shell and shell.view else None
        free_over = promises.free_shipping_over(request, conn)
        province = promises.shopper_province(request, conn)
    if shell is None:  # a miss loads in a worker thread, holding no connection meanwhile
        shell = await catalog.cached_page(
            request, shells, version, (slug, loc), lambda tx: _shell(request, tx, loc, slug)
        )
    view = shell.view
    if view is None:
        return catalog.page_response(request, shell.head, 404)
    if stock is None:
        with engine.connect() as conn:
            stock = _stock(conn, view)
    running = campaigns.bands(request, engine, view.id, tuple(s.id for s in view.skus))
    box = _buy_box_html(request, version, shell, Live(stock, free_over, province, running), loc)
    response = catalog.page_response(request, shell.head + box + shell.tail)
    promises.remember_province(request, response)
    return response
