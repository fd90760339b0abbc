"""Storefront loyalty pages: my membership (tier card, progress to the next tier, every tier's
benefits, the birthday for the gift), my points (balance, what expires when, the ledger by
page) and my invite (code, link, copy button, whom I invited). /register?invite=CODE, the
link members share, opens the sign-up form with the code filled in."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.members.services import loyalty_views, profile, referral
from mercato.members.web.common import render, to_login
from mercato.members.web.loyalty_labels import HELPERS
from mercato.platform import clock as shop_clock
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import LocaleDep, ReadDep, SettingsDep, TxDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
Page = Annotated[int, Query(ge=1, le=100_000)]


@router.get("/register")
def register(invite: Annotated[str, Query(max_length=40)] = "") -> Response:
    """The invite link: the sign-up form with the code filled in."""
    query = "?" + urlencode({"invite": invite}) if invite else ""
    return RedirectResponse("/account/signup" + query, status_code=303)


def _membership(request: Request, tx: Session, loc: str, me: members.CustomerView,
                extra: dict[str, object] | None = None, status: int = 200) -> Response:
    ctx = {**HELPERS, "m": loyalty_views.membership(tx, me.id), "today": shop_clock.today(),
           "birthday_error": "", "saved": request.query_params.get("saved") == "birthday",
           **(extra or {})}
    return render(request, tx, loc, "members/membership.html", ctx, status, customer=me)


@router.get("/account/membership", response_class=HTMLResponse)
def membership(request: Request, tx: ReadDep, loc: LocaleDep,
               me: members.SessionCustomerDep) -> Response:
    if me is None:
        return to_login(request)
    return _membership(request, tx, loc, me)


@router.post("/account/membership/birthday", response_class=HTMLResponse)
def set_birthday(request: Request, _csrf: members.CsrfDep, tx: TxDep, loc: LocaleDep,
                 me: members.SessionCustomerDep,
                 birthday: Annotated[str, Form(max_length=20)] = "") -> Response:
    if me is None:
        return to_login(request)
    try:
        day = date.fromisoformat(birthday.strip()) if birthday.strip() else None
    except ValueError:
        day = None
    try:
        profile.set_birthday(tx, me.id, day, shop_clock.today())
    except DomainError as exc:
        tx.rollback()
        return _membership(request, tx, loc, me, {"birthday_error": _(exc.message)}, exc.status)
    return RedirectResponse("/account/membership?saved=birthday", status_code=303)


@router.get("/account/points", response_class=HTMLResponse)
def points(request: Request, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep,
           settings: SettingsDep, page: Page = 1) -> Response:
    if me is None:
        return to_login(request)
    ctx = {**HELPERS, "p": loyalty_views.points_page(tx, me.id, page),
           "soon": shop_clock.today().toordinal() + 30, "per_yuan": settings.points_per_yuan}
    return render(request, tx, loc, "members/points.html", ctx, customer=me)


@router.get("/account/invite", response_class=HTMLResponse)
def invite(request: Request, tx: TxDep, loc: LocaleDep, me: members.SessionCustomerDep,
           settings: SettingsDep) -> Response:
    """Writes the member's code the first time they open it."""
    if me is None:
        return to_login(request)
    code = referral.invite_code(tx, me.id)
    link = f"{settings.public_url.rstrip('/')}/register?{urlencode({'invite': code})}"
    ctx = {**HELPERS, "code": code, "link": link, "invited": referral.referrals_of(tx, me.id)}
    return render(request, tx, loc, "members/invite.html", ctx, customer=me)
