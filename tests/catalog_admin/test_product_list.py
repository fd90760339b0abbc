"""The admin product list: filters, search, pages of 50, and a fixed number of queries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event

from mercato.catalog.services import products
from mercato.catalog.services.products import ProductData, SkuData


def listed(html: str) -> list[str]:
    return re.findall(r'data-product="([^"]+)"', html)


def test_filters_and_search(admin, shop):
    assert set(listed(admin.get("/admin/products").text)) == {
        "cotton-tee",
        "linen-polo",
        "ceramic-mug",
        "secret-draft",
    }
    assert listed(admin.get("/admin/products?status=draft").text) == ["secret-draft"]
    by_cat = listed(admin.get(f"/admin/products?category={shop['root']}").text)
    assert set(by_cat) == {"cotton-tee", "linen-polo"}  # the subtree counts
    assert listed(admin.get(f"/admin/products?brand={shop['other_brand']}").text) == ["linen-polo"]
    assert listed(admin.get("/admin/products?q=POLO-BL").text) == ["linen-polo"]  # SKU code
    assert listed(admin.get("/admin/products?q=马克杯").text) == ["ceramic-mug"]
    assert listed(admin.get("/admin/products?q=Linen").text) == ["linen-polo"]
    assert listed(admin.get("/admin/products?q=ceramic-m").text) == ["ceramic-mug"]  # slug
    assert listed(admin.get("/admin/products?q=100%25").text) == []  # % is literal
    combined = f"/admin/products?status=active&category={shop['cups']}&q=mug"
    assert listed(admin.get(combined).text) == ["ceramic-mug"]
    assert admin.get("/admin/products?status=bogus&category=x&page=-3").status_code == 200


def _add_products(db, shop, n: int) -> None:
    with db.transaction() as s:
        for i in range(n):
            p = products.create_product(
                s, ProductData(f"bulk-{i:03d}", f"批量{i}", f"Bulk {i}", shop["cups"])
            )
            products.add_sku(s, p.id, SkuData(code=f"BULK-{i:03d}", price=100 + i))


def test_pages_of_fifty(admin, shop, db):
    _add_products(db, shop, 60)
    first = admin.get("/admin/products").text
    assert len(listed(first)) == 50
    assert "bulk-059" in listed(first)  # newest first
    second = admin.get("/admin/products?page=2").text
    assert len(listed(second)) == 14
    assert not set(listed(first)) & set(listed(second))
    assert 'href="?page=3"' not in second and "page=1" in second


@contextmanager
def statements(db) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_query_count_does_not_grow_with_the_page(admin, shop, db):
    admin.get("/admin/products")  # warm up
    with statements(db) as few:
        admin.get("/admin/products?q=-")
    _add_products(db, shop, 60)
    with statements(db) as many:
        assert len(listed(admin.get("/admin/products?q=-").text)) == 50
    assert len(many) == len(few), many
