"""The data centre's forecast page (/admin/analytics/forecast): units per week forecast for
the next four weeks per SKU beside the stock, as days of cover (the SKUs running out before a
reorder could arrive flagged, shortest first); one SKU's weeks as a chart (?sku=, else the
first of the table); how the forecast did in the backtest against the seasonal naive.

GET /admin/analytics/forecast.csv            every SKU of the table (forecasts as floats)
GET /admin/analytics/forecast/weeks.csv?sku= the charted SKU's weeks in the range + forecast
GET /admin/analytics/forecast/backtest.csv   the backtest's figures

The filter is the date range alone, and only chooses the history shown in the chart: the
forecast is always made from the last whole week. Definitions: services.forecast."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from mercato.access.public import StaffPageDep, needs
from mercato.analytics import forecasting as fc
from mercato.analytics.adapters.forecast_store import folder_of
from mercato.analytics.services import forecast
from mercato.analytics.web import filters
from mercato.analytics.web.admin import BOM
from mercato.kernel.csvreport import write_table
from mercato.kernel.errors import DomainError
from mercato.platform import clock
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.platform.tx import AnyTx
from mercato.web.deps import ReadDep
from mercato.web.routing import Router

router = Router(prefix="/admin/analytics", include_in_schema=False,
                dependencies=[needs("reports")])
TEMPLATE = "analytics/forecast.html"
HISTORY_DAYS = 26 * 7  # the chart's default range: half a year of weeks
SHOWN = 100  # rows on the page; the CSV has them all
BACKTEST = ("method", "wape", "mae", "bias", "skus", "sku_weeks", "better_on", "ties",
            "mae_ratio")


def _csv(name: str, columns: tuple[str, ...] | list[str], rows: list[list[Any]]) -> Response:
    disposition = f'attachment; filename="{name}.csv"'
    return Response(BOM + write_table(tuple(columns), rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def _read(request: Request) -> filters.Filter:
    return filters.read(request.query_params, HISTORY_DAYS, grain=False, channel=False)


def _latest(request: Request, tx: AnyTx) -> forecast.Forecast:
    today = clock.local(clock.utcnow()).date()
    return forecast.latest(tx, folder_of(request.app.state.settings), today)


def _sku(request: Request, f: forecast.Forecast, rows: list[forecast.SkuRow]) -> int | None:
    """The SKU charted: ?sku= when the forecast has it, else the table's first."""
    raw = request.query_params.get("sku", "")
    if raw.isdigit() and int(raw) in f.skus:
        return int(raw)
    return rows[0].sku_id if rows else None


def _weeks(f: forecast.Forecast, sku: int, filt: filters.Filter) -> list[dict[str, Any]]:
    """The SKU's weeks in the range (sold), then the forecast weeks (forecast, baseline)."""
    s = f.skus[sku]
    sold = fc.rows_of({sku: s.history}, f.last_week, sku, filt.first, filt.last)
    out: list[dict[str, Any]] = [{"week": w.isoformat(), "sold": y, "forecast": None,
                                  "baseline": None} for w, y in sold]
    out += [{"week": w.isoformat(), "sold": None, "forecast": round(v, 2),
             "baseline": round(b, 2)} for w, v, b in zip(f.weeks, s.forecast, s.baseline,
                                                         strict=True)]
    return out


def _chart(weeks: list[dict[str, Any]], label: str) -> str:
    body = {"locale": current_locale.get(), "sku": label, "weeks": weeks,
            "names": {"sold": _("Units sold"), "forecast": _("Forecast"),
                      "baseline": _("Seasonal naive"), "units": _("Units per week")}}
    return json.dumps(body, ensure_ascii=False).replace("</", "<\\/")


@router.get("/forecast", response_class=HTMLResponse)
def forecast_page(request: Request, _staff: StaffPageDep, tx: ReadDep) -> Response:
    try:
        filt, errors = _read(request), None
    except DomainError as exc:
        filt = replace(filters.default(HISTORY_DAYS), show_grain=False, show_channel=False)
        errors = filters.refused(exc)
    f = _latest(request, tx)
    rows = forecast.table(tx, f, current_locale.get())
    sku = _sku(request, f, rows)
    chosen = next((r for r in rows if r.sku_id == sku), None)
    weeks = _weeks(f, sku, filt) if sku is not None else []
    ctx = {"fc": f, "rows": rows[:SHOWN], "total": len(rows), "chosen": chosen,
           "weeks": weeks, "chart": _chart(weeks, chosen.code or chosen.name if chosen else ""),
           "short": sum(1 for r in rows if r.short), "lead_days": fc.LEAD_DAYS,
           "min_weeks": fc.MIN_WEEKS, "horizon": fc.HORIZON, "folds": fc.FOLDS,
           "whole": fc.whole, "computed": clock.shop_time(f.computed_at)}
    return filters.page(request, TEMPLATE, "forecast", filt, ctx, errors)


@router.get("/forecast.csv")
def forecast_csv(request: Request, _staff: StaffPageDep, tx: ReadDep) -> Response:
    _read(request)  # the same filter as the page, refused the same way
    f = _latest(request, tx)
    columns = ["sku_id", "sku_code", "name", "sold_last_4_weeks",
               *(f"forecast_{w.isoformat()}" for w in f.weeks), "forecast_4_weeks",
               "seasonal_naive_4_weeks", "available", "cover_days", "below_lead_time", "method"]
    rows = [[r.sku_id, r.code, r.name, r.recent, *(round(v, 3) for v in r.forecast),
             round(r.total, 3), round(sum(r.baseline), 3), r.available,
             "" if r.cover_days is None else round(r.cover_days, 1), int(r.short), r.method]
            for r in forecast.table(tx, f, current_locale.get())]
    return _csv(f"forecast-{f.day.isoformat()}", columns, rows)


@router.get("/forecast/weeks.csv")
def weeks_csv(request: Request, _staff: StaffPageDep, tx: ReadDep) -> Response:
    filt, f = _read(request), _latest(request, tx)
    sku = _sku(request, f, forecast.table(tx, f, current_locale.get()))
    weeks = _weeks(f, sku, filt) if sku is not None else []
    rows = [[w["week"], *("" if w[c] is None else w[c] for c in ("sold", "forecast",
                                                                  "baseline"))] for w in weeks]
    return _csv(f"forecast-weeks-{sku}-{filt.first}-{filt.last}",
                ("week", "sold", "forecast", "seasonal_naive"), rows)


@router.get("/forecast/backtest.csv")
def backtest_csv(request: Request, _staff: StaffPageDep, tx: ReadDep) -> Response:
    _read(request)
    f = _latest(request, tx)
    b, rows = f.backtest, []
    if b is not None:
        for name, a, wins, ratio in (("model", b.model, b.wins, b.relative_mae),
                                     ("seasonal_naive", b.baseline, b.losses, 1.0)):
            rows.append([name, _round(a.wape), round(a.mae, 3), _round(a.bias), b.skus,
                         b.weeks, wins, b.ties, _round(ratio)])
    return _csv(f"forecast-backtest-{f.day.isoformat()}", BACKTEST, rows)


def _round(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)
