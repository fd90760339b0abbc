"""Every staff write is in the audit log: who, when, what, before and after; filterable."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from mercato.platform.audit import AuditEntry


def _entries(db: Any) -> list[AuditEntry]:
    with db.reading() as tx:
        rows = list(tx.scalars(select(AuditEntry).order_by(AuditEntry.id)))
        tx.expunge_all()  # read after the session ends
        return rows


def test_a_staff_edit_is_logged_with_before_and_after(admin: Any, db: Any, shop: Any) -> None:
    brand = shop["brand"]
    r = admin.post(
        f"/admin/brands/{brand}",
        data={
            "csrf": admin.csrf,
            "slug": "north-hill",
            "name_zh": "北山户外",
            "name_en": "North Hill",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    found = [e for e in _entries(db) if e.target == f"catalog_brand#{brand}"]
    assert len(found) == 1
    e = found[0]
    assert (e.actor, e.action) == ("admin@example.com", f"POST /admin/brands/{brand}")
    assert '"name_zh": ["北山", "北山户外"]' in e.changes
    page = admin.get("/admin/audit?q=catalog_brand").text
    assert "北山户外" in page and "admin@example.com" in page
    assert "北山户外" not in admin.get("/admin/audit?q=orders_order").text


def test_reads_customers_and_secrets_stay_out(admin: Any, client: Any, db: Any) -> None:
    admin.get("/admin/orders")
    client.post("/api/v1/customers", json={"phone": "13900001111", "password": "secret-pass-1"})
    assert _entries(db) == []
    admin.post(
        "/admin/staff",
        data={
            "csrf": admin.csrf,
            "email": "x@example.com",
            "password": "correct-horse-9",
            "role": "finance",
        },
    )
    logged = [e for e in _entries(db) if e.target.startswith("access_staff")]
    assert logged and "correct-horse-9" not in logged[0].changes
    assert '"password_hash": [null, "(changed)"]' in logged[0].changes


def test_bad_filters(admin: Any) -> None:
    r = admin.get("/admin/audit?date_from=2026-12-07&date_to=2026-12-01")
    assert r.status_code == 422
    assert admin.get("/admin/audit?page=0").status_code == 422
