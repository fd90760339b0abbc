"""Staff sign-in, sign-out, dashboard and API tokens."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.access import services
from mercato.access.public import (
    SELF_SERVICE,
    SESSION_COOKIE,
    SESSION_MAX_AGE,
    CsrfDep,
    StaffPageDep,
    client_ip,
    password_login,
    session_value,
)
from mercato.access.public import (
    render_admin as render,
)
from mercato.platform.i18n import gettext_ as _
from mercato.web.deps import DbDep, LocaleDep, ReadDep, TxDep
from mercato.web.routing import Router

router = Router(prefix="/admin", include_in_schema=False)


def _safe_next(value: str) -> str:
    return value if value.startswith("/admin") and "//" not in value else "/admin"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, _loc: LocaleDep, next: str = "/admin") -> Response:
    return render(request, "admin/login.html", {"next": _safe_next(next), "email": "", "error": ""})


@router.post("/login")
def login(
    request: Request,
    db: DbDep,
    _loc: LocaleDep,
    email: Annotated[str, Form(max_length=254)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    next: Annotated[str, Form(max_length=300)] = "/admin",
) -> Response:
    limit = request.app.state.settings.login_attempts_per_15min
    staff, _token = password_login(db, email, password, client_ip(request), limit)
    if staff is None:
        return render(
            request,
            "admin/login.html",
            {"next": _safe_next(next), "email": email, "error": _("Wrong e-mail or password")},
            status=401,
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        session_value(request, staff),
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response


@router.post("/logout", dependencies=[SELF_SERVICE])
def logout(staff: StaffPageDep, _csrf: CsrfDep, tx: TxDep) -> Response:
    """Ends every session of this staff member, so a copied cookie stops working too."""
    services.end_sessions(tx, staff.id)
    response = RedirectResponse("/admin/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _tokens(request: Request, tx: Session, staff_id: int, new_token: str = "") -> Response:
    rows = services.list_tokens(tx, staff_id)
    return render(request, "admin/tokens.html", {"new_token": new_token, "tokens": rows})


@router.get("/tokens", response_class=HTMLResponse, dependencies=[SELF_SERVICE])
def tokens_page(request: Request, staff: StaffPageDep, tx: ReadDep, _loc: LocaleDep) -> Response:
    return _tokens(request, tx, staff.id)


@router.post("/tokens/{token_id}/revoke", dependencies=[SELF_SERVICE])
def revoke_token(
    staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    token_id: Annotated[int, Path(ge=1, le=2**62)],
) -> Response:
    services.revoke_own_token(tx, staff.id, token_id)
    return RedirectResponse("/admin/tokens", status_code=303)


@router.post("/tokens", response_class=HTMLResponse, dependencies=[SELF_SERVICE])
def create_token(
    request: Request,
    staff: StaffPageDep,
    _csrf: CsrfDep,
    tx: TxDep,
    _loc: LocaleDep,
    name: Annotated[str, Form(min_length=1, max_length=120)],
) -> Response:
    token = services.issue_token(tx, staff.id, name)
    return _tokens(request, tx, staff.id, token)
