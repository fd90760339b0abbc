"""Recording what the server sees, as a pure ASGI middleware: about 19 µs for a product page
(two events, the cookie's signature checked) on a 2-core test machine, where a do-nothing
BaseHTTPMiddleware alone costs 180 µs (bench/analytics_record.py). No SQL, ever.

- Storefront HTML pages (GET, 200, not an htmx fragment): a page_view; /p/<slug> also a
  product_view, /search?q= a search, /checkout a checkout_started; an order's own pages
  (/account/orders/<number>[/pay], which only its customer can open) a `linked` event that
  ties the visitor to the order's customer.
- POST /cart/add, /cart/buy and /api/v1/cart/lines that succeed: add_to_cart (SKU and
  quantity read from the body as it passes); any storefront POST answered by a redirect to
  an order's payment page (checkout, flash, group and presale orders): `linked`.
- A sign-in (log-in form, sign-up, a code's password reset, an API or WeChat token): `linked`
  with the customer's id, read after the answer from `request.state.signed_in_customer_id`,
  which members' sign-in routes set (members.web.common.mark_signed_in): the visitor's
  earlier views and carts become the customer's. Neither context imports the other.
- Not recorded: /admin, /api (but the cart line and the sign-ins), /static, /media, /sandbox;
  other statuses; robots (user agent with bot, spider, crawl); and nothing at all, not even
  the cookie, when the browser sends `DNT: 1` or `Sec-GPC: 1`.

The visitor is the first-party cookie `mv` (signed id, a year, HttpOnly, SameSite=Lax), set on
the first recorded page; a forged or altered one is replaced and never recorded."""

from __future__ import annotations

import hmac
import re
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qsl

import anyio
import orjson
from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mercato.analytics import domain
from mercato.analytics.services.recording import Tracker
from mercato.platform.settings import Settings

COOKIE = "mv"
MAX_AGE = 365 * 24 * 3600
SKIP = ("/admin", "/api/", "/static/", "/media/", "/sandbox", "/favicon.ico")
CART_ADDS = ("/cart/add", "/cart/buy", "/api/v1/cart/lines")
BOTS = ("bot", "spider", "crawl")
_PRODUCT = re.compile(r"^/p/[^/]+$")
_ORDER_PAGE = re.compile(r"^/account/orders/(\d{16})(?:/pay)?$")
_PAY_REDIRECT = re.compile(rb"^/account/orders/(\d{16})/pay$")
_VISITOR = re.compile(r"(?:^|;)\s*mv=([^;\s]*)")
_BODY_KEPT = 4096
SIGNED_IN = "signed_in_customer_id"  # the request.state key a sign-in route sets


def private(headers: dict[bytes, bytes]) -> bool:
    """Do Not Track or Global Privacy Control asked, or a robot: record nothing."""
    if headers.get(b"dnt") == b"1" or headers.get(b"sec-gpc") == b"1":
        return True
    agent = headers.get(b"user-agent", b"").lower()
    return any(bot.encode() in agent for bot in BOTS)


def visitor_of(cookie: bytes | None, key: hmac.HMAC) -> str | None:
    """The visitor id of the `mv` cookie if this shop signed it, else None."""
    found = _VISITOR.search(cookie.decode("latin-1")) if cookie else None
    token = found.group(1) if found else ""
    return token if token and domain.valid_visitor_id(key, token) else None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> bytes:
    return next((v for k, v in headers if k.lower() == name), b"")


def _cart_line(body: bytes) -> tuple[int | None, int | None]:
    """(sku_id, quantity) of an add-to-cart form or JSON body, when readable."""
    try:
        data = orjson.loads(body) if body[:1] == b"{" else dict(parse_qsl(body.decode()))
    except (ValueError, UnicodeDecodeError):
        return None, None
    sku, quantity = str(data.get("sku_id", "")), str(data.get("quantity", "1"))
    ok = (sku.isdigit() and len(sku) <= 18, quantity.isdigit() and len(quantity) <= 6)
    return (int(sku) if ok[0] else None), (int(quantity) if ok[1] else None)


