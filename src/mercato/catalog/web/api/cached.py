"""Cached public reads (product list, search, category tree, product detail): a hit costs one
tiny SQL statement (the catalogue version) and no worker thread.

These endpoints are `async def`, unlike the rest of the (sync) API, on purpose: measured on
the two-core bench, handing each request to the thread pool cost more than everything else a
hit does (about 260 us of CPU against 115 us on the event loop, where a bare hello-world
costs 95 us). So only small indexed statements run on the event loop (the version, and for
a product page its units available), each on a pooled connection released before any await;
a miss loads and renders in the thread pool like any sync endpoint."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from fastapi import Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from mercato.catalog.adapters.tables import CatalogState
from mercato.catalog.web.api.http import (
    caches,
    database,
    json_response,
    not_modified,
    unchanged,
    version_etag,
)
from mercato.platform.cache import VersionedCache

T = TypeVar("T")

# The statement of catalog.adapters.repository.version, built once: constructing it per
# request costs a third of a cache hit.
_VERSION = select(CatalogState.version).where(CatalogState.id == 1)


def catalogue_version(conn: Connection) -> int:
    return int(conn.execute(_VERSION).scalar() or 0)


class _Miss(Exception):
    """Raised from a VersionedCache factory to learn of a miss without storing anything."""


def _miss() -> None:
    raise _Miss


async def remembered(
    request: Request,
    cache: VersionedCache,
    version: int,
    key: Hashable,
    load: Callable[[Session], T],
) -> T:
    """The cached value, or `load` run in a worker thread in its own read transaction and
    remembered under `version` (a newer snapshot than `version` is harmless: the next write
    moves the version on anyway)."""
    try:
        return cache.get_or_make(version, key, _miss)  # type: ignore[return-value]
    except _Miss:

        def run() -> T:
            with database(request).reading() as tx:
                return cache.get_or_make(version, key, lambda: load(tx))

        return await run_in_threadpool(run)


async def cached_read(
    request: Request, loc: str, key: Hashable, make: Callable[[Session], bytes]
) -> Response:
    """304 when the client holds the current version, else the cached body, else a freshly
    rendered one."""
    with database(request).engine.connect() as conn:
        version = catalogue_version(conn)
    etag = version_etag(version, loc)
    if not_modified(request, etag):
        return unchanged(etag)
    body = await remembered(request, caches(request).bodies, version, key, make)
    return json_response(body, etag)
