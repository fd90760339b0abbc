"""Referrals: each member's invite code (made on first use), sign-up with it (API: an unknown
code is a 422 and creates nothing; the form shows the error on its field), and the decision
at the invitee's first completed order — qualified (members.referral_qualified.v1) unless
the invitee shares a phone or an address with the referrer, or it is not their first."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from mercato import events
from mercato.kernel.errors import DomainError
from mercato.members.adapters.loyalty_tables import Loyalty, Referral
from mercato.members.adapters.tables import Customer
from mercato.members.domain_referral import CODE_ALPHABET
from mercato.members.services import addresses, referral
from mercato.platform.db import Database
from tests.members.conftest import ADDRESS, PASSWORD, api_login, csrf_of, make_customer
from tests.members.loyalty_helpers import NOW, bus, buy, days, event, outbox


def _code(client: TestClient, who: dict[str, Any]) -> str:
    r = client.get("/api/v1/me/invite", headers=api_login(client, who["phone"]))
    assert r.status_code == 200, r.text
    return str(r.json()["code"])


def _status(db: Database, invitee: int) -> tuple[str, str, str]:
    with db.reading() as tx:
        r = tx.get(Referral, invitee)
        assert r is not None
        return r.status, r.reason, r.order_number


def _sign_up(client: TestClient, phone: str, invite: str) -> Any:
    return client.post("/api/v1/customers",
                       json={"phone": phone, "password": PASSWORD, "invite": invite})


def test_the_invite_code_is_made_once_and_linked(client: TestClient, db: Database, alice):
    headers = api_login(client, alice["phone"])
    first = client.get("/api/v1/me/invite", headers=headers).json()
    again = client.get("/api/v1/me/invite", headers=headers).json()
    assert first["code"] == again["code"] and len(first["code"]) == 8
    assert set(first["code"]) <= set(CODE_ALPHABET)
    assert first["link"].endswith(f"/register?invite={first['code']}")
    assert first["referrals"] == []
    assert client.get("/api/v1/me/invite").status_code == 401


def test_sign_up_with_an_invite_code_records_the_referral(client: TestClient, db: Database,
                                                           alice):
    code = _code(client, alice)
    typed = f" {code[:4].lower()}-{code[4:]} "
    r = _sign_up(client, "13600000009", typed)
    assert r.status_code == 201, r.text
    invitee = r.json()["id"]
    assert _status(db, invitee) == ("pending", "", "")
    with db.reading() as tx:
        assert tx.get(Loyalty, invitee).referred_by == alice["id"]  # type: ignore[union-attr]
    listed = client.get("/api/v1/me/invite", headers=api_login(client, alice["phone"])).json()
    assert [(x["invitee"], x["status"]) for x in listed["referrals"]] == [
        ("136****0009", "pending")]


def test_an_unknown_code_is_a_422_and_creates_nothing(client: TestClient, db: Database):
    r = _sign_up(client, "13600000008", "ZZZZ2222")
    assert r.status_code == 422
    assert r.json()["error"]["code"] == "members.invite_unknown"
    assert r.json()["error"]["field"] == "invite"
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Customer)) == 0
    r = _sign_up(client, "13600000008", "not a code")
    assert r.status_code == 422
    assert _sign_up(client, "13600000008", "  ").status_code == 201  # blank: no invite


def test_the_sign_up_form_takes_the_code_from_the_invite_link(client: TestClient,
                                                              db: Database, alice):
    code = _code(client, alice)
    r = client.get(f"/register?invite={code}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/account/signup?invite={code}"
    page = client.get(r.headers["location"]).text
    assert f'value="{code}"' in page
    form = {"phone": "13600000007", "password": PASSWORD, "csrf": csrf_of(page),
            "invite": "QQQQ3333"}
    bad = client.post("/account/signup", data=form, follow_redirects=False)
    assert bad.status_code == 422
    assert 'data-testid="error-invite"' in bad.text and 'value="QQQQ3333"' in bad.text
    with db.reading() as tx:
        assert tx.scalar(select(func.count()).select_from(Customer)) == 1  # alice only
    ok = client.post("/account/signup", data={**form, "invite": code}, follow_redirects=False)
    assert ok.status_code == 303
    with db.reading() as tx:
        invitee = tx.scalar(select(Customer.id).where(Customer.phone == "13600000007"))
        assert tx.get(Referral, invitee).referrer_id == alice["id"]  # type: ignore[union-attr]


def _invited(db: Database, referrer: dict[str, Any], phone: str) -> int:
    invitee = make_customer(db, phone)["id"]
    with db.transaction() as tx:
        referral.attach(tx, invitee, referral.invite_code(tx, referrer["id"]), NOW)
    return int(invitee)


def test_the_first_completed_order_qualifies_the_referral_once(db: Database, alice):
    invitee = _invited(db, alice, "13600000001")
    b = bus()
    buy(db, b, invitee, "Q1", 9_900, NOW)
    assert _status(db, invitee)[0] == "pending"  # paid is not completed
    done = {"number": "Q1", "customer_id": invitee, "total_fen": 9_900}
    b.handle(db, event(events.ORDER_COMPLETED, done, NOW + days(9)))
    assert _status(db, invitee) == ("qualified", "", "Q1")
    buy(db, b, invitee, "Q2", 9_900, NOW + days(20), NOW + days(30))
    assert outbox(db, events.REFERRAL_QUALIFIED) == [
        {"referrer_id": alice["id"], "invitee_id": invitee, "order_number": "Q1"}]


def test_an_invitee_sharing_a_phone_with_the_referrer_is_rejected(db: Database, alice):
    invitee = _invited(db, alice, "13600000002")
    with db.transaction() as tx:  # the invitee ships to the referrer's own phone
        addresses.add_address(tx, invitee, {**ADDRESS, "phone": alice["phone"],
                                            "street": "别的路1号"})
    buy(db, bus(), invitee, "Q3", 9_900, NOW, NOW + days(9))
    assert _status(db, invitee) == ("rejected", "same_phone", "Q3")
    assert outbox(db, events.REFERRAL_QUALIFIED) == []


def test_an_invitee_sharing_an_address_with_the_referrer_is_rejected(db: Database, alice):
    with db.transaction() as tx:
        addresses.add_address(tx, alice["id"], ADDRESS)
    invitee = _invited(db, alice, "13600000003")
    with db.transaction() as tx:  # same place, written a little differently
        addresses.add_address(tx, invitee, {**ADDRESS, "phone": "13600000003",
                                            "recipient": "李雷",
                                            "street": " 世纪大道 100 号 "})
    buy(db, bus(), invitee, "Q4", 9_900, NOW, NOW + days(9))
    assert _status(db, invitee) == ("rejected", "same_address", "Q4")


def test_only_the_first_completed_order_counts(db: Database, alice):
    invitee = make_customer(db, "13600000004")["id"]
    b = bus()
    buy(db, b, invitee, "Q5", 9_900, NOW, NOW + days(9))  # before being invited
    with db.transaction() as tx:
        referral.attach(tx, invitee, referral.invite_code(tx, alice["id"]), NOW + days(10))
    buy(db, b, invitee, "Q6", 9_900, NOW + days(11), NOW + days(20))
    assert _status(db, invitee) == ("rejected", "not_first_order", "Q6")


def test_ones_own_code_is_refused(db: Database, alice):
    with db.transaction() as tx:
        code = referral.invite_code(tx, alice["id"])
    with pytest.raises(DomainError) as exc, db.transaction() as tx:
        referral.attach(tx, alice["id"], code, NOW)
    assert exc.value.code == "members.invite_self"


def test_staff_see_the_referral_on_both_customers(admin: Any, db: Database, alice) -> None:
    with db.transaction() as tx:
        addresses.add_address(tx, alice["id"], ADDRESS)
    invitee = _invited(db, alice, "13600000005")
    with db.transaction() as tx:
        addresses.add_address(tx, invitee, {**ADDRESS, "phone": "13600000005"})
    buy(db, bus(), invitee, "Q7", 9_900, NOW, NOW + days(9))
    page = admin.get(f"/admin/customers/{invitee}").text
    assert 'data-testid="referral-status" data-status="rejected"' in page
    assert "与邀请人地址相同" in page and f'href="/admin/customers/{alice["id"]}"' in page
    assert "136****0005" in admin.get(f"/admin/customers/{alice['id']}").text
