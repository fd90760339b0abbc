"""Product page: gallery, price, variant picker (inline SKU JSON for app.js, plain form GET
?sku= without JavaScript), knowledge-base tabs, brand content blocks and attributes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mercato.catalog import public as catalog
from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.views import ArticleView, ProductView, SkuView
from mercato.catalog.web.pages import picker
from mercato.catalog.web.pages.common import paragraphs, shop_menu
from mercato.inventory import public as inventory
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.templating import money, price_range

router = APIRouter(include_in_schema=False)


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


def _sku_json(view: ProductView, avail: dict[int, int]) -> dict[str, Any]:
    """What app.js needs to switch variants without a round trip."""
    return {
        "axes": [a.code for a in view.axes],
        "range": price_range(view.min_price, view.max_price, view.currency),
        "choose": _("Choose a variant"),
        "skus": [
            {
                "id": s.id,
                "code": s.code,
                "price": s.price,
                "price_text": money(s.price, s.currency),
                "options": s.options,
                "available": avail.get(s.id, 0),
                "stock_text": _stock_text(avail.get(s.id, 0)),
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


@router.get("/p/{slug}", response_class=HTMLResponse)
def product_page(request: Request, slug: str, tx: ReadDep, loc: LocaleDep) -> Response:
    menu = shop_menu(request, tx, loc)
    view = product_detail(tx, slug, loc)
    if view is None or view.status != "active":
        return catalog.render_not_found(request, tx, loc, _("No such product"), menu)
    avail = inventory.available(tx, [s.id for s in view.skus])
    chosen = picker.chosen_sku(view.skus, _sku_param(request.query_params.get("sku")))
    selected = dict(chosen.options) if chosen else {}
    ctx = {
        "product": view,
        "title": view.name,
        "chosen": chosen,
        "axes": picker.choices(view.axes, view.skus, avail, selected),
        "sku_json": _sku_json(view, avail),
        "buy": _buy_box(view, avail, chosen),
        "tabs": _tabs(view.articles),
        "videos": [b for b in view.blocks if b.kind == "video"],
        "cases": [b for b in view.blocks if b.kind == "case"],
        "paragraphs": paragraphs,
    }
    return catalog.render_page(request, tx, loc, "storefront/product.html", ctx, menu=menu)
