"""The data centre's customers page (GET /admin/analytics/customers, reports permission):
for the filter's range and grain (no channel: a customer buys across channels), the life
cycle per period (a chart and a table), the RFM segments (a chart and a table), the RFM table
of customers (sorted, 50 a page), cohort retention (a heat map and a table), a customer's
profile (?customer=<id>), and a form issuing a coupon to a segment. Definitions:
services.customers. DuckDB queries: three per page, a fourth with a profile.

GET  /admin/analytics/customers/{lifecycle,segments,rfm,cohorts}.csv   each table, whole
GET  /admin/analytics/customers/profile.json?customer=<id>             a profile
POST /admin/analytics/customers/coupons   target, template_id, the filter: needs
     marketing.edit (the route's area) and reports.view (checked here); it writes through
     the request's transaction, so the audit log has it; back to the page saying how many."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs
from mercato.analytics import lifecycle
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.lifecycle import Rfm
from mercato.analytics.services import customers as figures
from mercato.analytics.web import filters
from mercato.analytics.web.admin import BOM
from mercato.kernel.csvreport import write_table
from mercato.kernel.errors import DomainError, Forbidden
from mercato.kernel.paging import page_count
from mercato.platform.i18n import N_, current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import ReadDep, TxDep
from mercato.web.forms import back
from mercato.web.routing import Router

router = Router(prefix="/admin/analytics", include_in_schema=False)
READ = [needs("reports")]
TEMPLATE = "analytics/customers.html"
PAGE = "/admin/analytics/customers"
DAYS = 180  # the default range: RFM and cohorts want more than a month
PAGE_SIZE = 50
STATES = {lifecycle.NEW: N_("New customers"), lifecycle.REPEAT: N_("Returning customers"),
          lifecycle.ACTIVE: N_("Active customers"), lifecycle.DORMANT: N_("Dormant"),
          lifecycle.CHURNED: N_("Churned")}
SEGMENTS = {"champions": N_("Champions"), "at_risk": N_("At risk"),
            "potential": N_("Potential"), "win_back": N_("Win back"), "loyal": N_("Loyal"),
            "attention": N_("Needs attention"), "promising": N_("Promising"),
            "hibernating": N_("Hibernating")}
SORTS = {"customer": lambda r: r.customer_id, "recency": lambda r: r.recency_days,
         "frequency": lambda r: r.frequency, "monetary": lambda r: r.monetary_fen,
         "score": lambda r: r.r + r.f + r.m}
LIFECYCLE = ("period", "start", "end", *lifecycle.STATES, "total")
RFM = ("customer_id", "recency_days", "frequency", "monetary_fen", "r", "f", "m", "score",
       "segment")


def _lake(request: Request) -> Lake:
    return Lake.of(request.app.state.settings)


def _filter(params: Any) -> filters.Filter:
    return filters.read(params, DAYS, channel=False)


def _customer(raw: str | None) -> int:
    text = (raw or "").strip()
    if not text.isdigit() or not 0 < int(text) < 2**63:
        raise DomainError("analytics.invalid_customer", "Enter a customer number", "customer")
    return int(text)


def _csv(name: str, columns: tuple[str, ...], rows: list[list[Any]]) -> Response:
    disposition = f'attachment; filename="{name}.csv"'
    return Response(BOM + write_table(columns, rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": disposition, "Cache-Control": "no-store"})


def _table(params: Any, scored: list[Rfm]) -> dict[str, Any]:
    """One page of the RFM table, as sorted (monetary, most first, by default)."""
    sort = params.get("sort") if params.get("sort") in SORTS else "monetary"
    descending = params.get("dir", "desc" if sort != "customer" else "asc") != "asc"
    segment = params.get("segment") if params.get("segment") in SEGMENTS else ""
    chosen = [r for r in scored if not segment or r.segment == segment]
    chosen.sort(key=lambda r: (SORTS[sort](r), r.customer_id), reverse=descending)
    pages = page_count(len(chosen), PAGE_SIZE)
    raw = str(params.get("page") or "1")
    number = min(max(int(raw), 1), pages) if raw.isdigit() and len(raw) < 7 else 1
    at = (number - 1) * PAGE_SIZE
    return {"rows": chosen[at:at + PAGE_SIZE], "sort": sort, "descending": descending,
            "segment": segment, "page": {"page": number, "pages": pages},
            "matching": len(chosen)}


def _profile(tx: Session, lake: Lake, f: filters.Filter, raw: str,
             loc: str) -> tuple[figures.Customers, figures.Profile | None, str]:
    """The customers, the profile asked for (if any) and the error of a bad number."""
    try:
        who = _customer(raw) if raw.strip() else 0
    except DomainError as exc:
        return figures.customers(lake, f.first, f.last), None, _(exc.message)
    found = figures.customers(lake, f.first, f.last, profile_of=who)
    return found, figures.profile(tx, lake, found, who, f.last, loc) if who else None, ""


def _chart(points: list[figures.LifecyclePoint], segments: list[tuple[str, int, float]],
           cohorts: list[lifecycle.CohortRow]) -> dict[str, Any]:
    """The charts' JSON: the same figures as the tables."""
    return {
        "periods": [p.period.isoformat() for p in points],
        "states": [{"key": s, "name": _(STATES[s]), "values": [getattr(p, s) for p in points]}
                   for s in lifecycle.STATES],
        "segments": [{"key": s, "name": _(SEGMENTS[s]), "customers": n}
                     for s, n, _share in segments],
        "cohorts": [r.cohort.strftime("%Y-%m") for r in cohorts],
        "offsets": max((len(r.counts) for r in cohorts), default=0),
        "cells": [[k, i, r.shares[k], n] for i, r in enumerate(cohorts)
                  for k, n in enumerate(r.counts)],
        "names": {"customers": _("Customers"), "month": _("Month +%(n)s")},
    }


