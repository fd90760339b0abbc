"""/admin/stock: products with their SKUs x warehouses (on hand, reserved, available), search
by product name or SKU code, pages, counts edited in place (all or nothing, a ledger row with
the staff member as actor), a fixed number of statements; the receive/adjust form; the ledger."""

from __future__ import annotations

import re

from sqlalchemy import select

from mercato.inventory import services
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from tests.catalog_admin.test_product_list import statements


def _level(db, sku: int, wh: int) -> tuple[int, int]:
    with db.reading() as tx:
        row = tx.execute(
            select(StockLevel.on_hand, StockLevel.reserved).where(
                StockLevel.sku_id == sku, StockLevel.warehouse_id == wh
            )
        ).one()
        return (row[0], row[1])


def error_under(html: str, field: str) -> bool:
    """True when an error message is shown right under the form field `field`."""
    at = html.index(f'name="{field}"')
    err = html.find('class="error"', at)
    nxt = html.find("<label", at)
    return err != -1 and (nxt == -1 or err < nxt)


def products(html: str) -> list[str]:
    return re.findall(r'<tbody data-product="([^"]+)"', html)


def skus(html: str) -> list[str]:
    return re.findall(r'<tr data-sku="([^"]+)"', html)


def cell(sku: int, wh: int, shown: int) -> str:
    return f"stock.{sku}.{wh}.{shown}"


def test_products_with_their_skus_and_one_column_per_warehouse(admin, db, shop):
    with db.transaction() as tx:
        bj = services.create_warehouse(tx, "BJ", "北京仓", "Beijing").id
        services.reserve(tx, shop["cup"]["skus"][0], shop["warehouse"], 3, "order-1")
        services.set_on_hand(tx, shop["cup"]["skus"][1], bj, 7)
    r = admin.get("/admin/stock?lang=en")
    assert r.status_code == 200
    assert products(r.text) == ["secret-draft", "ceramic-mug", "linen-polo", "cotton-tee"]
    assert len(skus(r.text)) == 11 and "4 products" in r.text
    assert "Shanghai" in r.text and "Beijing" in r.text
    mug350, mug500 = shop["cup"]["skus"]
    sh = shop["warehouse"]
    assert f'name="{cell(mug350, sh, 10)}" value="10"' in r.text  # on hand, editable
    assert f'name="{cell(mug500, bj, 7)}" value="7"' in r.text
    assert re.search(
        r'data-cell="MUG-350:SH">.*?3 · <span>7</span>', r.text, re.S
    )  # reserved · available
    assert re.search(r'data-cell="MUG-350:BJ">.*?0 · <span class="error">0</span>', r.text, re.S)
    assert 'data-available="7"' in r.text and 'data-available="17"' in r.text  # 10 + 7 for MUG-500


def test_search_by_product_name_or_sku_code(admin, shop):
    assert products(admin.get("/admin/stock?q=马克杯").text) == ["ceramic-mug"]
    assert products(admin.get("/admin/stock?q=linen").text) == ["linen-polo"]
    found = admin.get("/admin/stock?q=POLO-BL-M").text
    assert products(found) == ["linen-polo"] and len(skus(found)) == 4  # the whole product
    assert products(admin.get("/admin/stock?q=%25").text) == []  # % is literal
    assert "No stock matches." in admin.get("/admin/stock?q=nothing&lang=en").text


def _more_products(db, shop, n: int) -> None:
    from mercato.catalog.services import products as catalog
    from mercato.catalog.services.products import ProductData, SkuData

    with db.transaction() as tx:
        for i in range(n):
            p = catalog.create_product(
                tx, ProductData(f"s-{i:02d}", f"库存{i}", f"S {i}", shop["cups"])
            )
            for size, zh in (("S", "小"), ("L", "大")):
                opts = [("capacity", zh, size)]
                catalog.add_sku(
                    tx, p.id, SkuData(code=f"S-{i:02d}-{size}", price=100, options=opts)
                )


