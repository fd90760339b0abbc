"""Brands: list, create, edit, delete (refused while products use the brand)."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.adapters.tables import Brand
from mercato.catalog.services import taxonomy
from mercato.catalog.web import forms
from mercato.catalog.web.admin.common import FormDep, done, invalid
from mercato.catalog.web.forms import FieldErrors, Values
from mercato.kernel.errors import NotFound
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])

LIST_TEMPLATE = "admin/catalog/brands.html"
EDIT_TEMPLATE = "admin/catalog/brand_edit.html"
FIELDS = ("slug", "name_zh", "name_en", "story_zh", "story_en", "logo")


def _load(tx: Session, brand_id: int) -> Brand:
    found = q.get(tx, Brand, brand_id)
    if found is None:
        raise NotFound("catalog.brand_not_found", "No such brand", "brand_id")
    return found


def _list_ctx(tx: Session, values: Values | None = None) -> dict[str, Any]:
    return {"rows": q.brands(tx), "values": values or dict.fromkeys(FIELDS, "")}


def _edit_ctx(
    tx: Session, brand_id: int, values: Values | None = None, action: FieldErrors | None = None
) -> dict[str, Any]:
    brand = _load(tx, brand_id)
    return {
        "brand": brand,
        "values": values or {name: getattr(brand, name) for name in FIELDS},
        "action_errors": action or FieldErrors(),
    }


def _save(tx: Session, brand_id: int | None, values: Values, errors: FieldErrors) -> None:
    forms.precheck_named(values, errors, limits={"slug": 80, "logo": 300})
    if not errors:
        errors.check(lambda: taxonomy.save_brand(tx, brand_id, **values))


@router.get("/brands", response_class=HTMLResponse)
def brand_list(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    return render_admin(request, LIST_TEMPLATE, {**_list_ctx(tx), "errors": FieldErrors()})


@router.post("/brands", response_class=HTMLResponse)
def create_brand(
    request: Request,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    values = forms.named_values(form, FIELDS)
    errors = FieldErrors()
    _save(tx, None, values, errors)
    if errors:
        return invalid(request, tx, LIST_TEMPLATE, lambda: _list_ctx(tx, values), errors)
    return done("/admin/brands", _("Brand created"))


@router.get("/brands/{brand_id}", response_class=HTMLResponse)
def edit_brand(
    request: Request, brand_id: int, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    ctx = {**_edit_ctx(tx, brand_id), "errors": FieldErrors()}
    return render_admin(request, EDIT_TEMPLATE, ctx)


@router.post("/brands/{brand_id}", response_class=HTMLResponse)
def update_brand(
    request: Request,
    brand_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    _load(tx, brand_id)
    values = forms.named_values(form, FIELDS)
    errors = FieldErrors()
    _save(tx, brand_id, values, errors)
    if errors:
        return invalid(request, tx, EDIT_TEMPLATE, lambda: _edit_ctx(tx, brand_id, values), errors)
    return done("/admin/brands", _("Brand saved"))


@router.post("/brands/{brand_id}/delete", response_class=HTMLResponse)
def delete_brand(
    request: Request,
    brand_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
) -> Response:
    _load(tx, brand_id)
    errors = FieldErrors()
    errors.check(lambda: taxonomy.delete_brand(tx, brand_id), "brand_id")
    if errors:
        return invalid(
            request,
            tx,
            EDIT_TEMPLATE,
            lambda: _edit_ctx(tx, brand_id, action=errors),
            FieldErrors(),
        )
    return done("/admin/brands", _("Brand deleted"))
