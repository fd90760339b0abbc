"""Listing and product page: the SQL statement count does not grow with page size, SKU count
or catalogue size (the N+1 guard)."""

from __future__ import annotations

from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.adapters.queries.listing import list_products
from mercato.catalog.views import ListQuery
from tests.factories import make_product, tee_skus
from tests.storefront.helpers import count_queries


def _many_skus(prefix: str, n: int) -> list[tuple[str, int, list[tuple[str, str, str]]]]:
    return [
        (f"{prefix}-{i}", 1000 + i, [("color", f"色{i}", f"C{i}"), ("size", "M", "M")])
        for i in range(n)
    ]


def _list_count(db, per_page: int, **kw: object) -> int:  # type: ignore[no-untyped-def]
    with db.reading() as s, count_queries(db) as seen:
        res = list_products(s, ListQuery(per_page=per_page, locale="en", **kw), None)  # type: ignore[arg-type]
        assert res.items
    return len(seen)


def test_listing_statements_constant_in_page_and_catalogue_size(db, shop):
    small = (_list_count(db, 2), _list_count(db, 50, q="shirt", options=(("size", "M"),)))
    with db.transaction() as tx:
        for n in range(40):
            make_product(tx, shop, f"extra-{n}", f"衬衫{n}", f"Shirt {n}", tee_skus(f"X{n}"))
    large = (_list_count(db, 2), _list_count(db, 50, q="shirt", options=(("size", "M"),)))
    assert small == large
    assert max(large) <= 8


def test_product_page_statements_constant_in_sku_count(db, shop):
    with db.transaction() as tx:
        make_product(tx, shop, "few", "少", "Few", _many_skus("FEW", 2))
        make_product(tx, shop, "many", "多", "Many", _many_skus("MANY", 40))
    counts = []
    for slug in ("few", "many"):
        with db.reading() as s, count_queries(db) as seen:
            view = product_detail(s, slug, "zh_CN")
            assert view is not None
        counts.append(len(seen))
    assert counts[0] == counts[1] <= 10
