"""Scenario page admin: list, create, edit blocks, publish, delete."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog import public as catalog
from mercato.content import services
from mercato.content.adapters import queries, repository
from mercato.content.adapters.tables import ScenarioPage
from mercato.content.domain import BLOCK_TYPES, InvalidContent
from mercato.content.web.admin import forms
from mercato.content.web.admin.common import FormDep, back, use_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin/scenarios", include_in_schema=False, dependencies=[needs("content")])
FORM = "admin/content_scenario_form.html"


@router.get("", response_class=HTMLResponse)
def scenario_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    use_locale(loc)
    return render_admin(request, "admin/content_scenarios.html", {"pages": queries.all_pages(tx)})


def _form_page(
    request: Request,
    page: ScenarioPage | None,
    values: dict[str, str],
    rows: list[dict[str, Any]],
    errors: dict[str, str] | None = None,
) -> Response:
    ctx = {
        "page": page,
        "values": values,
        "rows": forms.with_blanks(rows),
        "errors": errors or {},
        "block_types": BLOCK_TYPES,
        "action": f"/admin/scenarios/{page.id}" if page else "/admin/scenarios",
    }
    return render_admin(request, FORM, ctx, status=422 if errors else 200)


@router.get("/new", response_class=HTMLResponse)
def new_scenario(request: Request, _s: StaffPageDep, loc: LocaleDep) -> Response:
    use_locale(loc)
    return _form_page(request, None, forms.page_values(None), [])


@router.get("/{page_id}", response_class=HTMLResponse)
def edit_scenario(
    request: Request, page_id: int, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    page = repository.get_page(tx, page_id)
    slugs = catalog.product_slugs_for_ids(tx, forms.product_ids(page))
    rows = forms.page_rows(page, slugs)
    return _form_page(request, page, forms.page_values(page), rows)


def _save(request: Request, tx: Session, page_id: int | None, form: Any) -> Response:
    data, row_index, rows = forms.scenario_data(form)
    page = repository.get_page(tx, page_id) if page_id else None
    try:
        saved = services.save_scenario(tx, page_id, data)
    except InvalidContent as exc:
        values = {f: forms.field_text(form, f) for f in forms.PAGE_FIELDS}
        return _form_page(request, page, values, rows, forms.form_errors(exc.errors, row_index))
    return back(f"/admin/scenarios/{saved.id}", _("Saved"))


@router.post("", response_class=HTMLResponse)
def create_scenario(
    request: Request, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    return _save(request, tx, None, form)


@router.post("/{page_id}", response_class=HTMLResponse)
def update_scenario(
    request: Request,
    page_id: int,
    _s: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    tx: TxDep,
    loc: LocaleDep,
) -> Response:
    use_locale(loc)
    return _save(request, tx, page_id, form)


@router.post("/{page_id}/publish")
def publish_scenario(
    page_id: int, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    published = forms.field_text(form, "published") == "1"
    services.publish_scenario(tx, page_id, published)
    return back("/admin/scenarios", _("Published") if published else _("Unpublished"))


@router.post("/{page_id}/delete")
def delete_scenario(
    page_id: int, _s: StaffPageDep, _c: CsrfDep, tx: TxDep, loc: LocaleDep
) -> Response:
    use_locale(loc)
    services.delete_scenario(tx, page_id)
    return back("/admin/scenarios", _("Deleted"))
