"""The data centre's overview (GET /admin/analytics) and its live figures
(GET /admin/analytics/live). Permission: reports.

The page, for the filter's range, grain and channel (web.filters): today's cards (GMV,
paid orders, visitors, average order value; moving live), the traffic figures per period
(services.figures.traffic) as two charts and a table, and the purchase funnel
(services.figures.funnel) as a chart and a table. The CSV downloads are the staff figures'
(/admin/analytics/traffic.csv and funnel.csv, web.admin): their guard takes the admin
session on a GET, so a plain link with the same query downloads them.

/admin/analytics/live is a Server-Sent Events stream (Accept: text/event-stream, as
EventSource asks) of `today` events {day, gmv_fen, paid_orders, visitors, aov_fen, at}: one
at once, then one whenever the figures change. It looks again when the platform's hub
announces a payment (services.live) and every TICK seconds anyway (page views and other
processes' segments), sends a comment every HEARTBEAT seconds so proxies keep the
connection, and ends after LIFETIME seconds: the browser reconnects by itself (the guard
runs again: a revoked session stops there) and a server stopping waits for no stream long.
Any other Accept gets the figures once, as JSON."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse

from mercato.access.public import needs
from mercato.analytics import domain
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import figures, live
from mercato.analytics.web import filters
from mercato.kernel.errors import DomainError
from mercato.platform import clock
from mercato.platform import live as notices
from mercato.platform.i18n import N_, current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.routing import Router

log = logging.getLogger(__name__)
router = Router(prefix="/admin/analytics", include_in_schema=False,
                dependencies=[needs("reports")])
TEMPLATE = "analytics/overview.html"
TICK = 1.0  # seconds between two looks at the lake without a notification
HEARTBEAT = 15.0
LIFETIME = 60.0
RETRY_MS = 1000  # how soon the browser reconnects after a stream ends
STREAM_HEADERS = {"Cache-Control": "no-store", "X-Accel-Buffering": "no"}
STEPS = {
    domain.PRODUCT_VIEW: N_("Viewed a product"),
    domain.ADD_TO_CART: N_("Put in the cart"),
    domain.CHECKOUT_STARTED: N_("Started checkout"),
    domain.ORDER_PLACED: N_("Placed an order"),
    domain.ORDER_PAID: N_("Paid the order"),
}


def _lake(request: Request) -> Lake:
    return Lake.of(request.app.state.settings)


def yuan(fen: int) -> str:
    """¥12,345.60: whole fen shown as yuan, thousands separated (no float on the way)."""
    sign = "-" if fen < 0 else ""
    units, cents = divmod(abs(int(fen)), 100)
    return f"{sign}¥{units:,}.{cents:02d}"


def percent(share: float) -> str:
    return f"{share * 100:.2f}%"


def _period(day: date, grain: str) -> tuple[str, str]:
    """(the table's label, the chart axis's short one) of a period by its first day."""
    if grain == "month":
        return day.strftime("%Y-%m"), day.strftime("%Y-%m")
    if grain == "week":
        return _("Week of %(day)s") % {"day": day.isoformat()}, day.strftime("%m-%d")
    return day.isoformat(), day.strftime("%m-%d")


def _names() -> dict[str, str]:
    """The charts' words (axes, tooltips), in the page's language."""
    return {"gmv": _("GMV"), "count": _("Orders"), "orders": _("Orders placed"),
            "paid": _("Paid orders"), "uv": _("Visitors"), "pv": _("Page views"),
            "conversion": _("Payment conversion"), "people": _("People"),
            "of_first": _("Of the first step"), "drop": _("Lost here")}


def context(f: filters.Filter, rows: list[figures.TrafficRow], steps: list[figures.FunnelStep],
            today: live.Today, now: datetime) -> dict[str, Any]:
    """What the template shows, and the charts' JSON: the same figures (money in fen)."""
    labelled = [(*_period(r.period, f.grain), r) for r in rows]
    named = [(_(STEPS[s.step]), s) for s in steps]
    chart = {
        "locale": current_locale.get(), "names": _names(),
        "rows": [{"period": r.period.isoformat(), "label": label, "short": short, "uv": r.uv,
                  "pv": r.pv, "orders": r.orders, "paid_orders": r.paid_orders,
                  "gmv_fen": r.gmv_fen, "conversion": r.conversion}
                 for label, short, r in labelled],
        "funnel": [{"step": s.step, "name": name, "people": s.people, "drop": s.drop,
                    "of_first": s.of_first} for name, s in named],
    }
    live_query = urlencode({"channel": f.channel}) if f.channel else ""
    return {
        "rows": labelled, "steps": named, "today": today,
        "updated": clock.shop_time(now, seconds=True, with_date=False),
        "gmv_fen": sum(r.gmv_fen for r in rows), "paid_orders": sum(r.paid_orders for r in rows),
        "chart_json": json.dumps(chart, ensure_ascii=False).replace("</", "<\\/"),
        "live_url": "/admin/analytics/live" + ("?" + live_query if live_query else ""),
        "yuan": yuan, "percent": percent,
    }


@router.get("", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    errors = None
    try:
        f = filters.read(request.query_params)
    except DomainError as exc:
        f, errors = filters.default(), filters.refused(exc)
    lake = _lake(request)
    rows = figures.traffic(lake, f.first, f.last, f.grain, f.channel_or_none)
    steps = figures.funnel(lake, f.first, f.last, f.channel_or_none)
    today = live.today(lake, f.channel_or_none)
    ctx = context(f, rows, steps, today, clock.utcnow())
    return filters.page(request, TEMPLATE, "overview", f, ctx, errors)


def _event(today: live.Today) -> str:
    return f"event: today\ndata: {json.dumps(today.message(clock.utcnow()))}\n\n"


async def stream(hub: notices.Hub, lake: Lake, channel: str | None) -> AsyncIterator[str]:
    """The `today` events of one client, until LIFETIME ends or the client goes (Starlette
    cancels the stream when the client disconnects; the listener is closed either way)."""
    with hub.listen(live.TOPIC) as listener:
        yield f"retry: {RETRY_MS}\n\n"
        sent: live.Today | None = None
        started = spoke = time.monotonic()
        while time.monotonic() - started < LIFETIME:
            today: live.Today | None
            try:
                today = await anyio.to_thread.run_sync(live.today, lake, channel)
            except Exception:  # the lake changed under the read twice: next tick
                log.warning("analytics: today's figures not read", exc_info=True)
                today = sent
            if today is not None and today != sent:
                sent, spoke = today, time.monotonic()
                yield _event(today)
            elif time.monotonic() - spoke >= HEARTBEAT:
                spoke = time.monotonic()
                yield ": heartbeat\n\n"
            await listener.wait(TICK)


@router.get("/live")
async def live_figures(request: Request, channel: str = Query("", max_length=10)) -> Response:
    if channel and channel not in domain.CHANNELS:
        raise DomainError("analytics.invalid_channel", "Unknown channel", "channel")
    lake = _lake(request)
    if "text/event-stream" not in request.headers.get("accept", ""):
        today = await anyio.to_thread.run_sync(live.today, lake, channel or None)
        return JSONResponse(today.message(clock.utcnow()), headers={"Cache-Control": "no-store"})
    settings = request.app.state.settings
    hub = notices.hub(settings.broker_url, settings.queue_namespace)
    return StreamingResponse(stream(hub, lake, channel or None),
                             media_type="text/event-stream", headers=STREAM_HEADERS)

