"""Staff figures as JSON and CSV (the dashboards to come read the JSON):

GET /admin/analytics/traffic.json|.csv?from=&to=&grain=day|week|month&channel=
GET /admin/analytics/funnel.json|.csv?from=&to=&channel=

`from` and `to` are local days (YYYY-MM-DD, both included; default: the last 30 days), in
order and three years apart at most (422 otherwise). Definitions: services.figures. The
staff guard (reports permission; a bearer token, or the admin session) is handed in by
bootstrap: analytics imports no context. Errors come as JSON to `Accept: application/json`
(as the admin's scripts send it), else as the admin's error page."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from fastapi import Query, Request
from fastapi.responses import JSONResponse, Response

from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import figures
from mercato.kernel.csvreport import write_table
from mercato.kernel.errors import DomainError
from mercato.platform import clock
from mercato.web.date_filters import parse_day
from mercato.web.routing import Router

DEFAULT_DAYS = 30
BOM = b"\xef\xbb\xbf"  # Excel reads UTF-8 CSV as such only with it
TRAFFIC = ("period", "uv", "pv", "orders", "paid_orders", "buyers", "gmv_fen", "aov_fen",
           "conversion")
FUNNEL = ("step", "people", "drop", "of_first")


def _day(raw: str, field: str, default: date) -> date:
    if not raw.strip():
        return default
    day = parse_day(raw.strip())
    if day is None:
        raise DomainError("analytics.invalid_date", "Enter a date as YYYY-MM-DD", field)
    return day


def _range(first: str, last: str) -> tuple[date, date]:
    end = _day(last, "to", clock.today())
    return _day(first, "from", end - timedelta(days=DEFAULT_DAYS - 1)), end


def _lake(request: Request) -> Lake:
    return Lake.of(request.app.state.settings)


def _csv(name: str, columns: tuple[str, ...], rows: list[Any]) -> Response:
    data = write_table(columns, [[getattr(r, c) for c in columns] for r in rows])
    disposition = f'attachment; filename="{name}.csv"'
    return Response(BOM + data, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def _traffic(request: Request, first: str, last: str, grain: str,
             channel: str) -> tuple[dict[str, Any], list[figures.TrafficRow]]:
    start, end = _range(first, last)
    rows = figures.traffic(_lake(request), start, end, grain, channel or None)
    head = {"from": start.isoformat(), "to": end.isoformat(), "grain": grain, "channel": channel}
    return head, rows


def _funnel(request: Request, first: str, last: str,
            channel: str) -> tuple[dict[str, Any], list[figures.FunnelStep]]:
    start, end = _range(first, last)
    steps = figures.funnel(_lake(request), start, end, channel or None)
    return {"from": start.isoformat(), "to": end.isoformat(), "channel": channel}, steps


def make_router(guard: Any) -> Router:
    """The routes, behind `guard` (access.public.needs("reports", api=True) in bootstrap)."""
    router = Router(prefix="/admin/analytics", include_in_schema=False, dependencies=[guard])
    From = Query("", alias="from", max_length=20)
    To = Query("", alias="to", max_length=20)
    Grain = Query("day", max_length=10)
    Channel = Query("", max_length=10)

    @router.get("/traffic.json")
    def traffic_json(request: Request, first: str = From, last: str = To, grain: str = Grain,
                     channel: str = Channel) -> JSONResponse:
        head, rows = _traffic(request, first, last, grain, channel)
        out = [{**asdict(r), "period": r.period.isoformat()} for r in rows]
        return JSONResponse({**head, "rows": out}, headers={"Cache-Control": "no-store"})

    @router.get("/traffic.csv")
    def traffic_csv(request: Request, first: str = From, last: str = To, grain: str = Grain,
                    channel: str = Channel) -> Response:
        head, rows = _traffic(request, first, last, grain, channel)
        return _csv(f"traffic-{head['from']}-{head['to']}-{grain}", TRAFFIC, rows)

    @router.get("/funnel.json")
    def funnel_json(request: Request, first: str = From, last: str = To,
                    channel: str = Channel) -> JSONResponse:
        head, steps = _funnel(request, first, last, channel)
        return JSONResponse({**head, "steps": [asdict(s) for s in steps]},
                            headers={"Cache-Control": "no-store"})

    @router.get("/funnel.csv")
    def funnel_csv(request: Request, first: str = From, last: str = To,
                   channel: str = Channel) -> Response:
        head, steps = _funnel(request, first, last, channel)
        return _csv(f"funnel-{head['from']}-{head['to']}", FUNNEL, steps)

    return router