class AnalyticsMiddleware:
    def __init__(self, app: ASGIApp, tracker: Tracker) -> None:
        self.app, self.tracker = app, tracker

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            lifespan = scope["type"] == "lifespan"
            await self.app(scope, self._flushing(receive) if lifespan else receive, send)
            return
        if scope["method"] == "POST":  # request.state is this dict: a sign-in is marked there
            scope.setdefault("state", {})
        if not _watched(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            self._signed_in(scope, None)
            return
        headers = dict(scope["headers"])
        if private(headers):
            await self.app(scope, receive, send)
            return
        visitor = visitor_of(headers.get(b"cookie"), self.tracker.key)
        body = bytearray() if scope["method"] == "POST" and scope["path"] in CART_ADDS else None

        async def tapped() -> Message:
            message = await receive()
            if body is not None and len(body) < _BODY_KEPT:
                body.extend(message.get("body", b"")[: _BODY_KEPT - len(body)])
            return message

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                fresh = self._answered(scope, headers, visitor, message, bytes(body or b""))
                if fresh:
                    message["headers"] = [*message.get("headers", []), _cookie(scope, fresh)]
            await send(message)

        await self.app(scope, tapped if body is not None else receive, sending)
        self._signed_in(scope, visitor)

    def _signed_in(self, scope: Scope, visitor: str | None) -> None:
        """After a sign-in's answer: `linked` with the customer's id, for a visitor with our
        cookie who did not ask for privacy (DNT, GPC) and is no robot."""
        customer_id = scope.get("state", {}).get(SIGNED_IN) if scope["method"] == "POST" else None
        if not isinstance(customer_id, int):
            return
        headers = dict(scope["headers"])
        visitor = visitor or visitor_of(headers.get(b"cookie"), self.tracker.key)
        if visitor is not None and not private(headers):
            self.tracker.record(domain.LINKED, visitor, path=domain.clean_path(scope["path"]),
                                customer_id=customer_id)

    def _answered(self, scope: Scope, headers: dict[bytes, bytes], visitor: str | None,
                  message: Message, body: bytes) -> str | None:
        """Record what the answer shows; a new visitor id when the cookie must be set."""
        status, answer = message["status"], message.get("headers", [])
        if scope["method"] == "GET":
            page = status == 200 and _header(answer, b"content-type").startswith(b"text/html")
            if not page or (b"hx-request" in headers and b"hx-boosted" not in headers):
                return None
            fresh = None if visitor else domain.new_visitor_id(self.tracker.key)
            self._page(scope, visitor or str(fresh))
            return fresh
        if visitor is not None:
            self._post(scope, visitor, status, _header(answer, b"location"), body)
        return None

    def _page(self, scope: Scope, visitor: str) -> None:
        record, path = self.tracker.record, domain.clean_path(scope["path"])
        record(domain.PAGE_VIEW, visitor, path=path)
        if _PRODUCT.match(path):
            sku = dict(parse_qsl(scope["query_string"].decode("latin-1"))).get("sku", "")
            sku_id = int(sku) if sku.isdigit() and len(sku) <= 18 else None
            record(domain.PRODUCT_VIEW, visitor, path=path, sku_id=sku_id)
        elif path == "/search":
            query = dict(parse_qsl(scope["query_string"].decode("utf-8", "replace")))
            term = domain.clean_term(query.get("q", "")[: domain.MAX_RAW_TERM])
            if term:
                record(domain.SEARCH, visitor, path=path, term=term)
        elif path == "/checkout":
            record(domain.CHECKOUT_STARTED, visitor, path=path)
        elif found := _ORDER_PAGE.match(path):
            record(domain.LINKED, visitor, path=path, order_number=found.group(1))

    def _post(self, scope: Scope, visitor: str, status: int, location: bytes, body: bytes) -> None:
        path = scope["path"]
        if path in CART_ADDS:
            if status == 200 or (status == 303 and b"cart_error=" not in location):
                sku_id, quantity = _cart_line(body)
                self.tracker.record(domain.ADD_TO_CART, visitor, path=path, sku_id=sku_id,
                                    quantity=quantity)
            return
        found = _PAY_REDIRECT.match(location) if status == 303 else None
        if found:
            number = found.group(1).decode()
            self.tracker.record(domain.LINKED, visitor, path=path, order_number=number)

    def _flushing(self, receive: Receive) -> Callable[[], Awaitable[Message]]:
        async def wrapped() -> Message:
            message = await receive()
            if message["type"] == "lifespan.shutdown":  # what waits is written before exit
                await anyio.to_thread.run_sync(self.tracker.recorder.flush)
            return message

        return wrapped


def _watched(method: str, path: str) -> bool:
    if path in CART_ADDS:
        return method == "POST"
    return method in ("GET", "POST") and not path.startswith(SKIP)


def _cookie(scope: Scope, visitor: str) -> tuple[bytes, bytes]:
    secure = "; Secure" if scope.get("scheme") == "https" else ""
    value = f"{COOKIE}={visitor}; Max-Age={MAX_AGE}; Path=/; HttpOnly; SameSite=Lax{secure}"
    return b"set-cookie", value.encode()


def install(app: FastAPI, settings: Settings) -> Tracker:
    """Recording for this app: the tracker on app.state (the beacon uses it) and, unless
    MERCATO_ANALYTICS_ENABLED=false, the middleware."""
    tracker = Tracker.of(settings)
    app.state.analytics = tracker
    if tracker.enabled:
        app.add_middleware(AnalyticsMiddleware, tracker=tracker)
    return tracker
