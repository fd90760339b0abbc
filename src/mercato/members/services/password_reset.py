"""A forgotten password, reset with a one-time code sent to the account's phone or e-mail.

- Codes: 6 random digits, valid CODE_MINUTES, used once, at most CODE_TRIES wrong tries each;
  only an HMAC of the code (keyed by the shop's secret) is stored. A new code replaces the
  customer's earlier ones (one row per customer at most).
- Asking for a code (throttled before anything is looked up, alike for known and unknown
  identifiers): per identifier one code per RESEND_SECONDS and at most CODES_PER_WINDOW in 15
  minutes; per client address ADDRESS_FREE_CODES in 15 minutes, then 5 s doubling up to 15
  minutes. The answer never tells whether an account exists: no account, no code, same answer
  (the message itself is sent after the answer, so its time does not tell either).
- Using a code: per client address the login throttle's allowance; a wrong or expired code,
  an unknown account and a used-up code all answer alike. The right code sets the password
  and ends every session and API token of the customer.
Throttle records live in members_login_failure (keys `reset:…`, `reset-ip:…`, `code-ip:…`),
purged with the login attempts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from mercato.kernel.errors import DomainError, TooManyRequests
from mercato.members import domain
from mercato.members.adapters import repository
from mercato.members.adapters.reset_codes import ResetCode
from mercato.members.adapters.tables import LoginFailure
from mercato.members.services import accounts, clock, login, sessions
from mercato.platform.i18n import ngettext_ as ngettext

CODE_MINUTES = 10
CODE_TRIES = 5
RESEND_SECONDS = 60
CODES_PER_WINDOW = 5
ADDRESS_FREE_CODES = 20


@dataclass(frozen=True, slots=True)
class CodeToSend:
    channel: str  # phone | email
    to: str
    code: str


def identifier(value: str) -> tuple[str, str]:
    """('phone' | 'email', normalised) for what was typed, else 422 on field `login`."""
    kind, normal = domain.login_key(value)
    if kind == "email":
        domain.check_email(normal, "login")
    elif kind != "phone":
        raise DomainError(
            "members.invalid_login",
            "Enter an 11-digit mainland mobile number or an e-mail",
            "login",
        )
    return kind, normal


def lock_key(tx: Session, key: str) -> None:
    if tx.get_bind().dialect.name == "postgresql":
        digest = hashlib.blake2b(f"members.reset:{key}".encode(), digest_size=8).digest()
        tx.execute(select(func.pg_advisory_xact_lock(int.from_bytes(digest, "big", signed=True))))


def recent(tx: Session, key: str) -> tuple[int, datetime | None]:
    stmt = select(func.count(LoginFailure.id), func.max(LoginFailure.at)).where(
        LoginFailure.key == key, LoginFailure.at >= domain.window_start(clock.now())
    )
    count, latest = tx.execute(stmt).one()
    return int(count), latest


def wait_for_code(seconds: int) -> TooManyRequests:
    text = ngettext(
        "Please wait %(n)s second before asking for another code",
        "Please wait %(n)s seconds before asking for another code",
        seconds,
    )
    message = text % {"n": seconds}  # outside the call: i18n_check takes its literals
    error = TooManyRequests("members.code_throttled", message)
    error.headers = {"Retry-After": str(seconds)}
    return error


def _identifier_wait(count: int, latest: datetime | None) -> int:
    if latest is None or count == 0:
        return 0
    elapsed = (clock.now() - latest).total_seconds()
    limit = domain.WINDOW.total_seconds() if count >= CODES_PER_WINDOW else RESEND_SECONDS
    return max(0, int(-(-(limit - elapsed) // 1)))


def throttle_request(tx: Session, kind: str, value: str, client: str) -> None:
    """429 (Retry-After) while this identifier or this address must wait; else the request is
    recorded under both."""
    ident, address = f"reset:{kind}:{value}", f"reset-ip:{client[:64]}"
    lock_key(tx, ident)
    count, latest = recent(tx, ident)
    wait = _identifier_wait(count, latest)
    if not wait:
        count, latest = recent(tx, address)
        at = clock.now()
        wait = domain.throttle_wait(count, ADDRESS_FREE_CODES, latest, at, domain.ADDRESS_MAX_WAIT)
    if wait:
        raise wait_for_code(wait)
    at = clock.now()
    tx.add_all([LoginFailure(key=ident, at=at), LoginFailure(key=address, at=at)])
    tx.flush()


def code_digest(pepper: str, customer_id: int, code: str) -> str:
    msg = f"members.reset:{customer_id}:{code}".encode()
    return hmac.new(pepper.encode(), msg, hashlib.sha256).hexdigest()


def issue_code(tx: Session, kind: str, value: str, pepper: str) -> CodeToSend | None:
    """A new code for the active account behind (kind, value), replacing its earlier ones;
    None when there is no such account (the caller answers the same)."""
    customer = repository.find_customer(tx, kind, value)
    if customer is None or not customer.active:
        return None
    # The customer's earlier codes go (used or not): at most one row per customer is kept.
    tx.execute(delete(ResetCode).where(ResetCode.customer_id == customer.id))
    code = f"{secrets.randbelow(10**6):06d}"
    at = clock.now()
    tx.add(
        ResetCode(
            customer_id=customer.id,
            channel=kind,
            digest=code_digest(pepper, customer.id, code),
            created_at=at,
            expires_at=at + timedelta(minutes=CODE_MINUTES),
            tries=0,
        )
    )
    tx.flush()
    return CodeToSend(kind, value, code)


def check_address(tx: Session, client: str, free: int) -> None:
    """Tries at codes from one address: `free` in 15 minutes, then the login throttle's waits
    (429). Recorded in the caller's (own, committed) transaction."""
    key = f"code-ip:{client[:64]}"
    lock_key(tx, key)
    count, latest = recent(tx, key)
    wait = domain.throttle_wait(count, free, latest, clock.now(), domain.ADDRESS_MAX_WAIT)
    if wait:
        raise login.too_many(wait)
    tx.add(LoginFailure(key=key, at=clock.now()))
    tx.flush()