def context(request: Request, tx: Session, f: filters.Filter, loc: str) -> dict[str, Any]:
    lake, params = _lake(request), request.query_params
    points = figures.life_cycle(lake, f.first, f.last, f.grain)
    found, shown, problem = _profile(tx, lake, f, params.get("customer") or "", loc)
    segments = figures.segment_counts(found.rfm)
    last = points[-1]
    targets = [(f"rfm:{s}", _(SEGMENTS[s]), n) for s, n, _share in segments] + [
        (f"state:{s}", _(STATES[s]), getattr(last, s)) for s in lifecycle.STATES]
    staff = getattr(request.state, "staff", None)
    cohorts = figures.cohorts(lake, f.first, f.last)
    return {
        "points": points, "last": last, "states": STATES, "segment_names": SEGMENTS,
        "segments": segments, "table": _table(params, found.rfm), "scored": len(found.rfm),
        "cohorts": cohorts, "chart": _chart(points, segments, cohorts), "profile": shown,
        "profile_error": problem, "customer": params.get("customer") or "",
        "targets": targets, "templates": figures.templates(tx),
        "may_issue": bool(staff and staff.can("marketing.edit")),
    }


@router.get("/customers", response_class=HTMLResponse, dependencies=READ)
def page(request: Request, _s: StaffPageDep, tx: ReadDep) -> Response:
    loc = current_locale.get()  # the admin's locale, set by the admin's middleware
    errors = None
    try:
        f = _filter(request.query_params)
    except DomainError as exc:
        f, errors = replace(filters.default(DAYS), show_channel=False), filters.refused(exc)
    return filters.page(request, TEMPLATE, "customers", f, context(request, tx, f, loc),
                        errors)


@router.get("/customers/lifecycle.csv", dependencies=READ)
def lifecycle_csv(request: Request) -> Response:
    f = _filter(request.query_params)
    rows = [[p.period, p.start, p.end, *(getattr(p, s) for s in lifecycle.STATES), p.total]
            for p in figures.life_cycle(_lake(request), f.first, f.last, f.grain)]
    return _csv(f"customers-lifecycle-{f.first}-{f.last}-{f.grain}", LIFECYCLE, rows)


