"""The customer login throttle, and the sign-up limit.

Policy (a 15-minute sliding window; see domain.throttle_wait):
- Per identifier (the normalised mobile number or e-mail typed, known account or not): the
  first `limit` wrong passwords (settings.login_attempts_per_15min) cost nothing; after that
  the next attempt waits 5 s after the latest failure, then 10, 20, 40 and at most 60 s. A
  refused attempt is not a failure and never lengthens the wait: however hard strangers
  try, the owner waits at most 60 s after the latest failure, and no account is ever
  locked. A success clears the identifier's failures. The phone and the e-mail of one
  account are two identifiers: tying them together would tell that both are one account.
- Per client address, across identifiers: the first 100 attempts in the window (successful
  ones aside) cost nothing, then 5 s, doubling up to 15 minutes: this stops one attacker.
- Refused: 429 `members.too_many_attempts` with Retry-After (seconds). Nothing here depends
  on whether the account exists, so a stranger learns nothing from the answers.

Concurrency: each check runs under a lock of its key (a PostgreSQL advisory lock; SQLite has
one writer at a time anyway) and records the attempt before the password is looked at, so
parallel attempts see each other. The address is checked and recorded in its own committed
transaction (open_attempt); the identifier's failure is recorded in the password check's
transaction (check_rate), whose lock is held until the outcome is committed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from mercato.kernel.errors import TooManyRequests
from mercato.members import domain
from mercato.members.adapters.tables import LoginFailure
from mercato.members.services import clock
from mercato.platform.i18n import ngettext_ as ngettext


@dataclass(frozen=True, slots=True)
class Attempt:
    """What a successful login clears: the identifier's failures, this attempt's address row."""

    identifier: str
    address_row: int


def _keys(identifier: str, client: str) -> tuple[str, str]:
    kind, value = domain.login_key(identifier)
    return f"{kind}:{value}", f"ip:{client[:64]}"


def _serialise(tx: Session, key: str) -> None:
    """Attempts on one key queue here until this transaction ends. Under READ COMMITTED
    (PostgreSQL's default, kept here) the statements after the lock see what the previous
    holder committed."""
    if tx.get_bind().dialect.name != "postgresql":
        return  # SQLite: write transactions already run one at a time
    digest = hashlib.blake2b(f"members.login:{key}".encode(), digest_size=8).digest()
    tx.execute(select(func.pg_advisory_xact_lock(int.from_bytes(digest, "big", signed=True))))


def _wait(tx: Session, key: str, free: int, cap: int, at: datetime) -> int:
    stmt = select(func.count(LoginFailure.id), func.max(LoginFailure.at)).where(
        LoginFailure.key == key, LoginFailure.at >= domain.window_start(at)
    )
    count, latest = tx.execute(stmt).one()
    return domain.throttle_wait(int(count), free, latest, at, cap)


def too_many(seconds: int) -> TooManyRequests:
    """The refusal, its wait in the shopper's language and in Retry-After."""
    if seconds < 120:
        n = seconds
        text = ngettext(
            "Too many failed logins; try again in %(n)s second",
            "Too many failed logins; try again in %(n)s seconds",
            n,
        )
    else:
        n = -(-seconds // 60)
        text = ngettext(
            "Too many failed logins; try again in %(n)s minute",
            "Too many failed logins; try again in %(n)s minutes",
            n,
        )
    message = text % {"n": n}  # outside the call: i18n_check takes its literals for messages
    error = TooManyRequests("members.too_many_attempts", message)
    error.headers = {"Retry-After": str(seconds)}
    return error


def open_attempt(tx: Session, identifier: str, client: str) -> Attempt:
    """The address's throttle, in a transaction of its own: TooManyRequests while the address
    must wait (nothing recorded), else the attempt is recorded under the address."""
    ident, address = _keys(identifier, client)
    _serialise(tx, address)
    at = clock.now()
    wait = _wait(tx, address, domain.ADDRESS_FREE, domain.ADDRESS_MAX_WAIT, at)
    if wait:
        raise too_many(wait)
    row = LoginFailure(key=address, at=at)
    tx.add(row)
    tx.flush()
    return Attempt(ident, row.id)


def check_rate(tx: Session, identifier: str, client: str, limit: int) -> None:
    """The identifier's throttle (`limit` free failures), in the transaction that then checks
    the password: TooManyRequests while it must wait, else its failure is recorded now and
    close_attempt removes it if the password is right."""
    ident, _address = _keys(identifier, client)
    _serialise(tx, ident)
    at = clock.now()
    wait = _wait(tx, ident, limit, domain.IDENTIFIER_MAX_WAIT, at)
    if wait:
        raise too_many(wait)
    tx.add(LoginFailure(key=ident, at=at))
    tx.flush()


def close_attempt(tx: Session, attempt: Attempt) -> None:
    """A successful login clears its identifier's failures and its own address record (the
    address keeps its other attempts: they may be someone else's)."""
    tx.execute(
        delete(LoginFailure).where(
            or_(LoginFailure.key == attempt.identifier, LoginFailure.id == attempt.address_row)
        )
    )


def _count(tx: Session, key: str) -> int:
    stmt = select(func.count(LoginFailure.id)).where(
        LoginFailure.key == key, LoginFailure.at >= domain.window_start(clock.now())
    )
    return int(tx.execute(stmt).scalar_one())


def record_signup(tx: Session, client: str) -> None:
    tx.add(LoginFailure(key=f"signup:{client[:64]}", at=clock.now()))
    tx.flush()


def check_signups(tx: Session, client: str, limit: int) -> None:
    """Account creation is limited per client IP, successful or not: a bot filling the
    customer table is stopped as surely as one guessing passwords."""
    if _count(tx, f"signup:{client[:64]}") > limit:
        raise TooManyRequests(
            "members.too_many_signups", "Too many sign-ups from your network; try again later"
        )


def purge(tx: Session) -> int:
    """Forget attempts older than the window: they no longer count for anything."""
    result = tx.execute(
        delete(LoginFailure).where(LoginFailure.at < domain.window_start(clock.now()))
    )
    return int(getattr(result, "rowcount", 0) or 0)
