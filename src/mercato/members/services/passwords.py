"""Changing a password while signed in: the current password is required (throttled per
account like a login: `limit` free wrong tries in 15 minutes, then 5 s doubling up to a
minute), and every other session and API token of the customer ends."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError
from mercato.members import domain
from mercato.members.adapters import repository
from mercato.members.adapters.tables import LoginFailure
from mercato.members.services import accounts, clock, login, sessions
from mercato.members.services.password_reset import lock_key, recent


def check_new(password: str, field: str = "new_password") -> str:
    """domain.check_password with the form's field name."""
    try:
        return domain.check_password(password)
    except DomainError as exc:
        raise DomainError(exc.code, exc.message, field) from exc


def change_password(
    tx: Session,
    customer_id: int,
    current: str,
    new: str,
    limit: int,
    keep_session: str | None = None,
    keep_token: str | None = None,
) -> bool:
    """Set `new` if `current` is right; False (a failure recorded, kept when the caller
    commits) if not; TooManyRequests while the account must wait."""
    check_new(new)
    key = f"pwchange:{customer_id}"
    lock_key(tx, key)
    count, latest = recent(tx, key)
    at = clock.now()
    wait = domain.throttle_wait(count, limit, latest, at, domain.IDENTIFIER_MAX_WAIT)
    if wait:
        raise login.too_many(wait)
    customer = repository.lock_customer(tx, customer_id)
    if not accounts.password_ok(customer, current):
        tx.add(LoginFailure(key=key, at=at))
        tx.flush()
        return False
    if current == new:
        raise DomainError(
            "members.same_password", "Choose a password other than the current one", "new_password"
        )
    accounts.set_password(customer, new)
    sessions.end_all(tx, customer_id, keep_session, keep_token)
    tx.execute(delete(LoginFailure).where(LoginFailure.key == key))
    return True
