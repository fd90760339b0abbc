"""Gift bundles (/admin/coupons/bundles): which coupons a member gets on their birthday (per
tier), when a referral qualifies (referrer and invitee), and on reaching a tier."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.promotions import domain
from mercato.promotions.adapters.rows import ids_of
from mercato.promotions.services import editing, reports
from mercato.promotions.web.common import FormDep, Id, shown
from mercato.promotions.web.forms import REGULAR
from mercato.promotions.web.labels import HELPERS
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.forms import back
from mercato.web.routing import Router

router = Router(prefix="/admin/coupons/bundles", include_in_schema=False,
                dependencies=[needs("marketing")])


def _page(request: Request, tx: Session, extra: dict[str, Any] | None = None,
          status: int = 200) -> Response:
    ctx = {**HELPERS, "bundles": reports.all_bundles(tx), "templates": reports.all_templates(tx),
           "ids_of": ids_of, "trigger_codes": domain.TRIGGERS, "tiers": domain.TIERS,
           "errors": {}, "typed": {}, "failed_id": None, **(extra or {})}
    return render_admin(request, "admin/promotions/bundles.html", ctx, status)


@router.get("", response_class=HTMLResponse)
def bundle_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _page(request, tx)


def _save(request: Request, tx: Session, bundle_id: int | None, form: FormData) -> Response:
    tier = str(form.get("tier", ""))[:20]
    raw = [str(v) for v in form.getlist("template_ids")][:20]
    ids = tuple(int(v) for v in raw if v.isdigit() and len(v) < 10)
    try:
        name = str(form.get("name", "")).replace("\x00", "")[:100]
        editing.save_bundle(tx, bundle_id, name,
                            str(form.get("trigger", ""))[:30], "" if tier == REGULAR else tier,
                            ids, str(form.get("enabled", "")) == "1")
    except editing.Invalid as exc:
        tx.rollback()
        extra = {"errors": shown(exc.problems), "failed_id": bundle_id,
                 "typed": {"name": str(form.get("name", ""))[:100], "ids": ids}}
        return _page(request, tx, extra, 422)
    return back("/admin/coupons/bundles", _("Gift bundle saved."))


@router.post("", response_class=HTMLResponse)
def create(request: Request, _s: StaffPageDep, _c: CsrfDep, form: FormDep, tx: TxDep,
           loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _save(request, tx, None, form)


@router.post("/{bundle_id}", response_class=HTMLResponse)
def update(request: Request, bundle_id: Id, _s: StaffPageDep, _c: CsrfDep, form: FormDep,
           tx: TxDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _save(request, tx, bundle_id, form)
