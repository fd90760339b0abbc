"""The shopper's coupons: the API (list by status, claim a code; errors as JSON) and the
/account/coupons page with its claim form."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.promotions import public as promotions
from tests.api.helpers import error_of
from tests.members.conftest import page_login
from tests.orders.conftest import PASSWORD, make_buyer
from tests.payments.order_helpers import token
from tests.promotions.helpers import coupons_of, shift, template


def test_claim_and_list_through_the_api(client: Any, db: Database) -> None:
    buyer = make_buyer(db)
    h = token(client, buyer["phone"])
    template(db, code="WELCOME10", per_customer_limit=1)
    assert client.get("/api/v1/me/coupons").status_code == 401
    r = client.post("/api/v1/me/coupons", json={"code": " welcome10 "}, headers=h)
    assert r.status_code == 201, r.text
    got = r.json()
    assert (got["name"], got["status"], got["off_fen"], got["source"]) == (
        "满100减10", "available", 1000, "code")
    assert got["ends_at"].endswith("+08:00")
    assert error_of(client.post("/api/v1/me/coupons", json={"code": "WELCOME10"}, headers=h),
                    409, "code")["code"] == "promotions.code_limit"
    assert error_of(client.post("/api/v1/me/coupons", json={"code": "NOPE1234"}, headers=h),
                    404, "code")["code"] == "promotions.code_unknown"
    error_of(client.post("/api/v1/me/coupons", json={"code": "a"}, headers=h), 422)
    listed = client.get("/api/v1/me/coupons", headers=h).json()
    assert listed["total"] == 1 and listed["items"][0]["id"] == got["id"]
    assert client.get("/api/v1/me/coupons?status=used", headers=h).json()["total"] == 0
    error_of(client.get("/api/v1/me/coupons?status=bogus", headers=h), 422)


def test_used_and_lapsed_coupons_move_tabs(client: Any, db: Database) -> None:
    buyer = make_buyer(db)
    h = token(client, buyer["phone"])
    t = template(db, per_customer_limit=0)
    with db.transaction() as tx:
        promotions.issue(tx, t, [buyer["id"]] * 1, "manual", "a")
        promotions.issue(tx, t, [buyer["id"]], "manual", "b")
    first, second = coupons_of(db, buyer["id"])
    with db.transaction() as tx:
        promotions.use_coupon(tx, first.id, buyer["id"], "2612070000000009", 1000, 15000, 14000)
    now = utcnow()
    shift(db, second.id, now - timedelta(days=5), now - timedelta(minutes=1))
    used = client.get("/api/v1/me/coupons?status=used", headers=h).json()["items"]
    assert [(c["id"], c["used_order_number"]) for c in used] == [(first.id, "2612070000000009")]
    lapsed = client.get("/api/v1/me/coupons?status=expired", headers=h).json()["items"]
    assert [c["id"] for c in lapsed] == [second.id]
    assert client.get("/api/v1/me/coupons", headers=h).json()["items"] == []


def test_the_account_page_and_its_claim_form(client: Any, db: Database) -> None:
    assert client.get("/account/coupons", follow_redirects=False).status_code == 303
    buyer = make_buyer(db)
    template(db, code="WELCOME10")
    page_login(client, buyer["phone"], PASSWORD)
    page = client.get("/account/coupons")
    assert page.status_code == 200 and 'data-testid="no-coupons"' in page.text
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    r = client.post("/account/coupons", data={"csrf": csrf, "code": "welcome10"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"])
    assert 'data-testid="claimed"' in page.text and page.text.count('data-testid="coupon"') == 1
    again = client.post("/account/coupons", data={"csrf": csrf, "code": "WELCOME10"})
    assert again.status_code == 409 and 'data-testid="claim-error"' in again.text
    assert client.post("/account/coupons", data={"code": "WELCOME10"}).status_code == 403
