"""SKUs and content blocks, managed from the product edit page."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.services import knowledge, products
from mercato.catalog.web import forms
from mercato.catalog.web.admin import product_page as page
from mercato.catalog.web.admin.common import FormDep, done, invalid
from mercato.catalog.web.forms import FieldErrors, Values
from mercato.kernel.errors import DomainError, NotFound
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])


def _load_sku(tx: Session, sku_id: int) -> q.SkuRow:
    found = q.sku(tx, sku_id)
    if found is None:
        raise NotFound("catalog.sku_not_found", "No such SKU", "sku_id")
    return found


def _sku_context(tx: Session, sku_id: int, values: Values | None = None) -> dict[str, object]:
    row = _load_sku(tx, sku_id)
    axis_codes, fixed = page.sku_axes(tx, row.product_id, except_sku=sku_id)
    return {
        "product": page.load_product(tx, row.product_id),
        "sku": row,
        "sku_axis_codes": axis_codes,
        "sku_axes_fixed": fixed,
        "sku_values": values if values is not None else page.sku_stored_values(row, axis_codes),
        "axis_names": page.axis_names(tx),
    }


@router.post("/products/{product_id}/skus", response_class=HTMLResponse)
def add_sku(
    request: Request,
    product_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    page.load_product(tx, product_id)
    axis_codes, fixed = page.sku_axes(tx, product_id)
    values = forms.sku_values(form, axis_codes)
    errors = FieldErrors()
    data = forms.sku_data(values, fixed, errors)
    if data is not None:
        errors.check(lambda: products.add_sku(tx, product_id, data))
    if errors or data is None:
        return invalid(
            request,
            tx,
            page.EDIT_TEMPLATE,
            lambda: page.edit_context(tx, product_id, sku_values=values, sku_errors=errors),
            FieldErrors(),
        )
    return done(f"/admin/products/{product_id}#skus", _("SKU added"))


@router.get("/skus/{sku_id}", response_class=HTMLResponse)
def edit_sku(
    request: Request, sku_id: int, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    ctx = {**_sku_context(tx, sku_id), "errors": FieldErrors()}
    return render_admin(request, page.SKU_TEMPLATE, ctx)


@router.post("/skus/{sku_id}", response_class=HTMLResponse)
def update_sku(
    request: Request,
    sku_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    sku = _load_sku(tx, sku_id)
    axis_codes, fixed = page.sku_axes(tx, sku.product_id, except_sku=sku_id)
    values = forms.sku_values(form, axis_codes)
    errors = FieldErrors()
    data = forms.sku_data(values, fixed, errors)
    if data is not None:
        errors.check(lambda: products.update_sku(tx, sku_id, data))
    if errors or data is None:
        return invalid(
            request, tx, page.SKU_TEMPLATE, lambda: _sku_context(tx, sku_id, values), errors
        )
    return done(f"/admin/products/{sku.product_id}#skus", _("SKU saved"))


@router.post("/skus/{sku_id}/delete", response_class=HTMLResponse)
def delete_sku(
    request: Request,
    sku_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
) -> Response:
    product_id = _load_sku(tx, sku_id).product_id
    errors = FieldErrors()
    errors.check(lambda: products.delete_sku(tx, sku_id), "status")
    if errors:
        return invalid(
            request,
            tx,
            page.EDIT_TEMPLATE,
            lambda: page.edit_context(tx, product_id, action_errors=errors),
            FieldErrors(),
        )
    return done(f"/admin/products/{product_id}#skus", _("SKU deleted"))


BLOCK_FIELDS = ("kind", "title_zh", "title_en", "body_zh", "body_en", "media_url", "poster_url")


@router.post("/products/{product_id}/blocks", response_class=HTMLResponse)
def add_block(
    request: Request,
    product_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    page.load_product(tx, product_id)
    values = {name: forms.text(form, name) for name in BLOCK_FIELDS}
    position = len(q.blocks(tx, product_id))
    errors = FieldErrors()
    try:
        knowledge.add_block(tx, product_id, position=position, **values)
    except DomainError as exc:
        errors.add_error(exc)
        return invalid(
            request,
            tx,
            page.EDIT_TEMPLATE,
            lambda: page.edit_context(tx, product_id, block_values=values, block_errors=errors),
            FieldErrors(),
        )
    return done(f"/admin/products/{product_id}#blocks", _("Content block added"))


@router.post("/blocks/{block_id}/delete", response_class=HTMLResponse)
def delete_block(
    block_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
) -> Response:
    product_id = q.block_product(tx, block_id)
    knowledge.delete_block(tx, block_id)
    return done(f"/admin/products/{product_id}#blocks", _("Content block deleted"))
