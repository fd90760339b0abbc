"""Bulk actions on chosen products (on sale, off sale, delete where allowed, open the table) and
the bulk price and stock table: changed cells saved in one transaction, or nothing and every
bad cell marked; stock columns follow the staff member's stock permissions."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote_plus

from sqlalchemy import select

from mercato.access import team
from mercato.catalog.adapters.tables import CatalogState, Product, Sku
from mercato.inventory import services as stock
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel
from tests.catalog_admin.helpers import picture, post, upload
from tests.catalog_admin.test_product_list import statements


def _status(db, pid: int) -> str | None:
    with db.reading() as s:
        p = s.get(Product, pid)
        return p.status if p else None


def _bulk(admin, action: str, *ids: int, query: str = ""):
    return post(
        admin, f"/admin/products/bulk{query}", {"action": action, "ids": [str(i) for i in ids]}
    )


def test_put_on_sale_and_take_off_sale_each_product_that_may_be(admin, shop, db):
    draft, tee = shop["draft"]["id"], shop["tee"]["id"]
    with db.transaction() as s:
        s.execute(Sku.__table__.update().where(Sku.product_id == tee).values(active=False))
        s.get(Product, tee).status = "draft"
    r = _bulk(admin, "publish", draft, tee, query="?status=draft&lang=en")
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/products?status=draft")
    flash = unquote_plus(r.headers["location"])
    assert "1 products put on sale" in flash and "纯棉圆领T恤" in flash and "active SKU" in flash
    assert (_status(db, draft), _status(db, tee)) == ("active", "draft")
    assert _bulk(admin, "unpublish", draft, shop["cup"]["id"]).status_code == 303
    assert (_status(db, draft), _status(db, shop["cup"]["id"])) == ("draft", "draft")


def test_delete_only_what_is_not_on_sale_with_its_picture_files(admin, shop, db, settings):
    draft, cup = shop["draft"]["id"], shop["cup"]["id"]
    for pid in (draft, cup):
        assert upload(admin, pid, (f"{pid}.png", picture(), "image/png")).status_code == 303
    folder = Path(settings.media_dir) / "products"
    r = _bulk(admin, "delete", draft, cup, query="?lang=en")
    flash = unquote_plus(r.headers["location"])
    assert "1 products deleted" in flash and "Archive the product before deleting it" in flash
    assert _status(db, draft) is None and _status(db, cup) == "active"
    assert not any((folder / str(draft)).iterdir())
    assert len(list((folder / str(cup)).iterdir())) == 3  # on sale: kept, with its files


def test_bad_bulk_requests_are_refused_with_a_message(admin, shop, db):
    r = _bulk(admin, "publish", query="?lang=en")
    assert r.status_code == 422 and 'data-error-for="ids"' in r.text
    assert "Choose at least one product" in r.text
    assert _bulk(admin, "explode", shop["draft"]["id"]).status_code == 422
    assert _bulk(admin, "edit").status_code == 422
    assert _status(db, shop["draft"]["id"]) == "draft"


def test_edit_opens_the_table_of_the_chosen_products(admin, shop, db):
    r = _bulk(admin, "edit", shop["cup"]["id"], shop["tee"]["id"])
    assert r.status_code == 303
    assert (
        r.headers["location"]
        == f"/admin/products/bulk-edit?ids={shop['cup']['id']}%2C{shop['tee']['id']}"
    )
    page = admin.get(r.headers["location"] + "&lang=en").text
    assert page.index('data-product="ceramic-mug"') < page.index('data-product="cotton-tee"')
    mug = shop["cup"]["skus"][0]
    assert f'name="price.{mug}.3900" value="39.00"' in page
    assert f'name="stock.{mug}.{shop["warehouse"]}.10" value="10"' in page
    assert "2 products, 6 SKUs" in page


def _sheet(admin, ids: list[int], cells: dict[str, str]):
    body = {"csrf": admin.csrf, "ids": ",".join(map(str, ids)), **cells}
    return admin.post("/admin/products/bulk-edit?lang=en", data=body, follow_redirects=False)


def _prices(db, *skus: int) -> list[int]:
    with db.reading() as s:
        return [s.get(Sku, k).price for k in skus]


def _on_hand(db, sku: int, wh: int) -> int:
    with db.reading() as s:
        return s.execute(
            select(StockLevel.on_hand).where(
                StockLevel.sku_id == sku, StockLevel.warehouse_id == wh
            )
        ).scalar_one()


def _version(db) -> int:
    with db.reading() as s:
        return s.get(CatalogState, 1).version


def test_prices_and_stock_saved_together(admin, shop, db):
    mug350, mug500 = shop["cup"]["skus"]
    wh, pid = shop["warehouse"], shop["cup"]["id"]
    before = _version(db)
    cells = {
        f"price.{mug350}.3900": "35.5",
        f"price.{mug500}.4900": "49.00",  # unchanged
        f"stock.{mug350}.{wh}.10": "40",
        f"stock.{mug500}.{wh}.10": "10",
    }
    r = _sheet(admin, [pid], cells)
    assert r.status_code == 303 and "bulk-edit?ids=" in r.headers["location"]
    assert "1 prices and 1 stock counts" in unquote_plus(r.headers["location"])
    assert _prices(db, mug350, mug500) == [3550, 4900]
    assert _on_hand(db, mug350, wh) == 40 and _version(db) > before
    with db.reading() as s:
        p = s.get(Product, pid)
        assert (p.min_price, p.max_price) == (3550, 4900)
        entry = s.scalars(select(LedgerEntry).order_by(LedgerEntry.id.desc())).first()
        assert (entry.reason, entry.actor, entry.delta_on_hand) == (
            "count",
            "admin@example.com",
            30,
        )


def test_any_bad_cell_saves_nothing_and_every_bad_cell_is_marked(admin, shop, db):
    mug350, mug500 = shop["cup"]["skus"]
    tee = shop["tee"]["skus"]
    wh = shop["warehouse"]
    with db.transaction() as s:
        stock.reserve(s, mug500, wh, 7, "order-1")
    cells = {
        f"price.{mug350}.3900": "abc",
        f"price.{tee[0]}.9900": "0",
        f"price.{tee[1]}.10400": "1.234",
        f"price.{tee[2]}.9900": "-5",
        f"price.{tee[3]}.10400": "120",  # fine, but not saved
        f"stock.{mug350}.{wh}.10": "12",  # fine, but not saved
        f"stock.{mug500}.{wh}.10": "6",  # below the 7 reserved
        f"stock.{tee[0]}.{wh}.10": "x",
    }
    r = _sheet(admin, [shop["cup"]["id"], shop["tee"]["id"]], cells)
    assert r.status_code == 422
    bad = [
        f"price.{mug350}",
        f"price.{tee[0]}",
        f"price.{tee[1]}",
        f"price.{tee[2]}",
        f"stock.{mug500}.{wh}",
        f"stock.{tee[0]}.{wh}",
    ]
    for key in bad:
        assert f'data-error-for="{key}"' in r.text, key
    assert r.text.count('data-error-for="') == len(bad)
    assert "Below the 7 units reserved" in r.text and "6 cells need correcting" in r.text
    assert 'value="abc"' in r.text and 'value="120"' in r.text  # as typed
    assert _prices(db, mug350, tee[3]) == [3900, 10400] and _on_hand(db, mug350, wh) == 10


def _member(db, email: str, permissions: list[str]) -> None:
    with db.transaction() as tx:
        team.save_role(tx, None, team.RoleData("cat", "cat", permissions))
        team.add_staff(tx, email, "correct-horse-9", "", "cat")


def test_stock_columns_follow_the_stock_permissions(app, db, shop):
    from fastapi.testclient import TestClient

    _member(db, "ops@example.com", ["catalog.view", "catalog.edit", "stock.view"])
    c = TestClient(app)
    assert (
        c.post(
            "/admin/login",
            data={"email": "ops@example.com", "password": "correct-horse-9"},
            follow_redirects=False,
        ).status_code
        == 303
    )
    mug = shop["cup"]["skus"][0]
    wh = shop["warehouse"]
    page = c.get(f"/admin/products/bulk-edit?ids={shop['cup']['id']}").text
    assert f'name="price.{mug}.3900"' in page and f'name="stock.{mug}.' not in page
    csrf = page.split('name="csrf" value="')[1].split('"')[0]
    r = c.post(
        "/admin/products/bulk-edit",
        data={"csrf": csrf, "ids": str(shop["cup"]["id"]), f"stock.{mug}.{wh}.10": "99"},
        follow_redirects=False,
    )
    assert r.status_code == 403 and _on_hand(db, mug, wh) == 10


def test_the_table_reads_a_fixed_number_of_statements(admin, shop, db):
    few_ids = shop["cup"]["id"]
    all_ids = ",".join(str(shop[k]["id"]) for k in ("tee", "polo", "cup", "draft"))
    admin.get(f"/admin/products/bulk-edit?ids={few_ids}")  # warm up
    with statements(db) as few:
        admin.get(f"/admin/products/bulk-edit?ids={few_ids}")
    with statements(db) as many:
        admin.get(f"/admin/products/bulk-edit?ids={all_ids}")
    assert len(many) == len(few), many
