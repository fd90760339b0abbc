"""Sign-up, login (the throttle in detail: test_login_throttle.py), tokens and /me through
the API."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.members.adapters.tables import Customer, CustomerToken, LoginFailure
from tests.api.helpers import error_of
from tests.members.conftest import api_login

SIGNUP = "/api/v1/customers"
TOKEN = "/api/v1/customers/token"


def test_sign_up_then_login_by_phone_or_email(client):
    body = {"phone": "+86 138 0013 8000", "email": "Mei@Example.com", "password": "abc12345"}
    r = client.post(SIGNUP, json=body)
    assert r.status_code == 201, r.text
    assert r.json() == {
        "id": r.json()["id"],
        "name": "",
        "phone": "13800138000",
        "email": "mei@example.com",
    }
    for login in ("13800138000", "+8613800138000", "MEI@example.com"):
        headers = api_login(client, login, "abc12345")
        me = client.get("/api/v1/me", headers=headers)
        assert me.status_code == 200 and me.json()["phone"] == "13800138000"


def test_sign_up_errors_name_the_field(client, alice):
    cases = [
        ({"password": "abc12345"}, 422, "phone", "members.identifier_required"),
        ({"phone": "12345", "password": "abc12345"}, 422, "phone", "members.invalid_phone"),
        ({"email": "nope", "password": "abc12345"}, 422, "email", "members.invalid_email"),
        ({"phone": "13700000000", "password": "abcdefgh"}, 422, "password", None),
        ({"phone": "13700000000", "password": "abc1"}, 422, "password", None),
        ({"phone": alice["phone"], "password": "abc12345"}, 409, "phone", "members.phone_taken"),
        ({"email": "ALICE@example.com", "password": "abc12345"}, 409, "email", None),
        ({"phone": "13700000000", "password": "abc12345", "admin": True}, 422, "admin", None),
        ({"phone": 13700000000, "password": "abc12345"}, 422, "phone", None),
        ({"phone": "137\x000000000", "password": "abc12345"}, 422, "phone", None),
    ]
    for body, status, field, code in cases:
        err = error_of(client.post(SIGNUP, json=body), status, field)
        if code:
            assert err["code"] == code, (body, err)
    with client.app.state.db.reading() as tx:  # type: ignore[attr-defined]
        assert tx.execute(select(func.count(Customer.id))).scalar_one() == 1


def test_wrong_password_is_401_and_recorded(client, alice, db):
    r = client.post(TOKEN, json={"login": alice["phone"], "password": "wrong-pass-1"})
    err = error_of(r, 401)
    assert err["code"] == "members.bad_credentials"
    unknown = client.post(TOKEN, json={"login": "13300000000", "password": "wrong-pass-1"})
    assert error_of(unknown, 401)["code"] == "members.bad_credentials"
    with db.reading() as tx:
        assert tx.execute(select(func.count(LoginFailure.id))).scalar_one() == 4  # id + ip x2


def test_success_forgets_its_own_attempt(client, alice, db):
    api_login(client, alice["phone"])
    with db.reading() as tx:
        assert tx.execute(select(func.count(LoginFailure.id))).scalar_one() == 0


def test_rate_limit_per_identifier_is_429(client, db):
    # An unknown identifier is throttled like a real one (5 free failures in tests).
    for _ in range(5):
        error_of(client.post(TOKEN, json={"login": "x@example.com", "password": "bad12345"}), 401)
    err = error_of(client.post(TOKEN, json={"login": "X@example.com", "password": "b"}), 429)
    assert err["code"] == "members.too_many_attempts"


def test_me_needs_a_valid_token(client, alice):
    assert error_of(client.get("/api/v1/me"), 401)["code"] == "members.login_required"
    bad = {"Authorization": "Bearer mct_forged"}
    assert error_of(client.get("/api/v1/me", headers=bad), 401)["code"] == "members.invalid_token"


def test_staff_tokens_are_not_customer_tokens(client, alice, api_headers):
    error_of(client.get("/api/v1/me", headers=api_headers), 401)


def test_logout_revokes_the_token(client, alice, db):
    headers = api_login(client, alice["phone"])
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    assert client.delete(TOKEN, headers=headers).status_code == 204
    error_of(client.get("/api/v1/me", headers=headers), 401)
    with db.reading() as tx:
        assert tx.execute(select(func.count(CustomerToken.id))).scalar_one() == 0


def test_tokens_are_stored_as_digests(client, alice, db):
    token = api_login(client, alice["phone"])["Authorization"].split()[1]
    with db.reading() as tx:
        digests = tx.scalars(select(CustomerToken.digest)).all()
    assert token not in digests and len(digests) == 1 and len(digests[0]) == 64


def test_login_body_is_strict(client):
    error_of(client.post(TOKEN, json={"login": "13800000001"}), 422, "password")
    error_of(client.post(TOKEN, json={"login": 13800000001, "password": "x"}), 422, "login")
    body = {"login": "13800000001", "password": "x", "remember": True}
    error_of(client.post(TOKEN, json=body), 422, "remember")
