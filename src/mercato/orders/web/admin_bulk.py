"""Bulk actions on the orders chosen in the list (start picking, mark shipped, cancel or
close with a reason, print packing slips), and the warehouse's routes (shipping area).

Each chosen order is its own unit of work through the orders services (`db.unit`: retried
after a deadlock, stock rows locked in one order), so one order refused (wrong status) does
not undo the others; the list comes back with a report of what went through and what did not,
and why. The request is checked whole first: a missing reason or a bad number writes nothing."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, StaffUser, needs
from mercato.kernel.errors import DomainError, Forbidden
from mercato.orders.services import transitions
from mercato.orders.web import admin_actions as actions
from mercato.orders.web import admin_forms as forms
from mercato.orders.web import admin_pages
from mercato.orders.web.admin_pages import FormDep
from mercato.platform.db import Database
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep
from mercato.web.routing import Router

router = Router(prefix="/admin/orders", include_in_schema=False, dependencies=[needs("orders")])
# The warehouse's own: picking, shipping and packing slips need shipping.edit, not orders.edit.
fulfil_router = Router(
    prefix="/admin/orders", include_in_schema=False, dependencies=[needs("shipping")]
)


@dataclass(frozen=True, slots=True)
class Outcome:
    number: str
    done: bool
    message: str  # the status it reached, or why it was refused


def apply(
    db: Database, numbers: tuple[str, ...], target: str, staff: str, reason: str
) -> list[Outcome]:
    """Move each order to `target`, one unit of work per order; refusals are reported."""
    out = []
    for number in numbers:

        def move(tx: Session, n: str = number) -> transitions.Changed:
            return transitions.change_by_staff(tx, n, target, staff, reason)

        try:
            db.unit(move)
        except DomainError as exc:
            out.append(Outcome(number, False, actions.refusal(exc)))
        else:
            out.append(Outcome(number, True, forms.status_label(target)))
    return out


def slips_url(numbers: tuple[str, ...] | list[str], size: str = "a4") -> str:
    query = [("n", n) for n in numbers] + [("size", size)]
    return "/admin/orders/packing-slips?" + urlencode(query)


def _bulk(
    request: Request, db: Database, staff: StaffUser, form: FormData, allowed: frozenset[str]
) -> Response:
    f, _errors = forms.parse_filter(actions.keep_filter(form))
    try:
        req = actions.read_bulk(form, allowed)
    except DomainError as exc:
        kept = {
            "chosen": tuple(v for v in form.getlist("n") if isinstance(v, str)),
            "bulk_reason": forms.text(form, "reason"),
        }
        errors = {exc.field or "n": _(exc.message)}
        with db.reading() as tx:
            return admin_pages.list_page(request, tx, f, errors, kept, exc.status)
    if req.action == actions.PRINT:
        return RedirectResponse(slips_url(req.numbers, req.size), status_code=303)
    report = apply(db, req.numbers, req.action, staff.email, req.reason)
    done = [o.number for o in report if o.done]
    extra: dict[str, object] = {
        "report": report,
        "report_action": req.action,
        "report_print": slips_url(done) if done and req.action in actions.FULFIL else "",
        "chosen": tuple(o.number for o in report if not o.done),
    }
    with db.reading() as tx:
        return admin_pages.list_page(request, tx, f, {}, extra)


@router.post("/bulk", response_class=HTMLResponse)
def bulk(
    request: Request, staff: StaffPageDep, _c: CsrfDep, form: FormDep, db: DbDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    return _bulk(request, db, staff, form, frozenset({*actions.BULK, actions.PRINT}))


@fulfil_router.post("/fulfil", response_class=HTMLResponse)
def bulk_fulfil(
    request: Request, staff: StaffPageDep, _c: CsrfDep, form: FormDep, db: DbDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    return _bulk(request, db, staff, form, actions.FULFIL | {actions.PRINT})


@fulfil_router.post("/{number}/fulfil", response_class=HTMLResponse)
def fulfil_one(
    request: Request,
    number: str,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    loc: LocaleDep,
) -> Response:
    """The order page's picking and shipping buttons for members without orders.edit."""
    current_locale.set(loc)
    if forms.text(form, "status") not in actions.FULFIL:
        raise Forbidden("access.forbidden", "You do not have permission to do this", "status")
    return admin_pages.change(request, db, number, staff, form)
