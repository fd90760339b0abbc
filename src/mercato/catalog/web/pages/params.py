"""Listing URLs: the query string is the whole state of a listing (facets, sort, search, page),
parsed leniently (a bad value is dropped, never a 500) and rebuilt for every facet link."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from mercato.catalog.views import CategoryNode, ListQuery

# Facets with one value at a time: choosing another value replaces the chosen one.
SINGLE = ("price", "category")
SORTS = ("relevance", "newest", "price_asc", "price_desc", "sales")
PER_PAGE = 24
MAX_PAGE = 1000
MAX_FILTERS = 30
MAX_Q = 100
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_PRICE = re.compile(r"^(\d{1,12})-(\d{0,12})$")


@dataclass(frozen=True, slots=True)
class Filters:
    """Validated listing state. `pairs` holds the facet filters as (param, value), e.g.
    ("brand", "north-hill"), ("price", "5000-10000"), ("opt.color", "White"),
    ("category", "bags")."""

    pairs: tuple[tuple[str, str], ...] = ()
    q: str = ""
    sort: str = "relevance"
    page: int = 1

    def has(self, name: str, value: str) -> bool:
        return (name, value) in self.pairs

    def values(self, name: str) -> list[str]:
        return [v for k, v in self.pairs if k == name]


def parse_price(value: str) -> tuple[int, int | None] | None:
    """'lo-hi' (hi exclusive) or 'lo-' in fen -> (price_min, price_max inclusive or None)."""
    m = _PRICE.match(value)
    if not m:
        return None
    lo, hi = int(m.group(1)), int(m.group(2)) if m.group(2) else None
    if hi is not None and hi <= lo:
        return None
    return lo, (hi - 1 if hi is not None else None)


def _valid_pair(name: str, value: str) -> bool:
    if not value or len(value) > 120:
        return False
    if name in ("brand", "category"):
        return bool(_SLUG.match(value)) and len(value) <= 80
    if name == "price":
        return parse_price(value) is not None
    prefix, _, code = name.partition(".")
    return prefix in ("opt", "attr") and bool(_CODE.match(code))


def _page(raw: str | None) -> int:
    try:
        page = int(raw or "1")
    except ValueError:
        return 1
    return min(max(page, 1), MAX_PAGE)


def parse(items: Iterable[tuple[str, str]]) -> Filters:
    """Build Filters from raw query items; unknown or malformed values are ignored."""
    pairs: list[tuple[str, str]] = []
    single: dict[str, str] = {}
    for name, raw in items:
        value = raw.strip()
        if name in ("q", "sort", "page"):
            single.setdefault(name, value)
        elif len(pairs) < MAX_FILTERS and _valid_pair(name, value) and (name, value) not in pairs:
            if name in SINGLE and any(k == name for k, _ in pairs):
                continue  # one price band, one category at a time
            pairs.append((name, value))
    sort = single.get("sort", "relevance")
    return Filters(
        pairs=tuple(pairs),
        q=single.get("q", "")[:MAX_Q],
        sort=sort if sort in SORTS else "relevance",
        page=_page(single.get("page")),
    )


def to_query(f: Filters, category: CategoryNode | None, locale: str) -> ListQuery:
    price = parse_price(f.values("price")[0]) if f.values("price") else None
    return ListQuery(
        category=category.slug if category else None,
        subcategory=f.values("category")[0] if f.values("category") else None,
        brands=tuple(f.values("brand")),
        price_min=price[0] if price else None,
        price_max=price[1] if price else None,
        options=tuple((k[4:], v) for k, v in f.pairs if k.startswith("opt.")),
        attributes=tuple((k[5:], v) for k, v in f.pairs if k.startswith("attr.")),
        q=f.q,
        sort=f.sort,
        page=f.page,
        per_page=PER_PAGE,
        locale=locale,
    )


def url(path: str, f: Filters) -> str:
    """The listing URL for a state; defaults are left out to keep links short."""
    items: list[tuple[str, str | int]] = []
    if f.q:
        items.append(("q", f.q))
    items += list(f.pairs)
    if f.sort != "relevance":
        items.append(("sort", f.sort))
    if f.page > 1:
        items.append(("page", f.page))
    return path + ("?" + urlencode(items) if items else "")


def toggled(f: Filters, name: str, value: str) -> Filters:
    """The state with one facet value switched on or off, back on page 1."""
    if f.has(name, value):
        pairs = tuple(p for p in f.pairs if p != (name, value))
    elif name in SINGLE:
        pairs = (*(p for p in f.pairs if p[0] != name), (name, value))
    else:
        pairs = (*f.pairs, (name, value))
    return replace(f, pairs=pairs, page=1)


def with_sort(f: Filters, sort: str) -> Filters:
    return replace(f, sort=sort, page=1)


def with_page(f: Filters, page: int) -> Filters:
    return replace(f, page=page)


def cleared(f: Filters) -> Filters:
    return Filters(q=f.q, sort=f.sort)


def without(f: Filters, name: str) -> Filters:
    """The state without any value of one facet (the page stays where it is)."""
    return replace(f, pairs=tuple(p for p in f.pairs if p[0] != name))
