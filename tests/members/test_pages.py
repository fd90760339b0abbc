"""Storefront account pages: sign-up, log-in/out with a revocable session, CSRF on every
POST, and the address book pages (another customer's address is a 404)."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.members.adapters.tables import Address, CustomerSession
from mercato.members.public import SESSION_COOKIE
from tests.members.conftest import ADDRESS, PASSWORD, csrf_of, page_login


def test_sign_up_signs_in_and_shows_the_account(client, db):
    token = csrf_of(client.get("/account/signup").text)
    body = {"phone": "138 0000 1111", "email": "", "name": "韩梅梅", "password": "abc12345"}
    r = client.post("/account/signup", data={**body, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/account"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    page = client.get("/account")
    assert page.status_code == 200
    assert "韩梅梅" in page.text and "138****1111" in page.text  # 我的 masks the number


def test_sign_up_error_rerenders_the_form_with_the_field(client):
    token = csrf_of(client.get("/account/signup?lang=en").text)
    body = {"phone": "12345", "password": "abc12345", "csrf": token}
    r = client.post("/account/signup?lang=en", data=body)
    assert r.status_code == 422
    assert 'data-testid="error-phone"' in r.text and 'value="12345"' in r.text


def test_signup_and_login_need_the_csrf_token(client, alice):
    client.get("/account/login")  # has the csrf cookie, but posts no token
    r = client.post("/account/login", data={"login": alice["phone"], "password": PASSWORD})
    assert r.status_code == 403
    r = client.post("/account/signup", data={"phone": "13811112222", "password": "abc12345"})
    assert r.status_code == 403
    assert SESSION_COOKIE not in client.cookies


def test_wrong_password_rerenders_login_with_401(client, alice):
    token = csrf_of(client.get("/account/login").text)
    r = client.post(
        "/account/login", data={"login": alice["phone"], "password": "x1x1x1x1", "csrf": token}
    )
    assert r.status_code == 401 and 'data-testid="form-error"' in r.text


def test_failures_by_phone_and_email_lock_nothing(client, alice):
    token = csrf_of(client.get("/account/login").text)
    for login in [alice["phone"]] * 3 + [alice["email"]] * 2:
        client.post("/account/login", data={"login": login, "password": "bad-12345", "csrf": token})
    r = client.post(
        "/account/login",
        data={"login": alice["phone"], "password": PASSWORD, "csrf": token},
        follow_redirects=False,
    )
    assert r.status_code == 303


def test_login_redirects_to_a_safe_next_only(client, alice):
    token = csrf_of(client.get("/account/login").text)
    body = {"login": alice["email"], "password": PASSWORD, "csrf": token, "next": "//evil.com/x"}
    r = client.post("/account/login", data=body, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/account"


def test_account_pages_redirect_to_login(client):
    for url in ("/account", "/account/addresses", "/account/addresses/new"):
        r = client.get(url, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/account/login?next=")


def test_logout_revokes_the_server_side_session(client, alice, db):
    token = page_login(client, alice["phone"])
    stolen = client.cookies.get(SESSION_COOKIE)
    assert client.get("/account", follow_redirects=False).status_code == 200
    assert client.post("/account/logout", data={"csrf": "nope"}).status_code == 403
    r = client.post("/account/logout", data={"csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    with db.reading() as tx:
        assert tx.execute(select(func.count(CustomerSession.id))).scalar_one() == 0
    client.cookies.set(SESSION_COOKIE, stolen or "")  # replaying the old cookie
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_forged_session_cookie_is_ignored(client, alice):
    client.cookies.set(SESSION_COOKIE, "eyJzIjoieCJ9.forged.sig")
    assert client.get("/account", follow_redirects=False).status_code == 303


def test_address_book_add_edit_default_delete(client, alice, db):
    token = page_login(client, alice["phone"])
    r = client.post("/account/addresses", data={**ADDRESS, "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    second = {**ADDRESS, "recipient": "李雷", "street": "南京路1号", "csrf": token}
    client.post("/account/addresses", data=second)
    with db.reading() as tx:
        rows = {a.recipient: (a.id, a.is_default) for a in tx.scalars(select(Address))}
    (first_id, first_default), (second_id, second_default) = rows["王小明"], rows["李雷"]
    assert first_default and not second_default
    page = client.get("/account/addresses")
    assert page.text.count('data-testid="address"') == 2
    client.post(f"/account/addresses/{second_id}/default", data={"csrf": token})
    edit = client.get(f"/account/addresses/{first_id}/edit")
    assert edit.status_code == 200 and "世纪大道100号" in edit.text
    changed = {**ADDRESS, "street": "淮海路9号", "csrf": token}
    client.post(f"/account/addresses/{first_id}", data=changed)
    client.post(f"/account/addresses/{second_id}/delete", data={"csrf": token})
    with db.reading() as tx:
        left = [(a.id, a.street, a.is_default) for a in tx.scalars(select(Address))]
    assert left == [(first_id, "淮海路9号", True)]


def test_address_form_errors_show_beside_the_field(client, alice, db):
    token = page_login(client, alice["phone"])
    r = client.post("/account/addresses?lang=en", data={**ADDRESS, "postcode": "12", "csrf": token})
    assert r.status_code == 422 and 'data-testid="error-postcode"' in r.text
    assert "6 digits" in r.text
    with db.reading() as tx:
        assert tx.execute(select(func.count(Address.id))).scalar_one() == 0


def test_another_customers_address_pages_are_404(client, alice, bob, db):
    token = page_login(client, alice["phone"])
    client.post("/account/addresses", data={**ADDRESS, "csrf": token})
    with db.reading() as tx:
        mine = tx.scalars(select(Address.id)).one()
    client.cookies.clear()
    token_b = page_login(client, bob["phone"])
    missing = mine + 1000
    for target in (mine, missing):
        assert client.get(f"/account/addresses/{target}/edit").status_code == 404
        posts = [
            (f"/account/addresses/{target}", {**ADDRESS, "street": "改", "csrf": token_b}),
            (f"/account/addresses/{target}/default", {"csrf": token_b}),
            (f"/account/addresses/{target}/delete", {"csrf": token_b}),
        ]
        for url, data in posts:
            assert client.post(url, data=data).status_code == 404, url
    assert 'data-testid="no-addresses"' in client.get("/account/addresses").text
    with db.reading() as tx:
        kept = tx.get(Address, mine)
        assert kept is not None and kept.street == ADDRESS["street"]


def test_pages_render_in_chinese_by_default(client):
    assert "登录" in client.get("/account/login").text
    assert "Log in" in client.get("/account/login?lang=en").text
