"""The admin home (GET /admin): sales of today, the last 7 and the last 30 days against the
period before (GMV, paid orders, paying customers, average order value), what waits for the
shop (orders to ship, to pay, refunds owed), the sales per day of the last 30 days (ECharts,
with the same figures as a table without JavaScript), the best sellers and the SKUs about
to run out. Permission: dashboard.

It lives in the orders context because most of its figures are orders'; products and stock
are asked of catalog.public and inventory.public (orders may depend on them, not the
reverse). Seven statements whatever the number of orders (dashboard_queries)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import StaffPageDep, needs, render_admin
from mercato.catalog import public as catalog
from mercato.inventory import public as inventory
from mercato.orders import domain
from mercato.orders.adapters import dashboard_queries as q
from mercato.orders.web import dashboard_view as view
from mercato.platform import clock
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("dashboard")])
TEMPLATE = "admin/dashboard.html"
TOP_ORDERS = ("gmv", "units")


def orders_url(first: date | None = None, last: date | None = None, status: str = "") -> str:
    """The order centre's list for local days [first, last] (placed then) and a status."""
    raw = {
        "status": status,
        "date_from": first.isoformat() if first else "",
        "date_to": last.isoformat() if last else "",
    }
    params = {k: v for k, v in raw.items() if v}
    return "/admin/orders" + ("?" + urlencode(params) if params else "")


def _span(p: view.Period, now: datetime) -> str:
    """What the period covers, and what it is compared with, in the shop's time."""
    up_to = clock.shop_time(now, with_date=False)
    if p.days == 1:
        return _("Today until %(time)s, compared with yesterday until %(time)s") % {"time": up_to}
    return _(
        "%(first)s to today %(time)s, compared with the %(days)s days before until %(time)s"
    ) % {"first": p.first_day.strftime("%m-%d"), "time": up_to, "days": p.days}


def _chart(now: datetime, series: list[tuple[int, int]], days: list[date]) -> dict[str, Any]:
    rows = [
        {"day": d.isoformat(), "gmv": gmv, "orders": n, "url": orders_url(d, d)}
        for d, (gmv, n) in zip(days, series, strict=True)
    ]
    return {
        "rows": rows,
        "gmv": sum(r["gmv"] for r in rows),
        "orders": sum(r["orders"] for r in rows),
        "json": json.dumps(
            {
                "locale": current_locale.get(),
                "names": {"gmv": _("GMV"), "orders": _("Paid orders"), "today": _("Today")},
                "rows": rows,
            },
            ensure_ascii=False,
        ).replace("</", "<\\/"),
    }


def _products(tx: Session, sales: list[q.SkuSales], top: str, locale: str) -> dict[str, Any]:
    """The best sellers and the SKUs about to run out, named by the catalogue (one
    statement) after inventory says what is left (one statement)."""
    best = view.by_product(sales, top)[: view.TOP]
    first_sku: dict[int, int] = {}
    for s in sales:  # the product's best-selling SKU shows it (name, picture)
        first_sku.setdefault(s.product_id, s.sku_id)
    low = view.low_stock(sales, inventory.available(tx, view.watched(sales)))
    shown = low[: view.LOW_SHOWN]
    wanted = [first_sku[p.product_id] for p in best] + [s.sku_id for s in shown]
    names = catalog.sku_snapshots(tx, wanted, locale)
    most = max((p.units if top == "units" else p.gmv_fen for p in best), default=0) or 1
    top_rows = [
        {
            "sales": p,
            "sku": names.get(first_sku[p.product_id]),
            "share": (p.units if top == "units" else p.gmv_fen) * 100 // most,
        }
        for p in best
    ]
    low_rows = [{"stock": s, "sku": names.get(s.sku_id)} for s in shown]
    return {"best": top_rows, "low": low_rows, "low_total": len(low)}


QueueFn = Callable[[Session], tuple[int, int]]


def _to_ship(tx: Session, waiting: dict[str, int], queue: QueueFn | None) -> dict[str, Any]:
    """From the warehouse's shipment queue when logistics runs, else from order statuses."""
    if queue is not None:
        to_ship, picking = queue(tx)
        return {"to_ship": to_ship, "picking": picking, "to_ship_url": "/admin/shipments"}
    return {
        "to_ship": waiting[domain.PAID] + waiting[domain.PICKING],
        "picking": waiting[domain.PICKING],
        "to_ship_url": "",
    }


def context(
    tx: Session, now: datetime, period: str, top: str, locale: str, queue: QueueFn | None = None
) -> dict[str, Any]:
    found = view.periods(now)
    figures = q.figures(tx, view.windows(found))
    chosen = found[period]
    days, bounds = view.chart_days(now)
    waiting = q.waiting(tx)
    sales = q.sku_sales(tx, found["30d"].current)
    return {
        "periods": found,
        "period": chosen,
        "top": top,
        "figures": figures,
        "metrics": view.metrics(figures[period], figures[f"{period}.previous"]),
        "span": _span(chosen, now),
        "updated": clock.shop_time(now, with_date=False),
        "period_url": orders_url(chosen.first_day, chosen.last_day),
        **_to_ship(tx, waiting, queue),
        "to_pay": waiting[domain.PENDING],
        "refunds": q.refunds_owed(tx),
        "chart": _chart(now, q.per_range(tx, bounds), days),
        **_products(tx, sales, top, locale),
        "orders_url": orders_url,
        "yuan": view.yuan,
        "percent": view.percent,
        "PAID": domain.PAID,
        "PICKING": domain.PICKING,
        "PENDING": domain.PENDING,
    }


@router.get("", response_class=HTMLResponse)
def dashboard(request: Request, _staff: StaffPageDep, tx: ReadDep, locale: LocaleDep) -> Response:
    params = request.query_params
    period = params.get("period", "")
    period = period if period in view.PERIODS else "today"
    top = params.get("top", "")
    top = top if top in TOP_ORDERS else "gmv"
    queue = getattr(request.app.state, "orders_shipment_queue", None)
    ctx = context(tx, clock.utcnow(), period, top, locale, queue)
    return render_admin(request, TEMPLATE, ctx)
