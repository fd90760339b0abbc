"""The merchant's logistics centre (物流中心): the shipment queue (/admin/shipments), tabs by
status with counts, filters by warehouse, carrier and number, a checkbox per row for the bulk
bar (print pick lists, mark picked, ship with a carrier, print waybills); one shipment with its
carrier scans; the printouts; the issue queue. Bootstrap includes `router` (this module's
routes and the others'), all in the shipping area (GET shipping.view, POST shipping.edit).

Each chosen shipment is its own unit of work (`db.unit`), so one refused (wrong status, the
carrier said no) does not undo the others; the queue comes back with a report of what went
through and what did not, and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, StaffUser, needs, render_admin
from mercato.inventory import public as inventory
from mercato.kernel.errors import DomainError
from mercato.logistics import domain
from mercato.logistics.adapters import admin_queries
from mercato.logistics.adapters.admin_queries import ALL, IssueFilter, ShipmentFilter
from mercato.logistics.adapters.registry import Book
from mercato.logistics.services import outbound, views
from mercato.logistics.web import admin_detail, admin_issues, admin_print
from mercato.logistics.web import admin_forms as forms
from mercato.logistics.web.admin_forms import FormDep, Outcome
from mercato.logistics.web.deps import BookDep
from mercato.platform import clock
from mercato.platform.db import Database
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

queue = Router(prefix="/admin/shipments", include_in_schema=False, dependencies=[needs("shipping")])
PICK, SHIP = "pick", "ship"


def print_url(kind: str, numbers: list[str] | tuple[str, ...]) -> str:
    """The pick list ("picklist") or the waybills ("waybills") of these shipments."""
    return f"/admin/shipments/{kind}?" + urlencode([("n", n) for n in numbers])


def _stats(tx: Session) -> dict[str, int]:
    return {
        "priority": admin_queries.priority_open(tx),
        "shipped_today": admin_queries.shipped_since(tx, clock.day_start_utc(clock.today())),
        "issues": admin_queries.issue_counts(tx, IssueFilter())[admin_queries.OPEN_VIEW],
    }


def queue_page(
    request: Request,
    tx: Session,
    book: Book,
    f: ShipmentFilter,
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    """The queue for filter `f`; `extra` adds the bulk bar's report or its errors."""
    page = admin_queries.list_shipments(tx, f)
    keep = forms.params_of(f)
    ctx = {
        **forms.HELPERS,
        "filter": f,
        "all_tab": ALL,
        "keep": keep,
        "tab_keep": {k: v for k, v in keep.items() if k != "status"},
        "page": page,
        "items": list(zip(page.rows, views.parcels(tx, list(page.rows)), strict=True)),
        "counts": admin_queries.status_counts(tx, f),
        "statuses": domain.STATUSES,
        "open_statuses": domain.OPEN,
        "warehouses": {w.id: w for w in inventory.warehouses(tx)},
        "carrier_codes": forms.CARRIERS,
        "book_carriers": sorted(book.by_carrier),
        "default_carrier": book.default,
        "stats": _stats(tx),
        "errors": {},
        "report": [],
        "chosen": (),
        **(extra or {}),
    }
    return render_admin(request, "admin/logistics/shipments.html", ctx, status)


@queue.get("", response_class=HTMLResponse)
def shipments(
    request: Request, _s: StaffPageDep, tx: ReadDep, book: BookDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    houses = [w.id for w in inventory.warehouses(tx)]
    f, errors = forms.parse_filter(request.query_params, houses)
    extra = {"errors": errors}
    return queue_page(request, tx, book, f, extra, 422 if errors else 200)


# One shipment's step in its own transaction: (went through, what it says).
Step = Callable[[Session, str], tuple[bool, str]]


def _each(db: Database, numbers: tuple[str, ...], step: Step) -> list[Outcome]:
    """`step` on each shipment, one unit of work each; what it says, or why it was refused."""
    out = []
    for number in numbers:

        def one(tx: Session, n: str = number) -> tuple[bool, str]:
            return step(tx, n)

        try:
            done, said = db.unit(one)
        except DomainError as exc:
            out.append(Outcome(number, False, forms.refusal(exc)))
        else:
            out.append(Outcome(number, done, said))
    return out


def picker(staff: StaffUser) -> Step:
    def step(tx: Session, number: str) -> tuple[bool, str]:
        if outbound.pick(tx, number, staff.email):
            return True, forms.status_label(domain.PICKING)
        return False, _("It was not waiting to be picked")

    return step


def shipper(staff: StaffUser, book: Book, carrier: str, phone: str) -> Step:
    def step(tx: Session, number: str) -> tuple[bool, str]:
        s = outbound.ship(tx, number, carrier, book.by_carrier, staff.email, phone)
        words = {"carrier": forms.carrier_label(carrier), "no": s.waybill_no or ""}
        return True, _("Shipped with %(carrier)s, waybill %(no)s") % words

    return step


def _read(form: FormData, action: str, book: Book) -> tuple[tuple[str, ...], str]:
    """The chosen shipments and the carrier, checked before any shipment is touched."""
    numbers = forms.chosen_numbers(form.getlist("n"))
    carrier = forms.text(form, "ship_with")
    if action == SHIP and carrier not in book.by_carrier:
        raise DomainError("logistics.unknown_carrier", "This carrier is not set up", "ship_with")
    return numbers, carrier


def _bulk(
    request: Request, db: Database, book: Book, staff: StaffUser, form: FormData, action: str
) -> Response:
    skip = ("n", "csrf", "ship_with")
    params = {k: v for k, v in form.items() if isinstance(v, str) and k not in skip}
    with db.reading() as tx:
        houses = [w.id for w in inventory.warehouses(tx)]
    f, _errors = forms.parse_filter(params, houses)
    try:
        numbers, carrier = _read(form, action, book)
    except DomainError as exc:
        chosen = tuple(v for v in form.getlist("n") if isinstance(v, str))
        refused = {"errors": {exc.field or "n": _(exc.message)}, "chosen": chosen}
        with db.reading() as tx:
            return queue_page(request, tx, book, f, refused, exc.status)
    if action == PICK:
        report = _each(db, numbers, picker(staff))
    else:
        phone = request.app.state.settings.logistics_sender_phone
        report = _each(db, numbers, shipper(staff, book, carrier, phone))
    done = [o.number for o in report if o.done]
    extra: dict[str, Any] = {
        "report": report,
        "report_action": action,
        "report_print": print_url("picklist" if action == PICK else "waybills", done)
        if done
        else "",
        "chosen": tuple(o.number for o in report if not o.done),
    }
    with db.reading() as tx:
        return queue_page(request, tx, book, f, extra)


@queue.post("/pick", response_class=HTMLResponse)
def bulk_pick(
    request: Request,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    book: BookDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    return _bulk(request, db, book, staff, form, PICK)


@queue.post("/ship", response_class=HTMLResponse)
def bulk_ship(
    request: Request,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    book: BookDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    return _bulk(request, db, book, staff, form, SHIP)


router = Router()
# Fixed paths (/picklist, /waybills, /pick, /ship) before the shipment page's /{number}.
router.include_router(admin_print.router)
router.include_router(queue)
router.include_router(admin_detail.router)
router.include_router(admin_issues.router)
