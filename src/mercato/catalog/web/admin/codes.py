"""Option axes (colour, size...) and facet attributes (origin...): both are keyed by a code,
so one set of pages serves both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters.queries import admin as q
from mercato.catalog.adapters.tables import Attribute, OptionAxis
from mercato.catalog.services import taxonomy
from mercato.catalog.web import forms
from mercato.catalog.web.admin.common import FormDep, done, invalid
from mercato.catalog.web.forms import FieldErrors, Values
from mercato.kernel.errors import NotFound
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])

LIST_TEMPLATE = "admin/catalog/codes.html"
EDIT_TEMPLATE = "admin/catalog/code_edit.html"


@dataclass(frozen=True)
class Kind:
    name: str  # "axes" | "attributes", also the URL segment

    @property
    def is_axis(self) -> bool:
        return self.name == "axes"


KINDS = {"axes": Kind("axes"), "attributes": Kind("attributes")}


def _kind(request: Request) -> Kind:
    """/admin/<kind>/...: the routes are registered once per kind, below."""
    return KINDS[request.url.path.split("/")[2]]


KindDep = Annotated[Kind, Depends(_kind)]


def _rows(tx: Session, kind: Kind) -> list[Any]:
    return list(q.axes(tx)) if kind.is_axis else list(q.attributes(tx))


def _find(tx: Session, kind: Kind, code: str) -> Any:
    return q.get(tx, OptionAxis if kind.is_axis else Attribute, code)


def _stored(row: Any, kind: Kind) -> Values:
    values = {"code": row.code, "name_zh": row.name_zh, "name_en": row.name_en}
    if kind.is_axis:
        return {**values, "position": str(row.position)}
    return {**values, "facet": row.facet}


def _values(form: Any, kind: Kind, code: str | None) -> Values:
    values = forms.named_values(form, ("code", "name_zh", "name_en", "position"))
    values["facet"] = forms.checkbox(form, "facet")
    if code is not None:
        values["code"] = code
    return values


def _save(tx: Session, kind: Kind, values: Values, creating: bool, errors: FieldErrors) -> None:
    forms.precheck_named(values, errors, slug=False)
    position = forms.whole_number(values.get("position", ""), "position", errors)
    if creating and values["code"] and _find(tx, kind, values["code"]) is not None:
        errors.add("code", _("This code is already in use"))
    if errors or position is None:
        return
    code, zh, en = values["code"], values["name_zh"], values["name_en"]
    if kind.is_axis:
        errors.check(lambda: taxonomy.save_axis(tx, code, zh, en, position))
    else:
        errors.check(lambda: taxonomy.save_attribute(tx, code, zh, en, bool(values["facet"])))


def _list_ctx(tx: Session, kind: Kind, values: Values | None = None) -> dict[str, Any]:
    blank: Values = {"code": "", "name_zh": "", "name_en": "", "position": "", "facet": True}
    return {"kind": kind, "rows": _rows(tx, kind), "values": values or blank}


def code_list(
    request: Request, k: KindDep, _staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep
) -> Response:
    ctx = {**_list_ctx(tx, k), "errors": FieldErrors()}
    return render_admin(request, LIST_TEMPLATE, ctx)


def create_code(
    request: Request,
    k: KindDep,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    values = _values(form, k, None)
    errors = FieldErrors()
    _save(tx, k, values, True, errors)
    if errors:
        return invalid(request, tx, LIST_TEMPLATE, lambda: _list_ctx(tx, k, values), errors)
    return done(f"/admin/{k.name}", _("Saved"))


def edit_code(
    request: Request,
    k: KindDep,
    code: str,
    _staff: StaffPageDep,
    tx: ReadDep,
    _loc: LocaleDep,
) -> Response:
    row = _find(tx, k, code)
    if row is None:
        raise NotFound("catalog.code_not_found", "Not Found", "code")
    ctx = {"kind": k, "values": _stored(row, k), "errors": FieldErrors()}
    return render_admin(request, EDIT_TEMPLATE, ctx)


def update_code(
    request: Request,
    k: KindDep,
    code: str,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    form: FormDep,
) -> Response:
    if _find(tx, k, code) is None:
        raise NotFound("catalog.code_not_found", "Not Found", "code")
    values = _values(form, k, code)
    errors = FieldErrors()
    _save(tx, k, values, False, errors)
    if errors:
        return invalid(request, tx, EDIT_TEMPLATE, lambda: {"kind": k, "values": values}, errors)
    return done(f"/admin/{k.name}", _("Saved"))


for _name in KINDS:
    router.add_api_route(f"/{_name}", code_list, methods=["GET"], response_class=HTMLResponse)
    router.add_api_route(f"/{_name}", create_code, methods=["POST"], response_class=HTMLResponse)
    router.add_api_route(
        f"/{_name}/{{code}}", edit_code, methods=["GET"], response_class=HTMLResponse
    )
    router.add_api_route(
        f"/{_name}/{{code}}", update_code, methods=["POST"], response_class=HTMLResponse
    )