def _live_code(tx: Session, customer_id: int, kind: str) -> ResetCode | None:
    stmt = (
        select(ResetCode)
        .where(
            ResetCode.customer_id == customer_id,
            ResetCode.channel == kind,
            ResetCode.used_at.is_(None),
            ResetCode.expires_at > clock.now(),
        )
        .order_by(ResetCode.id.desc())
        .limit(1)
    )
    return tx.scalars(stmt).first()


def _claim_try(tx: Session, row_id: int) -> bool:
    done = tx.execute(
        update(ResetCode)
        .where(ResetCode.id == row_id, ResetCode.tries < CODE_TRIES, ResetCode.used_at.is_(None))
        .values(tries=ResetCode.tries + 1)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0))


def _use(tx: Session, row_id: int) -> bool:
    done = tx.execute(
        update(ResetCode)
        .where(ResetCode.id == row_id, ResetCode.used_at.is_(None))
        .values(used_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(done, "rowcount", 0))


def reset_with_code(
    tx: Session, kind: str, value: str, code: str, password: str, pepper: str
) -> int | None:
    """Set the password if `code` is the live code of the account behind (kind, value), and
    end all its sessions and tokens: the customer's id. None (a try spent, kept when the
    caller commits) for a wrong, expired, used or exhausted code and for an unknown account."""
    customer = repository.find_customer(tx, kind, value)
    row = _live_code(tx, customer.id, kind) if customer is not None and customer.active else None
    typed = (code or "").strip()
    if customer is None or row is None:
        code_digest(pepper, 0, typed)  # the same work as a real check
        return None
    if not _claim_try(tx, row.id):
        return None
    if not hmac.compare_digest(row.digest, code_digest(pepper, customer.id, typed)):
        return None
    if not _use(tx, row.id):
        return None  # used meanwhile by a concurrent reset
    accounts.set_password(customer, password)
    sessions.end_all(tx, customer.id)
    tx.execute(
        delete(ResetCode).where(ResetCode.customer_id == customer.id, ResetCode.id != row.id)
    )
    tx.execute(delete(LoginFailure).where(LoginFailure.key == f"{kind}:{value}"))
    return customer.id
