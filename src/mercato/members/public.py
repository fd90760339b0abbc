"""What other contexts use from members: the signed-in customer (web session cookie or API
bearer token) as FastAPI dependencies, CSRF protection for storefront forms, and owner-scoped
address lookups, and loyalty (public_loyalty). Functions take the caller's transaction
first and return frozen views."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from mercato.kernel.errors import Forbidden, Unauthorized
from mercato.members import public_loyalty
from mercato.members.adapters import repository
from mercato.members.domain import AddressView, CustomerView
from mercato.members.public_loyalty import *  # noqa: F403  (Loyalty, loyalty, redeem_points, ...)
from mercato.members.services import accounts, login, sessions, wechat
from mercato.platform.db import Database
from mercato.platform.tx import AnyTx
from mercato.web.deps import DbDep

__all__ = [
    "AddressView",
    "CsrfDep",
    "CustomerDep",
    "CustomerView",
    "OptionalCustomerDep",
    "OrdersOverview",
    "RecentOrder",
    "SessionCustomerDep",
    "address_for",
    "check_csrf",
    "client_ip",
    "csrf_token",
    "customer_for_session",
    "default_address",
    "password_login",
    "remember_csrf",
    "show_orders_overview",
]
__all__ += public_loyalty.__all__  # tiers, points, birthdays, segments (public_loyalty.py)

SESSION_COOKIE = "mercato_customer"
CSRF_COOKIE = "mercato_csrf"
SESSION_MAX_AGE = sessions.SESSION_DAYS * 24 * 3600
_SAFE = ("GET", "HEAD", "OPTIONS")


def _serializer(request: Request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.app.state.settings.secret_key, salt="customer-session")


def session_cookie_value(request: Request, sid: str) -> str:
    """The signed cookie value naming a server-side session."""
    return _serializer(request).dumps({"s": sid})


def session_id(request: Request) -> str | None:
    """The session id of a validly signed session cookie, else None."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer(request).loads(raw, max_age=SESSION_MAX_AGE)
    except BadSignature:
        return None
    sid = data.get("s") if isinstance(data, dict) else None
    return sid if isinstance(sid, str) and sid else None


def customer_for_session(tx: Session | Connection, request: Request) -> CustomerView | None:
    """The customer signed in by the request's session cookie; None without a live session
    (bad signature, logged out, expired, account disabled)."""
    sid = session_id(request)
    return sessions.customer_for_session(tx, sid) if sid else None


def default_province(tx: Session | Connection, request: Request) -> str | None:
    """The signed-in customer's default address province (as typed), else None; one statement."""
    sid = session_id(request)
    return sessions.default_province(tx, sid) if sid else None


def _csrf_seed(request: Request) -> str:
    seed = getattr(request.state, "members_csrf_seed", None) or request.cookies.get(CSRF_COOKIE)
    if not seed:
        seed = secrets.token_urlsafe(24)
        request.state.members_csrf_new = True
    request.state.members_csrf_seed = seed
    return str(seed)


def csrf_token(request: Request) -> str:
    """The token storefront forms post as `csrf` (or JS sends as X-CSRF-Token): an HMAC of
    the browser's random csrf cookie and its session cookie, so another site can neither read
    nor forge it, and it changes at login. Call `remember_csrf` on the response."""
    key = request.app.state.settings.secret_key.encode()
    msg = f"customer-csrf:{_csrf_seed(request)}:{request.cookies.get(SESSION_COOKIE, '')}"
    return hmac.new(key, msg.encode(), hashlib.sha256).hexdigest()[:32]


def remember_csrf(request: Request, response: Response) -> Response:
    """Set the csrf cookie when `csrf_token` had to make one for this browser."""
    if getattr(request.state, "members_csrf_new", False):
        secure = request.url.scheme == "https"
        response.set_cookie(
            CSRF_COOKIE,
            str(request.state.members_csrf_seed),
            httponly=True,
            samesite="lax",
            secure=secure,
        )
    return response


def _csrf_ok(request: Request, sent: str) -> bool:
    if not request.cookies.get(CSRF_COOKIE):
        return False
    return hmac.compare_digest(sent or "", csrf_token(request))


async def check_csrf(request: Request) -> None:
    """Storefront POSTs must carry the form's csrf field or an X-CSRF-Token header."""
    if request.method in _SAFE:
        return
    sent = request.headers.get("x-csrf-token")
    if not sent:
        form = await request.form()
        value = form.get("csrf")
        sent = value if isinstance(value, str) else ""
    if not _csrf_ok(request, sent):
        raise Forbidden("members.csrf", "The form expired; reload the page and try again")


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


async def optional_customer(request: Request, db: DbDep) -> CustomerView | None:
    """The customer behind 'Authorization: Bearer <token>' (401 if the token is bad) or the
    session cookie; a cookie-authenticated write must carry the X-CSRF-Token header."""
    # One indexed read on a connection of its own, on the event loop: a worker thread hop
    # cost more than the statement, and a read never waits for a lock (SQLite WAL readers do
    # not queue behind the writer; PostgreSQL autocommit). A route that then opens its write
    # transaction does not hold a second pooled connection for the whole request.
    with db.lookup() as tx:  # one statement
        token = bearer(request)
        if token is not None:
            return sessions.customer_for_token(tx, token)
        customer = customer_for_session(tx, request)
    writing = customer is not None and request.method not in _SAFE
    if writing and not _csrf_ok(request, request.headers.get("x-csrf-token", "")):
        raise Forbidden("members.csrf", "The form expired; reload the page and try again")
    return customer


