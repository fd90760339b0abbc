"""The data centre's fulfilment page (/admin/analytics/fulfilment): order-to-ship and
ship-to-sign times (median and p90, in hours) overall, per warehouse, per carrier and per
day, as charts (ECharts) and tables, each table with its CSV:

GET /admin/analytics/fulfilment/{warehouses,carriers,days}.csv?from=&to=

The filter is the date range alone (no grain, no channel: shipping has none). Definitions:
services.fulfilment. Warehouses are named by inventory, carriers by logistics."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import StaffPageDep, needs
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import fulfilment as figures
from mercato.analytics.web import filters
from mercato.analytics.web.admin import BOM
from mercato.inventory import public as inventory
from mercato.kernel.csvreport import write_table
from mercato.kernel.errors import DomainError
from mercato.logistics import public as logistics
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin/analytics", include_in_schema=False,
                dependencies=[needs("reports")])
TEMPLATE = "analytics/fulfilment.html"
TIMES = ("shipped", "to_ship_median_h", "to_ship_p90_h", "signed", "to_sign_median_h",
         "to_sign_p90_h")
WAREHOUSES = ("warehouse_id", "warehouse", *TIMES)
CARRIERS = ("carrier", "carrier_name", *TIMES)
DAYS = ("day", *TIMES)


def _csv(name: str, columns: tuple[str, ...], rows: list[list[Any]]) -> Response:
    """UTF-8 with a BOM (Excel), like the other data-centre downloads; no figure: empty."""
    disposition = f'attachment; filename="{name}.csv"'
    return Response(BOM + write_table(columns, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def _cells(r: figures.Row) -> list[Any]:
    a, b = r.to_ship, r.to_sign
    return [a.count, a.median_h, a.p90_h, b.count, b.median_h, b.p90_h]


def warehouse_names(tx: Session) -> Callable[[Any], str]:
    """A warehouse's name in the page's language; one gone since is shown by its id."""
    zh = current_locale.get().startswith("zh")
    names = {w.id: (w.name_zh if zh else w.name_en) or w.name_zh or w.code
             for w in inventory.warehouses(tx)}
    return lambda key: names.get(key, f"#{key}")


def _named(rows: list[figures.Row], name: Callable[[Any], str]) -> list[dict[str, Any]]:
    return [{"key": r.key, "name": name(r.key), "row": r} for r in rows]


def _series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"name": r["name"],
             "to_ship": [r["row"].to_ship.median_h, r["row"].to_ship.p90_h],
             "to_sign": [r["row"].to_sign.median_h, r["row"].to_sign.p90_h]} for r in rows]


def _chart(data: figures.Fulfilment, warehouses: list[dict[str, Any]],
           carriers: list[dict[str, Any]]) -> str:
    """The charts' figures (the same as the tables'), as JSON safe inside <script>."""
    body = {
        "locale": current_locale.get(),
        "names": {"to_ship_median": _("Order to ship, median"),
                  "to_ship_p90": _("Order to ship, p90"),
                  "to_sign_median": _("Ship to sign, median"),
                  "to_sign_p90": _("Ship to sign, p90"), "hours": _("Hours")},
        "warehouses": _series(warehouses),
        "carriers": _series(carriers),
        "days": [{"day": str(r.key), "to_ship": r.to_ship.median_h,
                  "to_sign": r.to_sign.median_h} for r in data.days],
    }
    return json.dumps(body, ensure_ascii=False).replace("</", "<\\/")


def _figures(request: Request, f: filters.Filter) -> figures.Fulfilment:
    return figures.fulfilment(Lake.of(request.app.state.settings), f.first, f.last)


def _read(request: Request) -> filters.Filter:
    return filters.read(request.query_params, grain=False, channel=False)


@router.get("/fulfilment", response_class=HTMLResponse)
def fulfilment_page(request: Request, _staff: StaffPageDep, tx: ReadDep) -> Response:
    try:
        f, errors = _read(request), None
    except DomainError as exc:
        f = replace(filters.default(), show_grain=False, show_channel=False)
        errors = filters.refused(exc)
    data = _figures(request, f)
    warehouses = _named(data.warehouses, warehouse_names(tx))
    carriers = _named(data.carriers, logistics.carrier_name)
    ctx = {"data": data, "warehouses": warehouses, "carriers": carriers,
           "chart": _chart(data, warehouses, carriers)}
    return filters.page(request, TEMPLATE, "fulfilment", f, ctx, errors)


@router.get("/fulfilment/warehouses.csv")
def warehouses_csv(request: Request, _staff: StaffPageDep, tx: ReadDep) -> Response:
    f = _read(request)
    name = warehouse_names(tx)
    rows = [[r.key, name(r.key), *_cells(r)] for r in _figures(request, f).warehouses]
    return _csv(f"fulfilment-warehouses-{f.first}-{f.last}", WAREHOUSES, rows)


@router.get("/fulfilment/carriers.csv")
def carriers_csv(request: Request, _staff: StaffPageDep) -> Response:
    f = _read(request)
    rows = [[r.key, logistics.carrier_name(str(r.key)), *_cells(r)]
            for r in _figures(request, f).carriers]
    return _csv(f"fulfilment-carriers-{f.first}-{f.last}", CARRIERS, rows)


@router.get("/fulfilment/days.csv")
def days_csv(request: Request, _staff: StaffPageDep) -> Response:
    f = _read(request)
    rows = [[r.key, *_cells(r)] for r in _figures(request, f).days]
    return _csv(f"fulfilment-days-{f.first}-{f.last}", DAYS, rows)
