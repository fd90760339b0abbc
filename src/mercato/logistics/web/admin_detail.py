"""One shipment (/admin/shipments/{number}): its lines, recipient, warehouse, status and
times, the carrier's scans newest first, the issues about it and the order's other parcels;
its actions (picked, ship with a carrier, print its waybill, 加急 on or off), each posted here
and answered with a redirect to the page (303) or the page with the refusal."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError
from mercato.logistics import domain
from mercato.logistics.adapters import admin_queries, repository
from mercato.logistics.adapters.registry import Book
from mercato.logistics.services import outbound, priority, views
from mercato.logistics.web import admin_forms as forms
from mercato.logistics.web.admin_forms import FormDep
from mercato.logistics.web.deps import BookDep
from mercato.platform.db import Database
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(
    prefix="/admin/shipments", include_in_schema=False, dependencies=[needs("shipping")]
)
Number = Annotated[str, Path(min_length=3, max_length=24)]


def detail_page(
    request: Request, tx: Session, book: Book, number: str, error: str = "", status: int = 200
) -> Response:
    s = admin_queries.one(tx, number)
    if s is None:
        raise repository.not_found()
    (parcel,) = views.parcels(tx, [s])
    siblings = [p for p in views.parcels_of_order(tx, s.order_number) if p.number != s.number]
    ctx: dict[str, Any] = {
        **forms.HELPERS,
        "s": s,
        "p": parcel,
        "warehouse": next((w for w in inventory.warehouses(tx) if w.id == s.warehouse_id), None),
        "issues": admin_queries.issues_of(tx, [s.number]),
        "siblings": siblings,
        "book_carriers": sorted(book.by_carrier),
        "default_carrier": book.default,
        "may_pick": s.status == domain.ALLOCATED,
        "may_ship": s.status in domain.OPEN,
        "action_error": error,
    }
    return render_admin(request, "admin/logistics/shipment.html", ctx, status)


@router.get("/{number}", response_class=HTMLResponse)
def shipment(
    request: Request,
    number: Number,
    _s: StaffPageDep,
    tx: ReadDep,
    book: BookDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    return detail_page(request, tx, book, number)


def _done(number: str, message: str) -> Response:
    url = f"/admin/shipments/{number}?{urlencode({'flash': message})}"
    return RedirectResponse(url, status_code=303)


def _refused(request: Request, db: Database, book: Book, number: str, exc: DomainError) -> Response:
    with db.reading() as tx:
        return detail_page(request, tx, book, number, forms.refusal(exc), exc.status)


@router.post("/{number}/pick", response_class=HTMLResponse)
def pick(
    request: Request,
    number: Number,
    staff: StaffPageDep,
    _c: CsrfDep,
    db: DbDep,
    book: BookDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    try:
        moved = db.unit(lambda tx: outbound.pick(tx, number, staff.email))
    except DomainError as exc:
        return _refused(request, db, book, number, exc)
    if not moved:
        return _done(number, _("It was not waiting to be picked"))
    return _done(number, _("Marked as picked: the pick list is out."))


@router.post("/{number}/ship", response_class=HTMLResponse)
def ship(
    request: Request,
    number: Number,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    book: BookDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    carrier = forms.text(form, "ship_with")
    phone = request.app.state.settings.logistics_sender_phone

    def go(tx: Session) -> str:
        s = outbound.ship(tx, number, carrier, book.by_carrier, staff.email, phone)
        return s.waybill_no or ""

    try:
        waybill = db.unit(go)
    except DomainError as exc:
        return _refused(request, db, book, number, exc)
    words = {"carrier": forms.carrier_label(carrier), "no": waybill}
    return _done(number, _("Shipped with %(carrier)s, waybill %(no)s") % words)


@router.post("/{number}/priority", response_class=HTMLResponse)
def set_priority(
    request: Request,
    number: Number,
    _s: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    book: BookDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    urgent = forms.text(form, "urgent") == "1"
    try:
        db.unit(lambda tx: priority.set_priority(tx, number, urgent))
    except DomainError as exc:
        return _refused(request, db, book, number, exc)
    return _done(
        number, _("Marked urgent: first in the queue.") if urgent else _("No longer urgent.")
    )
