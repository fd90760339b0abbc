"""Group deals (拼团) in the marketing centre (/admin/group-deals): the deals by status with
their groups open, filled and failed; the form (the SKU by its code, the group price in
yuan, the group size and the most people a group takes, the time a group has to fill, the
window in shop time, the cashback ladder paid as points or a coupon); and a deal's page with
its recent groups and the switch. Writes go through the ORM in the request's transaction, so
the audit log has them."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog import public as catalog
from mercato.groupbuy import domain
from mercato.groupbuy import public as groupbuy
from mercato.groupbuy.web import admin_form as forms
from mercato.inventory import public as inventory
from mercato.kernel.errors import Conflict
from mercato.kernel.paging import page_count
from mercato.platform import clock
from mercato.platform.i18n import N_, current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.forms import back
from mercato.web.routing import Router

router = Router(prefix="/admin/group-deals", include_in_schema=False,
                dependencies=[needs("marketing")])
BASE = "/admin/group-deals"
PAGE = 20
TABS = (domain.RUNNING, domain.SCHEDULED, domain.DRAFT, domain.ENDED)
STATUSES = {domain.RUNNING: N_("Running"), domain.SCHEDULED: N_("Scheduled"),
            domain.DRAFT: N_("Switched off"), domain.ENDED: N_("Ended")}
BADGES = {domain.RUNNING: "ok", domain.SCHEDULED: "info", domain.DRAFT: "warn"}
GROUPS = {domain.OPEN: N_("Filling"), domain.FILLED: N_("Filled"),
          domain.FAILED: N_("Failed")}
GROUP_BADGES = {domain.OPEN: "info", domain.FILLED: "ok", domain.FAILED: "bad"}
HOW = {domain.POINTS: N_("Points"), domain.COUPON: N_("Coupon")}
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def time_limit(minutes: int) -> str:
    """A time limit as people say it: 24h, 1h 30m, 45m (translated units)."""
    hours, left = divmod(minutes, 60)
    if hours and left:
        return _("%(h)s h %(m)s min") % {"h": hours, "m": left}
    return _("%(h)s h") % {"h": hours} if hours else _("%(m)s min") % {"m": left}


def _helpers() -> dict[str, Any]:
    return {"base": BASE, "statuses": STATUSES, "badges": BADGES, "groups_named": GROUPS,
            "group_badges": GROUP_BADGES, "how_named": HOW, "time_limit": time_limit,
            "steps": list(forms.STEPS), "no_tally": groupbuy.DealTally()}


def _products(tx: Session, deals: list[groupbuy.DealView], loc: str) -> dict[str, Any]:
    """What the pages show of the deals' SKUs: catalogue snapshots and SKU codes, by id."""
    ids = [d.sku_id for d in deals]
    return {"skus": catalog.sku_snapshots(tx, ids, loc), "codes": inventory.sku_codes(tx, ids)}


@router.get("", response_class=HTMLResponse)
def deal_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
              tab: Annotated[str, Query(max_length=12)] = domain.RUNNING,
              page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    current_locale.set(loc)
    now = clock.utcnow()
    tab = tab if tab in TABS else domain.RUNNING
    rows, total = groupbuy.deals_in_status(tx, tab, now, page, PAGE)
    ctx = {**_helpers(), **_products(tx, rows, loc), "tab": tab, "tabs": TABS, "rows": rows,
           "counts": groupbuy.deal_status_counts(tx, now),
           "tallies": groupbuy.deal_tallies(tx, [d.id for d in rows]),
           "page": {"page": page, "pages": page_count(total, PAGE)}}
    return render_admin(request, "admin/groupbuy/list.html", ctx)


def new_page(request: Request, values: forms.Values, problems: domain.Problems | None = None,
             status: int = 200) -> Response:
    ctx = {**_helpers(), "values": values, "action": BASE,
           "errors": {k: _(v) for k, v in (problems or {}).items()}}
    return render_admin(request, "admin/groupbuy/deal_form.html", ctx, status)


@router.get("/new", response_class=HTMLResponse)
def new(request: Request, _s: StaffPageDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return new_page(request, forms.fresh_values(clock.utcnow()))


@router.post("", response_class=HTMLResponse)
def create(request: Request, who: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    current_locale.set(loc)
    data, problems = forms.read_deal(tx, form, loc)
    if problems:
        return new_page(request, forms.typed(form), problems, 422)
    try:
        saved = groupbuy.save_deal(tx, None, data, who.email, clock.utcnow())
    except groupbuy.Invalid as exc:
        return new_page(request, forms.typed(form), forms.shown_problems(exc.problems), 422)
    return back(f"{BASE}/{saved.id}", _("Group deal saved."))


def deal_page(request: Request, tx: Session, loc: str, deal_id: int,
              values: forms.Values | None = None, problems: domain.Problems | None = None,
              status: int = 200) -> Response:
    """A deal's page: what it is, its groups so far, the form to change it (as typed when
    it was refused) and the recent groups."""
    d = groupbuy.get_deal(tx, deal_id, clock.utcnow())
    products = _products(tx, [d], loc)
    code = products["codes"].get(d.sku_id, "")
    ctx = {**_helpers(), **products, "d": d, "action": f"{BASE}/{d.id}",
           "values": values if values is not None else forms.deal_values(d, code),
           "errors": {k: _(v) for k, v in (problems or {}).items()},
           "tally": groupbuy.deal_tallies(tx, [d.id]).get(d.id, groupbuy.DealTally()),
           "recent": groupbuy.groups_of_deal(tx, d.id, 50)}
    return render_admin(request, "admin/groupbuy/deal.html", ctx, status)


@router.get("/{deal_id}", response_class=HTMLResponse)
def show(request: Request, deal_id: Id, _s: StaffPageDep, tx: ReadDep,
         loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return deal_page(request, tx, loc, deal_id)


@router.post("/{deal_id}", response_class=HTMLResponse)
def update(request: Request, deal_id: Id, who: StaffPageDep, _c: CsrfDep, form: FormDep,
           tx: TxDep, loc: LocaleDep) -> Response:
    """Refused whole with the fields marked (422); once a group has opened, a change of the
    SKU, price or sizes is refused too (409), said on the form."""
    current_locale.set(loc)
    groupbuy.get_deal(tx, deal_id, clock.utcnow())  # 404 before reading the form
    data, problems = forms.read_deal(tx, form, loc)
    try:
        if not problems:
            groupbuy.save_deal(tx, deal_id, data, who.email, clock.utcnow())
    except groupbuy.Invalid as exc:
        problems = forms.shown_problems(exc.problems)
    except Conflict as exc:
        in_use = {"in_use": exc.message, forms.FIELDS.get(exc.field or "", "price"): exc.message}
        return deal_page(request, tx, loc, deal_id, forms.typed(form), in_use, 409)
    if problems:
        return deal_page(request, tx, loc, deal_id, forms.typed(form), problems, 422)
    return back(f"{BASE}/{deal_id}", _("Group deal saved."))


@router.post("/{deal_id}/switch", response_class=HTMLResponse)
def switch(deal_id: Id, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    """On: it runs in its window. Off: no new groups or joins; open groups fail at their
    time and their paid members are refunded."""
    current_locale.set(loc)
    on = str(form.get("on", "")) == "1"
    groupbuy.set_deal_enabled(tx, deal_id, on, clock.utcnow())
    return back(f"{BASE}/{deal_id}",
                _("Group deal switched on.") if on else _("Group deal switched off."))
