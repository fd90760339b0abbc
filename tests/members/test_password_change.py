"""Changing the password while signed in (PUT /api/v1/me/password and /account/password):
the current password is required and throttled; every other session and token ends."""

from __future__ import annotations

import pytest

from tests.members.conftest import PASSWORD, api_login, csrf_of, from_address, page_login

NEW = "brand-new-pass-2"


def put(client, headers, current=PASSWORD, new=NEW):  # type: ignore[no-untyped-def]
    body = {"current_password": current, "new_password": new}
    return client.put("/api/v1/me/password", json=body, headers=headers)


def test_api_change_keeps_this_token_and_ends_the_others(client, app, alice):
    mine, other = api_login(client, alice["phone"]), api_login(client, alice["email"])
    browser = from_address(app, "10.0.0.9")
    page_login(browser, alice["phone"])
    assert put(client, mine).status_code == 204
    assert client.get("/api/v1/me", headers=mine).status_code == 200
    assert client.get("/api/v1/me", headers=other).status_code == 401
    assert browser.get("/account", follow_redirects=False).status_code == 303
    api_login(client, alice["phone"], NEW)
    r = client.post("/api/v1/customers/token", json={"login": alice["phone"], "password": PASSWORD})
    assert r.status_code == 401


@pytest.mark.parametrize(
    ("current", "new", "code", "field"),
    [
        ("wrong-pass-9", NEW, "members.wrong_password", "current_password"),
        (PASSWORD, "short1", "members.weak_password", "new_password"),
        (PASSWORD, "lettersonly", "members.weak_password", "new_password"),
        (PASSWORD, PASSWORD, "members.same_password", "new_password"),
    ],
)
def test_api_change_refuses_bad_input(client, alice, current, new, code, field):
    me = api_login(client, alice["phone"])
    r = put(client, me, current, new)
    assert r.status_code == 422
    assert (r.json()["error"]["code"], r.json()["error"]["field"]) == (code, field)
    assert client.get("/api/v1/me", headers=me).status_code == 200  # nothing ended


def test_api_change_needs_a_customer_and_valid_json(client, alice):
    assert put(client, {}).status_code == 401
    me = api_login(client, alice["phone"])
    r = client.put("/api/v1/me/password", json={"new_password": NEW}, headers=me)
    assert r.status_code == 422 and r.json()["error"]["field"] == "current_password"


def test_wrong_current_passwords_are_throttled(client, alice, clock):
    me = api_login(client, alice["phone"])
    for _ in range(5):  # the tests' login_attempts_per_15min
        assert put(client, me, "wrong-pass-9").status_code == 422
    r = put(client, me, "wrong-pass-9")
    assert r.status_code == 429 and r.headers["Retry-After"] == "5"
    assert r.json()["error"]["code"] == "members.too_many_attempts"
    assert put(client, me).status_code == 429  # even the right one waits
    clock.tick(5)
    assert put(client, me).status_code == 204


def test_page_change_signs_out_other_devices_only(client, app, alice):
    other = from_address(app, "10.0.0.9")
    page_login(other, alice["phone"])
    token = api_login(client, alice["phone"])
    page_login(client, alice["phone"])
    form = csrf_of(client.get("/account/password").text)
    r = client.post(
        "/account/password",
        data={"csrf": form, "current_password": PASSWORD, "new_password": NEW},
        follow_redirects=False,
    )
    assert (r.status_code, r.headers["location"]) == (303, "/account?done=password")
    page = client.get(r.headers["location"])
    assert page.status_code == 200 and 'data-testid="password-done"' in page.text
    assert client.get("/account").status_code == 200  # this browser stays signed in
    assert other.get("/account", follow_redirects=False).status_code == 303
    assert client.get("/api/v1/me", headers=token).status_code == 401


def test_page_change_shows_errors_on_the_form(client, alice):
    page_login(client, alice["phone"])
    form = csrf_of(client.get("/account/password").text)
    r = client.post(
        "/account/password",
        data={"csrf": form, "current_password": "wrong-pass-9", "new_password": NEW},
        headers={"Accept-Language": "zh-CN"},
    )
    assert r.status_code == 422 and 'data-testid="error-current_password"' in r.text
    assert "当前密码不正确" in r.text
    r = client.post(
        "/account/password", data={"csrf": form, "current_password": PASSWORD, "new_password": "x"}
    )
    assert r.status_code == 422 and 'data-testid="error-new_password"' in r.text


def test_page_change_needs_sign_in_and_csrf(client, alice):
    r = client.get("/account/password", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/account/login")
    page_login(client, alice["phone"])
    r = client.post("/account/password", data={"current_password": PASSWORD, "new_password": NEW})
    assert r.status_code == 403
