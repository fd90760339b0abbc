"""Public product detail, SKU lookup and live availability. Product read models are cached per
catalogue version; units available are read fresh on every request (stock moves without
touching the catalogue), so these ETags are digests of the body."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries import admin as admin_q
from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.domain import SKU_CODE_RE, SLUG_RE
from mercato.catalog.views import ProductView
from mercato.catalog.web.api import render
from mercato.catalog.web.api.cached import catalogue_version, remembered
from mercato.catalog.web.api.http import (
    ApiLocaleDep,
    caches,
    database,
    dumps,
    errors,
    json_response,
    not_modified,
    router,
    unchanged,
)
from mercato.catalog.web.schemas.common import MAX_ID
from mercato.catalog.web.schemas.reads import ProductOut, SkuDetailOut
from mercato.inventory import public as inventory
from mercato.kernel.errors import NotFound

AVAILABILITY_CACHE = "public, max-age=5"
_ID = re.compile(r"^[1-9][0-9]{0,9}$")


def _keys(slug_or_id: str) -> list[str | int]:
    """An all-digit key is tried as an id first, then as a slug; a malformed one as nothing."""
    keys: list[str | int] = []
    if _ID.match(slug_or_id) and int(slug_or_id) <= MAX_ID:
        keys.append(int(slug_or_id))
    if SLUG_RE.match(slug_or_id):
        keys.append(slug_or_id)
    return keys


def _loader(key: str | int, loc: str) -> Callable[[Session], ProductView | None]:
    def load(tx: Session) -> ProductView | None:
        found = product_detail(tx, key, loc)
        return found if found is not None and found.status == "active" else None

    return load


async def _active_view(
    request: Request, version: int, slug_or_id: str, loc: str
) -> ProductView | None:
    for key in _keys(slug_or_id):
        cache = caches(request).views
        view = await remembered(request, cache, version, (key, loc), _loader(key, loc))
        if view is not None:
            return view
    return None


def _respond(request: Request, data: object) -> Response:
    body = dumps(data)
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    if not_modified(request, etag):
        return unchanged(etag)
    return json_response(body, etag)


@router.get(
    "/products/{slug_or_id}",
    tags=["catalogue"],
    response_model=ProductOut,
    responses=errors(304, 404, 422),
    summary="Product detail",
)
async def product_api(
    request: Request,
    slug_or_id: Annotated[str, Path(max_length=120, description="Product slug or numeric id")],
    loc: ApiLocaleDep,
) -> Response:
    """An active product with its SKUs (options, units available now), option axes,
    attributes, knowledge-base articles, brand content blocks and category breadcrumb.
    Draft and archived products answer 404. Warm: two small statements on the event loop
    (catalogue version, then units available)."""
    engine = database(request).engine
    with engine.connect() as conn:
        version = catalogue_version(conn)
    # No connection is held while a miss waits for its worker thread (which needs one).
    view = await _active_view(request, version, slug_or_id, loc)
    if view is None:
        raise NotFound("catalog.product_not_found", "No such product", "slug_or_id")
    with engine.connect() as conn, Session(bind=conn) as tx:
        available = inventory.available(tx, [s.id for s in view.skus])
    return _respond(request, render.product(view, available))


@router.get(
    "/skus/{code}",
    tags=["catalogue"],
    response_model=SkuDetailOut,
    responses=errors(304, 404, 422),
    summary="SKU by code",
)
def sku_api(
    request: Request,
    code: Annotated[str, Path(max_length=64, description="SKU code")],
    loc: ApiLocaleDep,
) -> Response:
    """One sellable SKU of an active product, with its product and units available now."""
    missing = NotFound("catalog.sku_not_found", "No such SKU", "code")
    if not SKU_CODE_RE.match(code):
        raise missing
    with database(request).reading() as tx:
        sku_id = inventory.sku_ids_for_codes(tx, [code]).get(code)
        row = admin_q.sku(tx, sku_id) if sku_id is not None else None
        view = _loader(row.product_id, loc)(tx) if row is not None else None
        sku = next((s for s in view.skus if row and s.id == row.id), None) if view else None
        if view is None or sku is None:
            raise missing
        units = inventory.available(tx, [sku.id])[sku.id]
    return _respond(request, {**render.sku(sku, units), "product": render.product_ref(view)})


@router.get(
    "/availability",
    tags=["catalogue"],
    response_model=dict[str, int],
    responses=errors(422),
    summary="Units available per SKU",
)
def availability_api(
    request: Request,
    sku: Annotated[
        list[Annotated[int, Query(ge=1, le=MAX_ID)]],
        Query(min_length=1, max_length=100, description="SKU id, repeatable (at most 100)"),
    ],
) -> Response:
    """{sku_id: units} for each SKU asked; unknown SKUs have 0. Read live; cached 5 s only."""
    with database(request).reading() as tx:
        units = inventory.available(tx, sku)
    body = dumps({str(k): v for k, v in sorted(units.items())})
    return json_response(body, cache_control=AVAILABILITY_CACHE)
