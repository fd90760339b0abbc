"""Storefront account pages: sign-up, log-in, log-out and the account overview. The address
book pages live in pages_addresses and are included in this router."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.members.services import accounts, clock, referral, sessions
from mercato.members.web import pages_addresses, pages_password
from mercato.members.web.common import mark_signed_in, render, safe_next, signed_in, to_login
from mercato.members.web.loyalty_labels import tier_label
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
router.include_router(pages_addresses.router)
router.include_router(pages_password.router)

Text = Annotated[str, Form(max_length=254)]
Secret = Annotated[str, Form(max_length=200)]


@router.get("/account/signup", response_class=HTMLResponse)
def signup_page(
    request: Request,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    next: str = "/account",
    invite: Annotated[str, Query(max_length=40)] = "",
) -> Response:
    if me is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    form = {"invite": invite} if invite else {}
    return render(request, tx, loc, "members/signup.html", {"form": form, "next": safe_next(next)})


@router.post("/account/signup", response_class=HTMLResponse)
def signup(
    request: Request,
    _csrf: members.CsrfDep,
    _limit: members.SignupGuardDep,
    tx: TxDep,
    loc: LocaleDep,
    phone: Text = "",
    email: Text = "",
    name: Text = "",
    password: Secret = "",
    next: Annotated[str, Form(max_length=300)] = "/account",
    invite: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    form = {"phone": phone, "email": email, "name": name, "invite": invite}
    try:
        customer = accounts.sign_up(tx, phone, email, password, name)
        if invite.strip():  # an unknown code is shown on its field: nothing is created
            referral.attach(tx, customer.id, invite, clock.now())
        sid = sessions.start_session(tx, customer.id)
    except DomainError as exc:
        tx.rollback()
        errors = {exc.field or "": _(exc.message)}
        ctx = {"form": form, "errors": errors, "next": safe_next(next)}
        return render(request, tx, loc, "members/signup.html", ctx, status=exc.status)
    mark_signed_in(request, customer.id)
    return signed_in(request, sid, safe_next(next))


@router.get("/account/login", response_class=HTMLResponse)
def login_page(request: Request, tx: ReadDep, loc: LocaleDep, next: str = "/account") -> Response:
    ctx = {"next": safe_next(next), "login": "", "error": ""}
    return render(request, tx, loc, "members/login.html", ctx)


@router.post("/account/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DbDep,
    tx: ReadDep,
    loc: LocaleDep,
    _csrf: members.CsrfDep,
    login: Text = "",
    password: Secret = "",
    next: Annotated[str, Form(max_length=300)] = "/account",
) -> Response:
    limit = request.app.state.settings.login_attempts_per_15min
    ctx = {"next": safe_next(next), "login": login}
    try:
        customer, sid = members.password_login(
            db, login, password, members.client_ip(request), limit
        )
    except DomainError as exc:  # throttled (429): the message tells how long to wait
        ctx["error"] = _(exc.message)
        page = render(request, tx, loc, "members/login.html", ctx, status=exc.status)
        page.headers.update(exc.headers or {})
        return page
    if customer is None:
        ctx["error"] = _("Wrong mobile number, e-mail or password")
        return render(request, tx, loc, "members/login.html", ctx, status=401)
    mark_signed_in(request, customer.id)
    return signed_in(request, sid, safe_next(next))


@router.post("/account/logout")
def logout(request: Request, tx: TxDep, _csrf: members.CsrfDep) -> Response:
    """Deletes the server-side session, so a copied cookie stops working too."""
    sid = members.session_id(request)
    if sid:
        sessions.end_session(tx, sid)
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(members.SESSION_COOKIE)
    return response


@router.get("/account", response_class=HTMLResponse)
def account_page(
    request: Request, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep, done: str = ""
) -> Response:
    """我的: who is signed in, order shortcuts with counts, the latest orders, links."""
    if me is None:
        return to_login(request)
    ctx = {
        "default_address": members.default_address(tx, me.id),
        "overview": members.orders_overview(request, tx, me.id),
        "done": done if done in ("password", "reset") else "",
        "loyalty": members.loyalty(tx, me.id),
        "tier_label": tier_label,
    }
    return render(request, tx, loc, "members/account.html", ctx, customer=me)
