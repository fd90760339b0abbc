"""Products CSV: every bad row is reported at its line; with errors nothing is written unless
skip_errors, and then only the good rows are."""

from __future__ import annotations

from mercato.catalog.adapters import repository
from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.services.csv_io import import_products
from mercato.kernel.csvreport import MAX_ROWS
from tests.csv.helpers import counts, errors_of, product_row, to_csv


def _import(db, data: bytes, skip_errors: bool = False):
    with db.transaction() as tx:
        return import_products(tx, data, skip_errors=skip_errors, progress=None, actor="t")


def _bad_file() -> tuple[bytes, list[tuple[int, str]]]:
    """A file with good rows and one kind of bad row per line; returns it and the expected
    (line, column) errors."""
    rows = [
        product_row(),  # line 2: good
        product_row("bad-cat", "X-1", category_slug="nope"),  # 3
        product_row("bad-brand", "X-2", brand_slug="nope"),  # 4
        product_row("bad-price", "X-3", price="12.345"),  # 5
        product_row("no-price", "X-4", price=""),  # 6
        product_row("dup-code", "SCARF-RED"),  # 7: same code as line 2
        product_row("bad-status", "X-5", status="live"),  # 8
        product_row("bad-flag", "X-6", featured="maybe"),  # 9
        product_row("bad-axis", "X-7", options="colour=红|Red"),  # 10
        product_row("bad-barcode", "X-8", barcode="12345678"),  # 11
        product_row("bad-weight", "X-9", weight_g="-5"),  # 12
        product_row("multi-line", "X-10", description_en="Line one\nline two"),  # 13-14: good
        product_row("other-owner", "TEE-WH-M"),  # 15: the code belongs to cotton-tee
        product_row(sku="SCARF-2", name_en="Another name"),  # 16: disagrees with line 2
        product_row("no-name", "X-11", name_zh=""),  # 17
        product_row(sku="SCARF-3", options="color=蓝色|Blue;size=M|M"),  # 18: axes differ
        product_row("Bad Slug", "X-12"),  # 19
        product_row("neg-cost", "X-13", cost="-1"),  # 20
        product_row("bad-code", "has space"),  # 21
        product_row("cheap", "X-14", price="0"),  # 22
        product_row("bad-options", "X-15", options="color"),  # 23
    ]
    expected = [
        (3, "category_slug"),
        (4, "brand_slug"),
        (5, "price"),
        (6, "price"),
        (7, "sku_code"),
        (8, "status"),
        (9, "featured"),
        (10, "options"),
        (11, "barcode"),
        (12, "weight_g"),
        (15, "sku_code"),
        (16, "name_en"),
        (17, "name_zh"),
        (18, "options"),
        (19, "product_slug"),
        (20, "cost"),
        (21, "sku_code"),
        (22, "price"),
        (23, "options"),
    ]
    return to_csv(rows), expected


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(db, shop):
    data, expected = _bad_file()
    with db.reading() as tx:
        before, version = counts(tx), repository.version(tx)
    report = _import(db, data)
    assert errors_of(report) == expected
    assert all(e.reason for e in report.errors)
    assert report.written == 0
    with db.reading() as tx:
        assert counts(tx) == before
        assert repository.version(tx) == version
        assert product_detail(tx, "wool-scarf", "en", with_inactive=True) is None


def test_skip_errors_writes_only_the_good_rows(db, shop):
    data, expected = _bad_file()
    with db.reading() as tx:
        before = counts(tx)
    report = _import(db, data, skip_errors=True)
    assert errors_of(report) == expected
    assert report.written == 2  # lines 2 and 13-14
    with db.reading() as tx:
        assert counts(tx) == (before[0] + 2, before[1] + 2)
        scarf = product_detail(tx, "wool-scarf", "en")
        assert scarf is not None and [s.code for s in scarf.skus] == ["SCARF-RED"]
        multi = product_detail(tx, "multi-line", "en")
        assert multi is not None and multi.description == "Line one\nline two"
        tee = product_detail(tx, "cotton-tee", "en")
        assert tee is not None and len(tee.skus) == 4  # the stolen code stayed where it was


def test_a_refused_product_takes_its_other_rows_with_it(db, shop):
    # Activating needs an active SKU; the product's only SKU row is bad, so the product row
    # is refused by the service and its product-only row is reported too.
    rows = [
        product_row("lonely", "", price="", cost="", weight_g="", options=""),
        product_row("lonely", "L-1", price="abc"),
    ]
    report = _import(db, to_csv(rows), skip_errors=True)
    assert errors_of(report) == [(2, "status"), (3, "price")]
    with db.reading() as tx:
        assert product_detail(tx, "lonely", "en", with_inactive=True) is None


def test_missing_required_columns_give_one_error_each_on_line_1(db, shop):
    row = product_row()
    columns = [c for c in row if c not in ("price", "category_slug")]
    report = _import(db, to_csv([row], columns))
    assert errors_of(report) == [(1, "category_slug"), (1, "price")]


def test_optional_columns_may_be_left_out(db, shop):
    row = product_row()
    columns = ["product_slug", "name_zh", "name_en", "category_slug", "sku_code", "price"]
    report = _import(db, to_csv([row], columns))
    assert report.errors == [] and report.written == 1
    with db.reading() as tx:
        view = product_detail(tx, "wool-scarf", "en", with_inactive=True)
        assert view is not None and view.status == "draft" and view.brand == ""


def test_non_utf8_file_is_refused_and_nothing_written(db, shop):
    data = to_csv([product_row()]).decode().encode("gbk")
    with db.reading() as tx:
        before = counts(tx)
    report = _import(db, data)
    assert [(e.line, e.field) for e in report.errors] == [(2, "file")]
    assert "UTF-8" in report.errors[0].reason
    with db.reading() as tx:
        assert counts(tx) == before


def test_empty_and_header_only_files_are_errors(db, shop):
    for data in (b"", "\ufeff".encode(), b"\r\n \r\n", to_csv([])):
        report = _import(db, data)
        assert errors_of(report) == [(1, "file")], data
        assert report.written == 0


def test_duplicate_header_and_surplus_cells(db, shop):
    report = _import(db, b"product_slug,product_slug\nx,y\n")
    assert (1, "product_slug") in errors_of(report)
    row = to_csv([product_row()]).decode().rstrip("\r\n") + ",surplus\r\n"
    report = _import(db, row.encode())
    assert errors_of(report) == [(2, "row")]


def test_more_than_max_rows_is_refused(db, shop):
    header = to_csv([]).decode()
    line = "p,n,n,apparel,,,,,,,,S,,1,,,,\n"
    report = _import(db, (header + line * (MAX_ROWS + 1)).encode())
    assert errors_of(report) == [(1, "file")]
    assert "50,000" in report.errors[0].reason
