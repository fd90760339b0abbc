"""Forgotten password through the API: POST /api/v1/password/code sends a one-time code by
SMS (the fake Aliyun) or e-mail (the fake SMTP relay), POST /api/v1/password/reset sets the
new password with it and ends every session and token."""

from __future__ import annotations

import pytest

from mercato.messaging.public import Messenger
from tests.members.conftest import PASSWORD, api_login, from_address, page_login

NEW = "brand-new-pass-2"


def ask(client, login: str, **headers: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/password/code", json={"login": login}, headers=headers)


def reset(client, login: str, code: str, password: str = NEW):  # type: ignore[no-untyped-def]
    body = {"login": login, "code": code, "password": password}
    return client.post("/api/v1/password/reset", json=body)


def error(r) -> tuple[int, str, str | None]:  # type: ignore[no-untyped-def]
    e = r.json()["error"]
    return r.status_code, e["code"], e.get("field")


def test_reset_by_text_message_ends_every_session_and_token(client, app, alice, post):
    token = api_login(client, alice["phone"])
    browser = from_address(app, "10.0.0.9")
    page_login(browser, alice["phone"])
    r = ask(client, "138 0000 0001")  # typed with spaces: normalised
    assert r.status_code == 202, r.text
    assert r.json() == {"channel": "phone", "expires_in": 600, "resend_after": 60}
    [sms] = post.to(alice["phone"])
    assert sms["channel"] == "sms" and str(sms["text"]).startswith("【Mercato商城】您的验证码为")
    assert reset(client, alice["phone"], post.code_for(alice["phone"])).status_code == 204
    assert client.get("/api/v1/me", headers=token).status_code == 401
    assert browser.get("/account", follow_redirects=False).status_code == 303  # to log in
    r = client.post("/api/v1/customers/token", json={"login": alice["phone"], "password": PASSWORD})
    assert r.status_code == 401
    api_login(client, alice["phone"], NEW)


def test_reset_by_email_in_the_askers_language(client, alice, post):
    r = ask(client, "Alice@Example.com", **{"Accept-Language": "en"})
    assert r.status_code == 202 and r.json()["channel"] == "email"
    [mail] = post.to("alice@example.com")
    assert mail["subject"] == "Your verification code" and mail["tls"] is True
    assert reset(client, "alice@example.com", post.code_for("alice@example.com")).status_code == 204
    api_login(client, alice["email"], NEW)


def test_unknown_accounts_answer_alike_and_get_nothing(client, alice, post):
    known, unknown = ask(client, alice["phone"]), ask(client, "13911112222")
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert post.to("13911112222") == []
    # Throttled alike too.
    again_known, again_unknown = ask(client, alice["phone"]), ask(client, "13911112222")
    assert again_known.status_code == again_unknown.status_code == 429
    assert again_known.json() == again_unknown.json()
    assert again_known.headers["Retry-After"] == again_unknown.headers["Retry-After"]
    # A code for nobody: the same answer as a wrong code.
    assert error(reset(client, "13911112222", "123456")) == error(
        reset(
            client,
            alice["phone"],
            "000000" if post.code_for(alice["phone"]) != "000000" else "111111",
        )
    )


def test_one_code_a_minute_and_five_in_15_minutes_per_identifier(client, alice, post, clock):
    assert ask(client, alice["phone"]).status_code == 202
    r = ask(client, alice["phone"])
    assert error(r) == (429, "members.code_throttled", None)
    assert r.headers["Retry-After"] == "60"
    clock.tick(30)
    assert ask(client, alice["phone"]).headers["Retry-After"] == "30"
    for _ in range(4):
        clock.tick(61)
        assert ask(client, alice["phone"]).status_code == 202
    clock.tick(61)
    r = ask(client, alice["phone"])
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 60
    assert ask(client, alice["email"]).status_code == 202  # another identifier


def test_per_address_throttle_across_identifiers(app, post):
    stranger = from_address(app, "203.0.113.7")
    for i in range(20):
        assert ask(stranger, f"1390000{i:04d}").status_code == 202
    r = ask(stranger, "13911119999")
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert ask(from_address(app, "203.0.113.8"), "13911119999").status_code == 202


def test_a_code_expires_after_ten_minutes(client, alice, post, clock):
    ask(client, alice["phone"])
    code = post.code_for(alice["phone"])
    clock.tick(601)
    assert error(reset(client, alice["phone"], code)) == (422, "members.code_invalid", "code")
    api_login(client, alice["phone"])  # the old password still works


def test_a_code_works_once(client, alice, post):
    ask(client, alice["phone"])
    code = post.code_for(alice["phone"])
    assert reset(client, alice["phone"], code).status_code == 204
    r = reset(client, alice["phone"], code, "another-pass-3")
    assert error(r) == (422, "members.code_invalid", "code")
    api_login(client, alice["phone"], NEW)


def test_five_wrong_tries_spend_the_code(client, alice, post):
    ask(client, alice["phone"])
    code = post.code_for(alice["phone"])
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        assert error(reset(client, alice["phone"], wrong))[1] == "members.code_invalid"
    assert error(reset(client, alice["phone"], code))[1] == "members.code_invalid"
    api_login(client, alice["phone"])


def test_a_new_code_replaces_the_old_one(client, alice, post, clock):
    ask(client, alice["phone"])
    old = post.code_for(alice["phone"])
    clock.tick(61)
    ask(client, alice["phone"])
    new = post.code_for(alice["phone"])
    if old != new:
        assert error(reset(client, alice["phone"], old))[1] == "members.code_invalid"
    assert reset(client, alice["phone"], new).status_code == 204


def test_too_many_tries_from_one_address(app, alice, post, monkeypatch):
    from mercato.members import domain

    monkeypatch.setattr(domain, "ADDRESS_FREE", 3)
    guesser = from_address(app, "198.51.100.4")
    for n in range(3):
        assert reset(guesser, alice["phone"], f"{n:06d}").status_code == 422
    r = reset(guesser, alice["phone"], "000009")
    assert error(r) == (429, "members.too_many_attempts", None)
    assert int(r.headers["Retry-After"]) >= 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"login": "not-a-phone"}, "login"),
        ({"login": "a@b"}, "login"),
        ({"login": ""}, "login"),
        ({"login": 13800000001}, "login"),
        ({"login": "13800000001", "extra": 1}, "extra"),
        ({}, "login"),
    ],
)
def test_bad_input_when_asking(client, post, body, field):
    r = client.post("/api/v1/password/code", json=body)
    assert r.status_code == 422 and r.json()["error"]["field"] == field


