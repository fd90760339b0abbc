"""Members fixtures."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.app import create_app
from mercato.platform.db import Database
from mercato.platform.settings import Settings

PASSWORD = "secret-pass-1"
WRONG = "wrong-pass-1"
_CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')


@pytest.fixture
def app(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings, db)


def csrf_of(html: str) -> str:
    found = _CSRF.search(html)
    assert found, "no csrf field in the page"
    return found.group(1)


def make_customer(db: Database, phone: str = "13800000001", email: str = "") -> dict[str, Any]:
    from mercato.members.services import accounts

    with db.transaction() as tx:
        c = accounts.sign_up(tx, phone, email, PASSWORD, "Li Lei")
        return {"id": c.id, "phone": c.phone, "email": c.email, "password": PASSWORD}


def api_login(client: TestClient, login: str, password: str = PASSWORD) -> dict[str, str]:
    r = client.post("/api/v1/customers/token", json={"login": login, "password": password})
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def page_login(client: TestClient, login: str, password: str = PASSWORD) -> str:
    """Signs the client in through the login form; returns the CSRF token for later forms."""
    token = csrf_of(client.get("/account/login").text)
    r = client.post(
        "/account/login",
        data={"login": login, "password": password, "csrf": token},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/account/addresses/new").text)


ADDRESS = {
    "recipient": "王小明",
    "phone": "13912345678",
    "province": "上海市",
    "city": "上海市",
    "district": "浦东新区",
    "street": "世纪大道100号",
    "postcode": "200120",
}


@pytest.fixture
def alice(db: Database) -> dict[str, Any]:
    return make_customer(db, "13800000001", "alice@example.com")


@pytest.fixture
def bob(db: Database) -> dict[str, Any]:
    return make_customer(db, "13900000002", "bob@example.com")


class FakeClock:
    """Stands in for members.services.clock.now, so the login throttle's waits are exact."""

    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.at

    def tick(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    from mercato.members.services import clock as members_clock

    fake = FakeClock()
    monkeypatch.setattr(members_clock, "now", fake)
    return fake


def from_address(app: Any, address: str) -> TestClient:
    """A client whose requests come from `address` (the login throttle keys on it)."""
    return TestClient(app, client=(address, 50000))


from tests.members.post import post  # noqa: E402,F401  (the fake SMS and SMTP servers)