async def session_customer(request: Request, db: DbDep) -> CustomerView | None:
    """Storefront pages: the customer of the session cookie only (no bearer tokens); pages
    check CSRF on their forms with CsrfDep. One read on the event loop (see
    optional_customer)."""
    with db.lookup() as tx:  # one statement
        return customer_for_session(tx, request)


async def current_customer(
    customer: Annotated[CustomerView | None, Depends(optional_customer)],
) -> CustomerView:
    if customer is None:
        raise Unauthorized("members.login_required", "Please sign in")
    return customer


def client_ip(request: Request) -> str:
    """The peer address (uvicorn resolves X-Forwarded-For from trusted proxies)."""
    return request.client.host if request.client else "unknown"


def password_login(
    db: Database,
    identifier: str,
    password: str,
    client: str,
    limit: int,
    token_name: str | None = None,
) -> tuple[CustomerView | None, str]:
    """Check a customer's password by phone or e-mail under the login throttle
    (members.services.login: `limit` free failures per identifier, then short growing waits;
    TooManyRequests with Retry-After while one runs; no account is ever locked, and unknown
    accounts answer exactly like real ones). Returns the customer (or None) and a new session
    id, or an API token with token_name."""
    with db.transaction() as tx:
        attempt = login.open_attempt(tx, identifier, client)
    with db.transaction() as tx:
        found = accounts.find_for_login(tx, identifier)
        login.check_rate(tx, identifier, client, limit)
        customer = accounts.authenticate(tx, found, password)
        if customer is None:
            return None, ""
        login.close_attempt(tx, attempt)
        if token_name is not None:
            return repository.customer_view(customer), sessions.issue_token(
                tx, customer.id, token_name
            )
        return repository.customer_view(customer), sessions.start_session(tx, customer.id)


def signup_guard(request: Request, db: DbDep) -> None:
    """Before a sign-up: count it for the client IP in its own committed transaction (so
    parallel attempts see each other), then TooManyRequests('members.too_many_signups')
    past settings.signups_per_15min. Declare it BEFORE the route's write transaction."""
    client = client_ip(request)
    with db.transaction() as tx:
        login.record_signup(tx, client)
    with db.reading() as tx:
        login.check_signups(tx, client, request.app.state.settings.signups_per_15min)


def address_for(tx: AnyTx, customer_id: int, address_id: int) -> AddressView | None:
    """The customer's own address; None when absent or someone else's (indistinguishable)."""
    return repository.address_row(tx, customer_id, address_id)


def addresses(tx: Session, customer_id: int) -> list[AddressView]:
    """The customer's address book, default first."""
    return [repository.address_view(a) for a in repository.addresses_of(tx, customer_id)]


def default_address(tx: Session, customer_id: int) -> AddressView | None:
    """The customer's default address, if they have any address."""
    rows = repository.addresses_of(tx, customer_id)
    return repository.address_view(rows[0]) if rows and rows[0].is_default else None


CustomerDep = Annotated[CustomerView, Depends(current_customer)]
OptionalCustomerDep = Annotated[CustomerView | None, Depends(optional_customer)]
SessionCustomerDep = Annotated[CustomerView | None, Depends(session_customer)]
CsrfDep = Annotated[None, Depends(check_csrf)]
SignupGuardDep = Annotated[None, Depends(signup_guard)]


def wechat_openid(tx: Session, customer_id: int, appid: str) -> str | None:
    """The customer's WeChat openid under `appid` (WeChat Pay JSAPI), if they linked one."""
    return wechat.openid_of(tx, customer_id, appid)


def purge_login_attempts(db: Database) -> int:
    """A periodic job: forget login and sign-up attempts older than the throttle's window."""
    with db.transaction() as tx:
        return login.purge(tx)


@dataclass(frozen=True, slots=True)
class RecentOrder:
    """One of the customer's latest orders, as the account page shows it."""

    number: str
    status: str  # an orders status (pending_payment, paid, picking, shipped, ...)
    placed_at: datetime
    total_fen: int
    item_count: int
    title: str  # the first item's name
    images: tuple[str, ...]  # the first few items' pictures


@dataclass(frozen=True, slots=True)
class OrdersOverview:
    """The account page's order shortcuts: how many orders await payment, shipping and
    delivery; after-sales cases (None until after-sales exists); the latest orders."""

    to_pay: int
    to_ship: int
    to_receive: int
    after_sales: int | None
    recent: tuple[RecentOrder, ...]


OrdersOverviewFn = Callable[[Session, int], OrdersOverview]


def show_orders_overview(app: FastAPI, fn: OrdersOverviewFn) -> None:
    """Bootstrap hands members the orders context's overview of a customer's orders (orders
    depends on members, so members cannot ask orders itself)."""
    app.state.members_orders_overview = fn


def orders_overview(request: Request, tx: Session, customer_id: int) -> OrdersOverview | None:
    """The overview given by show_orders_overview, or None when none was given."""
    fn = getattr(request.app.state, "members_orders_overview", None)
    return fn(tx, customer_id) if fn is not None else None
