"""POST /api/v1/auth/token and the bearer-token guard of staff writes."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.access.adapters.tables import LoginFailure
from tests.api.helpers import error_of

TOKEN = "/api/v1/auth/token"
BRAND = {"slug": "red-hill", "name_zh": "红山", "name_en": "Red Hill"}


def test_token_for_good_credentials_works_on_writes(client, staff):
    r = client.post(TOKEN, json={"email": staff["email"], "password": staff["password"]})
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    assert token.startswith("mst_")
    created = client.post(
        "/api/v1/admin/brands", json=BRAND, headers={"Authorization": f"Bearer {token}"}
    )
    assert created.status_code == 201, created.text


def test_wrong_password_is_401_and_recorded(client, staff, db):
    r = client.post(
        TOKEN, json={"email": staff["email"], "password": "wrong-one-123"}, params={"lang": "en"}
    )
    err = error_of(r, 401)
    assert err == {"code": "access.bad_credentials", "message": "Wrong e-mail or password"}
    with db.reading() as tx:
        assert tx.execute(select(func.count(LoginFailure.id))).scalar_one() == 2  # email + ip


def test_too_many_failures_is_429_even_with_the_right_password(client, staff):
    for _ in range(5):  # the test settings allow 5 per 15 minutes
        error_of(client.post(TOKEN, json={"email": staff["email"], "password": "nope-nope"}), 401)
    right = {"email": staff["email"], "password": staff["password"]}
    err = error_of(client.post(TOKEN, json=right), 429)
    assert err["code"] == "access.too_many_attempts"


def test_token_body_is_strict(client, staff):
    error_of(client.post(TOKEN, json={"email": staff["email"]}), 422, "password")
    body = {"email": staff["email"], "password": staff["password"], "admin": True}
    error_of(client.post(TOKEN, json=body), 422, "admin")
    error_of(client.post(TOKEN, json={"email": 12345, "password": "x"}), 422, "email")


def test_writes_without_or_with_a_bad_token_are_401(client, staff):
    err = error_of(client.post("/api/v1/admin/brands", json=BRAND), 401)
    assert err["code"] == "auth.required"
    bad = {"Authorization": "Bearer mst_not-a-real-token"}
    err = error_of(client.post("/api/v1/admin/brands", json=BRAND, headers=bad), 401)
    assert err["code"] == "auth.invalid_token"
    error_of(client.put("/api/v1/admin/stock", json={}, headers=bad), 401)
    error_of(client.delete("/api/v1/admin/products/1", headers=bad), 401)


def test_revoked_token_is_401(client, staff, db):
    from mercato.access import services

    with db.transaction() as tx:
        services.revoke_token(tx, str(staff["token"]))
    headers = {"Authorization": f"Bearer {staff['token']}"}
    error_of(client.post("/api/v1/admin/brands", json=BRAND, headers=headers), 401)
