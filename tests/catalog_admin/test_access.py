"""Every catalogue admin page needs a staff session; every POST also needs the CSRF token."""

from __future__ import annotations

from tests.catalog_admin.helpers import post

GET_PAGES = [
    "/admin",
    "/admin/products",
    "/admin/products/new",
    "/admin/products/{tee}",
    "/admin/skus/{sku}",
    "/admin/categories",
    "/admin/categories/{cat}",
    "/admin/brands",
    "/admin/brands/{brand}",
    "/admin/axes",
    "/admin/axes/color",
    "/admin/attributes",
    "/admin/attributes/origin",
    "/admin/articles",
    "/admin/articles/new",
]

POSTS = [
    "/admin/products",
    "/admin/products/{tee}",
    "/admin/products/{draft}/status",
    "/admin/products/{draft}/delete",
    "/admin/products/{tee}/skus",
    "/admin/skus/{sku}",
    "/admin/skus/{sku}/delete",
    "/admin/products/{tee}/blocks",
    "/admin/categories",
    "/admin/categories/{cat}",
    "/admin/categories/{cat}/delete",
    "/admin/brands",
    "/admin/brands/{brand}",
    "/admin/brands/{brand}/delete",
    "/admin/axes",
    "/admin/axes/color",
    "/admin/attributes",
    "/admin/attributes/origin",
    "/admin/articles",
    "/admin/articles/1",
    "/admin/articles/1/delete",
    "/admin/blocks/1/delete",
]


def _url(template: str, shop: dict) -> str:
    return template.format(
        tee=shop["tee"]["id"],
        draft=shop["draft"]["id"],
        sku=shop["tee"]["skus"][0],
        cat=shop["cups"],
        brand=shop["other_brand"],
    )


def test_pages_need_sign_in(client, shop):
    wrong = []
    for page in GET_PAGES:
        r = client.get(_url(page, shop), follow_redirects=False)
        if r.status_code != 303 or not r.headers["location"].startswith("/admin/login"):
            wrong.append((page, r.status_code))
    assert wrong == []


def test_pages_render_for_staff(admin, shop):
    wrong = []
    for page in GET_PAGES:
        r = admin.get(_url(page, shop))
        if r.status_code != 200 or ('name="csrf"' not in r.text and page != "/admin"):
            wrong.append((page, r.status_code))
    assert wrong == []


def test_posts_need_sign_in(client, shop):
    wrong = []
    for action in POSTS:
        r = client.post(_url(action, shop), data={"name_zh": "x"}, follow_redirects=False)
        if r.status_code != 303 or not r.headers["location"].startswith("/admin/login"):
            wrong.append((action, r.status_code))
    assert wrong == []


def test_posts_need_csrf(admin, shop):
    wrong = []
    for action in POSTS:
        url = _url(action, shop)
        missing = admin.post(url, data={"name_zh": "x"}, follow_redirects=False)
        forged = admin.post(url, data={"csrf": "0" * 32}, follow_redirects=False)
        if (missing.status_code, forged.status_code) != (403, 403):
            wrong.append((action, missing.status_code, forged.status_code))
    assert wrong == []


def test_missing_csrf_deletes_nothing(admin, shop, db):
    from mercato.catalog.adapters.tables import Product
    from tests.catalog_admin.helpers import count

    before = count(db, Product)
    r = admin.post(f"/admin/products/{shop['draft']['id']}/delete", follow_redirects=False)
    assert r.status_code == 403
    assert count(db, Product) == before
    assert post(admin, f"/admin/products/{shop['draft']['id']}/delete").status_code == 303
    assert count(db, Product) == before - 1


def test_unknown_records_are_404(admin, shop):
    for url in ("/admin/products/999999", "/admin/skus/999999", "/admin/categories/999999"):
        assert admin.get(url).status_code == 404
    assert admin.get("/admin/axes/nope").status_code == 404
    assert post(admin, "/admin/products/999999/status", {"status": "active"}).status_code == 404


def test_wrong_password_is_401(client, staff):
    r = client.post(
        "/admin/login",
        data={"email": staff["email"], "password": "wrong-password"},
        follow_redirects=False,
    )
    assert r.status_code == 401
    assert "/admin/login" in r.text  # the sign-in form is shown again


def test_sixth_failed_login_is_rate_limited(client, staff):
    bad = {"email": staff["email"], "password": "wrong-password"}
    codes = [client.post("/admin/login", data=bad).status_code for _ in range(6)]
    assert codes == [401] * 5 + [429]
    good = {"email": staff["email"], "password": staff["password"]}
    assert client.post("/admin/login", data=good, follow_redirects=False).status_code == 429


def test_locale_switch_reaches_admin_templates(admin, shop):
    assert '<html lang="en">' in admin.get("/admin/products?lang=en").text
    assert '<html lang="zh-CN">' in admin.get("/admin/products?lang=zh_CN").text
    assert "商品" in admin.get("/admin/products?lang=zh_CN").text
