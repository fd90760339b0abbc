"""The warehouse's printouts, HTML pages made for printing (print CSS in admin.css):

- the pick list (/admin/shipments/picklist?n=…): per warehouse, each SKU with its name and
  the quantity to take off the shelves across the chosen shipments, then each shipment's lines
  to pack (A4); the same sheet as a PDF at /admin/shipments/picklist.pdf?n=…;
- the electronic waybills (/admin/shipments/waybills?n=…): one 100 × 150 mm label a page per
  shipment handed to a carrier — carrier, the waybill number as a Code 128 barcode, the routing
  code (大头笔) large, recipient and sender, the items, our shipment number. Shipments without
  a waybill are listed as skipped.

Reads: staff who may view shipping may print."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from mercato.access.public import StaffPageDep, needs, render_admin
from mercato.inventory import public as inventory
from mercato.logistics import code128, domain
from mercato.logistics.adapters import admin_queries, picklist_pdf, repository
from mercato.logistics.adapters.tables import Shipment
from mercato.logistics.web import admin_forms as forms
from mercato.platform import clock
from mercato.platform.i18n import current_locale
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(
    prefix="/admin/shipments", include_in_schema=False, dependencies=[needs("shipping")]
)
LABELLED = (domain.SHIPPED, domain.SIGNED)


@dataclass(frozen=True, slots=True)
class Pick:
    sku_code: str
    name: str
    quantity: int
    shipments: int  # how many of the chosen shipments take some
    numbers: tuple[str, ...] = ()  # those shipments' numbers


def masked_phone(phone: str) -> str:
    """A mainland mobile with its middle four digits hidden (隐私面单): 139****5678."""
    if len(phone) == 11 and phone.isdigit():
        return f"{phone[:3]}****{phone[7:]}"
    return phone


def _chosen(request: Request) -> tuple[str, ...] | Response:
    """The chosen numbers, or a redirect that drops what a form without script sent along
    (its csrf field must not stay in an address)."""
    params = request.query_params
    numbers = forms.chosen_numbers(params.getlist("n"))
    if set(params.keys()) - {"n"}:
        url = f"{request.url.path}?" + urlencode([("n", n) for n in numbers])
        return RedirectResponse(url, status_code=303)
    return numbers


def _picks(tx: Session, rows: list[Shipment]) -> dict[int, list[Pick]]:
    """Per warehouse, each SKU's total across the shipments and the shipments taking some,
    by SKU code."""
    lines = repository.lines_of(tx, [s.id for s in rows])
    totals: dict[int, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    served: dict[tuple[int, str, str], dict[str, None]] = defaultdict(dict)  # ordered set
    for s in rows:
        for ln in lines[s.id]:
            key = (ln.sku_code or f"#{ln.sku_id}", ln.name)
            totals[s.warehouse_id][key] += ln.quantity
            served[(s.warehouse_id, *key)][s.number] = None
    return {
        w: [
            Pick(code, name, q, len(served[w, code, name]), tuple(served[w, code, name]))
            for (code, name), q in sorted(skus.items())
        ]
        for w, skus in sorted(totals.items())
    }


def _base(tx: Session, numbers: tuple[str, ...]) -> dict[str, Any]:
    rows = admin_queries.by_numbers(tx, numbers)
    found = {s.number for s in rows}
    return {
        **forms.HELPERS,
        "rows": rows,
        "lines": repository.lines_of(tx, [s.id for s in rows]),
        "missing": [n for n in numbers if n not in found],
        "warehouses": {w.id: w for w in inventory.warehouses(tx)},
        "printed_at": clock.shop_time(clock.utcnow()),
        "phone": masked_phone,
    }


def barcode(waybill_no: str) -> Markup:
    """The waybill number as a Code 128 barcode ("" when it is not printable ASCII)."""
    try:
        return Markup(code128.svg(waybill_no))
    except ValueError:
        return Markup("")


def _render(request: Request, template: str, ctx: dict[str, Any]) -> Response:
    response = render_admin(request, template, ctx)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.get("/picklist", response_class=HTMLResponse)
def picklist(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    """?n=<shipment number>&n=…"""
    current_locale.set(loc)
    numbers = _chosen(request)
    if isinstance(numbers, Response):
        return numbers
    ctx = _base(tx, numbers)
    ctx["picks"] = _picks(tx, ctx["rows"])
    return _render(request, "admin/logistics/picklist.html", ctx)


@router.get("/picklist.pdf")
def picklist_file(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    """?n=<shipment number>&n=… — the pick list as a PDF, shown in the browser's viewer."""
    current_locale.set(loc)
    numbers = _chosen(request)
    if isinstance(numbers, Response):
        return numbers
    ctx = _base(tx, numbers)
    body = picklist_pdf.render(_sheet(ctx, _picks(tx, ctx["rows"])))
    headers = {
        "Content-Disposition": f'inline; filename="picklist-{clock.today().isoformat()}.pdf"',
        "Cache-Control": "no-store",
    }
    return Response(body, media_type="application/pdf", headers=headers)


def _sheet(ctx: dict[str, Any], picks: dict[int, list[Pick]]) -> picklist_pdf.Sheet:
    """The page's context as the plain values the PDF is drawn from."""
    houses = ctx["warehouses"]

    def house(wid: int) -> tuple[str, str]:
        return (houses[wid].name_zh, houses[wid].code) if wid in houses else (f"#{wid}", "")

    return picklist_pdf.Sheet(
        printed_at=ctx["printed_at"],
        houses=tuple(
            picklist_pdf.House(
                *house(wid),
                tuple(picklist_pdf.PickRow(k.sku_code, k.name, k.quantity, k.numbers)
                      for k in skus),
            )
            for wid, skus in picks.items()
        ),
        parcels=tuple(_parcel(s, ctx["lines"][s.id], house(s.warehouse_id)[0])
                      for s in ctx["rows"]),
        missing=tuple(ctx["missing"]),
    )


def _parcel(s: Shipment, lines: list[Any], house: str) -> picklist_pdf.Parcel:
    place = s.province + (s.city if s.city != s.province else "")
    status = "" if s.status in (domain.ALLOCATED, domain.PICKING) else forms.status_label(s.status)
    return picklist_pdf.Parcel(
        s.number,
        s.priority,
        f"{house} · {s.recipient} · {place}",
        status,
        tuple((ln.sku_code or f"#{ln.sku_id}", ln.name, ln.quantity) for ln in lines),
    )


@router.get("/waybills", response_class=HTMLResponse)
def waybills(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    """?n=<shipment number>&n=… — the labels of those shipped; the others are skipped."""
    current_locale.set(loc)
    numbers = _chosen(request)
    if isinstance(numbers, Response):
        return numbers
    ctx = _base(tx, numbers)
    labelled = [s for s in ctx["rows"] if s.status in LABELLED and s.waybill_no]
    ctx.update(
        {
            "labelled": labelled,
            "skipped": [s for s in ctx["rows"] if s not in labelled],
            "barcodes": {s.number: barcode(s.waybill_no or "") for s in labelled},
            "sender_phone": request.app.state.settings.logistics_sender_phone,
        }
    )
    return _render(request, "admin/logistics/waybills.html", ctx)
