"""Limits hold when requests arrive at once (run on PostgreSQL with
MERCATO_TEST_DATABASE_URL): parallel wrong passwords get exactly the free checks the login
throttle allows and lock nothing, and parallel address creation never passes 20 addresses
or leaves two defaults."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from mercato.kernel.errors import DomainError, TooManyRequests
from mercato.members.adapters.tables import Address
from mercato.members.public import password_login
from mercato.members.services import addresses
from tests.members.conftest import ADDRESS, PASSWORD, WRONG


def _attempt(db, login: str, password: str, ip: str, limit: int = 5) -> str:  # type: ignore[no-untyped-def]
    try:
        customer, _sid = password_login(db, login, password, ip, limit)
    except TooManyRequests:
        return "limited"
    except DomainError as exc:  # a lock (423) or anything else: not allowed
        return exc.code
    return "in" if customer else "checked"


def _parallel(db, login: str, ips: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    with ThreadPoolExecutor(len(ips)) as pool:
        return list(pool.map(lambda ip: _attempt(db, login, WRONG, ip), ips))


def test_20_parallel_wrong_passwords_get_5_checks_and_lock_nothing(db, alice, clock):
    results = _parallel(db, alice["phone"], [f"10.0.0.{i}" for i in range(20)])
    assert sorted(results) == ["checked"] * 5 + ["limited"] * 15
    assert _attempt(db, alice["email"], PASSWORD, "10.9.9.9") == "in"  # another identifier
    assert _attempt(db, alice["phone"], PASSWORD, "10.9.9.9") == "limited"
    clock.tick(5)  # the first step of the growing wait, not a lock
    assert _attempt(db, alice["phone"], PASSWORD, "10.9.9.9") == "in"


def test_20_parallel_attempts_on_one_identifier_are_rate_limited(db, clock):
    results = _parallel(db, "13300000000", ["10.0.1.1"] * 20)
    assert sorted(results) == ["checked"] * 5 + ["limited"] * 15


@pytest.mark.parametrize("round_", range(3))
def test_parallel_address_creation_keeps_the_limit_and_one_default(db, alice, round_):
    def add(i: int) -> str:
        try:
            with db.transaction() as tx:
                addresses.add_address(
                    tx, alice["id"], {**ADDRESS, "street": f"路{i}号"}, i % 2 == 0
                )
        except Exception as exc:
            return getattr(exc, "code", repr(exc))
        return "ok"

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(add, range(30)))
    assert results.count("ok") == 20
    assert results.count("members.too_many_addresses") == 10
    with db.reading() as tx:
        total = tx.execute(select(func.count(Address.id))).scalar_one()
        defaults = tx.execute(
            select(func.count(Address.id)).where(Address.is_default.is_(True))
        ).scalar_one()
    assert (total, defaults) == (20, 1)
