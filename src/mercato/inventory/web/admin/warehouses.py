"""Warehouses: list, create, edit. A refused form is shown again with its errors (422) and
nothing is written."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.inventory import services
from mercato.inventory.web.admin import queries
from mercato.kernel import provinces
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin/warehouses", include_in_schema=False, dependencies=[needs("stock")])
FIELDS = ("code", "name_zh", "name_en", "region", "address", "province")
TextForm = Annotated[str, Form()]


def _values(
    code: str, name_zh: str, name_en: str, region: str, address: str, active: str, province: str
) -> dict[str, Any]:
    return {
        "code": code,
        "name_zh": name_zh,
        "name_en": name_en,
        "region": region,
        "address": address,
        "active": bool(active),
        "province": province,
    }


def _provinces() -> list[tuple[str, str]]:
    """The province choices (value = full name, label in the admin's language)."""
    zh = current_locale.get().startswith("zh")
    return [(name, name if zh else en) for name, en in provinces.CODES.values()]


def _list(
    request: Request, tx: Session, form: dict[str, Any], errors: dict[str, str], status: int = 200
) -> Response:
    ctx = {
        "warehouses": queries.list_warehouses(tx),
        "form": form,
        "errors": errors,
        "provinces": _provinces(),
    }
    return render_admin(request, "admin/inventory/warehouses.html", ctx, status)


def _edit(
    request: Request,
    warehouse_id: int,
    form: dict[str, Any],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    ctx = {"warehouse_id": warehouse_id, "form": form, "errors": errors, "provinces": _provinces()}
    return render_admin(request, "admin/inventory/warehouse_edit.html", ctx, status)


def _refused(tx: Session, exc: DomainError) -> dict[str, str]:
    tx.rollback()  # the form is shown again: nothing of this attempt may be committed
    return {exc.field if exc.field in FIELDS else "form": _(exc.message)}


def _done(message: str) -> Response:
    return RedirectResponse(f"/admin/warehouses?flash={quote(message)}", status_code=303)


@router.get("", response_class=HTMLResponse)
def warehouses_page(
    request: Request, _staff: StaffPageDep, tx: ReadDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    return _list(request, tx, _values("", "", "", "", "", "1", ""), {})


@router.post("", response_class=HTMLResponse)
def create_warehouse(
    request: Request,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    loc: LocaleDep,
    code: TextForm = "",
    name_zh: TextForm = "",
    name_en: TextForm = "",
    region: TextForm = "",
    address: TextForm = "",
    active: TextForm = "",
    province: TextForm = "",
) -> Response:
    current_locale.set(loc)
    form = _values(code, name_zh, name_en, region, address, active, province)
    try:
        wh = services.save_warehouse(
            tx, None, code, name_zh, name_en, region, address, bool(active), province
        )
    except DomainError as exc:
        return _list(request, tx, form, _refused(tx, exc), 422)
    return _done(_("Warehouse %(code)s created") % {"code": wh.code})


@router.get("/{warehouse_id}", response_class=HTMLResponse)
def edit_page(
    request: Request, warehouse_id: int, _staff: StaffPageDep, tx: ReadDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    wh = services.get_warehouse(tx, warehouse_id)
    active = "1" if wh.active else ""
    form = _values(wh.code, wh.name_zh, wh.name_en, wh.region, wh.address, active, wh.province)
    return _edit(request, warehouse_id, form, {})


@router.post("/{warehouse_id}", response_class=HTMLResponse)
def update_warehouse(
    request: Request,
    warehouse_id: int,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    loc: LocaleDep,
    name_zh: TextForm = "",
    name_en: TextForm = "",
    region: TextForm = "",
    address: TextForm = "",
    active: TextForm = "",
    province: TextForm = "",
) -> Response:
    current_locale.set(loc)
    code = services.get_warehouse(tx, warehouse_id).code
    form = _values(code, name_zh, name_en, region, address, active, province)
    try:
        services.save_warehouse(
            tx, warehouse_id, code, name_zh, name_en, region, address, bool(active), province
        )
    except DomainError as exc:
        return _edit(request, warehouse_id, form, _refused(tx, exc), 422)
    return _done(_("Warehouse %(code)s saved") % {"code": code})
