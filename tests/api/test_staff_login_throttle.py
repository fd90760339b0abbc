"""Staff login throttling (security review), on POST /api/v1/auth/token and /admin/login:
an unknown e-mail answers exactly like a real one, nobody can lock a staff member out, waits
grow per e-mail (never beyond a minute) and per client address, and a success clears the
e-mail's failures. The test settings allow 5 free failures per e-mail and per address."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mercato.access import services
from tests.api.helpers import error_of

TOKEN = "/api/v1/auth/token"
WRONG = "wrong-password-1"


class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.at

    def tick(self, seconds: int) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> _Clock:
    fake = _Clock()
    monkeypatch.setattr(services, "_now", fake)
    return fake


def _from(app: Any, address: str) -> TestClient:
    return TestClient(app, client=(address, 50000))


def _api_sequence(client: TestClient, clock: _Clock, email: str) -> list[Any]:
    seen = []
    for _ in range(10):
        r = client.post(TOKEN, json={"email": email, "password": WRONG}, params={"lang": "en"})
        seen.append((r.status_code, r.json(), sorted(r.headers.items())))
        clock.tick(int(r.headers.get("Retry-After", "0")))
    return seen


def test_unknown_and_real_staff_answer_alike(app, staff, clock):
    real = _api_sequence(_from(app, "10.5.0.1"), clock, str(staff["email"]))
    unknown = _api_sequence(_from(app, "10.5.0.2"), clock, "nobody@example.com")
    assert real == unknown
    assert [s[0] for s in real] == [401] * 5 + [429, 401, 429, 401, 429]
    assert [dict(s[2])["retry-after"] for s in real[5::2]] == ["5", "10", "20"]
    assert real[5][1]["error"] == {
        "code": "access.too_many_attempts",
        "message": "Too many failed logins; try again in 5 seconds",
    }


def _page_sequence(app: Any, clock: _Clock, email: str, address: str) -> list[Any]:
    browser, seen = _from(app, address), []
    for _ in range(8):
        r = browser.post("/admin/login", data={"email": email, "password": WRONG})
        body = r.text.replace(email, "EMAIL")  # the form echoes what was typed
        seen.append((r.status_code, r.headers.get("Retry-After"), body))
        clock.tick(int(r.headers.get("Retry-After", "0")))
    return seen


def test_admin_sign_in_page_answers_alike(app, staff, clock):
    real = _page_sequence(app, clock, str(staff["email"]), "10.5.1.1")
    unknown = _page_sequence(app, clock, "nobody@example.com", "10.5.1.2")
    assert real == unknown
    assert [(s[0], s[1]) for s in real[4:]] == [(401, None), (429, "5"), (401, None), (429, "10")]
    assert "登录失败次数过多，请 5 秒后再试" in real[5][2]


def test_retry_after_doubles_per_email_and_stays_short(app, staff, clock):
    body = {"email": staff["email"], "password": WRONG}
    addresses = (_from(app, f"10.6.0.{i}") for i in range(100))  # keeps the address out of it
    for _ in range(5):
        error_of(next(addresses).post(TOKEN, json=body), 401)
    waits = []
    for _ in range(6):
        r = next(addresses).post(TOKEN, json=body)
        error_of(r, 429)
        waits.append(int(r.headers["Retry-After"]))
        clock.tick(waits[-1])
        error_of(next(addresses).post(TOKEN, json=body), 401)
    assert waits == [5, 10, 20, 40, 60, 60]


def test_a_stranger_cannot_keep_a_staff_member_out_for_more_than_a_minute(app, staff, clock):
    strangers = (_from(app, f"10.7.{i // 250}.{i % 250}") for i in range(10_000))
    bad = {"email": staff["email"], "password": WRONG}
    failures = 0
    while failures < 15:
        r = next(strangers).post(TOKEN, json=bad)
        if r.status_code == 401:
            failures += 1
        else:
            assert r.status_code == 429, r.text
            clock.tick(int(r.headers["Retry-After"]))
    owner = _from(app, "10.7.99.1")
    right = {"email": staff["email"], "password": staff["password"]}
    r = owner.post(TOKEN, json=right)
    assert error_of(r, 429) and r.headers["Retry-After"] == "60"
    for _ in range(5):  # refused meanwhile, without effect
        clock.tick(10)
        assert next(strangers).post(TOKEN, json=bad).status_code == 429
    clock.tick(10)
    assert owner.post(TOKEN, json=right).status_code == 200


def test_one_address_is_slowed_down_across_emails(app, staff, clock):
    attacker = _from(app, "10.8.0.1")
    for i in range(5):
        error_of(attacker.post(TOKEN, json={"email": f"x{i}@example.com", "password": WRONG}), 401)
    r = attacker.post(TOKEN, json={"email": "y@example.com", "password": WRONG})
    assert error_of(r, 429) and r.headers["Retry-After"] == "5"
    right = {"email": staff["email"], "password": staff["password"]}
    error_of(attacker.post(TOKEN, json=right), 429)
    assert _from(app, "10.8.0.2").post(TOKEN, json=right).status_code == 200
    clock.tick(5)
    error_of(attacker.post(TOKEN, json={"email": "z@example.com", "password": WRONG}), 401)
    r = attacker.post(TOKEN, json={"email": "w@example.com", "password": WRONG})
    assert error_of(r, 429) and r.headers["Retry-After"] == "10"


def test_a_staff_success_clears_the_email_failures(app, staff, clock):
    bad = {"email": staff["email"], "password": WRONG}
    right = {"email": staff["email"], "password": staff["password"]}
    addresses = (_from(app, f"10.9.0.{i}") for i in range(100))
    for _ in range(5):
        error_of(next(addresses).post(TOKEN, json=bad), 401)
    r = next(addresses).post(TOKEN, json=right)
    error_of(r, 429)
    clock.tick(int(r.headers["Retry-After"]))
    assert next(addresses).post(TOKEN, json=right).status_code == 200
    for _ in range(5):
        error_of(next(addresses).post(TOKEN, json=bad), 401)
    error_of(next(addresses).post(TOKEN, json=bad), 429)
