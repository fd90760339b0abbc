"""Customer login throttling (security review): an unknown account answers exactly like a real
one, no stranger can lock an account, attempts slow down per identifier (growing, but never
more than a minute) and per client address, and a success clears the identifier's failures.
The test settings allow 5 free failures per identifier."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mercato.members import domain
from mercato.members.services import accounts
from tests.api.helpers import error_of
from tests.members.conftest import PASSWORD, WRONG, csrf_of, from_address

TOKEN = "/api/v1/customers/token"
UNKNOWN = "13300000000"
_FORM_ERROR = re.compile(r'data-testid="form-error">([^<]*)<')


def _observed(r: Any) -> tuple[Any, ...]:
    """Everything a client can see of a login answer."""
    return r.status_code, r.json(), sorted(r.headers.items())


def _api_sequence(client: Any, clock: Any, login: str, steps: int = 10) -> list[Any]:
    seen = []
    for _ in range(steps):
        r = client.post(TOKEN, json={"login": login, "password": WRONG}, params={"lang": "en"})
        seen.append(_observed(r))
        clock.tick(int(r.headers.get("Retry-After", "0")))
    return seen


def test_unknown_and_real_accounts_answer_alike(app, alice, clock):
    real = _api_sequence(from_address(app, "10.1.0.1"), clock, alice["phone"])
    unknown = _api_sequence(from_address(app, "10.1.0.2"), clock, UNKNOWN)
    assert real == unknown
    assert [s[0] for s in real] == [401] * 5 + [429, 401, 429, 401, 429]
    assert [dict(s[2]).get("retry-after") for s in real[5::2]] == ["5", "10", "20"]


def test_unknown_and_real_accounts_cost_one_password_check_each(client, alice, monkeypatch):
    class Counting:
        def __init__(self, inner: Any) -> None:
            self.inner, self.verified = inner, 0

        def verify(self, hashed: str, password: str) -> bool:
            self.verified += 1
            return bool(self.inner.verify(hashed, password))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

    counting = Counting(accounts._hasher)
    monkeypatch.setattr(accounts, "_hasher", counting)
    for login in (alice["phone"], UNKNOWN):
        error_of(client.post(TOKEN, json={"login": login, "password": WRONG}), 401)
    assert counting.verified == 2


def test_retry_after_doubles_per_identifier_and_stays_short(client, alice, clock):
    body = {"login": alice["email"], "password": WRONG}
    for _ in range(5):
        error_of(client.post(TOKEN, json=body), 401)
    waits = []
    for _ in range(6):
        r = client.post(TOKEN, json=body, params={"lang": "en"})
        err = error_of(r, 429)
        waits.append(int(r.headers["Retry-After"]))
        assert err["code"] == "members.too_many_attempts"
        assert err["message"] == f"Too many failed logins; try again in {waits[-1]} seconds"
        clock.tick(waits[-1] - 1)
        early = client.post(TOKEN, json=body)  # refused, and it does not push the wait back
        assert error_of(early, 429) and early.headers["Retry-After"] == "1"
        clock.tick(1)
        error_of(client.post(TOKEN, json=body), 401)
    assert waits == [5, 10, 20, 40, 60, 60]


def test_a_stranger_cannot_keep_the_owner_out_for_more_than_a_minute(app, alice, clock):
    strangers = (from_address(app, f"10.2.{i // 250}.{i % 250}") for i in range(10_000))
    bad = {"login": alice["phone"], "password": WRONG}
    failures = 0
    while failures < 15:  # as many wrong passwords as the throttle lets through, fast
        r = next(strangers).post(TOKEN, json=bad)
        if r.status_code == 401:
            failures += 1
        else:
            assert r.status_code == 429, r.text
            clock.tick(int(r.headers["Retry-After"]))
    owner = from_address(app, "10.9.9.9")
    right = {"login": alice["phone"], "password": PASSWORD}
    r = owner.post(TOKEN, json=right)
    assert error_of(r, 429) and r.headers["Retry-After"] == "60"
    for _ in range(5):  # the stranger keeps trying meanwhile: refused, without effect
        clock.tick(10)
        assert next(strangers).post(TOKEN, json=bad).status_code == 429
    clock.tick(10)
    assert owner.post(TOKEN, json=right).status_code == 200


def test_no_lock_across_the_phone_and_the_email(client, alice, clock):
    for login in [alice["phone"]] * 3 + [alice["email"]] * 2:
        error_of(client.post(TOKEN, json={"login": login, "password": WRONG}), 401)
    assert client.post(TOKEN, json={"login": alice["phone"], "password": PASSWORD}).is_success


def test_one_address_is_slowed_down_across_identifiers(app, alice, clock, monkeypatch):
    monkeypatch.setattr(domain, "ADDRESS_FREE", 6)  # 100 in production; fewer keep this fast
    attacker = from_address(app, "10.3.0.1")
    for i in range(6):
        error_of(attacker.post(TOKEN, json={"login": f"1330000000{i}", "password": WRONG}), 401)
    waits = []
    for i in range(4):
        r = attacker.post(TOKEN, json={"login": f"1350000000{i}", "password": WRONG})
        error_of(r, 429)
        waits.append(int(r.headers["Retry-After"]))
        clock.tick(waits[-1])
        error_of(attacker.post(TOKEN, json={"login": f"1360000000{i}", "password": WRONG}), 401)
    assert waits == [5, 10, 20, 40]
    right = {"login": alice["phone"], "password": PASSWORD}
    assert error_of(attacker.post(TOKEN, json=right), 429)  # the address waits, whoever it is
    assert from_address(app, "10.3.0.2").post(TOKEN, json=right).status_code == 200


def test_a_success_clears_the_identifier_failures(client, alice, clock):
    bad = {"login": alice["phone"], "password": WRONG}
    for _ in range(5):
        error_of(client.post(TOKEN, json=bad), 401)
    r = client.post(TOKEN, json={"login": alice["phone"], "password": PASSWORD})
    error_of(r, 429)
    clock.tick(int(r.headers["Retry-After"]))
    assert client.post(TOKEN, json={"login": alice["phone"], "password": PASSWORD}).is_success
    for _ in range(5):  # a fresh allowance
        error_of(client.post(TOKEN, json=bad), 401)
    error_of(client.post(TOKEN, json=bad), 429)


def test_login_route_documents_the_throttle(client):
    op = client.get("/api/v1/openapi.json").json()["paths"][TOKEN]["post"]
    assert "423" not in op["responses"]
    throttled = op["responses"]["429"]
    assert "Retry-After" in throttled["headers"]
    assert "60" in throttled["description"] and "doubl" in throttled["description"]


def _page_sequence(app: Any, clock: Any, login: str, address: str) -> list[Any]:
    browser = from_address(app, address)
    token = csrf_of(browser.get("/account/login").text)
    seen = []
    for _ in range(8):
        r = browser.post("/account/login", data={"login": login, "password": WRONG, "csrf": token})
        error = _FORM_ERROR.search(r.text)
        seen.append((r.status_code, r.headers.get("Retry-After"), error and error.group(1)))
        clock.tick(int(r.headers.get("Retry-After", "0")))
    return seen


def test_sign_in_page_answers_alike_and_shows_the_wait_in_chinese(app, alice, clock):
    real = _page_sequence(app, clock, alice["phone"], "10.4.0.1")
    unknown = _page_sequence(app, clock, UNKNOWN, "10.4.0.2")
    assert real == unknown
    assert [s[0] for s in real] == [401] * 5 + [429, 401, 429]
    assert real[5][1:] == ("5", "登录失败次数过多，请 5 秒后再试")
    assert real[7][1:] == ("10", "登录失败次数过多，请 10 秒后再试")


@pytest.mark.parametrize(("seconds", "text"), [(45, "45 秒"), (300, "5 分钟")])
def test_long_waits_are_told_in_minutes(seconds, text):
    from mercato.members.services import login

    assert text in login.too_many(seconds).message


def test_attempts_older_than_the_window_are_purged(db, settings) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from sqlalchemy import func, insert, select

    from mercato import bootstrap
    from mercato.access.adapters.tables import LoginFailure as StaffFailure
    from mercato.members.adapters.tables import LoginFailure
    from mercato.platform.outbox import Bus, utcnow

    old, fresh = utcnow() - timedelta(minutes=20), utcnow()
    with db.transaction() as tx:
        for table in (LoginFailure, StaffFailure):
            tx.execute(insert(table), [{"key": "ip:1", "at": old}, {"key": "ip:1", "at": fresh}])
    bus = Bus()
    bootstrap.wire_bus(bus, settings)
    bus.run_job(db, "platform.purge_login_attempts")
    with db.reading() as tx:
        for table in (LoginFailure, StaffFailure):
            assert tx.scalar(select(func.count()).select_from(table)) == 1
