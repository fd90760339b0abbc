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


def test_thumbnails_stock_totals_and_status_badges(admin, shop, db):
    from mercato.catalog.services import knowledge
    from mercato.inventory import services as stock

    with db.transaction() as tx:
        knowledge.set_images(tx, shop["tee"]["id"], ["/media/tee-main.webp", "/media/tee-2.webp"])
        bj = stock.create_warehouse(tx, "BJ", "北京仓", "Beijing").id
        gz = stock.create_warehouse(tx, "GZ", "广州仓", "Guangzhou", active=False).id
        mug350, mug500 = shop["cup"]["skus"]
        stock.set_on_hand(tx, mug350, bj, 5)
        stock.set_on_hand(tx, mug350, gz, 100)  # an inactive warehouse sells nothing
        stock.reserve(tx, mug500, shop["warehouse"], 4, "order-1")
        for sku in shop["polo"]["skus"]:
            stock.set_on_hand(tx, sku, shop["warehouse"], 0)
    html = admin.get("/admin/products?lang=en").text
    row = html[html.index('data-product="cotton-tee"') :]
    assert 'src="/media/tee-main.webp"' in row[: row.index("</tr>")]
    assert 'data-stock="21"' in html  # mug: 10 + 5 in SH and BJ, 10 - 4 reserved
    assert 'data-stock="40"' in html  # tee: 4 SKUs x 10
    polo = html[html.index('data-product="linen-polo"') :]
    assert "Sold out" in polo[: polo.index("</tr>")]
    assert 'class="badge ok" data-status="active"' in html and 'data-status="draft"' in html
    tabs = html[
        html.index('data-testid="status-tabs"') : html.index(
            "</nav>", html.index('data-testid="status-tabs"')
        )
    ]
    assert '<span class="count">4</span>' in tabs and '<span class="count">3</span>' in tabs


def test_statements_do_not_grow_with_pictures_skus_or_warehouses(admin, shop, db):
    from mercato.catalog.services import knowledge
    from mercato.inventory import services as stock

    admin.get("/admin/products")  # warm up
    with statements(db) as few:
        admin.get("/admin/products")
    _add_products(db, shop, 30)
    with db.transaction() as tx:
        for pid in (shop["tee"]["id"], shop["cup"]["id"]):
            knowledge.set_images(tx, pid, [f"/media/{pid}-{i}.webp" for i in range(6)])
        for code in ("BJ", "GZ"):
            stock.create_warehouse(tx, code, code, code)
    with statements(db) as many:
        assert len(listed(admin.get("/admin/products").text)) == 34
    assert len(many) == len(few), many
