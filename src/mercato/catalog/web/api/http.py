"""Shared plumbing of the JSON API: pre-rendered orjson responses, conditional GETs (ETag ->
304), the per-app caches of rendered reads, the locale dependency and the documented error
responses."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import orjson
from fastapi import Depends, Query, Request
from fastapi.responses import Response

from mercato.catalog.web.schemas.reads import ErrorOut
from mercato.platform.cache import VersionedCache
from mercato.platform.db import Database
from mercato.platform.i18n import current_locale
from mercato.web.deps import LocaleDep
from mercato.web.routing import Router

PUBLIC_CACHE = "public, max-age=30"
# One flat router for the whole catalogue API: every nesting level costs a route match.
router = Router(prefix="/api/v1")
JSON = "application/json"
# The locale comes from ?lang=, the lang cookie or Accept-Language.
VARY = "Accept-Language, Cookie"


async def api_locale(
    loc: LocaleDep,
    lang: Annotated[
        Literal["zh_CN", "en"] | None,
        Query(description="Language of names and labels; default from Accept-Language"),
    ] = None,
) -> str:
    """The shop's locale choice (?lang=, cookie, Accept-Language), with `lang` documented.
    Set again here, on the event loop, so the gettext locale reaches the error handlers."""
    current_locale.set(loc)
    return loc


ApiLocaleDep = Annotated[str, Depends(api_locale)]


def dumps(data: Any) -> bytes:
    """orjson renders the frozen read models (dataclasses) natively."""
    return orjson.dumps(data)


class Caches:
    """Per app, not per module: two apps (as in tests) may reach the same catalogue version
    number with different data."""

    def __init__(self) -> None:
        self.bodies = VersionedCache(size=2048)  # rendered list / tree bodies
        self.views = VersionedCache(size=1024)  # product read models
        self.queries = VersionedCache(size=4096)  # parsed listing queries (version-free)


def caches(request: Request) -> Caches:
    state = request.app.state
    found = getattr(state, "catalog_api_caches", None)
    if found is None:
        found = state.catalog_api_caches = Caches()
    return found


def database(request: Request) -> Database:
    """The app's Database, read directly: a plain `def` dependency would cost a thread hop."""
    return request.app.state.db


def not_modified(request: Request, etag: str) -> bool:
    """True when the client's If-None-Match already names this ETag."""
    sent = request.headers.get("if-none-match")
    if not sent:
        return False
    tags = {t.strip().removeprefix("W/") for t in sent.split(",")}
    return etag in tags or "*" in tags


def unchanged(etag: str, cache_control: str = PUBLIC_CACHE) -> Response:
    return Response(
        status_code=304,
        headers={"ETag": etag, "Cache-Control": cache_control, "Vary": VARY},
    )


def json_response(
    body: bytes, etag: str | None = None, cache_control: str = PUBLIC_CACHE
) -> Response:
    headers = {"Cache-Control": cache_control, "Vary": VARY}
    if etag:
        headers["ETag"] = etag
    return Response(content=body, media_type=JSON, headers=headers)


def version_etag(version: int, loc: str) -> str:
    """Lists and the category tree change only when the catalogue version does."""
    return f'"c{version}-{loc}"'


_DESCRIPTIONS = {
    304: "Not modified (the If-None-Match ETag is current)",
    401: "Missing or invalid bearer token",
    404: "Not found",
    409: "Conflict with the stored data",
    422: "Invalid input; `field` names it",
    429: "Too many attempts",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries: the shared ErrorOut body for each error status."""
    out: dict[int | str, dict[str, Any]] = {}
    for code in codes:
        if code == 304:
            out[code] = {"description": _DESCRIPTIONS[code]}
        else:
            out[code] = {"model": ErrorOut, "description": _DESCRIPTIONS[code]}
    return out
