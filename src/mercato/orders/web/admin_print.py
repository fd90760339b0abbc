"""Packing slips: one order's, or the chosen orders' (one per page), as an HTML page made for
printing (print CSS in admin.css: an A4 sheet or a 100 × 150 mm label). Each slip carries
the order number as text and as a QR code (segno, drawn here), the recipient and address, and
the lines with SKU and quantity; prices only when asked for (`prices=1`). A read: staff who
may view orders may print them (the warehouse role)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import segno
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.access.public import StaffPageDep, needs, render_admin
from mercato.inventory import public as inventory
from mercato.kernel.errors import NotFound
from mercato.orders.adapters import admin_queries
from mercato.orders.web import admin_actions as actions
from mercato.orders.web import admin_forms as forms
from mercato.platform import clock
from mercato.platform.i18n import current_locale
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin/orders", include_in_schema=False, dependencies=[needs("orders")])


def qr_svg(number: str) -> Markup:
    """The order number as a QR code (a full one: segno.make would pick a Micro QR for so
    short a text, which many scanners cannot read): inline SVG sized by the stylesheet."""
    svg = segno.make_qr(number, error="m").svg_inline(omitsize=True, title=number, border=2)
    return Markup(svg)


def masked_phone(phone: str) -> str:
    """A mainland mobile number with its middle four digits hidden (the slip travels in the
    parcel): 139****5678. Anything else is shown as typed."""
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]}****{phone[7:]}"
    return phone


def sku_codes(tx: Session, sku_ids: list[int]) -> dict[int, str]:
    """SKU codes by SKU id for the slips (orders keep none: inventory knows them)."""
    return inventory.sku_codes(tx, sku_ids)


def _slips_context(tx: Session, numbers: tuple[str, ...], prices: bool) -> dict[str, Any]:
    slips = admin_queries.packing_slips(tx, numbers)
    if not slips:
        raise NotFound("orders.not_found", "No such order", "n")
    found = {s.number for s in slips}
    ids = sorted({ln.sku_id for s in slips for ln in s.lines})
    return {
        "slips": slips,
        "missing": [n for n in numbers if n not in found],
        "codes": sku_codes(tx, ids),
        "qr": {s.number: qr_svg(s.number) for s in slips},
        "prices": prices,
        "printed_at": clock.shop_time(clock.utcnow()),
    }


def _links(numbers: tuple[str, ...], size: str, prices: bool) -> dict[str, Any]:
    """The same slips on the other paper, and with prices shown or hidden."""
    chosen = [("n", n) for n in numbers]
    shown, toggled = ([("prices", "1")], []) if prices else ([], [("prices", "1")])
    return {
        "size_urls": {
            code: "?" + urlencode([*chosen, ("size", code), *shown]) for code in actions.SIZES
        },
        "prices_url": "?" + urlencode([*chosen, ("size", size), *toggled]),
    }


@router.get("/packing-slips", response_class=HTMLResponse)
def packing_slips(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    """?n=<number>&n=…&size=a4|label&prices=1"""
    current_locale.set(loc)
    params = request.query_params
    numbers = actions.chosen_numbers(params.getlist("n"))
    size = params.get("size", "a4")
    size = size if size in actions.SIZES else "a4"
    prices = params.get("prices") == "1"
    ctx = {
        **_slips_context(tx, numbers, prices),
        **_links(numbers, size, prices),
        "numbers": numbers,
        "size": size,
        "sizes": actions.SIZES,
        "status_label": forms.status_label,
        "phone": masked_phone,
    }
    response = render_admin(request, "admin/orders_slips.html", ctx)
    response.headers["Cache-Control"] = "no-store"
    return response
