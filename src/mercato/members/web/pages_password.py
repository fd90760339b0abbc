"""Storefront password pages: change it (signed in; other devices are signed out), and a
forgotten one: ask for a code by mobile number or e-mail, then set a new password with it
(every session ends; this browser is signed in afresh)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError
from mercato.members import public as members
from mercato.members.domain import CustomerView
from mercato.members.services import password_reset, sessions
from mercato.members.web import password_flow
from mercato.members.web.common import mark_signed_in, render, signed_in, to_login
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep
from mercato.web.routing import Router

router = Router(include_in_schema=False)
Text = Annotated[str, Form(max_length=254)]
Secret = Annotated[str, Form(max_length=200)]
FORGOT, RESET, CHANGE = "/account/password/forgot", "/account/password/reset", "/account/password"


def _failed(
    request: Request,
    tx: Session,
    loc: str,
    template: str,
    ctx: dict[str, Any],
    exc: DomainError,
    me: CustomerView | None = None,
) -> Response:
    errors = {exc.field if exc.field in ctx.get("fields", ()) else "": _(exc.message)}
    page = render(request, tx, loc, template, {**ctx, "errors": errors}, exc.status, me)
    page.headers.update(exc.headers or {})
    return page


def _reset_ctx(request: Request, login: str, kind: str) -> dict[str, Any]:
    demo = bool(request.app.state.settings.messages_sandbox)
    return {
        "login": login,
        "kind": kind,
        "minutes": password_reset.CODE_MINUTES,
        "resend": password_reset.RESEND_SECONDS,
        "demo_inbox": demo,
        "fields": ("code", "password", "login"),
    }


@router.get(FORGOT, response_class=HTMLResponse)
def forgot_page(request: Request, tx: ReadDep, loc: LocaleDep, login: str = "") -> Response:
    ctx = {"login": login[:254], "fields": ("login",)}
    return render(request, tx, loc, "members/password_forgot.html", ctx)


@router.post(FORGOT, response_class=HTMLResponse)
def ask_code(
    request: Request,
    db: DbDep,
    tx: ReadDep,
    loc: LocaleDep,
    _csrf: members.CsrfDep,
    background: BackgroundTasks,
    login: Text = "",
) -> Response:
    try:
        kind, _value = password_flow.request_code(request, db, login, loc, background)
    except DomainError as exc:
        ctx = {"login": login, "fields": ("login",)}
        if exc.status == 429 and login:  # already has a code, most likely: let them type it
            return _failed(
                request, tx, loc, "members/password_reset.html", _reset_ctx(request, login, ""), exc
            )
        return _failed(request, tx, loc, "members/password_forgot.html", ctx, exc)
    sent: dict[str, Any] = {**_reset_ctx(request, login.strip(), kind), "sent": True}
    return render(request, tx, loc, "members/password_reset.html", sent)


@router.post(RESET, response_class=HTMLResponse)
def reset(
    request: Request,
    db: DbDep,
    tx: ReadDep,
    loc: LocaleDep,
    _csrf: members.CsrfDep,
    login: Text = "",
    code: Annotated[str, Form(max_length=12)] = "",
    password: Secret = "",
) -> Response:
    try:
        customer_id = password_flow.reset(request, db, login, code, password)
    except DomainError as exc:
        ctx = _reset_ctx(request, login, "")
        return _failed(request, tx, loc, "members/password_reset.html", ctx, exc)
    with db.transaction() as wtx:
        sid = sessions.start_session(wtx, customer_id)
    mark_signed_in(request, customer_id)
    return signed_in(request, sid, "/account?done=reset")


@router.get(CHANGE, response_class=HTMLResponse)
def change_page(
    request: Request, tx: ReadDep, loc: LocaleDep, me: members.SessionCustomerDep
) -> Response:
    if me is None:
        return to_login(request)
    ctx = {"fields": ("current_password", "new_password")}
    return render(request, tx, loc, "members/password_change.html", ctx, customer=me)


@router.post(CHANGE, response_class=HTMLResponse)
def change(
    request: Request,
    db: DbDep,
    tx: ReadDep,
    loc: LocaleDep,
    me: members.SessionCustomerDep,
    _csrf: members.CsrfDep,
    current_password: Secret = "",
    new_password: Secret = "",
) -> Response:
    if me is None:
        return to_login(request)
    sid = members.session_id(request)
    try:
        password_flow.change(request, db, me.id, current_password, new_password, sid)
    except DomainError as exc:
        ctx = {"fields": ("current_password", "new_password")}
        return _failed(request, tx, loc, "members/password_change.html", ctx, exc, me)
    return RedirectResponse("/account?done=password", status_code=303)
