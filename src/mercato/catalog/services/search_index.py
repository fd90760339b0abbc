"""Keeping the search index in step with how search_terms builds it. The index (product →
terms with weights) is written as products change; when the way terms are made changes
(SEARCH_FORMAT), every product is indexed again, once, by `mercato migrate` (or `mercato
reindex`), so a shop upgraded in place searches like a new one."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from mercato.catalog.adapters import repository as repo
from mercato.catalog.adapters.tables import CatalogState, Product

# 2: whole words carry search_terms.WHOLE; a lone Chinese character is no query term.
SEARCH_FORMAT = 2


def reindex_all(tx: Session) -> int:
    """Index every product again; returns how many. Bumps the catalogue version, so cached
    listings and suggestions are made afresh."""
    products = list(tx.scalars(select(Product).order_by(Product.id)))
    for product in products:
        repo.reindex(tx, product)
    tx.execute(update(CatalogState).where(CatalogState.id == 1).values(search_format=SEARCH_FORMAT))
    repo.bump_version(tx)
    return len(products)


def refresh(tx: Session) -> int | None:
    """Index everything again if the index was built the old way; the count, or None."""
    built = tx.scalar(select(CatalogState.search_format).where(CatalogState.id == 1))
    if built is None or built == SEARCH_FORMAT:
        return None  # no catalogue yet (a new shop indexes as it goes), or up to date
    return reindex_all(tx)
