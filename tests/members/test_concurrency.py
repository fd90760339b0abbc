"""Limits hold when requests arrive at once (run on PostgreSQL with
MERCATO_TEST_DATABASE_URL): parallel wrong passwords lock the account after 5 checks, and
parallel address creation never passes 20 addresses or leaves two defaults."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from mercato.kernel.errors import TooManyRequests
from mercato.members.adapters.tables import Address, Customer
from mercato.members.domain import AccountLocked
from mercato.members.public import password_login
from mercato.members.services import addresses
from tests.members.conftest import ADDRESS, PASSWORD


def _attempt(db, login: str, password: str, ip: str, limit: int = 5) -> str:  # type: ignore[no-untyped-def]
    try:
        customer, _sid = password_login(db, login, password, ip, limit)
    except AccountLocked:
        return "locked"
    except TooManyRequests:
        return "limited"
    return "in" if customer else "checked"


def test_20_parallel_wrong_passwords_check_at_most_5_and_lock(db, alice):
    # A high identifier limit, so only the account lockout can stop them.
    with ThreadPoolExecutor(20) as pool:
        results = list(
            pool.map(
                lambda i: _attempt(db, alice["phone"], "wrong-pass-1", f"10.0.0.{i}", 1000),
                range(20),
            )
        )
    assert results.count("in") == 0
    assert results.count("checked") == 5
    assert results.count("locked") == 15
    assert _attempt(db, alice["email"], PASSWORD, "10.9.9.9", 1000) == "locked"
    with db.reading() as tx:
        c = tx.get(Customer, alice["id"])
        assert c is not None and c.locked_until is not None


def test_20_parallel_attempts_on_one_identifier_are_rate_limited(db):
    with ThreadPoolExecutor(20) as pool:
        results = list(
            pool.map(lambda i: _attempt(db, "13300000000", "wrong-pass-1", "10.0.1.1"), range(20))
        )
    assert results.count("checked") <= 5
    assert results.count("limited") >= 15


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
