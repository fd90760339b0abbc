"""The payments centre (/admin/payments): every payment attempt with its order, provider,
channel, amount, status and times, and under it its partial refunds (after-sales), filtered
by provider, status, local days and number; the refunds (/admin/payments/refunds) with a
retry for a refund the provider refused or that has not moved, asked of the provider outside
any transaction through the refund service (the same refund number: never a second refund;
the claim and the result are audited writes)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.kernel.errors import DomainError
from mercato.payments.services import admin_list, refunds
from mercato.payments.services.admin_list import REFUNDS_VIEW
from mercato.payments.web import admin_forms as forms
from mercato.payments.web.deps import GatewaysDep
from mercato.platform import clock
from mercato.platform.i18n import current_locale
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router
from mercato.web.templating import money

router = Router(prefix="/admin/payments", include_in_schema=False, dependencies=[needs("payments")])
TradeNo = Annotated[str, Path(max_length=32)]
HELPERS = {
    "status_label": forms.status_label,
    "status_badge": forms.status_badge,
    "refund_label": forms.refund_status_label,
    "refund_badge": forms.refund_status_badge,
    "provider_label": forms.provider_label,
    "channel_label": forms.channel_label,
    "reason": forms.reason,
    "retryable": refunds.retryable,
    "refund_number": refunds.refund_number,
    "providers": admin_list.PROVIDERS,
}


async def read_form(request: Request) -> FormData:
    """The posted form (Starlette caches it: the CSRF check and the route share one parse)."""
    return await request.form()


FormDep = Annotated[FormData, Depends(read_form)]


def _page(
    request: Request,
    tx: Session,
    view: str,
    params: Mapping[str, str],
    extra: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    f, errors = forms.parse_filter(params, view)
    keep = forms.params_of(params, f)
    base = "/admin/payments/refunds" if view == REFUNDS_VIEW else "/admin/payments"
    totals = admin_list.totals(tx, f)
    ctx = {
        **HELPERS,
        "view": view,
        "refunds_view": view == REFUNDS_VIEW,
        "tab_keep": {k: v for k, v in keep.items() if k != "status"},
        "refund_count": sum(totals[s].count for s in admin_list.REFUNDS if s in totals),
        "filter": f,
        "raw": params,
        "keep": keep,
        "base": base,
        "page": admin_list.list_payments(tx, f),
        "totals": totals,
        "statuses": admin_list.REFUNDS if view == REFUNDS_VIEW else admin_list.STATUSES,
        "refund_statuses": admin_list.REFUNDS,
        "now": clock.utcnow(),
        "errors": errors,
        **(extra or {}),
    }
    if errors and status == 200:
        status = 422
    return render_admin(request, "admin/payments/payments.html", ctx, status)


@router.get("", response_class=HTMLResponse)
def payments(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _page(request, tx, "", request.query_params)


@router.get("/refunds", response_class=HTMLResponse)
def refund_list(request: Request, _s: StaffPageDep, tx: ReadDep, loc: LocaleDep) -> Response:
    current_locale.set(loc)
    return _page(request, tx, REFUNDS_VIEW, request.query_params)


def _outcome(r: refunds.Retried) -> tuple[str, int]:
    """What the provider said to a retry, in the staff's words, and the page's status."""
    words = {
        "no": r.refund_no,
        "amount": money(r.amount_fen),
        "provider": forms.provider_label(r.provider),
        "error": r.error,
    }
    if r.status == "refunded":
        return _("Refund %(no)s done: %(amount)s returned through %(provider)s.") % words, 303
    if r.status == "refunding":
        return _("%(provider)s accepted refund %(no)s and is processing it.") % words, 303
    if r.status == "refund_failed":
        message = _("%(provider)s refused refund %(no)s again: give the money back by hand.")
        return message % words, 409
    message = _("%(provider)s could not take refund %(no)s now (%(error)s): asked again soon.")
    return message % words, 502


@router.post("/{out_trade_no}/retry-refund", response_class=HTMLResponse)
def retry_refund(
    request: Request,
    out_trade_no: TradeNo,
    _s: StaffPageDep,
    _c: CsrfDep,
    form: FormDep,
    db: DbDep,
    gateways: GatewaysDep,
    loc: LocaleDep,
) -> Response:
    current_locale.set(loc)
    back = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf"}
    try:
        retried = refunds.retry_refund(db, gateways, out_trade_no)
    except DomainError as exc:
        message, status = _(exc.message), exc.status
    else:
        message, status = _outcome(retried)
    if status == 303:
        f, _errors = forms.parse_filter(back, REFUNDS_VIEW)
        query = urlencode({**forms.params_of(back, f), "flash": message})
        return RedirectResponse(f"/admin/payments/refunds?{query}", status_code=303)
    extra = {"retry_error": message, "retry_of": out_trade_no}
    with db.reading() as tx:
        return _page(request, tx, REFUNDS_VIEW, back, extra, status)
