"""Staff and roles (issue 14): the owner adds staff with roles and defines custom roles; a
restricted member meets 403 and sees only their part of the navigation; the shop keeps an
owner; changing one's password ends every session."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from mercato.access import team


def _post(client: TestClient, url: str, **data: Any) -> Any:
    return client.post(url, data={"csrf": client.csrf, **data}, follow_redirects=False)  # type: ignore[attr-defined]


def _sign_in(app: Any, email: str, password: str = "correct-horse-9") -> TestClient:
    c = TestClient(app, follow_redirects=False)
    assert c.post("/admin/login", data={"email": email, "password": password}).status_code == 303
    return c


def test_the_owner_adds_a_warehouse_clerk_who_sees_only_stock(admin: Any, app: Any) -> None:
    r = _post(
        admin,
        "/admin/staff",
        email="clerk@example.com",
        name="Clerk",
        password="correct-horse-9",
        role="warehouse",
    )
    assert r.status_code == 303, r.text
    page = admin.get("/admin/staff").text
    assert "clerk@example.com" in page and "仓库" in page
    clerk = _sign_in(app, "clerk@example.com")
    assert clerk.get("/admin/stock").status_code == 200
    nav = clerk.get("/admin/stock").text
    assert 'href="/admin/warehouses"' in nav and 'href="/admin/staff"' not in nav
    denied = clerk.get("/admin/staff")
    assert denied.status_code == 403 and "您没有执行此操作的权限" in denied.text
    assert clerk.get("/admin/products").status_code == 200  # catalogue: view only
    assert clerk.post("/admin/products", data={"csrf": "x"}).status_code == 403


def test_bad_input_on_the_staff_form(admin: Any) -> None:
    bad = _post(admin, "/admin/staff", email="nope", password="correct-horse-9", role="warehouse")
    assert bad.status_code == 422 and "邮箱" in bad.text
    weak = _post(admin, "/admin/staff", email="a@example.com", password="short", role="warehouse")
    assert weak.status_code == 422
    role = _post(
        admin, "/admin/staff", email="b@example.com", password="correct-horse-9", role="king"
    )
    assert role.status_code == 422 and "请选择" in role.text


def test_a_custom_role_and_the_last_owner(admin: Any, db: Any, staff: Any) -> None:
    r = _post(
        admin, "/admin/roles", code="buyer", name="采购", permissions=["catalog.edit", "stock.view"]
    )
    assert r.status_code == 303, r.text
    with db.reading() as tx:
        role = team.role_of(tx, "buyer")
    assert role is not None and role.permissions == {"catalog.edit", "catalog.view", "stock.view"}
    matrix = admin.get("/admin/roles").text
    assert "采购" in matrix and 'data-code="buyer"' in matrix
    assert _post(admin, "/admin/roles", code="owner", name="x").status_code == 422
    assert (
        _post(admin, "/admin/roles", code="x", name="x", permissions=["god.mode"]).status_code
        == 422
    )
    edited = _post(admin, "/admin/roles/buyer", name="采购员", permissions=["catalog.view"])
    assert edited.status_code == 303
    # The one owner cannot demote or deactivate themself.
    me = _post(admin, f"/admin/staff/{staff['id']}", role="buyer", active="1")
    assert me.status_code == 409


def test_changing_ones_password_ends_every_session(admin: Any, app: Any) -> None:
    other = _sign_in(app, "admin@example.com")  # the same member on another device
    wrong = _post(admin, "/admin/password", current="nope", new="new-password-99")
    assert wrong.status_code == 422 and "当前密码" in wrong.text
    ok = _post(admin, "/admin/password", current="correct-horse-9", new="new-password-99")
    assert ok.status_code == 303 and ok.headers["location"] == "/admin/login"
    assert admin.get("/admin/orders", follow_redirects=False).status_code == 303  # signed out
    assert other.get("/admin/orders").status_code == 303
    _sign_in(app, "admin@example.com", "new-password-99")