def test_pages_of_twenty_products(admin, db, shop):
    _more_products(db, shop, 20)
    first = admin.get("/admin/stock?lang=en").text
    assert len(products(first)) == 20 and "Page 1 of 2" in first
    second = admin.get("/admin/stock?page=2&lang=en").text
    assert len(products(second)) == 4
    assert admin.get("/admin/stock?page=0").status_code == 200
    assert admin.get("/admin/stock?page=abc").status_code == 200


def test_statements_do_not_grow_with_products_skus_or_warehouses(admin, db, shop):
    admin.get("/admin/stock")  # warm up
    with statements(db) as few:
        assert admin.get("/admin/stock").status_code == 200
    _more_products(db, shop, 20)
    with db.transaction() as tx:
        for code in ("BJ", "GZ", "CD"):
            services.create_warehouse(tx, code, code, code)
    with statements(db) as many:
        assert len(skus(admin.get("/admin/stock").text)) > 30
    assert len(many) == len(few), many


def _save(admin, data: dict[str, str], **query: str):
    body = {"csrf": admin.csrf, "q": query.get("q", ""), "page": "1", **data}
    return admin.post("/admin/stock/counts?lang=en", data=body, follow_redirects=False)


def test_counts_edited_in_place_are_saved_with_the_staff_member_in_the_ledger(admin, db, shop):
    mug350, mug500 = shop["cup"]["skus"]
    sh = shop["warehouse"]
    unchanged = {cell(s, sh, 10): "10" for s in shop["tee"]["skus"]}
    r = _save(admin, {cell(mug350, sh, 10): "25", cell(mug500, sh, 10): "4", **unchanged}, q="mug")
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/stock?q=mug&flash=")
    assert _level(db, mug350, sh) == (25, 0) and _level(db, mug500, sh) == (4, 0)
    with db.reading() as tx:
        entries = tx.scalars(select(LedgerEntry).where(LedgerEntry.reason == "count")).all()
        moves = sorted((e.sku_id, e.delta_on_hand, e.actor) for e in entries)
    assert moves == [
        (mug350, 15, "admin@example.com"),
        (mug500, -6, "admin@example.com"),
    ]


def test_a_count_that_moved_meanwhile_is_not_overwritten_by_an_untouched_cell(admin, db, shop):
    mug350, mug500 = shop["cup"]["skus"]
    sh = shop["warehouse"]
    with db.transaction() as tx:
        services.adjust(tx, mug350, sh, 5, "receive")  # 15 now; the page showed 10
    assert _save(admin, {cell(mug350, sh, 10): "10", cell(mug500, sh, 10): "12"}).status_code == 303
    assert _level(db, mug350, sh) == (15, 0) and _level(db, mug500, sh) == (12, 0)


def test_bad_cells_and_counts_below_reserved_are_all_marked_and_nothing_is_saved(admin, db, shop):
    mug350, mug500 = shop["cup"]["skus"]
    tee = shop["tee"]["skus"][0]
    sh = shop["warehouse"]
    with db.transaction() as tx:
        services.reserve(tx, mug350, sh, 6, "order-1")
    r = _save(
        admin,
        {cell(mug350, sh, 10): "5", cell(mug500, sh, 10): "abc", cell(tee, sh, 10): "30"},
        q="",
    )
    assert r.status_code == 422
    assert (
        f'data-error-for="stock.{mug350}.{sh}"' in r.text and "Below the 6 units reserved" in r.text
    )
    assert f'data-error-for="stock.{mug500}.{sh}"' in r.text
    assert f'data-error-for="stock.{tee}.{sh}"' not in r.text
    assert 'value="abc"' in r.text and 'value="30"' in r.text  # as typed
    assert _level(db, tee, sh) == (10, 0) and _level(db, mug350, sh) == (10, 6)
    for bad in ("-1", "2.5", "", "99999999999"):
        assert _save(admin, {cell(mug500, sh, 10): bad}).status_code == 422
    assert _level(db, mug500, sh) == (10, 0)


def test_prices_cannot_be_changed_through_the_stock_permission(admin, shop):
    sku = shop["cup"]["skus"][0]
    assert _save(admin, {f"price.{sku}.3900": "1"}).status_code == 403


