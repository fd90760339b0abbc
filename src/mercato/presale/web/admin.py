"""Presales (预售) in the marketing centre (/admin/presales): the campaigns with their phase,
deposits and balances paid and conversion; the form (windows in shop time, items by SKU
code, prices in yuan); and a campaign's page with its report (per item: orders, deposits,
balances, deposits kept or refunded; per item and warehouse: stock, incoming, demand, what
to prepare), publish and call off, and each item's incoming stock. Writes go through the
ORM in the request's transaction, so the audit log has them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog import public as catalog
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict, DomainError, NotFound
from mercato.platform import clock
from mercato.platform.i18n import N_, current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.presale import domain
from mercato.presale import public as presale
from mercato.presale.services import report
from mercato.presale.web import admin_form as forms
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.forms import back
from mercato.web.routing import Router

router = Router(prefix="/admin/presales", include_in_schema=False,
                dependencies=[needs("marketing")])
BASE = "/admin/presales"
PHASES = {domain.UPCOMING: N_("Upcoming"), domain.DEPOSIT: N_("Taking deposits"),
          domain.WAITING: N_("Waiting for the balance"), domain.BALANCE: N_("Paying the balance"),
          domain.ENDED: N_("Ended"), domain.DRAFT: N_("Draft"),
          domain.CANCELLED: N_("Cancelled")}
BADGES = {domain.UPCOMING: "info", domain.DEPOSIT: "ok", domain.WAITING: "warn",
          domain.BALANCE: "ok", domain.CANCELLED: "bad"}
RULES = {"keep": N_("Keep the deposit"), "refund": N_("Refund the deposit")}
LIVE = (domain.UPCOMING, domain.DEPOSIT, domain.WAITING, domain.BALANCE)
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def _helpers() -> dict[str, Any]:
    return {"base": BASE, "phases": PHASES, "badges": BADGES, "rules": RULES,
            "percent": forms.percent}


@router.get("", response_class=HTMLResponse)
def campaign_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    rows = presale.list_campaigns(tx, clock.utcnow())
    ctx = {**_helpers(), "rows": rows, "totals": report.campaign_totals(tx, rows)}
    return render_admin(request, "presale/admin_list.html", ctx)


def form_page(request: Request, values: forms.Values, problems: forms.Problems | None = None,
              status: int = 200) -> Response:
    errors = {k: _(v) for k, v in (problems or {}).items()}
    last = max([forms.ROWS - 1, *[i for i in forms.row_indexes(values) if i < 100]])
    ctx = {**_helpers(), "values": values, "errors": errors, "rows": list(range(last + 1)),
           "max_items": domain.MAX_ITEMS}
    return render_admin(request, "presale/admin_form.html", ctx, status)


@router.get("/new", response_class=HTMLResponse)
def new(request: Request, _s: StaffPageDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return form_page(request, forms.fresh_values(clock.utcnow()))


@router.post("", response_class=HTMLResponse)
def create(request: Request, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    """Saved as a draft; refused whole (422, nothing written) with each field's problem."""
    current_locale.set(loc)
    data, problems, rows = forms.read_campaign(tx, form)
    if problems:
        return form_page(request, forms.typed(form), problems, 422)
    try:
        saved = presale.create_campaign(tx, data)
    except domain.Invalid as exc:
        return form_page(request, forms.typed(form), forms.shown(exc.problems, rows), 422)
    return back(f"{BASE}/{saved.id}", _("Presale saved as a draft."))


def campaign_page(request: Request, tx: Session, loc: str, campaign_id: int,
                  values: forms.Values | None = None, errors: forms.Problems | None = None,
                  status: int = 200) -> Response:
    """The campaign's report, its moves, and the incoming-stock forms (as typed when one
    was refused: `values` and `errors` keyed by the item's id)."""
    r = report.campaign_report(tx, campaign_id)
    c = r.campaign
    ids = [i.sku_id for i in c.items]
    ctx = {**_helpers(), "r": r, "c": c, "skus": catalog.sku_snapshots(tx, ids, loc),
           "codes": inventory.sku_codes(tx, ids), "houses": {w.id: w for w in r.warehouses},
           "values": values or {}, "errors": {k: _(v) for k, v in (errors or {}).items()},
           "may_publish": c.status == domain.DRAFT,
           "may_cancel": c.status == domain.DRAFT or c.phase in LIVE}
    return render_admin(request, "presale/admin_campaign.html", ctx, status)


@router.get("/{campaign_id}", response_class=HTMLResponse)
def show(request: Request, campaign_id: Id, _s: StaffPageDep, tx: ReadDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return campaign_page(request, tx, loc, campaign_id)


def _move(tx: Session, campaign_id: int, to: str, done: str) -> Response:
    try:
        presale.move_campaign(tx, campaign_id, to)
    except Conflict as exc:  # a double click, another tab: say so on the page
        return back(f"{BASE}/{campaign_id}", _(exc.message))
    return back(f"{BASE}/{campaign_id}", done)


@router.post("/{campaign_id}/publish", response_class=HTMLResponse)
def publish(campaign_id: Id, _s: StaffPageDep, _c: CsrfDep, tx: TxDep,
            loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _move(tx, campaign_id, domain.SCHEDULED,
                 _("Presale published: deposits are taken from its deposit window."))


@router.post("/{campaign_id}/cancel", response_class=HTMLResponse)
def cancel(campaign_id: Id, _s: StaffPageDep, _c: CsrfDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _move(tx, campaign_id, domain.CANCELLED,
                 _("Presale called off: orders already placed go on."))


@router.post("/{campaign_id}/items/{item_id}/incoming", response_class=HTMLResponse)
def incoming(request: Request, campaign_id: Id, item_id: Id, _s: StaffPageDep, _c: CsrfDep,
             form: FormDep, tx: TxDep, loc: LocaleDep) -> Response:
    """Set the stock expected at one warehouse for one item; refused (422, nothing
    written) with the problem under its field of that item's form."""
    current_locale.set(loc)
    c = presale.get_campaign(tx, campaign_id, clock.utcnow())
    if all(i.id != item_id for i in c.items):
        raise NotFound("presale.item_not_found", domain.N_("This item is not in the presale"),
                       "item_id")
    warehouse, quantity, on, problems = forms.read_incoming(form)
    if not problems:
        try:
            report.set_incoming(tx, item_id, warehouse, quantity, on)
        except DomainError as exc:
            problems = {exc.field or "quantity": exc.message}
    if problems:
        errors = {f"incoming_{item_id}_{k}": v for k, v in problems.items()}
        values = {f"incoming_{item_id}_{k}": v for k, v in forms.typed(form).items()}
        return campaign_page(request, tx, loc, campaign_id, values, errors, 422)
    return back(f"{BASE}/{campaign_id}", _("Incoming stock saved."))
