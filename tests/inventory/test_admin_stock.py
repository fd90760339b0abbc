"""/admin/stock: the SKU x warehouse table, filters, set/adjust form, and the ledger page."""

from __future__ import annotations

import re

from sqlalchemy import select

from mercato.inventory import services
from mercato.inventory.adapters.tables import LedgerEntry, StockLevel


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


def _codes(html: str) -> list[str]:
    return re.findall(r"<td><code>([^<]+)</code></td>", html)


def test_table_lists_every_sku_and_filters(admin, db, shop):
    with db.transaction() as tx:
        services.create_warehouse(tx, "BJ", "北京仓", "Beijing")
        services.set_on_hand(tx, shop["cup"]["skus"][0], shop["warehouse"], 0)
    r = admin.get("/admin/stock?lang=en")
    assert r.status_code == 200
    assert "22 rows" in r.text
    r = admin.get("/admin/stock?sku=mug&warehouse=SH&lang=en")
    assert _codes(r.text) == ["MUG-350", "MUG-500"]
    r = admin.get("/admin/stock?only=out&warehouse=SH&lang=en")
    assert _codes(r.text) == ["MUG-350"]
    r = admin.get("/admin/stock?only=out&lang=en")
    assert "12 rows" in r.text  # the 11 SKUs in BJ plus MUG-350 in SH


def test_pagination(admin, db, shop):
    with db.transaction() as tx:
        for i in range(4):
            services.create_warehouse(tx, f"W{i}", f"仓{i}", f"W{i}")
    first = admin.get("/admin/stock?lang=en")
    assert "55 rows" in first.text and "Page 1 of 2" in first.text
    assert len(_codes(first.text)) == 50
    second = admin.get("/admin/stock?page=2&lang=en")
    assert len(_codes(second.text)) == 5
    assert admin.get("/admin/stock?page=0").status_code == 200


def _post(admin, **form: str):
    data = {"csrf": admin.csrf, "sku_code": "MUG-350", "warehouse_code": "SH", "reason": "count"}
    data.update(form)
    return admin.post("/admin/stock?lang=en", data=data, follow_redirects=False)


def test_set_and_adjust(admin, db, shop):
    sku, wh = shop["cup"]["skus"][0], shop["warehouse"]
    r = _post(admin, mode="set", quantity="25")
    assert r.status_code == 303
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