def _post(admin, **form: str):
    data = {"csrf": admin.csrf, "sku_code": "MUG-350", "warehouse_code": "SH", "reason": "count"}
    data.update(form)
    return admin.post("/admin/stock/adjust?lang=en", data=data, follow_redirects=False)


def test_set_and_adjust(admin, db, shop):
    sku, wh = shop["cup"]["skus"][0], shop["warehouse"]
    assert admin.get("/admin/stock/adjust?sku=MUG-350&lang=en").status_code == 200
    r = _post(admin, mode="set", quantity="25")
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/stock?q=MUG-350")
    assert _level(db, sku, wh) == (25, 0)
    r = _post(admin, mode="adjust", quantity="-5", reason="damage", reference="broken box")
    assert r.status_code == 303
    assert _level(db, sku, wh) == (20, 0)
    r = _post(admin, mode="adjust", quantity="+3", reason="receive")
    assert _level(db, sku, wh) == (23, 0)
    with db.reading() as tx:
        entry = tx.scalars(select(LedgerEntry).order_by(LedgerEntry.id.desc())).first()
        assert entry is not None and (entry.reason, entry.actor) == ("receive", "admin@example.com")


def test_bad_quantities_and_going_below_reserved_are_refused(admin, db, shop):
    sku, wh = shop["cup"]["skus"][0], shop["warehouse"]
    with db.transaction() as tx:
        services.reserve(tx, sku, wh, 6, "order-1")
    cases = [
        ({"mode": "set", "quantity": "-1"}, "quantity"),
        ({"mode": "set", "quantity": "abc"}, "quantity"),
        ({"mode": "set", "quantity": "2.5"}, "quantity"),
        ({"mode": "adjust", "quantity": "0"}, "quantity"),
        ({"mode": "set", "quantity": "5"}, "quantity"),  # below the 6 reserved
        ({"mode": "adjust", "quantity": "-5"}, "quantity"),  # 5 left, 6 reserved
        ({"mode": "set", "quantity": "5", "sku_code": "NOPE"}, "sku_code"),
        ({"mode": "set", "quantity": "5", "warehouse_code": "XX"}, "warehouse_code"),
        ({"mode": "set", "quantity": "50", "reason": "gift"}, "reason"),
        ({"mode": "both", "quantity": "5"}, "mode"),
    ]
    for form, field in cases:
        r = _post(admin, **form)
        assert r.status_code == 422, form
        assert error_under(r.text, field), form
    assert _level(db, sku, wh) == (10, 6)
    r = _post(admin, mode="set", quantity="5")
    assert "below what is reserved" in r.text


def test_new_stock_row_from_a_refused_form_is_not_kept(admin, db, shop):
    with db.transaction() as tx:
        bj = services.create_warehouse(tx, "BJ", "北京仓", "Beijing").id
    r = _post(admin, mode="adjust", quantity="-1", warehouse_code="BJ")
    assert r.status_code == 422
    with db.reading() as tx:
        assert tx.execute(select(StockLevel).where(StockLevel.warehouse_id == bj)).first() is None


def test_ledger_page(admin, db, shop):
    _post(admin, mode="adjust", quantity="4", reason="receive", reference="PO-77")
    r = admin.get("/admin/stock/ledger?sku=MUG-350&lang=en")
    assert r.status_code == 200
    assert "PO-77" in r.text and "+4" in r.text and "admin@example.com" in r.text
    assert "2 entries" in r.text
    assert admin.get("/admin/stock/ledger?sku=NOPE").status_code == 404


def test_one_warehouse_only_as_the_warehouses_page_links_it(admin, db, shop):
    with db.transaction() as tx:
        services.create_warehouse(tx, "BJ", "北京仓", "Beijing")
    assert 'href="/admin/stock?warehouse=SH"' in admin.get("/admin/warehouses").text
    html = admin.get("/admin/stock?warehouse=bj&lang=en").text
    assert 'data-cell="MUG-350:BJ"' in html and 'data-cell="MUG-350:SH"' not in html
    assert '<option value="BJ" selected>' in html
    every = admin.get("/admin/stock?warehouse=NOPE").text  # unknown: every warehouse
    assert 'data-cell="MUG-350:BJ"' in every and 'data-cell="MUG-350:SH"' in every