@pytest.mark.parametrize(
    ("code", "password", "field", "err"),
    [
        ("12345", NEW, "code", "members.invalid_code"),
        ("12a456", NEW, "code", "members.invalid_code"),
        ("123456", "short1", "password", "members.weak_password"),
        ("123456", "lettersonly", "password", "members.weak_password"),
    ],
)
def test_bad_input_when_resetting(client, alice, post, code, password, field, err):
    assert error(reset(client, alice["phone"], code, password)) == (422, err, field)


def test_a_channel_the_shop_does_not_offer(client, app, alice):
    app.state.messenger = Messenger()  # neither SMS nor SMTP configured
    assert error(ask(client, alice["phone"])) == (422, "members.channel_off", "login")
    assert error(ask(client, alice["email"])) == (422, "members.channel_off", "login")


def test_a_failing_provider_does_not_show_and_the_answer_stays_alike(client, alice, post):
    post.sms.fail_with = "isv.AMOUNT_NOT_ENOUGH"
    r = ask(client, alice["phone"])
    assert r.status_code == 202 and post.to(alice["phone"]) == []


def test_sms_without_a_template_for_codes_is_off(client, app, alice, post):
    app.state.messenger.sms_templates = {"order_shipped": "SMS_1"}
    assert error(ask(client, alice["phone"])) == (422, "members.channel_off", "login")
    assert ask(client, alice["email"]).status_code == 202
