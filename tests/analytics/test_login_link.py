"""The visitor cookie is tied to the customer at sign-in: members' routes mark the request,
the analytics middleware records one `linked` event with the visitor and the customer (never
under DNT/GPC, never for a failed attempt), and the funnel then counts the visitor's views
and carts from before the sign-in as the customer's, up to their order."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato import events
from mercato.analytics.services import figures
from mercato.analytics.services.recording import Tracker
from mercato.platform import clock
from mercato.platform.db import Database
from tests.analytics.helpers import recorded
from tests.members.conftest import csrf_of
from tests.orders.conftest import fill_cart

BROWSER = {"user-agent": "Mozilla/5.0 (iPhone) Safari/604.1"}
PRIVATE = [{"dnt": "1"}, {"sec-gpc": "1"}]
ORDER = "2612071234567890"


def _tracker(client: TestClient) -> Tracker:
    return client.app.state.analytics  # type: ignore[attr-defined]


def _written(client: TestClient) -> list[dict[str, Any]]:
    _tracker(client).recorder.flush()
    return recorded(_tracker(client).lake)


def _links(client: TestClient) -> list[tuple[str, int | None, str]]:
    return [(e["visitor_id"], e["customer_id"], e["path"]) for e in _written(client)
            if e["name"] == "linked"]


def _form_login(client: TestClient, login: str, password: str,
                headers: dict[str, str] = BROWSER) -> int:
    token = csrf_of(client.get("/account/login", headers=BROWSER).text)
    r = client.post("/account/login", data={"login": login, "password": password, "csrf": token},
                    headers=headers, follow_redirects=False)
    return r.status_code


def _api_login(client: TestClient, login: str, password: str,
               headers: dict[str, str] = BROWSER) -> int:
    client.get("/", headers=BROWSER)  # the storefront set the visitor cookie
    body = {"login": login, "password": password}
    return client.post("/api/v1/customers/token", json=body, headers=headers).status_code


def test_signing_in_through_the_form_links_visitor_and_customer(
    client: TestClient, buyer: dict[str, Any]
) -> None:
    assert _form_login(client, buyer["phone"], buyer["password"]) == 303
    visitor = client.cookies["mv"]
    assert _links(client) == [(visitor, buyer["id"], "/account/login")]


def test_an_api_token_links_visitor_and_customer(client: TestClient, buyer: dict) -> None:
    assert _api_login(client, buyer["phone"], buyer["password"]) == 200
    assert _links(client) == [(client.cookies["mv"], buyer["id"], "/api/v1/customers/token")]


def test_signing_up_links_the_new_customer(client: TestClient, db: Database) -> None:
    token = csrf_of(client.get("/account/signup", headers=BROWSER).text)
    form = {"phone": "13700000009", "name": "韩梅梅", "password": "a-long-pass-9", "csrf": token}
    r = client.post("/account/signup", data=form, headers=BROWSER, follow_redirects=False)
    assert r.status_code == 303, r.text
    ((visitor, customer_id, path),) = _links(client)
    assert (visitor, path) == (client.cookies["mv"], "/account/signup")
    me = client.get("/api/v1/me").json()  # the session the sign-up started
    assert customer_id == me["id"]


@pytest.mark.parametrize("privacy", PRIVATE)
def test_do_not_track_links_nobody(client: TestClient, buyer: dict, privacy: dict) -> None:
    headers = {**BROWSER, **privacy}
    assert _form_login(client, buyer["phone"], buyer["password"], headers) == 303
    assert _api_login(client, buyer["phone"], buyer["password"], headers) == 200
    assert client.cookies.get("mv") and _links(client) == []  # a cookie, and yet nothing


def test_a_failed_sign_in_links_nobody(client: TestClient, buyer: dict) -> None:
    assert _form_login(client, buyer["phone"], "not-the-password") == 401
    assert _api_login(client, buyer["phone"], "not-the-password") == 401
    assert _form_login(client, "13999999999", buyer["password"]) == 401  # no such customer
    assert _links(client) == []


def _order(tracker: Tracker, customer_id: int) -> None:
    """The order's events, as analytics' outbox subscriber records them."""
    payload = {"number": ORDER, "customer_id": customer_id, "total_fen": 12900}
    now = clock.utcnow()
    tracker.record_outbox("placed-1", events.ORDER_PLACED, payload, now)
    tracker.record_outbox("paid-1", events.ORDER_PAID, payload, now)


def _funnel(client: TestClient) -> list[int]:
    _tracker(client).recorder.flush()
    today = clock.local(clock.utcnow()).date()
    return [s.people for s in figures.funnel(_tracker(client).lake, today, today)]


def test_the_funnel_counts_views_before_the_sign_in_as_the_buyers(
    client: TestClient, db: Database, market: dict, buyer: dict
) -> None:
    sku = market["tee"]["skus"][0]
    assert client.get(f"/p/cotton-tee?sku={sku}", headers=BROWSER).status_code == 200
    added = client.post("/api/v1/cart/lines", json={"sku_id": sku, "quantity": 1},
                        headers=BROWSER)
    assert added.status_code == 200, added.text
    _order(_tracker(client), buyer["id"])
    # A stranger viewed and carted; a customer with no views ordered: nobody goes through.
    assert _funnel(client) == [1, 1, 0, 0, 0]
    assert _form_login(client, buyer["phone"], buyer["password"]) == 303
    fill_cart(db, buyer["id"], {sku: 1})
    assert client.get("/checkout", headers=BROWSER).status_code == 200
    assert _funnel(client) == [1, 1, 1, 1, 1]  # one person: viewed, carted, paid
