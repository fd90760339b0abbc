"""Errors are rendered once, here: JSON {"error": {code, message, field}} for the API and
admin XHR, an HTML page for the storefront."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, StatementError
from starlette.exceptions import HTTPException as StarletteHTTPException

from mercato.kernel.errors import DomainError
from mercato.platform.i18n import gettext_ as _

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
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "code": code, "message": message},
        status_code=status,
        headers=headers,
    )


def _field_of(loc: tuple[Any, ...]) -> str | None:
    skip = ("body", "query", "path", "header", "cookie")
    kept = [p for p in loc if p not in skip]
    # A bare position (invalid JSON at character N) names no field.
    parts = [str(p) for p in kept] if any(isinstance(p, str) for p in kept) else []
    return ".".join(parts) or None


def install(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> Response:
        return render_error(request, exc.status, exc.code, _(exc.message), exc.field)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "Invalid request"}
        return render_error(
            request,
            422,
            "request.invalid",
            str(first.get("msg")),
            _field_of(tuple(first.get("loc", ()))),
        )

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> Response:
        return render_error(request, 422, "request.invalid", _("A number is out of range"))

    @app.exception_handler(StatementError)
    async def _bad_value(request: Request, exc: StatementError) -> Response:
        # Values the database refuses (NUL characters, integers beyond 64 bits) are the
        # caller's input, not a server fault; anything else stays a 500.
        if isinstance(exc, DataError) or isinstance(exc.orig, OverflowError | ValueError):
            return render_error(request, 422, "request.invalid", _("A value is not acceptable"))
        raise exc

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code
        return render_error(
            request, exc.status_code, code, message, headers=getattr(exc, "headers", None)
        )
