"""Product list, create and edit."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.background import BackgroundTask

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters import picture_files
from mercato.catalog.services import pictures, products
from mercato.catalog.web import forms
from mercato.catalog.web.admin import listing
from mercato.catalog.web.admin import product_page as page
from mercato.catalog.web.admin.common import FormDep, done, invalid, is_zh, media_dir
from mercato.catalog.web.forms import FieldErrors
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])


@router.get("/products", response_class=HTMLResponse)
def product_list(request: Request, _staff: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    ctx = listing.list_context(request, tx, loc, is_zh())
    return render_admin(request, "admin/catalog/products.html", ctx)


@router.get("/products/new", response_class=HTMLResponse)
def new_product(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    values: forms.Values = dict.fromkeys(forms.PRODUCT_TEXT_FIELDS, "")
    values.update(featured=False, attributes=[])
    ctx = {"values": values, "errors": FieldErrors(), **page.choices(tx)}
    return render_admin(request, page.NEW_TEMPLATE, ctx)


@router.post("/products", response_class=HTMLResponse)
def create_product(
    request: Request,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    values = page.cleaned(forms.product_values(form))
    errors = FieldErrors()
    data = forms.product_data(values, errors)
    if data is not None:
        try:
            product = products.create_product(tx, data)
        except DomainError as exc:
            errors.add_error(exc)
    if errors or data is None:
        return invalid(
            request, tx, page.NEW_TEMPLATE, lambda: {"values": values, **page.choices(tx)}, errors
        )
    return done(f"/admin/products/{product.id}", _("Product created"))


@router.get("/products/{product_id}", response_class=HTMLResponse)
def edit_product(
    request: Request, product_id: int, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    return render_admin(request, page.EDIT_TEMPLATE, page.edit_context(tx, product_id))


@router.post("/products/{product_id}", response_class=HTMLResponse)
def update_product(
    request: Request,
    product_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    page.load_product(tx, product_id)
    values = page.cleaned(forms.product_values(form))
    errors = FieldErrors()
    data = forms.product_data(values, errors)
    if data is not None:
        try:
            products.update_product(tx, product_id, data)
        except DomainError as exc:
            errors.add_error(exc)
    if errors or data is None:
        return invalid(
            request,
            tx,
            page.EDIT_TEMPLATE,
            lambda: page.edit_context(tx, product_id, values=values, errors=errors),
            errors,
        )
    return done(f"/admin/products/{product_id}", _("Product saved"))


@router.post("/products/{product_id}/status", response_class=HTMLResponse)
def change_status(
    request: Request,
    product_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    page.load_product(tx, product_id)
    errors = FieldErrors()
    errors.check(lambda: products.set_status(tx, product_id, forms.text(form, "status")), "status")
    if errors:
        return invalid(
            request,
            tx,
            page.EDIT_TEMPLATE,
            lambda: page.edit_context(tx, product_id, action_errors=errors),
            FieldErrors(),
        )
    return done(f"/admin/products/{product_id}", _("Status changed"))


@router.post("/products/{product_id}/delete", response_class=HTMLResponse)
def delete_product(
    request: Request,
    product_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
) -> Response:
    page.load_product(tx, product_id)
    errors = FieldErrors()
    files = pictures.files_of(tx, [product_id])
    errors.check(lambda: products.delete_product(tx, product_id), "status")
    if errors:
        return invalid(
            request,
            tx,
            page.EDIT_TEMPLATE,
            lambda: page.edit_context(tx, product_id, action_errors=errors),
            FieldErrors(),
        )
    response = done("/admin/products", _("Product deleted"))
    # After the response: the transaction is committed by then, so the files go only once
    # the product is gone for good.
    response.background = BackgroundTask(picture_files.remove, media_dir(request), files)
    return response
