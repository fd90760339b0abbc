"""/admin/import: multipart uploads with a report table, and the CSV downloads."""

from __future__ import annotations

import re

from mercato.catalog.adapters.queries.detail import product_detail
from mercato.catalog.web import admin_import
from tests.csv.helpers import counts, product_row, to_csv


def _upload(admin, kind: str, data: bytes, skip: bool = False, **headers: str):
    form = {"csrf": admin.csrf}
    if skip:
        form["skip_errors"] = "1"
    return admin.post(
        f"/admin/import/{kind}?lang=en",
        data=form,
        files={"file": ("data.csv", data, "text/csv")},
        headers=headers,
    )


def _report_rows(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<tr><td>(\d+)</td><td><code>([^<]+)</code></td>", html)


def test_page_shows_both_forms_and_download_links(admin, db):
    r = admin.get("/admin/import?lang=en")
    assert r.status_code == 200
    assert 'action="/admin/import/products"' in r.text and 'action="/admin/import/stock"' in r.text
    assert 'enctype="multipart/form-data"' in r.text and 'name="skip_errors"' in r.text
    assert "/admin/export/products.csv" in r.text and "/admin/export/stock.csv" in r.text


def test_products_upload_writes_and_reports(admin, db, shop):
    r = _upload(admin, "products", to_csv([product_row()]))
    assert r.status_code == 200
    assert "1 rows written" in r.text
    with db.reading() as tx:
        assert product_detail(tx, "wool-scarf", "en") is not None


def test_bad_upload_lists_every_row_and_writes_nothing(admin, db, shop):
    data = to_csv(
        [
            product_row(),
            product_row("x", "X-1", price="abc"),
            product_row("y", "Y-1", brand_slug="?"),
        ]
    )
    with db.reading() as tx:
        before = counts(tx)
    r = _upload(admin, "products", data)
    assert r.status_code == 422
    assert _report_rows(r.text) == [("3", "price"), ("4", "brand_slug")]
    assert "Nothing was written" in r.text
    with db.reading() as tx:
        assert counts(tx) == before
    r = _upload(admin, "products", data, skip=True)
    assert r.status_code == 200 and "1 rows written" in r.text
    with db.reading() as tx:
        assert counts(tx) == (before[0] + 1, before[1] + 1)


def test_stock_upload(admin, db, shop):
    r = _upload(admin, "stock", b"sku_code,warehouse_code,on_hand\nMUG-350,SH,42\nNOPE,SH,1\n")
    assert r.status_code == 422 and _report_rows(r.text) == [("3", "sku_code")]
    r = _upload(admin, "stock", b"sku_code,warehouse_code,on_hand\nMUG-350,SH,42\n")
    assert r.status_code == 200
    stock = admin.get("/admin/export/stock.csv")
    assert "MUG-350,SH,42,0,42" in stock.text


def test_no_file_non_utf8_and_too_large(admin, db, shop, monkeypatch):
    r = admin.post(
        "/admin/import/products?lang=en",
        data={"csrf": admin.csrf},
        files={"file": ("", b"", "text/csv")},
    )
    assert r.status_code == 422 and "Choose a CSV file" in r.text
    r = _upload(admin, "products", "产品,名称\n".encode("gbk"))
    assert r.status_code == 422 and "UTF-8" in r.text
    big = b"x" * (admin_import.MAX_UPLOAD + admin_import.FORM_SLACK + 1)
    r = _upload(admin, "products", big)
    assert r.status_code == 413 and "10 MB" in r.text
    # The file itself is measured too (a body may come without a Content-Length).
    monkeypatch.setattr(admin_import, "MAX_UPLOAD", 100)
    r = _upload(admin, "stock", b"sku_code,warehouse_code,on_hand\n" + b"MUG-350,SH,1\n" * 20)
    assert r.status_code == 413


def test_upload_needs_csrf_and_staff(admin, client, db, shop):
    r = admin.post("/admin/import/products", files={"file": ("a.csv", b"x", "text/csv")})
    assert r.status_code == 403


def test_downloads_are_attachments_excel_can_open(admin, db, shop):
    r = admin.get("/admin/export/products.csv")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="products.csv"'
    assert r.content.startswith("\ufeff".encode())
    assert "cotton-tee" in r.content.decode("utf-8-sig")
    # What was downloaded uploads again without changing anything.
    again = _upload(admin, "products", r.content)
    assert again.status_code == 200 and "0 rows written" in again.text
    assert _report_rows(again.text) == []
    r = admin.get("/admin/export/stock.csv")
    assert r.headers["content-disposition"] == 'attachment; filename="stock.csv"'


def test_anonymous_download_redirects_to_login(client, db):
    r = client.get("/admin/export/products.csv", follow_redirects=False)
    assert r.status_code == 303
