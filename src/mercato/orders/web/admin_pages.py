"""The merchant's order centre: the filtered list (status tabs counting under the other
filters, search, dates, pages, a checkbox per row for the bulk bar), one order with its
timeline, its next steps in one place and notes, and the CSV download of a filtered list."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, StaffUser, needs, render_admin
from mercato.kernel.csvreport import write_table
from mercato.kernel.errors import DomainError, NotFound
from mercato.orders import domain
from mercato.orders.adapters import admin_queries, queries
from mercato.orders.services import transitions
from mercato.orders.web import admin_actions as actions
from mercato.orders.web import admin_forms as forms
from mercato.platform.db import Database
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin/orders", include_in_schema=False, dependencies=[needs("orders")])
BOM = "\ufeff".encode()  # Excel opens a UTF-8 CSV correctly only with it
HELPERS = {
    "status_label": forms.status_label,
    "action_label": forms.action_label,
    "actor_label": forms.actor_label,
    "reason_label": forms.reason_label,
    "shop_time": forms.shop_time,
    "status_badge": forms.status_badge,
    "status_url": actions.status_url,
    "sizes": actions.SIZES,
}


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def _done(number: str, message: str) -> Response:
    url = f"/admin/orders/{number}?{urlencode({'flash': message})}"
    return RedirectResponse(url, status_code=303)


def list_page(
    request: Request,
    tx: Session,
    f: forms.OrderFilter,
    errors: dict[str, str],
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    """The list for filter `f`; `extra` adds to the page (the bulk bar's report or errors)."""
    page = queries.staff_orders(tx, f.status, f.q, f.since(), f.until(), f.page)
    staff: StaffUser | None = getattr(request.state, "staff", None)
    ctx = {
        **HELPERS,
        "filter": f,
        "keep": f.params(),
        "tab_keep": {k: v for k, v in f.params().items() if k != "status"},
        "page": page,
        "counts": admin_queries.status_counts(tx, f.q, f.since(), f.until()),
        "statuses": domain.STATUSES,
        "errors": errors,
        "bulk": actions.bulk_buttons(staff),
        "print_url": actions.bulk_url(staff, actions.PRINT),
        "report": [],
        "chosen": (),
        **(extra or {}),
    }
    return render_admin(request, "admin/orders_list.html", ctx, status)


@router.get("", response_class=HTMLResponse)
def order_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    f, errors = forms.parse_filter(request.query_params)
    return list_page(request, tx, f, errors, status=422 if errors else 200)


def _csv_cells(r: admin_queries.ExportRow) -> list[object]:
    items = "; ".join(
        f"{ln.name}{f' ({ln.options})' if ln.options else ''} ×{ln.quantity}" for ln in r.lines
    )
    money = [r.subtotal_fen, r.shipping_fen, r.discount_fen, r.total_fen]
    return [
        r.number,
        forms.shop_time(r.placed_at, seconds=True),
        forms.status_label(r.status),
        r.recipient,
        r.phone,
        r.address,
        r.postcode,
        items,
        r.item_count,
        *(forms.yuan(fen, r.currency) for fen in money),
        r.currency,
        r.shipping_name,
        forms.shop_time(r.paid_at, seconds=True),
        r.payment_provider,
        _(_INVOICE_KINDS[r.invoice_kind]) if r.invoice_kind in _INVOICE_KINDS else "",
        r.invoice_title,
        r.invoice_tax_id,
        r.note,
    ]


_INVOICE_KINDS = {"personal": "Personal invoice", "company": "Company invoice"}
_CSV_COLUMNS = (
    "Order number",
    "Placed at",
    "Status",
    "Recipient",
    "Phone",
    "Address",
    "Postcode",
    "Items",
    "Quantity",
    "Goods amount",
    "Shipping fee",
    "Discount",
    "Order total",
    "Currency",
    "Shipping method",
    "Paid at",
    "Payment provider",
    "Invoice type",
    "Invoice title",
    "Tax ID",
    "Customer note",
)


# Declared before /{number} so the static path is matched first.
@router.get("/export.csv")
def export_csv(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    f = forms.filter_or_raise(request.query_params)
    rows = admin_queries.export_orders(tx, f.status, f.q, f.since(), f.until())
    data = write_table([_(c) for c in _CSV_COLUMNS], (_csv_cells(r) for r in rows))
    return Response(
        BOM + data,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="orders.csv"'},
    )


def _detail_page(
    request: Request,
    tx: Session,
    number: str,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status: int = 200,
) -> Response:
    order = queries.detail(tx, number, None)
    steps = forms.next_statuses(order.summary.status)
    staff: StaffUser | None = getattr(request.state, "staff", None)
    ctx: dict[str, Any] = {
        **HELPERS,
        "order": order,
        "s": order.summary,
        "next_statuses": steps,
        "may_change": any(actions.status_url(staff, number, t) for t in steps),
        "reason_required": forms.REASON_REQUIRED,
        "notes": [t for t in order.timeline if t.kind == "note"],
        "errors": errors or {},
        "form": form or {},
    }
    return render_admin(request, "admin/orders_detail.html", ctx, status)


@router.get("/{number}", response_class=HTMLResponse)
def order_detail(
    request: Request, number: str, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep
) -> Response:
    current_locale.set(loc)
    return _detail_page(request, tx, number)


def _refused(
    request: Request, tx: Session, number: str, exc: DomainError, form: dict[str, str]
) -> Response:
    """Show the service's refusal next to the form that caused it; nothing it may have
    written is kept (rolled back before the page reads the order again)."""
    if isinstance(exc, NotFound):
        raise exc
    tx.rollback()
    message = actions.refusal(exc)
    field = exc.field or "status"
    return _detail_page(request, tx, number, {field: message}, form, exc.status)


def change(
    request: Request, db: Database, number: str, staff: StaffUser, form: FormData
) -> Response:
    """One order moved to the posted status as one unit of work (retried after a deadlock);
    a refusal is shown next to the action that caused it, nothing written."""
    target, reason = forms.text(form, "status"), forms.text(form, "reason")
    try:
        db.unit(lambda tx: transitions.change_by_staff(tx, number, target, staff.email, reason))
    except DomainError as exc:
        with db.reading() as tx:
            return _refused(request, tx, number, exc, {"target": target, "reason": reason})
    message = _("Order is now: %(status)s") % {"status": forms.status_label(target)}
    return _done(number, message)


@router.post("/{number}/status", response_class=HTMLResponse)
def change_status(
    request: Request,
    number: str,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    return change(request, db, number, staff, form)


@router.post("/{number}/notes", response_class=HTMLResponse)
def add_note(
    request: Request,
    number: str,
    staff: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    tx: TxDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    note = forms.text(form, "note")
    try:
        transitions.add_note(tx, number, staff.email, note)
    except DomainError as exc:
        return _refused(request, tx, number, exc, {"note": note})
    return _done(number, _("Note added"))
