"""Listing query parameters, plus the dynamic `opt.<axis>=<value>` / `attr.<code>=<value>`
facet parameters, folded into one normalised, hashable ListQuery that doubles as the cache key.

The listing is the hottest endpoint, so its parameters are not declared to FastAPI (whose
per-request validation of a dozen parameters costs more than the cached answer): they are
validated here by the same pydantic model, once per distinct query string and locale (the
result is remembered), and documented in OpenAPI from that model's JSON schema."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, StringConstraints, ValidationError

from mercato.catalog.domain import MAX_PRICE
from mercato.catalog.views import ListQuery
from mercato.kernel.errors import DomainError
from mercato.platform.cache import VersionedCache
from mercato.web.strict import FILLED, SPACE

MAX_FILTERS = 30
_CODE = re.compile(r"^[a-z0-9_]{1,40}$")
_NO_NUL = r"^[^\x00]*$"

BrandSlug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)]
# code:value, the value some text besides spaces (it is trimmed).
Pair = Annotated[
    str,
    StringConstraints(
        pattern=rf"^[a-z0-9_]{{1,40}}:[^\x00]*[^\x00{SPACE}][^\x00]*$", max_length=161
    ),
]
Fen = Annotated[int, Field(ge=0, le=MAX_PRICE)]
Sort = Literal["relevance", "newest", "price_asc", "price_desc", "sales"]


Lang = Literal["zh_CN", "en"]


class ListParams(BaseModel):
    """Facet values come back from `facets`: send brand=<value>, opt.<axis>=<value>,
    attr.<code>=<value> (or option=<axis>:<value>, attr=<code>:<value>), price=<lo-hi>."""

    category: Annotated[
        str | None,
        Field(
            pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
            max_length=80,
            description="Category slug or id; sub-categories included",
        ),
    ] = None
    brand: Annotated[list[BrandSlug], Field(max_length=MAX_FILTERS)] = []
    price_min: Annotated[
        Fen | None, Field(description="Lowest price in fen; not together with `price`")
    ] = None
    price_max: Annotated[
        Fen | None,
        Field(
            description="Highest price in fen (inclusive), not below price_min; not together "
            "with `price`"
        ),
    ] = None
    price: Annotated[
        str | None,
        Field(
            pattern=r"^[0-9]{1,11}-[0-9]{0,11}$",
            description="A price facet value 'lo-hi' in fen, hi exclusive and above lo ('lo-' "
            "= no top); not together with price_min/price_max",
        ),
    ] = None
    option: Annotated[
        list[Pair],
        Field(
            max_length=MAX_FILTERS,
            description="axis:value, repeatable; same as the dynamic opt.<axis>=<value>; "
            f"at most {MAX_FILTERS} option and attribute filters in all",
        ),
    ] = []
    attr: Annotated[
        list[Pair],
        Field(
            max_length=MAX_FILTERS,
            description="code:value, repeatable; same as the dynamic attr.<code>=<value>; "
            f"at most {MAX_FILTERS} option and attribute filters in all",
        ),
    ] = []
    q: Annotated[str, Field(max_length=100, pattern=_NO_NUL, description="Search words")] = ""
    sort: Sort = "relevance"
    page: Annotated[int, Field(ge=1, le=1000)] = 1
    per_page: Annotated[int, Field(ge=1, le=100)] = 24
    lang: Annotated[
        Lang | None,
        Field(description="Language of names and labels; default from Accept-Language"),
    ] = None

    def to_query(self, request: Request, locale: str) -> ListQuery:
        lo, hi = self._prices()
        options, attributes = _pairs(self.option, "option"), _pairs(self.attr, "attr")
        for key, value in request.query_params.multi_items():
            prefix, dot, code = key.partition(".")
            if dot and prefix in ("opt", "attr"):
                target = options if prefix == "opt" else attributes
                target.add(_dynamic(key, code, value))
        if len(options) + len(attributes) > MAX_FILTERS:
            raise DomainError("request.invalid", "Too many filters", "option")
        return ListQuery(
            category=self.category,
            brands=tuple(sorted(set(self.brand))),
            price_min=lo,
            price_max=hi,
            options=tuple(sorted(options)),
            attributes=tuple(sorted(attributes)),
            q=self.q.strip(),
            sort=self.sort,
            page=self.page,
            per_page=self.per_page,
            locale=locale,
        )

    def _prices(self) -> tuple[int | None, int | None]:
        lo, hi = self.price_min, self.price_max
        if self.price is not None:
            if lo is not None or hi is not None:
                raise DomainError(
                    "request.invalid", "Send either price or price_min/price_max", "price"
                )
            low, _, high = self.price.partition("-")
            lo, hi = int(low), (int(high) - 1 if high else None)
            if hi is not None and hi < lo:
                raise DomainError("request.invalid", "Price band is empty", "price")
        elif lo is not None and hi is not None and hi < lo:
            raise DomainError("request.invalid", "price_max is below price_min", "price_max")
        return lo, hi


class SearchParams(ListParams):
    # Trimmed in to_query, so the limits hold for the text as sent (as the schema says).
    q: Annotated[
        str,
        StringConstraints(min_length=1, max_length=100, pattern=FILLED),
        Field(description="Search words (required): some text besides spaces"),
    ]


def _pairs(raw: list[str], field: str) -> set[tuple[str, str]]:
    out = set()
    for item in raw:
        code, _, value = item.partition(":")
        if not value.strip():
            raise DomainError("request.invalid", "Expected code:value", field)
        out.add((code, value.strip()))
    return out


def _dynamic(key: str, code: str, value: str) -> tuple[str, str]:
    value = value.strip()
    if not _CODE.match(code) or not value or len(value) > 120 or "\x00" in value:
        raise DomainError("request.invalid", "Expected a facet code and a value", key)
    return (code, value)


_LISTS = {"brand", "option", "attr"}


def _validate(model: type[ListParams], request: Request) -> ListParams:
    params = request.query_params
    data: dict[str, Any] = {}
    for name in model.model_fields:
        if name in _LISTS:
            if name in params:
                data[name] = params.getlist(name)
        elif name in params:
            data[name] = params[name]
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("query", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from None


def parse(request: Request, locale: str, search: bool, seen: VersionedCache) -> ListQuery:
    """The request's ListQuery; 422 (naming the parameter) when a value is invalid. Parsed
    queries are remembered by raw query string and locale (`seen`, a bounded LRU)."""
    model = SearchParams if search else ListParams

    def make() -> ListQuery:
        return _validate(model, request).to_query(request, locale)

    return seen.get_or_make(0, (search, request.scope["query_string"], locale), make)


def openapi_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """OpenAPI query parameters described by a model's JSON schema."""
    schema = model.model_json_schema()
    required = set(schema.get("required", ()))
    out = []
    for name, prop in schema["properties"].items():
        param = {"name": name, "in": "query", "required": name in required, "schema": prop}
        if "description" in prop:
            param["description"] = prop["description"]
        out.append(param)
    return out