@router.get("/customers/segments.csv", dependencies=READ)
def segments_csv(request: Request) -> Response:
    f = _filter(request.query_params)
    rows = figures.segment_counts(figures.customers(_lake(request), f.first, f.last).rfm)
    return _csv(f"customers-segments-{f.first}-{f.last}", ("segment", "customers", "share"),
                [list(r) for r in rows])


@router.get("/customers/rfm.csv", dependencies=READ)
def rfm_csv(request: Request) -> Response:
    """Every scored customer (of one segment with ?segment=), by customer id."""
    f = _filter(request.query_params)
    segment = request.query_params.get("segment") or ""
    rows = [[r.customer_id, r.recency_days, r.frequency, r.monetary_fen, r.r, r.f, r.m,
             r.score, r.segment]
            for r in figures.customers(_lake(request), f.first, f.last).rfm
            if not segment or r.segment == segment]
    return _csv(f"customers-rfm-{f.first}-{f.last}", RFM, rows)


@router.get("/customers/cohorts.csv", dependencies=READ)
def cohorts_csv(request: Request) -> Response:
    f = _filter(request.query_params)
    rows = [[r.cohort.strftime("%Y-%m"), k, n, r.shares[k]]
            for r in figures.cohorts(_lake(request), f.first, f.last)
            for k, n in enumerate(r.counts)]
    return _csv(f"customers-cohorts-{f.first}-{f.last}",
                ("cohort", "month_offset", "customers", "share"), rows)


def profile_json(p: figures.Profile) -> dict[str, Any]:
    g, r = p.ledger, p.rfm
    return {
        "customer_id": p.customer_id,
        "rfm": None if r is None else {
            "recency_days": r.recency_days, "frequency": r.frequency,
            "monetary_fen": r.monetary_fen, "r": r.r, "f": r.f, "m": r.m,
            "segment": r.segment},
        "first_paid": g.first_paid.isoformat() if g else None,
        "last_paid": g.last_paid.isoformat() if g else None,
        "orders": g.orders if g else 0, "ltv_fen": g.ltv_fen if g else 0,
        "favourites": [{"category_id": c.category_id, "name": c.name, "views": c.views,
                        "adds": c.adds} for c in p.favourites],
    }


@router.get("/customers/profile.json", dependencies=READ)
def profile(request: Request, tx: ReadDep) -> JSONResponse:
    loc = current_locale.get()
    f = _filter(request.query_params)
    who = _customer(request.query_params.get("customer"))
    lake = _lake(request)
    found = figures.customers(lake, f.first, f.last, profile_of=who)
    body = {"from": f.first.isoformat(), "to": f.last.isoformat(),
            **profile_json(figures.profile(tx, lake, found, who, f.last, loc))}
    return JSONResponse(body, headers={"Cache-Control": "no-store"})


async def _form(request: Request) -> FormData:
    return await request.form()  # parsed once: Starlette keeps it for the CSRF check too


@router.post("/customers/coupons", response_class=HTMLResponse,
             dependencies=[needs("marketing")])
def coupons(request: Request, staff: StaffPageDep, _c: CsrfDep,
            form: Annotated[FormData, Depends(_form)], tx: TxDep) -> Response:
    """Issue a coupon template to a segment's customers (RFM segment or life-cycle state)."""
    if not staff.can("reports.view"):
        raise Forbidden("access.forbidden", "You do not have permission to do this",
                        "reports.view")
    f = _filter(form)
    raw = str(form.get("template_id") or "")
    if not raw.isdigit() or not 0 < int(raw) < 2**31:
        raise DomainError("analytics.invalid_template", "Choose a coupon", "template_id")
    back_to = f"{PAGE}?{f.query()}"
    try:
        issued, of = figures.issue_coupons(tx, _lake(request), f.first, f.last, f.grain,
                                           str(form.get("target") or ""), int(raw))
    except DomainError as exc:
        if exc.code == "analytics.invalid_target":
            raise
        return back(back_to, _(exc.message))  # the template is gone, off or ended
    said = _("Issued %(n)s coupons.") % {"n": issued}
    if of > issued:
        said += " " + _("%(n)s customers were skipped (already given, or past a limit).") % {
            "n": of - issued}
    return back(back_to, said)
