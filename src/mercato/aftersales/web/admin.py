"""The after-sales queue (/admin/aftersales): requests by what they wait for, one request
with its items, photos and steps; customer service approves or rejects, the warehouse
receives and inspects (restock or quarantine) and sends exchanges' replacements; a return's
refund is asked of the payment provider as soon as its goods are received."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.aftersales import domain
from mercato.aftersales.adapters import photos
from mercato.aftersales.services import refunding, staff, views
from mercato.aftersales.web.labels import HELPERS
from mercato.kernel.errors import DomainError
from mercato.payments import public as payments
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, SettingsDep
from mercato.web.routing import Router

router = Router(prefix="/admin/aftersales", include_in_schema=False,
                dependencies=[needs("aftersales")])
# Taking goods back in and sending replacements is the warehouse's work.
warehouse = Router(prefix="/admin/aftersales", include_in_schema=False,
                   dependencies=[needs("shipping")])
Number = Annotated[str, Path(min_length=1, max_length=24, pattern=r"^\d+-A\d+$")]


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


@router.get("", response_class=HTMLResponse)
def queue(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
          tab: Annotated[str, Query(max_length=12)] = "review",
          page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    current_locale.set(loc)
    tab = tab if tab in views.TABS else "review"
    rows, total = views.queue(tx, tab, page)
    ctx = {**HELPERS, "tab": tab, "tabs": views.TABS, "rows": rows, "total": total,
           "counts": views.tab_counts(tx), "page_no": page, "size": 50}
    return render_admin(request, "admin/aftersales/queue.html", ctx)


def detail_page(request: Request, tx: Session, number: str,
                extra: dict[str, Any] | None = None, status: int = 200) -> Response:
    d = views.detail(tx, number)
    ctx = {**HELPERS, "d": d, "error": "", "flash": request.query_params.get("flash", "")[:200],
           "refunds": payments.refunds_of_order(tx, d.request.order_number),
           **(extra or {})}
    return render_admin(request, "admin/aftersales/detail.html", ctx, status)


@router.get("/{number}", response_class=HTMLResponse)
def show(request: Request, number: Number, _s: StaffPageDep, tx: ReadDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return detail_page(request, tx, number)


def _done(number: str, flash: str) -> Response:
    return RedirectResponse(f"/admin/aftersales/{number}?{urlencode({'flash': flash})}",
                            status_code=303)


def _refused(request: Request, db: Any, number: str, exc: DomainError) -> Response:
    with db.reading() as tx:
        return detail_page(request, tx, number, {"error": _(exc.message)}, exc.status)


@router.post("/{number}/approve", response_class=HTMLResponse)
def approve(request: Request, number: Number, who: StaffPageDep, _c: CsrfDep, form: FormDep,
            db: DbDep, loc: LocaleDep, settings: SettingsDep) -> Response:
    current_locale.set(loc)
    note, phone = str(form.get("note", "")), settings.logistics_sender_phone
    try:
        db.unit(lambda tx: staff.approve(tx, number, who.email, note, phone))
    except DomainError as exc:
        return _refused(request, db, number, exc)
    return _done(number, _("Request approved."))


@router.post("/{number}/reject", response_class=HTMLResponse)
def reject(request: Request, number: Number, who: StaffPageDep, _c: CsrfDep, form: FormDep,
           db: DbDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    reason = str(form.get("reason", ""))
    try:
        db.unit(lambda tx: staff.reject(tx, number, who.email, reason))
    except DomainError as exc:
        return _refused(request, db, number, exc)
    return _done(number, _("Request rejected."))


@router.post("/{number}/refund", response_class=HTMLResponse)
def send_refund(request: Request, number: Number, _who: StaffPageDep, _c: CsrfDep,
                db: DbDep, loc: LocaleDep) -> Response:
    """Ask the provider again now (the job would, within a minute)."""
    current_locale.set(loc)
    status = refunding.send(db, payments.gateways_of(request.app), number)
    return _done(number, _("Refunded.") if status == domain.REFUNDED else
                 _("Refund asked of the payment provider."))


@warehouse.post("/{number}/receive", response_class=HTMLResponse)
def receive(request: Request, number: Number, who: StaffPageDep, _c: CsrfDep, form: FormDep,
            db: DbDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    choices = {int(k[5:]): str(v) for k, v in form.items()
               if k.startswith("disp_") and k[5:].isdigit() and len(k) < 16}
    try:
        r = db.unit(lambda tx: staff.receive(tx, number, who.email, choices))
    except DomainError as exc:
        return _refused(request, db, number, exc)
    if r.kind == domain.RETURN:
        refunding.send(db, payments.gateways_of(request.app), number)
    return _done(number, _("Goods received."))


@warehouse.post("/{number}/replacement", response_class=HTMLResponse)
def replacement(request: Request, number: Number, who: StaffPageDep, _c: CsrfDep,
                form: FormDep, db: DbDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    carrier, waybill = str(form.get("carrier", "")), str(form.get("waybill", ""))
    try:
        db.unit(lambda tx: staff.send_replacement(tx, number, who.email, carrier, waybill))
    except DomainError as exc:
        return _refused(request, db, number, exc)
    return _done(number, _("Replacement sent."))


@router.get("/photos/{photo_id}")
def photo(photo_id: Annotated[int, Path(ge=1, le=2**31 - 1)], _s: StaffPageDep, tx: ReadDep,
          settings: SettingsDep) -> Response:
    name = views.photo_path(tx, photo_id, None)
    if name is None:
        return Response(status_code=404)
    return Response(photos.read(settings.media_dir, name), media_type="image/jpeg",
                    headers={"Cache-Control": "private, max-age=3600"})
