"""Login attempts: each is recorded as a failure BEFORE the password is checked, in its own
committed transaction, so concurrent attempts all see each other and the limit holds on
PostgreSQL too; a success deletes its own record."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mercato.kernel.errors import TooManyRequests
from mercato.members import domain
from mercato.members.adapters.tables import LoginFailure
from mercato.members.services.clock import now

# Many shoppers share one public address behind carrier-grade NAT, so a client IP gets more
# attempts than one identifier.
IP_FACTOR = 10


def _keys(identifier: str, client: str) -> tuple[str, str]:
    kind, value = domain.login_key(identifier)
    return f"{kind}:{value}", f"ip:{client[:64]}"


def open_attempt(tx: Session, identifier: str, client: str) -> list[int]:
    at = now()
    rows = [LoginFailure(key=k, at=at) for k in _keys(identifier, client)]
    tx.add_all(rows)
    tx.flush()
    return [r.id for r in rows]


def _count(tx: Session, key: str) -> int:
    stmt = select(func.count(LoginFailure.id)).where(
        LoginFailure.key == key, LoginFailure.at >= domain.window_start(now())
    )
    return int(tx.execute(stmt).scalar_one())


def check_rate(tx: Session, identifier: str, client: str, limit: int) -> None:
    """TooManyRequests when the attempts in the window (this one included) pass the limit."""
    ident, ip = _keys(identifier, client)
    if _count(tx, ident) > limit or _count(tx, ip) > limit * IP_FACTOR:
        raise TooManyRequests(
            "members.too_many_attempts", "Too many failed logins; try again in 15 minutes"
        )


def record_signup(tx: Session, client: str) -> None:
    tx.add(LoginFailure(key=f"signup:{client[:64]}", at=now()))
    tx.flush()


def check_signups(tx: Session, client: str, limit: int) -> None:
    """Account creation is limited per client IP, successful or not: a bot filling the
    customer table is stopped as surely as one guessing passwords."""
    if _count(tx, f"signup:{client[:64]}") > limit:
        raise TooManyRequests(
            "members.too_many_signups", "Too many sign-ups from your network; try again later"
        )


def close_attempt(tx: Session, attempt: list[int]) -> None:
    """A successful login forgets its own attempt record."""
    tx.execute(delete(LoginFailure).where(LoginFailure.id.in_(attempt)))
