"""Forgotten password on the storefront: /account/password/forgot asks for a code, the reset
form takes it with a new password, and the browser is signed in afresh while every other
session ends."""

from __future__ import annotations

from tests.members.conftest import PASSWORD, api_login, csrf_of, from_address, page_login

NEW = "brand-new-pass-2"


def ask(client, login: str):  # type: ignore[no-untyped-def]
    token = csrf_of(client.get("/account/password/forgot").text)
    return client.post("/account/password/forgot", data={"csrf": token, "login": login}), token


def test_forgot_then_reset_signs_in_and_ends_other_sessions(client, app, alice, post):
    other = from_address(app, "10.0.0.9")
    page_login(other, alice["phone"])
    token = api_login(client, alice["phone"])
    page, _csrf = ask(client, alice["phone"])
    assert page.status_code == 200 and 'data-testid="code-sent"' in page.text
    assert 'data-testid="demo-inbox-link"' in page.text  # the tests' settings are demo mode
    code = post.code_for(alice["phone"])
    r = client.post(
        "/account/password/reset",
        data={"csrf": csrf_of(page.text), "login": alice["phone"], "code": code, "password": NEW},
        follow_redirects=False,
    )
    assert (r.status_code, r.headers["location"]) == (303, "/account?done=reset")
    done = client.get(r.headers["location"])
    assert done.status_code == 200 and 'data-testid="password-done"' in done.text
    assert other.get("/account", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/me", headers=token).status_code == 401
    api_login(client, alice["phone"], NEW)


def test_unknown_accounts_see_the_same_page(client, alice, post):
    known, _ = ask(client, alice["email"])
    unknown, _ = ask(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 200
    assert 'data-testid="code-sent"' in unknown.text
    assert post.to("nobody@example.com") == [] and len(post.to(alice["email"])) == 1


def test_a_wrong_code_is_shown_on_the_code_field(client, alice, post):
    page, _ = ask(client, alice["phone"])
    code = post.code_for(alice["phone"])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    r = client.post(
        "/account/password/reset",
        data={"csrf": csrf_of(page.text), "login": alice["phone"], "code": wrong, "password": NEW},
        headers={"Accept-Language": "zh-CN"},
    )
    assert r.status_code == 422 and 'data-testid="error-code"' in r.text
    assert "验证码错误或已过期" in r.text
    api_login(client, alice["phone"], PASSWORD)


def test_bad_identifiers_and_throttling_on_the_page(client, alice, post):
    r, _ = ask(client, "hello")
    assert r.status_code == 422 and 'data-testid="error-login"' in r.text
    ask(client, alice["phone"])
    again, _ = ask(client, alice["phone"])
    assert again.status_code == 429 and again.headers["Retry-After"] == "60"
    assert 'data-testid="password-reset"' in again.text  # they can still type the first code
    assert 'data-testid="form-error"' in again.text


def test_forms_need_csrf(client, alice, post):
    r = client.post("/account/password/forgot", data={"login": alice["phone"]})
    assert r.status_code == 403
    assert post.to(alice["phone"]) == []
