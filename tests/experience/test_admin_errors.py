"""Admin errors stay in the admin (issue 14, defect 8)."""

from __future__ import annotations

from typing import Any


def test_an_unknown_order_is_an_admin_404(admin: Any) -> None:
    r = admin.get("/admin/orders/NOPE")
    assert r.status_code == 404
    assert 'data-testid="admin-error"' in r.text and 'href="/admin"' in r.text
    assert "site-header" not in r.text  # not the storefront's page leading to the shop
    assert "返回工作台" in r.text


def test_an_unknown_admin_path_is_an_admin_404_even_signed_out(client: Any) -> None:
    r = client.get("/admin/no-such-page")
    assert r.status_code == 404 and 'data-testid="admin-error"' in r.text
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_the_ledger_without_a_sku_lists_every_movement(admin: Any, shop: Any) -> None:
    r = admin.get("/admin/stock/ledger")
    assert r.status_code == 200
    assert "全部 SKU" in r.text and "TEE-WH-M" in r.text  # the opening stock of every SKU
    one = admin.get("/admin/stock/ledger?sku=TEE-WH-M")
    assert one.status_code == 200 and "全部 SKU" not in one.text
    assert admin.get("/admin/stock/ledger?sku=NOPE").status_code == 404
