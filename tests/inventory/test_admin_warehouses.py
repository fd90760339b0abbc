"""/admin/warehouses: list, create, edit; bad input is shown again with its error (422)."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.inventory.adapters.tables import Warehouse
from tests.inventory.test_admin_stock import error_under


def _count(db) -> int:
    with db.reading() as tx:
        return tx.execute(select(func.count()).select_from(Warehouse)).scalar_one()


def _form(admin, **over: str) -> dict[str, str]:
    data = {
        "csrf": admin.csrf,
        "code": "gz",
        "name_zh": "广州仓",
        "name_en": "Guangzhou",
        "region": "South China",
        "address": "1 Port Road",
        "active": "1",
    }
    data.update(over)
    return data


def test_pages_need_a_signed_in_staff_member(client, db):
    r = client.get("/admin/warehouses", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/admin/login")
    r = client.get("/admin/stock", follow_redirects=False)
    assert r.status_code == 303


def test_list_create_and_edit(admin, db, shop):
    r = admin.get("/admin/warehouses?lang=en")
    assert r.status_code == 200 and "Shanghai" in r.text
    r = admin.post("/admin/warehouses", data=_form(admin), follow_redirects=False)
    assert r.status_code == 303
    page = admin.get(r.headers["location"] + "&lang=en")
    assert "GZ" in page.text and "Guangzhou" in page.text
    with db.reading() as tx:
        wh = tx.scalars(select(Warehouse).where(Warehouse.code == "GZ")).one()
        assert (wh.region, wh.address, wh.active) == ("South China", "1 Port Road", True)
        wh_id = wh.id

    r = admin.get(f"/admin/warehouses/{wh_id}?lang=en")
    assert r.status_code == 200 and 'value="Guangzhou"' in r.text
    form = _form(admin, name_en="Canton")
    del form["active"]  # an unticked checkbox is not sent
    r = admin.post(f"/admin/warehouses/{wh_id}", data=form, follow_redirects=False)
    assert r.status_code == 303
    with db.reading() as tx:
        wh = tx.get(Warehouse, wh_id)
        assert wh is not None and (wh.code, wh.name_en, wh.active) == ("GZ", "Canton", False)


def test_bad_input_is_rerendered_with_field_errors_and_nothing_written(admin, db, shop):
    before = _count(db)
    cases = [
        ({"code": "bad code!"}, "code"),
        ({"code": "SH"}, "code"),  # taken
        ({"name_zh": ""}, "name_zh"),
        ({"name_en": "x" * 121}, "name_en"),
        ({"region": "r" * 81}, "region"),
        ({"address": "a" * 301}, "address"),
    ]
    for over, field in cases:
        r = admin.post("/admin/warehouses?lang=en", data=_form(admin, **over))
        assert r.status_code == 422, over
        assert error_under(r.text, field), over
        # The form keeps what was typed.
        assert 'value="Guangzhou"' in r.text or over.get("name_en")
    assert _count(db) == before
    r = admin.post(f"/admin/warehouses/{shop['warehouse']}", data=_form(admin, name_en=""))
    assert r.status_code == 422
    with db.reading() as tx:
        assert tx.get(Warehouse, shop["warehouse"]).name_en == "Shanghai"


def test_post_without_csrf_is_refused(admin, db, shop):
    before = _count(db)
    form = _form(admin)
    del form["csrf"]
    r = admin.post("/admin/warehouses", data=form)
    assert r.status_code == 403
    assert _count(db) == before


def test_unknown_warehouse_is_404(admin, db):
    assert admin.get("/admin/warehouses/99999").status_code == 404
