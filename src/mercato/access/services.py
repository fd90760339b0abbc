"""Staff accounts, password login with rate limiting, API tokens."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from mercato.access import domain
from mercato.access.adapters.tables import ApiToken, LoginFailure, Staff
from mercato.kernel.errors import Conflict, NotFound, TooManyRequests, Unauthorized
from mercato.platform.i18n import ngettext_ as ngettext

_hasher = PasswordHasher()
# Verifying against a dummy hash when the account is unknown keeps timing the same.
_DUMMY = _hasher.hash("dummy-password-for-timing")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def create_staff(
    tx: Session, email: str, password: str, name: str = "", superuser: bool = False
) -> Staff:
    email = domain.check_email(email)
    domain.check_password(password)
    if tx.execute(select(Staff.id).where(Staff.email == email)).first():
        raise Conflict("access.email_taken", "A staff account with this e-mail exists", "email")
    staff = Staff(
        email=email,
        name=name.strip()[:120],
        password_hash=_hasher.hash(password),
        superuser=superuser,
    )
    tx.add(staff)
    tx.flush()
    return staff


# The staff login throttle, the customers' policy (members.services.login) for staff: per
# e-mail, `limit` wrong passwords in the window cost nothing, then each attempt waits 5 s
# after the latest failure, doubled per further failure, at most 60 s (refused attempts are
# not failures; a success clears them). Per client address likewise: `limit` attempts, then
# 5 s doubling up to 15 minutes. Unknown e-mails are treated exactly like real ones.
_FIRST_WAIT, _EMAIL_MAX_WAIT, _ADDRESS_MAX_WAIT = 5, 60, 15 * 60


def _serialise(tx: Session, key: str) -> None:
    """Attempts on one key queue here until this transaction ends (SQLite has one writer);
    under READ COMMITTED the statements after the lock see what the previous holder did."""
    if tx.get_bind().dialect.name == "postgresql":
        digest = hashlib.blake2b(f"access.login:{key}".encode(), digest_size=8).digest()
        lock = func.pg_advisory_xact_lock(int.from_bytes(digest, "big", signed=True))
        tx.execute(select(lock))


def _wait(tx: Session, key: str, free: int, cap: int, now: datetime) -> int:
    """Seconds before one more attempt on `key` may go ahead (0: now)."""
    q = select(func.count(LoginFailure.id), func.max(LoginFailure.at)).where(
        LoginFailure.key == key, LoginFailure.at >= domain.window_start(now)
    )
    failures, latest = tx.execute(q).one()
    if failures < free or latest is None:
        return 0
    wait = min(_FIRST_WAIT * 2 ** min(failures - free, 32), cap)
    return max(0, math.ceil((latest - now).total_seconds() + wait))


def _refuse(seconds: int) -> TooManyRequests:
    """The refusal, its wait in the reader's language and in Retry-After."""
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
    error = TooManyRequests("access.too_many_attempts", message)
    error.headers = {"Retry-After": str(seconds)}
    return error


@dataclass(frozen=True, slots=True)
class Attempt:
    """What a successful login clears: the e-mail's failures, this attempt's address row."""

    email_key: str
    address_row: int


def open_attempt(tx: Session, email: str, client: str, limit: int) -> Attempt:
    """The address's throttle, in a transaction of its own: TooManyRequests while the address
    must wait (nothing recorded), else the attempt is recorded under the address."""
    address, now = f"ip:{client[:64]}", _now()
    _serialise(tx, address)
    wait = _wait(tx, address, limit, _ADDRESS_MAX_WAIT, now)
    if wait:
        raise _refuse(wait)
    row = LoginFailure(key=address, at=now)
    tx.add(row)
    tx.flush()
    return Attempt(f"email:{email.strip().lower()[:254]}", row.id)


def check_rate(tx: Session, attempt: Attempt, limit: int) -> None:
    """The e-mail's throttle, in the transaction that then checks the password (its lock held
    until the outcome is committed): TooManyRequests while it must wait, else the failure is
    recorded now and close_attempt removes it if the password is right."""
    _serialise(tx, attempt.email_key)
    now = _now()
    wait = _wait(tx, attempt.email_key, limit, _EMAIL_MAX_WAIT, now)
    if wait:
        raise _refuse(wait)
    tx.add(LoginFailure(key=attempt.email_key, at=now))
    tx.flush()


def close_attempt(tx: Session, attempt: Attempt, staff: Staff | None) -> None:
    """A successful login clears the e-mail's failures and its own address record."""
    if staff is None:
        return
    tx.execute(
        delete(LoginFailure).where(
            or_(LoginFailure.key == attempt.email_key, LoginFailure.id == attempt.address_row)
        )
    )


def authenticate(tx: Session, email: str, password: str) -> Staff | None:
    """The staff account for these credentials, or None."""
    staff = tx.scalars(select(Staff).where(Staff.email == (email or "").strip().lower())).first()
    try:
        _hasher.verify(staff.password_hash if staff else _DUMMY, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if staff is None or not staff.active:
        return None
    if _hasher.check_needs_rehash(staff.password_hash):
        staff.password_hash = _hasher.hash(password)
    return staff


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def issue_token(tx: Session, staff_id: int, name: str = "") -> str:
    """A new API token; only its digest is stored, so the clear value is shown once."""
    token = "mst_" + secrets.token_urlsafe(32)
    tx.add(ApiToken(staff_id=staff_id, digest=_digest(token), name=name[:120]))
    tx.flush()
    return token


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def staff_for_token(tx: Session, token: str) -> Staff:
    row = (
        tx.execute(
            select(Staff)
            .join(ApiToken, ApiToken.staff_id == Staff.id)
            .where(
                ApiToken.digest == _digest(token),
                ApiToken.revoked.is_(False),
                Staff.active.is_(True),
            )
        )
        .scalars()
        .first()
    )
    if row is None:
        raise Unauthorized("auth.invalid_token", "Invalid or revoked token")
    return row


def revoke_token(tx: Session, token: str) -> None:
    for t in tx.scalars(select(ApiToken).where(ApiToken.digest == _digest(token))):
        t.revoked = True


def list_tokens(tx: Session, staff_id: int) -> list[ApiToken]:
    """The staff member's own tokens, newest first (digests only: the value is never kept)."""
    q = select(ApiToken).where(ApiToken.staff_id == staff_id).order_by(ApiToken.id.desc())
    return list(tx.scalars(q))


def revoke_own_token(tx: Session, staff_id: int, token_id: int) -> None:
    """Revoke one of the caller's tokens; another member's token answers as absent."""
    token = tx.get(ApiToken, token_id)
    if token is None or token.staff_id != staff_id:
        raise NotFound("access.token_not_found", "No such token", "token_id")
    token.revoked = True


def end_sessions(tx: Session, staff_id: int) -> None:
    """Log out every admin session of this staff member (their cookies name the old epoch)."""
    tx.execute(
        update(Staff).where(Staff.id == staff_id).values(session_epoch=Staff.session_epoch + 1)
    )


def purge_login_failures(tx: Session) -> int:
    """Forget login attempts older than the window: they no longer count for anything."""
    result = tx.execute(delete(LoginFailure).where(LoginFailure.at < domain.window_start(_now())))
    return int(getattr(result, "rowcount", 0) or 0)
