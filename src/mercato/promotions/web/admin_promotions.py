"""Promotions (/admin/promotions): the list by status with usage and revenue touched, the form
per kind with its scope, and a preview on a sample cart priced by the real pipeline."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.kernel.paging import page_count
from mercato.platform.clock import utcnow
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.promotions import domain
from mercato.promotions.adapters.rows import promotion_from
from mercato.promotions.services import editing, preview, reports
from mercato.promotions.web import form_values, forms
from mercato.promotions.web.common import (
    FormDep,
    Id,
    category_choices,
    shown,
    with_subcategories,
)
from mercato.promotions.web.labels import HELPERS
from mercato.promotions.web.sample import sample_of
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.forms import back
from mercato.web.routing import Router

router = Router(prefix="/admin/promotions", include_in_schema=False,
                dependencies=[needs("marketing")])
FORM = "admin/promotions/promotion_form.html"


@router.get("", response_class=HTMLResponse)
def promotion_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
                   tab: Annotated[str, Query(max_length=12)] = domain.RUNNING,
                   page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    current_locale.set(loc)
    now = utcnow()
    tab = tab if tab in domain.STATUSES else domain.RUNNING
    rows, total = reports.promotions_page(tx, tab, page, now)
    ctx = {**HELPERS, "tab": tab, "tabs": domain.STATUSES, "counts": reports.tab_counts(tx, now),
           "rows": [(r, promotion_from(r)) for r in rows], "total": total,
           "usage": reports.promotion_usage(tx, [r.id for r in rows]),
           "page": {"page": page, "pages": page_count(total, reports.PAGE_SIZE)}}
    return render_admin(request, "admin/promotions/list.html", ctx)


def form_page(request: Request, tx: Session, loc: str, promotion_id: int | None,
              values: dict[str, Any], problems: domain.Problems | None = None,
              extra: dict[str, Any] | None = None, status: int = 200) -> Response:
    now = utcnow()
    row = editing.get_promotion(tx, promotion_id) if promotion_id else None
    ctx = {**HELPERS, "p": row, "values": values, "errors": shown(problems or {}),
           "status": form_values.statuses_of(row, now) if row else "",
           "usage": reports.promotion_usage(tx, [row.id]).get(row.id) if row else None,
           "categories": category_choices(tx, loc), "tiers": domain.TIERS,
           "channels": domain.CHANNELS, "preview": None,
           "action": f"/admin/promotions/{promotion_id}" if promotion_id else "/admin/promotions",
           **(extra or {})}
    return render_admin(request, FORM, ctx, status)


@router.get("/new", response_class=HTMLResponse)
def new(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return form_page(request, tx, loc, None, form_values.promotion(None, utcnow()))


@router.get("/{promotion_id}", response_class=HTMLResponse)
def show(request: Request, promotion_id: Id, _s: StaffPageDep, tx: ReadDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    values = form_values.promotion(editing.get_promotion(tx, promotion_id), utcnow())
    return form_page(request, tx, loc, promotion_id, values)


def _save(request: Request, tx: Session, loc: str, promotion_id: int | None, form: FormData,
          staff: str) -> Response:
    data, problems = forms.promotion(form)
    if problems:
        return form_page(request, tx, loc, promotion_id, form_values.typed(form), problems,
                         status=422)
    data = replace(data, scope=with_subcategories(tx, loc, data.scope))
    saved = editing.save_promotion(tx, promotion_id, data, staff)
    return back(f"/admin/promotions/{saved.id}", _("Promotion saved."))


@router.post("", response_class=HTMLResponse)
def create(request: Request, who: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _save(request, tx, loc, None, form, who.email)


@router.post("/preview", response_class=HTMLResponse)
def show_preview(request: Request, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: ReadDep,
                 loc: LocaleDep) -> Response:
    """The form as it stands (saved or not) priced on the sample cart; the whole page comes
    back (htmx takes the preview part of it)."""
    current_locale.set(loc)
    raw_id = str(form.get("promotion_id", ""))
    promotion_id = int(raw_id) if raw_id.isdigit() and 0 < int(raw_id) < 2**31 else None
    data, problems = forms.promotion(form)
    sample, sample_problems = sample_of(form)
    result = None
    if not problems and not sample_problems:
        data = replace(data, scope=with_subcategories(tx, loc, data.scope))
        result = preview.preview(tx, data, promotion_id, sample, loc, utcnow())
    extra = {"preview": result, "preview_errors": shown(sample_problems), "preview_ran": True}
    return form_page(request, tx, loc, promotion_id, form_values.typed(form), problems, extra)


@router.post("/{promotion_id}", response_class=HTMLResponse)
def update(request: Request, promotion_id: Id, who: StaffPageDep, _c: CsrfDep, form: FormDep,
           tx: TxDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    editing.get_promotion(tx, promotion_id)
    return _save(request, tx, loc, promotion_id, form, who.email)


@router.post("/{promotion_id}/switch", response_class=HTMLResponse)
def switch(promotion_id: Id, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    """Switch on (it runs in its window) or off (back to a draft)."""
    current_locale.set(loc)
    on = str(form.get("on", "")) == "1"
    editing.set_enabled(tx, promotion_id, on)
    return back(f"/admin/promotions/{promotion_id}",
                _("Promotion switched on.") if on else _("Promotion switched off."))
