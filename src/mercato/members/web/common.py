"""Shared by the members pages: rendering inside the shop shell with the customer and the
CSRF token, the login redirect, the session cookie and safe `next` targets."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from mercato.catalog import public as catalog
from mercato.members import public as members
from mercato.members.domain import CustomerView


def safe_next(value: str, default: str = "/account") -> str:
    """Only paths on this site: no scheme, no //host, no backslash tricks."""
    ok = value.startswith("/") and not value.startswith("//") and "\\" not in value
    return value if ok and len(value) <= 300 else default


def render(
    request: Request,
    tx: Session,
    loc: str,
    template: str,
    ctx: dict[str, Any],
    status: int = 200,
    customer: CustomerView | None = None,
) -> Response:
    base: dict[str, Any] = {"customer": customer, "csrf": members.csrf_token(request), "errors": {}}
    response = catalog.render_page(request, tx, loc, template, {**base, **ctx}, status=status)
    response.headers["Cache-Control"] = "no-store"
    return members.remember_csrf(request, response)


def to_login(request: Request) -> Response:
    back = request.url.path + ("?" + request.url.query if request.url.query else "")
    return RedirectResponse("/account/login?" + urlencode({"next": back}), status_code=303)


def mark_signed_in(request: Request, customer_id: int) -> None:
    """Say on the request who has just signed in (or signed up): the analytics middleware
    reads `request.state.signed_in_customer_id` after the answer and ties the visitor cookie
    to that customer. Members never import analytics; this key is all they share."""
    request.state.signed_in_customer_id = customer_id


def signed_in(request: Request, sid: str, target: str) -> Response:
    """Redirect with the new session cookie (HttpOnly, SameSite=Lax, Secure over https)."""
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        members.SESSION_COOKIE,
        members.session_cookie_value(request, sid),
        max_age=members.SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    return response
