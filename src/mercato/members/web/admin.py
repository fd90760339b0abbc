"""The member centre (/admin/customers, /admin/tiers): customers with their tier, life-cycle
tag, RFM scores, points and spend, searchable and filtered; one customer's record (profile,
standing, points ledger, referral) with a points adjustment and the birthday and group
fields; the tiers' thresholds and benefits. Staff writes go to the audit log (the ORM's, and
the ledger row names the staff member and the reason)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.kernel.errors import DomainError
from mercato.members import domain_loyalty as rules
from mercato.members.adapters import repository
from mercato.members.services import clock, loyalty_views, points, profile, standing, tiers
from mercato.members.web.loyalty_labels import HELPERS, TAG_LABELS
from mercato.platform import clock as shop_clock
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(include_in_schema=False, dependencies=[needs("customers")])
CustomerId = Annotated[int, Path(ge=1, le=2_147_483_647)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
SIZE = 50


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


@router.get("/admin/customers", response_class=HTMLResponse)
def customers(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep,
              q: Annotated[str, Query(max_length=100)] = "",
              tier: Annotated[str, Query(max_length=16)] = "",
              tag: Annotated[str, Query(max_length=12)] = "",
              page: PageNo = 1) -> Response:
    current_locale.set(loc)
    all_tiers = loyalty_views.tiers(tx)
    tier = tier if tier in {t.code for t in all_tiers} | {"none"} else ""
    tag = tag if tag in rules.TAGS else ""
    rows, total = loyalty_views.customers(tx, q, tier, tag, page, SIZE)
    keep = {k: v for k, v in (("q", q.strip()), ("tier", tier), ("tag", tag)) if v}
    ctx = {**HELPERS, "rows": rows, "total": total, "page_no": page, "size": SIZE,
           "keep": keep, "q": q.strip(), "tier": tier, "tag": tag, "tiers": all_tiers,
           "tags": TAG_LABELS, "names": {t.code: t.name for t in all_tiers}}
    return render_admin(request, "admin/members/customers.html", ctx)


def _detail(request: Request, tx: Session, customer_id: int, page: int = 1,
            extra: dict[str, Any] | None = None, status: int = 200) -> Response:
    ctx = {**HELPERS, "r": loyalty_views.customer_record(tx, customer_id, page),
           "error": "", "field": "", "form": {}, **(extra or {})}
    return render_admin(request, "admin/members/customer.html", ctx, status)


@router.get("/admin/customers/{customer_id}", response_class=HTMLResponse)
def customer(request: Request, customer_id: CustomerId, _s: StaffPageDep, tx: ReadDep,
             loc: LocaleDep, page: PageNo = 1) -> Response:
    current_locale.set(loc)
    return _detail(request, tx, customer_id, page)


def _done(customer_id: int, flash: str) -> Response:
    return RedirectResponse(f"/admin/customers/{customer_id}?{urlencode({'flash': flash})}",
                            status_code=303)


def _refused(request: Request, db: Any, customer_id: int, exc: DomainError,
             form: dict[str, str]) -> Response:
    with db.reading() as tx:
        extra = {"error": _(exc.message), "field": exc.field or "", "form": form}
        return _detail(request, tx, customer_id, 1, extra, exc.status)


@router.post("/admin/customers/{customer_id}/points", response_class=HTMLResponse)
def adjust_points(request: Request, customer_id: CustomerId, who: StaffPageDep, _c: CsrfDep,
                  form: FormDep, db: DbDep, loc: LocaleDep) -> Response:
    """A points correction with its reason: a ledger row naming the staff member."""
    current_locale.set(loc)
    raw, reason = str(form.get("delta", "")).strip(), str(form.get("reason", ""))[:500]
    values = {"delta": raw, "reason": reason}
    try:
        delta = int(raw) if raw.lstrip("+-").isascii() and raw.lstrip("+-").isdigit() else None
        if delta is None or len(raw) > 12:
            raise DomainError("members.invalid_points", "Enter a whole number of points, not 0",
                              "points")
        db.unit(lambda tx: (repository.lock_customer(tx, customer_id),  # 404 if none
                            points.adjust(tx, customer_id, delta, reason, who.email,
                                          clock.now())))
    except DomainError as exc:
        return _refused(request, db, customer_id, exc, values)
    return _done(customer_id, _("Points adjusted."))


@router.post("/admin/customers/{customer_id}/profile", response_class=HTMLResponse)
def save_profile(request: Request, customer_id: CustomerId, _who: StaffPageDep, _c: CsrfDep,
                 form: FormDep, db: DbDep, loc: LocaleDep) -> Response:
    """Customer service corrects the birthday and sets the customer group."""
    current_locale.set(loc)
    typed, group = str(form.get("birthday", "")).strip(), str(form.get("group", ""))
    values = {"birthday": typed, "group": group}

    def save(tx: Session) -> None:
        profile.set_group(tx, customer_id, group)
        if typed:
            try:
                day = date.fromisoformat(typed)
            except ValueError:
                day = None
            profile.set_birthday(tx, customer_id, day, shop_clock.today(), staff=True)

    try:
        db.unit(save)
    except DomainError as exc:
        return _refused(request, db, customer_id, exc, values)
    return _done(customer_id, _("Saved."))


@router.post("/admin/customers/{customer_id}/recompute", response_class=HTMLResponse)
def recompute(customer_id: CustomerId, _who: StaffPageDep, _c: CsrfDep, db: DbDep,
              loc: LocaleDep) -> Response:
    """Work out the tier and tag now (after a tier edit, say) rather than at the nightly run."""
    current_locale.set(loc)

    def run(tx: Session) -> None:
        repository.lock_customer(tx, customer_id)  # 404 for no such customer
        standing.recompute_member(tx, customer_id, clock.now())

    db.unit(run)
    return _done(customer_id, _("Tier and tag worked out again."))


def _tiers_page(request: Request, tx: Session, extra: dict[str, Any] | None = None,
                status: int = 200) -> Response:
    ctx = {**HELPERS, "tiers": loyalty_views.tiers(tx), "error": "", "field": "", "form": {},
           **(extra or {})}
    return render_admin(request, "admin/members/tiers.html", ctx, status)


@router.get("/admin/tiers", response_class=HTMLResponse)
def tier_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _tiers_page(request, tx)


@router.post("/admin/tiers", response_class=HTMLResponse)
def save_tiers(request: Request, _who: StaffPageDep, _c: CsrfDep, form: FormDep, db: DbDep,
               loc: LocaleDep) -> Response:
    current_locale.set(loc)
    values = {k: str(v)[:100] for k, v in form.items() if k != "csrf"}
    try:
        db.unit(lambda tx: tiers.save(tx, values))
    except DomainError as exc:
        with db.reading() as tx:
            extra = {"error": _(exc.message), "field": exc.field or "", "form": values}
            return _tiers_page(request, tx, extra, exc.status)
    flash = _("Tiers saved. Members move at their next order or tonight's run.")
    return RedirectResponse("/admin/tiers?" + urlencode({"flash": flash}), status_code=303)
