"""What other contexts use from access: the signed-in staff member, for admin pages (cookie
session) and the staff API (bearer token), plus CSRF protection for admin forms."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.orm import Session

from mercato.access import roles, services, team
from mercato.access.adapters.tables import Staff
from mercato.kernel.errors import DomainError, Forbidden, Unauthorized
from mercato.platform import audit
from mercato.platform.db import Database
from mercato.web.deps import ReadDep

SESSION_COOKIE = "mercato_staff"
SESSION_MAX_AGE = 12 * 3600


@dataclass(frozen=True, slots=True)
class StaffUser:
    id: int
    email: str
    name: str
    superuser: bool
    session_epoch: int = 0  # sessions signed with an older epoch are logged out
    role: str = roles.OWNER
    permissions: frozenset[str] = frozenset()

    def can(self, permission: str) -> bool:
        return permission in self.permissions


class LoginRequired(DomainError):
    """Raised for admin pages without a session; the app answers with a redirect to login."""

    status = 303


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret_key, salt="staff-session")


def session_value(request: Request, staff: StaffUser) -> str:
    """The signed cookie value for a fresh staff session."""
    return _serializer(request).dumps({"sid": staff.id, "e": staff.session_epoch})


def _view(tx: Session, staff: Staff) -> StaffUser:
    return StaffUser(
        staff.id,
        staff.email,
        staff.name,
        staff.superuser,
        staff.session_epoch,
        staff.role,
        team.permissions_of(tx, staff),
    )


def _from_cookie(request: Request, tx: Session) -> StaffUser | None:
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer(request).loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:
        return None
    staff = tx.get(Staff, int(data.get("sid", 0)))
    if staff is None or not staff.active or data.get("e") != staff.session_epoch:
        return None  # unknown, disabled, or logged out (every session of that epoch)
    return _view(tx, staff)


def password_login(
    db: Database, email: str, password: str, client: str, limit: int, token_name: str | None = None
) -> tuple[StaffUser | None, str]:
    """Check a staff password under the login throttle (services.open_attempt: growing
    waits per client address and per e-mail, `limit` free failures each; TooManyRequests
    with Retry-After while one must wait). Unknown e-mails answer exactly like real ones.
    Returns the staff member (or None) and, when token_name is given, a new API token."""
    with db.transaction() as tx:
        attempt = services.open_attempt(tx, email, client, limit)
    with db.transaction() as tx:
        services.check_rate(tx, attempt, limit)
        staff = services.authenticate(tx, email, password)
        services.close_attempt(tx, attempt, staff)
        token = services.issue_token(tx, staff.id, token_name) if staff and token_name else ""
        return (_view(tx, staff) if staff else None), token


def client_ip(request: Request) -> str:
    """The peer address (uvicorn resolves X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client else "unknown"


def staff_page(request: Request, tx: ReadDep) -> StaffUser:
    """Admin page guard: redirect to the login page when nobody is signed in."""
    staff = _from_cookie(request, tx)
    if staff is None:
        raise LoginRequired("auth.login_required", "Please sign in")
    # For the admin layout of an error page (web.errors cannot import access): its sign-out.
    request.state.csrf = csrf_token(request)
    return _known(request, staff)


def _known(request: Request, staff: StaffUser) -> StaffUser:
    """Remember who is working, and audit what their writes change (mercato.platform.audit)."""
    request.state.staff = staff
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        audit.act_as(staff.email)
    return staff


def staff_api(request: Request, tx: ReadDep) -> StaffUser:
    """Staff API guard: 'Authorization: Bearer <token>', or an admin session for htmx, which
    must then carry the X-CSRF-Token header on anything but a read."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return _known(request, _view(tx, services.staff_for_token(tx, header[7:].strip())))
    staff = _from_cookie(request, tx)
    if staff is None:
        raise Unauthorized("auth.required", "Send 'Authorization: Bearer <token>'")
    sent = request.headers.get("x-csrf-token", "")
    if request.method not in ("GET", "HEAD", "OPTIONS") and not hmac.compare_digest(
        sent, csrf_token(request)
    ):
        raise Forbidden("auth.csrf", "The form expired; reload the page and try again")
    return _known(request, staff)


def needs(area: str, api: bool = False) -> Any:
    """The dependency an admin router (or route) of `area` declares: the signed-in staff
    member needs `<area>.view` to read and `<area>.edit` for anything else, else 403 (the
    admin's error page, or the JSON error for the API). `api` picks the staff API's sign-in
    (bearer token or admin session with X-CSRF-Token) over the admin pages' (cookie)."""
    who = staff_api if api else staff_page

    # The staff dependency as a default: an annotation naming the local `who` would be a
    # string (postponed annotations) that FastAPI cannot resolve.
    def allowed(request: Request, staff: StaffUser = Depends(who)) -> None:
        permission = roles.needed(area, request.method)
        if not staff.can(permission):
            raise Forbidden(
                "access.forbidden", "You do not have permission to do this", permission
            )

    allowed.area = area  # type: ignore[attr-defined]  # read by the permission matrix test
    return Depends(allowed)


def _any_staff(_staff: Annotated[StaffUser, Depends(staff_page)]) -> None:
    """For one's own things (sign-out, API tokens, password): any signed-in staff member."""


SELF_SERVICE = Depends(_any_staff)


def csrf_token(request: Request) -> str:
    """Ties a form to the session cookie; a page on another site cannot read or forge it."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    key = request.app.state.settings.secret_key.encode()
    return hmac.new(key, b"csrf:" + raw.encode(), hashlib.sha256).hexdigest()[:32]


async def check_csrf(request: Request) -> None:
    """Admin POSTs must carry the form's csrf field or an X-CSRF-Token header."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    sent = request.headers.get("x-csrf-token")
    if not sent:
        form = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else ""
    if not hmac.compare_digest(sent or "", csrf_token(request)):
        raise Forbidden("auth.csrf", "The form expired; reload the page and try again")


def render_admin(
    request: Request, template: str, ctx: dict[str, Any], status: int = 200
) -> Response:
    """Render an admin page with the shared context: staff, csrf token, flash message."""
    staff = getattr(request.state, "staff", None)
    base = {
        "staff": staff,
        "can": staff.can if staff is not None else (lambda _permission: False),
        "csrf": csrf_token(request),
        "flash": request.query_params.get("flash", ""),
    }
    return request.app.state.templates.TemplateResponse(
        request, template, {**base, **ctx}, status_code=status
    )


StaffPageDep = Annotated[StaffUser, Depends(staff_page)]
StaffApiDep = Annotated[StaffUser, Depends(staff_api)]
CsrfDep = Annotated[None, Depends(check_csrf)]


def purge_login_attempts(db: Database) -> int:
    """A periodic job: forget staff login attempts older than the throttle's window."""
    with db.transaction() as tx:
        return services.purge_login_failures(tx)
