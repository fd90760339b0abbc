"""Sign-ups are limited per client address, on the API and on the page."""

from __future__ import annotations

from sqlalchemy import func, select

from mercato.members.adapters.tables import Customer


def test_api_signups_per_address_are_limited(client, db, app):
    app.state.settings.signups_per_15min = 3
    codes = [
        client.post(
            "/api/v1/customers", json={"phone": f"1380000000{i}", "password": "secret-pass-1"}
        ).status_code
        for i in range(5)
    ]
    assert codes == [201, 201, 201, 429, 429]
    r = client.post("/api/v1/customers", json={"phone": "13800000009", "password": "x"})
    assert r.status_code == 429 and r.json()["error"]["code"] == "members.too_many_signups"
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Customer)) == 3


def test_page_signups_are_limited_too(client, db, app):
    from tests.members.conftest import csrf_of

    app.state.settings.signups_per_15min = 1
    for i, expected in ((1, 303), (2, 429)):
        token = csrf_of(client.get("/account/signup").text)
        client.cookies.clear()
        client.get("/account/signup")
        token = csrf_of(client.get("/account/signup").text)
        r = client.post(
            "/account/signup",
            follow_redirects=False,
            data={"csrf": token, "phone": f"1390000000{i}", "password": "secret-pass-1"},
        )
        assert r.status_code == expected, r.text[:300]
