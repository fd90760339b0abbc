"""Bulk actions on the rows chosen in the product list: put on sale, take off sale (back to
draft), archive, delete (each product that may be; the others are named with the reason), or
open the bulk price and stock table for them."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.background import BackgroundTask

from mercato.access.public import CsrfDep, StaffPageDep, needs, render_admin
from mercato.catalog.adapters import picture_files
from mercato.catalog.services import bulk
from mercato.catalog.web import forms
from mercato.catalog.web.admin import listing
from mercato.catalog.web.admin.common import FormDep, done, ids_param, is_zh, media_dir
from mercato.catalog.web.forms import message_for
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False, dependencies=[needs("catalog")])
STATUS_OF = {"publish": "active", "unpublish": "draft", "archive": "archived"}
DONE = {
    "publish": N_("%(n)s products put on sale"),
    "unpublish": N_("%(n)s products taken off sale"),
    "archive": N_("%(n)s products archived"),
    "delete": N_("%(n)s products deleted"),
}
SHOWN_REFUSALS = 5


def _list_url(request: Request) -> str:
    keep = {k: v for k, v in request.query_params.items() if k != "flash" and v}
    return "/admin/products" + ("?" + urlencode(keep) if keep else "")


def _summary(action: str, outcome: bulk.Outcome) -> str:
    text = _(DONE[action]) % {"n": len(outcome.done)}
    if outcome.refused:
        why = [f"{name}: {message_for(exc)}" for _pid, name, exc in outcome.refused]
        more = len(why) - SHOWN_REFUSALS
        shown = "; ".join(why[:SHOWN_REFUSALS])
        text += " " + _("Not changed: %(list)s") % {"list": shown}
        if more > 0:
            text += " " + _("and %(n)s more") % {"n": more}
    return text


def _refuse(request: Request, tx: Session, loc: str, message: str) -> Response:
    tx.rollback()
    ctx = listing.list_context(request, tx, loc, is_zh())
    return render_admin(request, "admin/catalog/products.html", {**ctx, "bulk_error": message}, 422)


@router.post("/products/bulk", response_class=HTMLResponse)
def bulk_action(
    request: Request,
    _staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    loc: LocaleDep,
    form: FormDep,
) -> Response:
    action = forms.text(form, "action")
    ids = ids_param(forms.texts(form, "ids"), bulk.MAX_CHOSEN + 1)
    if action not in (*STATUS_OF, "delete", "edit"):
        return _refuse(request, tx, loc, _("Choose one of the listed values"))
    try:
        if action == "edit":
            bulk.check_chosen(ids)
            target = "/admin/products/bulk-edit?" + urlencode({"ids": ",".join(map(str, ids))})
            return RedirectResponse(target, status_code=303)
        if action == "delete":
            outcome = bulk.delete(tx, ids)
        else:
            outcome = bulk.set_status(tx, ids, STATUS_OF[action])
    except DomainError as exc:
        return _refuse(request, tx, loc, message_for(exc))
    response = done(_list_url(request), _summary(action, outcome))
    if outcome.files:  # after the response, so after the commit
        response.background = BackgroundTask(
            picture_files.remove, media_dir(request), outcome.files
        )
    return response
