"""Staff accounts, password login with rate limiting, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from mercato.access import domain
from mercato.access.adapters.tables import ApiToken, LoginFailure, Staff
from mercato.kernel.errors import Conflict, NotFound, TooManyRequests, Unauthorized

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


def _failures(tx: Session, key: str, now: datetime) -> int:
    q = select(func.count(LoginFailure.id)).where(
        LoginFailure.key == key, LoginFailure.at >= domain.window_start(now)
    )
    return int(tx.execute(q).scalar_one())


def open_attempt(tx: Session, email: str, client: str) -> list[int]:
    """Count a login attempt as failed before checking the password. Committed first, so
    concurrent attempts all see each other and the limit holds on PostgreSQL too."""
    now = _now()
    rows = [
        LoginFailure(key=f"email:{email.strip().lower()[:254]}", at=now),
        LoginFailure(key=f"ip:{client[:64]}", at=now),
    ]
    tx.add_all(rows)
    tx.flush()
    return [r.id for r in rows]


def check_rate(tx: Session, email: str, client: str, limit: int) -> None:
    """Refuse when the attempts in the window (this one included) exceed the limit."""
    now = _now()
    for key in (f"email:{email.strip().lower()[:254]}", f"ip:{client[:64]}"):
        if _failures(tx, key, now) > limit:
            raise TooManyRequests(
                "access.too_many_attempts", "Too many failed logins; try again in 15 minutes"
            )


def close_attempt(tx: Session, attempt: list[int], staff: Staff | None) -> None:
    """A successful login forgets its own attempt and the account's earlier failures."""
    if staff is None:
        return
    tx.execute(delete(LoginFailure).where(LoginFailure.id.in_(attempt)))
    tx.execute(delete(LoginFailure).where(LoginFailure.key == f"email:{staff.email}"))


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
