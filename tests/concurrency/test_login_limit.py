"""The login throttle holds when attempts arrive at once, on the suite's database and on
PostgreSQL (MERCATO_TEST_PG_URL): parallel wrong passwords get exactly the free checks (5 in
these tests), per identifier and per client address, for staff and for customers; the owner
then waits the first short step of the growing delay, never a lock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest

from mercato.access import public as access
from mercato.access import services as staff_services
from mercato.kernel.errors import TooManyRequests
from mercato.members import domain as members_domain
from mercato.members import public as members
from mercato.members.services import accounts
from mercato.members.services import clock as members_clock
from mercato.platform.db import Database

STAFF_PASSWORD = "correct-horse-9"
CUSTOMER_PASSWORD = "secret-pass-1"


@pytest.fixture(params=["db", "pg_db"])
def any_db(request: pytest.FixtureRequest) -> Database:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> datetime:
        return self.at

    def tick(self, seconds: int) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Clock]:
    fake = _Clock()
    monkeypatch.setattr(staff_services, "_now", fake)
    monkeypatch.setattr(members_clock, "now", fake)
    yield fake


def _outcome(login: Callable[[], object]) -> str:
    try:
        user = login()
    except TooManyRequests:
        return "limited"
    return "in" if user else "checked"


def _staff(db: Database, email: str, password: str, ip: str) -> str:
    return _outcome(lambda: access.password_login(db, email, password, ip, 5)[0])


def _customer(db: Database, login: str, password: str, ip: str) -> str:
    return _outcome(lambda: members.password_login(db, login, password, ip, 5)[0])


def _parallel(attempt: Callable[[int], str], n: int = 30) -> list[str]:
    with ThreadPoolExecutor(15) as pool:
        return sorted(pool.map(attempt, range(n)))


@pytest.fixture
def admin_email(any_db: Database) -> str:
    with any_db.transaction() as tx:
        return staff_services.create_staff(tx, "admin@example.com", STAFF_PASSWORD).email


def test_30_parallel_staff_failures_from_one_address(any_db, admin_email, clock):
    results = _parallel(lambda _i: _staff(any_db, admin_email, "wrong-password-1", "10.0.0.9"))
    assert results == ["checked"] * 5 + ["limited"] * 25
    # the right password waits too, from this address or another, but only the first step
    assert _staff(any_db, admin_email, STAFF_PASSWORD, "10.0.0.9") == "limited"
    assert _staff(any_db, admin_email, STAFF_PASSWORD, "10.0.0.10") == "limited"
    clock.tick(5)
    assert _staff(any_db, admin_email, STAFF_PASSWORD, "10.0.0.10") == "in"


def test_30_parallel_staff_failures_from_30_addresses(any_db, admin_email, clock):
    results = _parallel(lambda i: _staff(any_db, admin_email, "wrong-password-1", f"10.1.0.{i}"))
    assert results == ["checked"] * 5 + ["limited"] * 25
    clock.tick(5)
    assert _staff(any_db, admin_email, STAFF_PASSWORD, "10.1.1.1") == "in"


def test_30_parallel_customer_failures_from_30_addresses(any_db, clock):
    with any_db.transaction() as tx:
        accounts.sign_up(tx, "13800000001", "", CUSTOMER_PASSWORD)
    results = _parallel(lambda i: _customer(any_db, "13800000001", "wrong-pass-1", f"10.2.0.{i}"))
    assert results == ["checked"] * 5 + ["limited"] * 25
    assert _customer(any_db, "13800000001", CUSTOMER_PASSWORD, "10.2.1.1") == "limited"
    clock.tick(5)
    assert _customer(any_db, "13800000001", CUSTOMER_PASSWORD, "10.2.1.1") == "in"


def test_30_parallel_customer_failures_from_one_address(any_db, clock, monkeypatch):
    monkeypatch.setattr(members_domain, "ADDRESS_FREE", 5)  # 100 in production
    results = _parallel(lambda i: _customer(any_db, f"1330000{i:04}", "wrong-pass-1", "10.3.0.1"))
    assert results == ["checked"] * 5 + ["limited"] * 25
