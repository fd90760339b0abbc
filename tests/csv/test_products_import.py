"""Products CSV: creating and updating through the catalogue services, round trips, BOM."""

from __future__ import annotations

from sqlalchemy import select

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.adapters.tables import Product, Sku
from mercato.catalog.services.csv_io import export_products, import_products
from mercato.inventory import public as inventory
from tests.csv.helpers import counts, product_row, to_csv


def _import(db, data: bytes, skip_errors: bool = False, progress=None):
    with db.transaction() as tx:
        return import_products(tx, data, skip_errors=skip_errors, progress=progress, actor="test")


def test_import_creates_products_and_skus_visible_on_the_product_page(db, shop):
    data = to_csv(
        [
            product_row(),
            product_row(sku="SCARF-BLUE", price="65.5", options="color=蓝色|Blue"),
            product_row(
                "tea-cup",
                "CUP-1",
                name_zh="茶杯",
                name_en="Tea cup",
                category_slug="cups",
                brand_slug="",
                status="",
                featured="0",
                options="",
                price="12",
                cost="",
                barcode="4006381333931",
            ),
        ]
    )
    report = _import(db, data)
    assert report.errors == []
    assert (report.written, report.unchanged, report.rows) == (3, 0, 3)
    with db.reading() as tx:
        scarf = product_detail(tx, "wool-scarf", "en")
        assert scarf is not None
        assert (scarf.name, scarf.subtitle, scarf.status, scarf.brand) == (
            "Wool scarf",
            "Warm",
            "active",
            "North Hill",
        )
        assert (scarf.min_price, scarf.max_price) == (5900, 6550)
        assert [(s.code, s.price, s.options) for s in scarf.skus] == [
            ("SCARF-RED", 5900, {"color": "Red"}),
            ("SCARF-BLUE", 6550, {"color": "Blue"}),
        ]
        zh = product_detail(tx, "wool-scarf", "zh_CN")
        assert zh is not None and zh.skus[0].option_labels == {"颜色": "红色"}
        product = tx.scalars(select(Product).where(Product.slug == "wool-scarf")).one()
        assert product.featured is True
        red = tx.scalars(select(Sku).where(Sku.code == "SCARF-RED")).one()
        assert (red.cost, red.weight_g) == (2050, 150)
        cup = product_detail(tx, "tea-cup", "en", with_inactive=True)
        assert cup is not None and (cup.status, cup.brand) == ("draft", "")
        assert [(s.code, s.barcode, s.price) for s in cup.skus] == [
            ("CUP-1", "4006381333931", 1200)
        ]
        # The catalogue registered the new SKUs with inventory, which keeps the codes itself.
        assert set(inventory.sku_ids_for_codes(tx, ["SCARF-RED", "CUP-1"])) == {
            "SCARF-RED",
            "CUP-1",
        }


def test_import_updates_existing_products_by_slug_and_skus_by_code(db, shop):
    with db.reading() as tx:
        rows = export_products(tx).decode().splitlines()
    changed = [
        r.replace("Cotton crew-neck T-shirt", "Organic cotton tee").replace(
            "TEE-WH-M,,99.00", "TEE-WH-M,,89.00"
        )
        for r in rows
    ]
    report = _import(db, "\n".join(changed).encode())
    assert report.errors == []
    assert report.written == 4  # the four rows of the renamed product
    assert report.unchanged == len(rows) - 1 - 4
    with db.reading() as tx:
        tee = product_detail(tx, "cotton-tee", "en")
        assert tee is not None and tee.name == "Organic cotton tee"
        assert {s.code: s.price for s in tee.skus}["TEE-WH-M"] == 8900
        assert tee.min_price == 8900
        # Columns the CSV does not carry (attributes) are kept as they were.
        assert tee.attributes == (("Origin", "China"),)
        polo = product_detail(tx, "linen-polo", "en")
        assert polo is not None and polo.name == "Linen polo shirt"


def test_round_trip_export_then_import_changes_nothing(db, shop):
    with db.reading() as tx:
        first = export_products(tx)
        version = repository.version(tx)
    report = _import(db, first)
    assert report.errors == []
    assert report.written == 0
    assert report.unchanged == len(first.decode().splitlines()) - 1
    with db.reading() as tx:
        assert export_products(tx) == first
        assert repository.version(tx) == version  # no write happened at all


def test_product_without_skus_round_trips(db, shop):
    row = {c: v for c, v in product_row("gift-box").items()}
    for column in ("sku_code", "price", "cost", "weight_g", "options"):
        row[column] = ""
    row["status"] = "draft"
    report = _import(db, to_csv([row]))
    assert report.errors == [] and report.written == 1
    with db.reading() as tx:
        data = export_products(tx)
        assert "gift-box" in data.decode()
    again = _import(db, data)
    assert again.errors == [] and again.written == 0


def test_utf8_bom_from_excel_is_accepted(db, shop):
    data = "\ufeff".encode() + to_csv([product_row()])
    report = _import(db, data)
    assert report.errors == [] and report.written == 1


def test_header_is_case_and_space_insensitive_and_extra_columns_ignored(db, shop):
    row = product_row()
    columns = [" Product_Slug ", *list(row)[1:], "notes"]
    data = to_csv([{**row, " Product_Slug ": row["product_slug"], "notes": "x"}], columns)
    report = _import(db, data)
    assert report.errors == [] and report.written == 1


def test_progress_is_reported_about_every_hundred_rows(db, shop):
    rows = [
        product_row(f"item-{i}", "", status="draft", price="", cost="", weight_g="", options="")
        for i in range(230)
    ]
    calls: list[tuple[int, int]] = []
    report = _import(db, to_csv(rows), progress=lambda d, t: calls.append((d, t)))
    assert report.errors == [] and report.written == 230
    assert calls == [(100, 230), (200, 230), (230, 230)]
    with db.reading() as tx:
        assert counts(tx)[0] == 4 + 230
