"""The shopper's coupons (/account/coupons): available, used and expired, and a box to claim
a coupon with a public code. Phone first, on the account pages' cards."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.platform.clock import utcnow
from mercato.platform.i18n import gettext_ as _
from mercato.promotions.services import issuing, views
from mercato.promotions.web.labels import HELPERS
from mercato.web.deps import LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
PATH = "/account/coupons"


def _login() -> Response:
    return RedirectResponse("/account/login?" + urlencode({"next": PATH}), status_code=303)


def _page(request: Request, tx: Session, loc: str, customer_id: int, tab: str, page: int,
          extra: dict[str, Any] | None = None, status: int = 200) -> Response:
    now = utcnow()
    tab = tab if tab in views.TABS else "available"
    ctx = {**HELPERS, "tab": tab, "tabs": views.TABS,
           "counts": views.tab_counts(tx, customer_id, now),
           "coupons": views.coupon_views(tx, customer_id, tab, page, now),
           "csrf": members.csrf_token(request), "claim_error": "", "code": "",
           "claimed": request.query_params.get("claimed", "")[:60], **(extra or {})}
    response = catalog.render_page(request, tx, loc, "promotions/coupons.html", ctx, status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


@router.get(PATH, response_class=HTMLResponse)
def my_coupons(request: Request, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep,
               tab: Annotated[str, Query(max_length=12)] = "available",
               page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> Response:
    if me is None:
        return _login()
    return _page(request, tx, loc, me.id, tab, page)


@router.post(PATH, response_class=HTMLResponse)
def claim(request: Request, tx: TxDep, loc: LocaleDep, me: members.SessionCustomerDep,
          _csrf: members.CsrfDep, code: Annotated[str, Form(max_length=40)] = "") -> Response:
    if me is None:
        return _login()
    try:
        got = issuing.claim_code(tx, me.id, code)
    except DomainError as exc:
        tx.rollback()
        extra = {"claim_error": _(exc.message), "code": code.strip()[:20]}
        return _page(request, tx, loc, me.id, "available", 1, extra, exc.status)
    return RedirectResponse(f"{PATH}?{urlencode({'claimed': got.name})}", status_code=303)
