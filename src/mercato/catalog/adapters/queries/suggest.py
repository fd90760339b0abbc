"""Suggestions while a search is typed: whole words of product titles that complete the last
typed word, and the names of products with a title word starting so, most popular (most
sold) first. Two statements, whatever the catalogue size; the words typed before the last
one narrow both to the products a search for them finds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from mercato.catalog.adapters.queries.listing import search_matches
from mercato.catalog.adapters.tables import Product, SearchTerm
from mercato.catalog.search_terms import DESCRIPTION_WEIGHT, WHOLE, query_terms, typed_prefix
from mercato.catalog.views import Suggestion

LIMIT = 8
# Search words take at most this many places while product names remain to fill the rest.
MAX_TERMS = 5


def _starting(prefix: str, sqlite: bool) -> Any:
    """Index terms starting with `prefix` (made of letters, digits and Chinese only, so it
    holds no LIKE wildcard)."""
    cond = SearchTerm.term.like(prefix + "%")
    if not sqlite:
        return cond
    # SQLite orders text by code point, so the prefix is also a range its term index serves;
    # PostgreSQL's collation may not, so there the LIKE alone decides.
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(cond, SearchTerm.term >= prefix, SearchTerm.term < after)


def _narrowed(head: str) -> list[Any]:
    """Conditions on Product.id for the words typed before the last one."""
    terms = query_terms(head)
    if not terms:
        return []
    found = search_matches(terms).subquery()
    return [Product.id.in_(select(found.c.product_id))]


def _terms(tx: Session, starting: Any, narrowed: list[Any]) -> list[tuple[str, int]]:
    """(term, sales) of whole words of active products' titles, best sold first."""
    sales = func.sum(Product.sales_count)
    rows = tx.execute(
        select(SearchTerm.term, sales)
        .join(Product, Product.id == SearchTerm.product_id)
        .where(
            starting,
            # A whole word of a title field: a description word would find nothing.
            SearchTerm.weight > WHOLE + DESCRIPTION_WEIGHT,
            func.length(SearchTerm.term) > 1,
            Product.status == "active",
            *narrowed,
        )
        .group_by(SearchTerm.term)
        .order_by(sales.desc(), func.count().desc(), SearchTerm.term)
        .limit(LIMIT)
    ).all()
    return [(t, int(s or 0)) for t, s in rows]


def _products(
    tx: Session, starting: Any, narrowed: list[Any], zh: bool
) -> list[tuple[str, str, int]]:
    """(slug, name, sales) of active products with a title word so starting, best first."""
    titled = select(SearchTerm.product_id).where(
        starting, SearchTerm.weight % WHOLE > DESCRIPTION_WEIGHT
    )
    rows = tx.execute(
        select(Product.slug, Product.name_zh if zh else Product.name_en, Product.sales_count)
        .where(Product.status == "active", Product.id.in_(titled), *narrowed)
        .order_by(Product.sales_count.desc(), Product.id)
        .limit(LIMIT)
    ).all()
    return [(slug, name, sales) for slug, name, sales in rows]


def suggestions(tx: Session, text: str, locale: str) -> tuple[Suggestion, ...]:
    """At most LIMIT suggestions for `text`, most sold first (words before names on a tie)."""
    head, prefix = typed_prefix(text)
    if not prefix:
        return ()
    starting = _starting(prefix, tx.get_bind().dialect.name == "sqlite")
    narrowed = _narrowed(head)
    terms = [(s, Suggestion(head + t, "term")) for t, s in _terms(tx, starting, narrowed)]
    names = [
        (s, Suggestion(n, "product", slug))
        for slug, n, s in _products(tx, starting, narrowed, locale.startswith("zh"))
    ]
    chosen: dict[str, tuple[int, Suggestion]] = {}
    for sales, item in terms[:MAX_TERMS] + names + terms[MAX_TERMS:]:
        chosen.setdefault(item.text, (sales, item))
    # A stable sort: on equal sales, words stay before names and each keeps its order.
    ranked = sorted(list(chosen.values())[:LIMIT], key=lambda pair: -pair[0])
    return tuple(item for _, item in ranked)
