"""Shipping methods in the admin: list, create, edit (with the fee rule rows), deactivate.
A refused form comes back with status 422, the user's own input and an error per field."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.checkout.services import shipping as services
from mercato.checkout.services.shipping import MethodView
from mercato.checkout.web import shipping_forms as forms
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(
    prefix="/admin/shipping", include_in_schema=False, dependencies=[needs("shipping")]
)

LIST_TEMPLATE = "checkout/admin/shipping_list.html"
FORM_TEMPLATE = "checkout/admin/shipping_form.html"
MethodId = Annotated[int, Path(ge=1, le=2_147_483_647)]


async def _read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(_read_form)]


def _done(message: str) -> Response:
    return RedirectResponse("/admin/shipping?" + urlencode({"flash": message}), status_code=303)


def _form_page(
    request: Request,
    method: MethodView | None,
    values: dict[str, Any],
    rows: list[dict[str, str]],
    errors: dict[str, str] | None = None,
) -> Response:
    ctx = {
        "method": method,
        "values": values,
        "rows": forms.with_blanks(rows),
        "errors": errors or {},
        "action": f"/admin/shipping/{method.id}" if method else "/admin/shipping",
    }
    return render_admin(request, FORM_TEMPLATE, ctx, status=422 if errors else 200)


@router.get("", response_class=HTMLResponse)
def method_list(request: Request, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    return render_admin(request, LIST_TEMPLATE, {"methods": services.list_methods(tx)})


@router.get("/new", response_class=HTMLResponse)
def new_method(request: Request, _staff: StaffPageDep, _loc: LocaleDep) -> Response:
    values, rows = forms.method_values(None)
    return _form_page(request, None, values, rows)


@router.get("/{method_id}", response_class=HTMLResponse)
def edit_method(
    request: Request, method_id: MethodId, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    method = services.get_method(tx, method_id)
    values, rows = forms.method_values(method)
    return _form_page(request, method, values, rows)


def _save(request: Request, tx: Session, method_id: int | None, form: FormData) -> Response:
    method = services.get_method(tx, method_id) if method_id is not None else None
    parsed = forms.parse(form)
    if parsed.data is not None:
        try:
            if method_id is None:
                services.create_method(tx, parsed.data)
            else:
                services.update_method(tx, method_id, parsed.data)
        except DomainError as exc:
            forms.add_error(parsed, exc)
    if parsed.errors:
        # Nothing the refused use case may have written is committed with the request.
        tx.rollback()
        return _form_page(request, method, parsed.values, parsed.rows, parsed.errors)
    return _done(_("Shipping method saved"))


@router.post("", response_class=HTMLResponse)
def create_method(
    request: Request,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    return _save(request, tx, None, form)


@router.post("/{method_id}", response_class=HTMLResponse)
def update_method(
    request: Request,
    method_id: MethodId,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    return _save(request, tx, method_id, form)


@router.post("/{method_id}/deactivate", response_class=HTMLResponse)
def deactivate_method(
    method_id: MethodId, _staff: StaffPageDep, _csrf: CsrfDep, tx: TxDep, _loc: LocaleDep
) -> Response:
    services.deactivate_method(tx, method_id)
    return _done(_("Shipping method deactivated"))
