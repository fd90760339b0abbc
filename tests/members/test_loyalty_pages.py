"""The shopper's loyalty pages and API: my membership (tier card, progress, birthday), my
points (balance, expiry, ledger by page), my invite; links from the account page."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from mercato.members.services import points
from mercato.platform.db import Database
from tests.members.conftest import api_login, page_login
from tests.members.loyalty_helpers import NOW, bus, buy, days


def test_loyalty_pages_need_sign_in(client: TestClient) -> None:
    for path in ("/account/membership", "/account/points", "/account/invite"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/account/login?next=")
    for path in ("/api/v1/me/membership", "/api/v1/me/points", "/api/v1/me/invite"):
        assert client.get(path).status_code == 401


def test_the_membership_page_shows_the_tier_and_the_way_to_the_next(
        client: TestClient, db: Database, alice: dict[str, Any]) -> None:
    page_login(client, alice["phone"])
    plain = client.get("/account/membership").text
    assert 'data-tier=""' in plain and "普通会员" in plain
    buy(db, bus(), alice["id"], "M1", 175_000, NOW, NOW + days(8))
    buy(db, bus(), alice["id"], "M2", 1_000, NOW + days(1), NOW + days(9))  # 2 orders
    page = client.get("/account/membership").text
    assert 'data-tier="silver"' in page and "银卡会员" in page
    assert re.search(r'data-testid="next-tier" data-percent="50"', page)
    assert "金卡会员" in page and "¥1240.00" in page  # what gold still needs
    assert 'data-testid="points-balance">1760<' in page


def test_the_birthday_is_set_once_on_the_membership_page(
        client: TestClient, db: Database, alice: dict[str, Any]) -> None:
    csrf = page_login(client, alice["phone"])
    future = client.post("/account/membership/birthday",
                         data={"csrf": csrf, "birthday": "2999-01-01"})
    assert future.status_code == 422 and 'data-testid="error-birthday"' in future.text
    assert client.post("/account/membership/birthday",
                       data={"csrf": csrf, "birthday": "not-a-date"}).status_code == 422
    ok = client.post("/account/membership/birthday", data={"csrf": csrf, "birthday": "1992-03-04"},
                     follow_redirects=False)
    assert ok.status_code == 303
    page = client.get(ok.headers["location"]).text
    assert 'data-testid="birthday-set">3/4' in page and "field-birthday" not in page
    again = client.post("/account/membership/birthday",
                        data={"csrf": csrf, "birthday": "1993-03-04"})
    assert again.status_code == 409
    assert client.post("/account/membership/birthday",
                       data={"birthday": "1992-03-04"}).status_code == 403  # no CSRF


def test_the_points_page_pages_the_ledger(client: TestClient, db: Database,
                                          alice: dict[str, Any]) -> None:
    with db.transaction() as tx:
        for i in range(25):
            points.credit(tx, alice["id"], 10, "earn", f"P{i:02d}", "", NOW + days(i))
    page_login(client, alice["phone"])
    first = client.get("/account/points").text
    assert 'data-testid="points-balance">250<' in first
    assert first.count('data-testid="ledger-row"') == 20 and 'rel="next"' in first
    assert 'data-testid="expiring-row"' in first and "2027-12-31" in first
    second = client.get("/account/points?page=2").text
    assert second.count('data-testid="ledger-row"') == 5 and 'rel="prev"' in second
    assert client.get("/account/points?page=0").status_code == 422
    api = client.get("/api/v1/me/points?page=2&size=10",
                     headers=api_login(client, alice["phone"])).json()
    assert (api["balance"], api["total"], api["page"], api["pages"]) == (250, 25, 2, 3)
    assert [x["ref"] for x in api["items"]][:2] == ["P14", "P13"]
    assert api["expiring"] == [{"good_until": "2027-12-31", "points": 250}]
    assert api["items"][0]["created_at"].endswith("+08:00")


def test_the_invite_page_shows_the_code_the_link_and_a_copy_button(
        client: TestClient, db: Database, alice: dict[str, Any]) -> None:
    page_login(client, alice["phone"])
    page = client.get("/account/invite").text
    code = re.search(r'data-testid="invite-code">([A-Z0-9]{8})<', page)
    assert code, page
    assert f"/register?invite={code.group(1)}" in page and 'data-testid="copy-link"' in page
    assert code.group(1) in client.get("/account/invite").text  # the same code again


def test_the_account_page_links_to_the_loyalty_pages(client: TestClient, db: Database,
                                                     alice: dict[str, Any]) -> None:
    with db.transaction() as tx:
        points.credit(tx, alice["id"], 42, "earn", "A", "", NOW)
    page_login(client, alice["phone"])
    page = client.get("/account").text
    for href in ("/account/membership", "/account/points", "/account/invite"):
        assert f'href="{href}"' in page
    assert 'data-testid="account-points">42 ' in page


def test_the_membership_api(client: TestClient, db: Database, alice: dict[str, Any]) -> None:
    buy(db, bus(), alice["id"], "M3", 60_000, NOW, NOW + days(8))
    r = client.get("/api/v1/me/membership", headers=api_login(client, alice["phone"]))
    assert r.status_code == 200, r.text
    m = r.json()
    assert (m["tier"], m["tier_name"], m["points"]) == ("silver", "Silver", 600)
    assert m["discount_bp"] == 0
    assert m["next_tier"]["code"] == "gold" and m["next_tier"]["orders_missing"] == 2
    assert [t["code"] for t in m["tiers"]] == ["silver", "gold", "diamond"]
    assert m["birthday"] is None
