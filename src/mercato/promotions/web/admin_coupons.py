"""Coupons (/admin/coupons): templates with issued, used and limits; a template's form, its
bulk issue (to a segment of tiers and life-cycle tags, or to listed customers) and its issued
coupons by status."""

from __future__ import annotations

import secrets
from dataclasses import replace
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.kernel.errors import DomainError
from mercato.kernel.paging import page_count
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.promotions import domain
from mercato.promotions.services import editing, issuing, reports
from mercato.promotions.web import form_values, forms
from mercato.promotions.web.common import (
    FormDep,
    Id,
    category_choices,
    shown,
    with_subcategories,
)
from mercato.promotions.web.labels import HELPERS
from mercato.promotions.web.targets import customers_of
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.forms import back
from mercato.web.routing import Router

router = Router(prefix="/admin/coupons", include_in_schema=False,
                dependencies=[needs("marketing")])
FORM = "admin/promotions/template_form.html"


@router.get("", response_class=HTMLResponse)
def template_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
                  page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    current_locale.set(loc)
    rows, total = reports.templates_page(tx, page)
    ctx = {**HELPERS, "rows": rows, "total": total,
           "usage": reports.template_usage(tx, [t.id for t in rows]),
           "page": {"page": page, "pages": page_count(total, reports.PAGE_SIZE)}}
    return render_admin(request, "admin/promotions/templates.html", ctx)


def form_page(request: Request, tx: Session, loc: str, template_id: int | None,
              values: dict[str, Any], problems: domain.Problems | None = None,
              extra: dict[str, Any] | None = None, status: int = 200) -> Response:
    t = editing.get_template(tx, template_id) if template_id else None
    ctx: dict[str, Any] = {
        **HELPERS, "t": t, "values": values, "errors": shown(problems or {}),
        "categories": category_choices(tx, loc), "tiers": domain.TIERS,
        "channels": domain.CHANNELS, "issue_ref": secrets.token_hex(8), "issue_errors": {},
        "action": f"/admin/coupons/{template_id}" if template_id else "/admin/coupons"}
    if t is not None:
        wanted = str(request.query_params.get("status", ""))[:10]
        page = request.query_params.get("page", "1")
        page_no = int(page) if page.isdigit() and 0 < int(page) <= 10_000 else 1
        issued, total = reports.issued_page(tx, t.id, wanted, page_no)
        ctx.update(issued=issued, issued_total=total, wanted=wanted,
                   usage=reports.template_usage(tx, [t.id]).get(t.id),
                   page={"page": page_no, "pages": page_count(total, reports.PAGE_SIZE)})
    return render_admin(request, FORM, {**ctx, **(extra or {})}, status)


@router.get("/new", response_class=HTMLResponse)
def new(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return form_page(request, tx, loc, None, form_values.template(None))


@router.get("/{template_id}", response_class=HTMLResponse)
def show(request: Request, template_id: Id, _s: StaffPageDep, tx: ReadDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    values = form_values.template(editing.get_template(tx, template_id))
    return form_page(request, tx, loc, template_id, values)


def _save(request: Request, tx: Session, loc: str, template_id: int | None, form: FormData,
          staff: str) -> Response:
    data, problems = forms.template(form)
    if not problems:
        data = replace(data, scope=with_subcategories(tx, loc, data.scope))
        try:
            saved = editing.save_template(tx, template_id, data, staff)
        except editing.Invalid as exc:
            problems = exc.problems
        else:
            return back(f"/admin/coupons/{saved.id}", _("Coupon saved."))
    tx.rollback()
    return form_page(request, tx, loc, template_id, form_values.typed(form), problems,
                     status=422)


@router.post("", response_class=HTMLResponse)
def create(request: Request, who: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _save(request, tx, loc, None, form, who.email)


@router.post("/{template_id}", response_class=HTMLResponse)
def update(request: Request, template_id: Id, who: StaffPageDep, _c: CsrfDep, form: FormDep,
           tx: TxDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    editing.get_template(tx, template_id)
    return _save(request, tx, loc, template_id, form, who.email)


@router.post("/{template_id}/issue", response_class=HTMLResponse)
def issue(request: Request, template_id: Id, _s: StaffPageDep, _c: CsrfDep, form: FormDep,
          tx: TxDep, loc: LocaleDep) -> Response:
    """Issue to a segment or to listed customers; the form's one-time token makes a double
    submit issue once."""
    current_locale.set(loc)
    t = editing.get_template(tx, template_id)
    source, ids, problems = customers_of(tx, form)
    ref = "staff:" + "".join(ch for ch in str(form.get("issue_ref", ""))[:32] if ch.isalnum())
    if not problems:
        try:
            n = issuing.issue(tx, t.id, ids, source, ref)
        except DomainError as exc:
            problems = {"issue": exc.message}
        else:
            skipped = len(set(ids)) - n
            flash = _("Issued %(n)s coupons.") % {"n": n}
            if skipped:
                flash += " " + _("%(n)s customers were skipped (already given, or past a "
                                 "limit).") % {"n": skipped}
            return back(f"/admin/coupons/{t.id}", flash)
    return form_page(request, tx, loc, t.id, form_values.template(t),
                     extra={"issue_errors": shown(problems), "typed": form_values.typed(form)},
                     status=422)


@router.post("/{template_id}/void/{coupon_id}", response_class=HTMLResponse)
def void(template_id: Id, coupon_id: Id, _s: StaffPageDep, _c: CsrfDep, tx: TxDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    editing.void_coupon(tx, coupon_id, template_id)
    return back(f"/admin/coupons/{template_id}", _("Coupon withdrawn."))
