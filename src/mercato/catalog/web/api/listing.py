"""Public product listing, search, suggestions while typing and the category tree: the hot
path of apps and mini-programs. A warm request costs one tiny SQL statement (the catalogue
version); the body is rendered bytes from the per-app cache, keyed by the normalised query
(locale included) and the version, so any catalogue write invalidates it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries.detail import category_tree, find_category
from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.adapters.queries.suggest import suggestions
from mercato.catalog.views import ListQuery
from mercato.catalog.web.api import render
from mercato.catalog.web.api.cached import cached_read
from mercato.catalog.web.api.http import ApiLocaleDep, caches, dumps, errors, router
from mercato.catalog.web.api.params import ListParams, SearchParams, openapi_parameters, parse
from mercato.catalog.web.schemas.reads import CategoryTreeOut, ProductListOut
from mercato.catalog.web.schemas.suggestions import SuggestionsOut
from mercato.kernel.errors import NotFound
from mercato.web.deps import LocaleDep


def _render_list(tx: Session, query: ListQuery) -> bytes:
    node = None
    if query.category is not None:
        node = find_category(tx, query.category, query.locale)
        if node is None:
            raise NotFound("catalog.category_not_found", "No such category", "category")
    return dumps(render.listing(list_products(tx, query, node)))


async def _listing(request: Request, loc: str, search: bool) -> Response:
    query = parse(request, loc, search, caches(request).queries)
    return await cached_read(request, loc, query, lambda tx: _render_list(tx, query))


@router.get(
    "/products",
    tags=["catalogue"],
    response_model=ProductListOut,
    responses=errors(304, 404, 422),
    summary="List products with facets",
    openapi_extra={"parameters": openapi_parameters(ListParams)},
)
async def list_products_api(request: Request, loc: LocaleDep) -> Response:
    """Active products, filtered, sorted and paged, with facet counts. Besides the listed
    parameters, `opt.<axis>=<value>` and `attr.<code>=<value>` filter by option and attribute
    facets (repeatable; the same as `option=<axis>:<value>` / `attr=<code>:<value>`): a facet's
    `code` is the parameter name to send its values back with. Unknown category: 404."""
    return await _listing(request, loc, search=False)


@router.get(
    "/search",
    tags=["catalogue"],
    response_model=ProductListOut,
    responses=errors(304, 404, 422),
    summary="Search products",
    openapi_extra={"parameters": openapi_parameters(SearchParams)},
)
async def search_api(request: Request, loc: LocaleDep) -> Response:
    """The product list with a required `q` (Chinese or English words), best match first."""
    return await _listing(request, loc, search=True)


@router.get(
    "/search/suggestions",
    tags=["catalogue"],
    response_model=SuggestionsOut,
    responses=errors(304, 422),
    summary="Suggestions while typing a search",
)
async def suggestions_api(
    request: Request,
    loc: ApiLocaleDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=50,
            # Something besides spaces, and no NUL.
            pattern=r"^[^\x00]*[^\s\x00][^\x00]*$",
            description="What has been typed so far; its last word may be unfinished",
        ),
    ],
) -> Response:
    """Up to 8 completions, most sold first: search words (whole words of product titles
    completing the last word typed, after the words before it) and product names. Cached
    like the product list: warm, one small statement."""
    text = q.strip()

    def make(tx: Session) -> bytes:
        return dumps({"q": text, "items": suggestions(tx, text, loc)})

    return await cached_read(request, loc, ("suggestions", text, loc), make)


@router.get(
    "/categories",
    tags=["catalogue"],
    response_model=CategoryTreeOut,
    responses=errors(304, 422),
    summary="Category tree",
)
async def categories_api(request: Request, loc: ApiLocaleDep) -> Response:
    """Every category, roots first, children nested, in display order."""

    def make(tx: Session) -> bytes:
        return dumps({"items": [render.category(c) for c in category_tree(tx, loc)]})

    return await cached_read(request, loc, ("categories", loc), make)
