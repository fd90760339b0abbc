"""A shop upgraded in place searches like a new one: `mercato migrate` re-indexes every
product once when the index was built the old way, and never again after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select, update

from mercato.catalog import public as catalog
from mercato.catalog.adapters.tables import CatalogState, SearchTerm
from mercato.catalog.services.search_index import SEARCH_FORMAT


def _terms(db: Any) -> int:
    with db.reading() as tx:
        return int(tx.scalar(select(func.count()).select_from(SearchTerm)) or 0)


def test_an_old_index_is_rebuilt_once(db: Any, shop: Any) -> None:
    built = _terms(db)
    with db.transaction() as tx:  # as left by the previous version: old format, other terms
        tx.execute(update(CatalogState).values(search_format=1))
        tx.execute(delete(SearchTerm))
    with db.transaction() as tx:
        assert catalog.refresh_search_index(tx) == 4  # tee, polo, cup and the draft
    assert _terms(db) == built
    with db.transaction() as tx:
        assert tx.scalar(select(CatalogState.search_format)) == SEARCH_FORMAT
        assert catalog.refresh_search_index(tx) is None  # up to date: nothing to do
    with db.transaction() as tx:
        assert catalog.reindex_search(tx) > 0
    assert _terms(db) == built
