"""Errors are rendered once, here: JSON {"error": {code, message, field}} for the API and
admin XHR, an HTML page for the storefront."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.routing import iter_route_contexts
from sqlalchemy.exc import DataError, StatementError
from starlette._utils import get_route_path
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mercato.kernel.errors import DomainError
from mercato.platform import audit
from mercato.platform.i18n import gettext_ as _
from mercato.platform.retry import DatabaseBusy, is_transient
from mercato.web.deps import locale

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "request.bad",
    401: "auth.required",
    403: "auth.forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request.too_large",
    415: "request.unsupported_media_type",
    422: "request.invalid",
    429: "rate_limited",
}


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message}
    if field:
        err["field"] = field
    return {"error": err}


_ERROR_CONTENT = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for routes answering these statuses with the shared ErrorOut."""
    return {c: {"description": "Error", "content": _ERROR_CONTENT} for c in codes}


def wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or "application/json" in request.headers.get("accept", "")


def render_error(
    request: Request,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    if wants_json(request):
        return JSONResponse(error_body(code, message, field), status_code=status, headers=headers)
    ctx: dict[str, Any] = {"status": status, "code": code, "message": message}
    template = "error.html"
    if request.url.path == "/admin" or request.url.path.startswith("/admin/"):
        # The admin's own layout, leading back into the admin (not to the shop).
        template = "admin/error.html"
        staff = getattr(request.state, "staff", None)
        can = getattr(staff, "can", None) or (lambda _permission: False)
        csrf = getattr(request.state, "csrf", "")  # set by the staff page guard
        ctx.update(staff=staff, can=can, csrf=csrf, flash="")
    return request.app.state.templates.TemplateResponse(
        request, template, ctx, status_code=status, headers=headers
    )


def _validation_message(error: dict[str, Any]) -> str:
    """pydantic's message, in the shopper's language where we have it; a pattern's regular
    expression is no message (the API document shows it, next to the field)."""
    if error.get("type") == "string_pattern_mismatch":
        if "\x00" in str(error.get("input", "")):
            return _("Must not contain NUL characters")
        return _("Not in the form this field takes")
    return _(str(error.get("msg")))


def _field_of(loc: tuple[Any, ...]) -> str | None:
    skip = ("body", "query", "path", "header", "cookie")
    kept = [p for p in loc if p not in skip]
    # A bare position (invalid JSON at character N) names no field.
    parts = [str(p) for p in kept] if any(isinstance(p, str) for p in kept) else []
    return ".".join(parts) or None


def allowed_methods(request: Request) -> str:
    """The `Allow` of a 405: every method some route of the app answers at this path (the
    route that matched knows only its own), as the OpenAPI document lists them."""
    path = get_route_path(request.scope)
    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        regex, route_methods = getattr(route, "path_regex", None), route.methods
        if route_methods and regex is not None and regex.match(path):
            methods |= route_methods
    return ", ".join(sorted(methods))


async def _database_error(request: Request, exc: StatementError) -> Response:
    # Values the database refuses (NUL characters, integers beyond 64 bits) are the caller's
    # input, not a server fault; anything else stays a 500.
    if isinstance(exc, DataError) or isinstance(exc.orig, OverflowError | ValueError):
        return render_error(request, 422, "request.invalid", _("A value is not acceptable"))
    if is_transient(exc):
        # A deadlock in a unit of work that does not retry itself (Database.unit does): the
        # request did nothing and may simply be sent again.
        busy = DatabaseBusy()
        headers = {"Retry-After": "1"}
        return render_error(request, busy.status, busy.code, _(busy.message), None, headers)
    raise exc


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        # FastAPI's answer to a JSON body that is not UTF-8; any other malformed JSON is
        # already 422 (json_invalid): one status for "the body is not JSON".
        message = _("The body is not valid JSON (UTF-8)")
        return render_error(request, 422, "request.invalid", message)
    code = HTTP_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code
    headers = getattr(exc, "headers", None)
    if exc.status_code == 405:
        headers = {**(headers or {}), "Allow": allowed_methods(request)}
    return render_error(request, exc.status_code, code, message, headers=headers)


def install(app: FastAPI) -> None:
    audit.install()
    app.add_middleware(AuditScope)
    app.add_middleware(CatchUnexpected)

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        return render_error(
            request, exc.status, exc.code, _(exc.message), exc.field, exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "Invalid request"}
        return render_error(
            request,
            422,
            "request.invalid",
            _validation_message(first),
            _field_of(tuple(first.get("loc", ()))),
        )

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> Response:
        return render_error(request, 422, "request.invalid", _("A number is out of range"))

    app.add_exception_handler(StatementError, _database_error)  # type: ignore[arg-type]

    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]


class AuditScope:
    """Each HTTP request runs in an audit scope (mercato.platform.audit): a staff member's
    writes during it are logged with the request line and the client address."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = audit.begin(f"{scope['method']} {scope['path']}", client[0] if client else "")
        try:
            await self.app(scope, receive, send)
        finally:
            audit.end(token)


class CatchUnexpected:
    """Answers an unexpected error itself: 500 with the JSON error body (or the error page),
    its traceback logged. Starlette's outermost middleware would answer too, but then raises
    again, and uvicorn closes the keep-alive connection: the client's next request on it
    meets a reset. An error after the response has started cannot be answered: raised."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watched)
        except Exception:
            if started:
                raise
            log.exception("unexpected error on %s %s", scope.get("method"), scope.get("path"))
            request = Request(scope)
            await locale(request)  # in the shopper's language, as the page would have been
            await _server_error(request)(scope, receive, send)


def _server_error(request: Request) -> Response:
    message = _("Something went wrong on our side; please try again")
    try:
        return render_error(request, 500, "server.error", message)
    except Exception:  # the error page itself failed (its template, the database)
        log.exception("the error page failed")
        return PlainTextResponse(message, status_code=500)
