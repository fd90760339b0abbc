"""Web sessions and API bearer tokens. Only SHA-256 digests are stored, so a database leak
reveals no usable credential; deleting the row revokes it at once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from mercato.kernel.errors import Unauthorized
from mercato.members.adapters.tables import Address, Customer, CustomerSession, CustomerToken
from mercato.members.domain import CustomerView
from mercato.members.services.clock import now
from mercato.platform.sql import Prepared

SESSION_DAYS = 30
TOKEN_DAYS = 90
TOKEN_PREFIX = "mct_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(tx: Session, customer_id: int) -> str:
    """A new session id (a fresh one at every login: no fixation); the customer's expired
    sessions are swept at the same time."""
    at = now()
    tx.execute(
        delete(CustomerSession).where(
            CustomerSession.customer_id == customer_id, CustomerSession.expires_at <= at
        )
    )
    sid = secrets.token_urlsafe(32)
    expires = at + timedelta(days=SESSION_DAYS)
    tx.add(
        CustomerSession(
            customer_id=customer_id, digest=digest(sid), created_at=at, expires_at=expires
        )
    )
    tx.flush()
    return sid


# Built once: every authenticated request runs one of these (money path, docs/benchmarks.md).
def _by(table: Any) -> Prepared:
    return Prepared(
        select(Customer.id, Customer.name, Customer.phone, Customer.email)
        .join(table, table.customer_id == Customer.id)
        .where(
            table.digest == bindparam("digest"),
            table.expires_at > bindparam("at"),
            Customer.active.is_(True),
        )
    )


_BY_SESSION, _BY_TOKEN = _by(CustomerSession), _by(CustomerToken)


def _customer(tx: Session | Connection, stmt: Prepared, secret: str) -> CustomerView | None:
    conn = tx.connection() if isinstance(tx, Session) else tx
    row = stmt.run(conn, {"digest": digest(secret), "at": now()}).first()
    return CustomerView(row[0], row[1], row[2], row[3]) if row is not None else None


def customer_for_session(tx: Session | Connection, sid: str) -> CustomerView | None:
    return _customer(tx, _BY_SESSION, sid)


_DEFAULT_PROVINCE = Prepared(
    select(Address.province)
    .join(CustomerSession, CustomerSession.customer_id == Address.customer_id)
    .join(Customer, Customer.id == Address.customer_id)
    .where(
        CustomerSession.digest == bindparam("digest"),
        CustomerSession.expires_at > bindparam("at"),
        Customer.active.is_(True),
        Address.is_default.is_(True),
    )
)


def default_province(tx: Session | Connection, sid: str) -> str | None:
    """The province (as typed) of the default address of the session's customer; None without
    a live session or a default address. One statement (the storefront's product page)."""
    conn = tx.connection() if isinstance(tx, Session) else tx
    row = _DEFAULT_PROVINCE.run(conn, {"digest": digest(sid), "at": now()}).first()
    return str(row[0]) if row is not None else None


def end_session(tx: Session, sid: str) -> None:
    tx.execute(delete(CustomerSession).where(CustomerSession.digest == digest(sid)))


def issue_token(tx: Session, customer_id: int, name: str = "") -> str:
    """A new API token; shown once, only its digest is kept."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    at = now()
    tx.add(
        CustomerToken(
            customer_id=customer_id,
            digest=digest(token),
            name=name[:120],
            created_at=at,
            expires_at=at + timedelta(days=TOKEN_DAYS),
        )
    )
    tx.flush()
    return token


def customer_for_token(tx: Session | Connection, token: str) -> CustomerView:
    customer = _customer(tx, _BY_TOKEN, token)
    if customer is None:
        raise Unauthorized("members.invalid_token", "Invalid, expired or revoked token")
    return customer


def revoke_token(tx: Session, token: str) -> None:
    tx.execute(delete(CustomerToken).where(CustomerToken.digest == digest(token)))


def end_all(
    tx: Session, customer_id: int, keep_session: str | None = None, keep_token: str | None = None
) -> None:
    """Sign the customer out everywhere (a password change or reset): every web session and
    API token is deleted, but for the one the change was made with (`keep_*`, clear ids)."""
    sessions = delete(CustomerSession).where(CustomerSession.customer_id == customer_id)
    if keep_session:
        sessions = sessions.where(CustomerSession.digest != digest(keep_session))
    tokens = delete(CustomerToken).where(CustomerToken.customer_id == customer_id)
    if keep_token:
        tokens = tokens.where(CustomerToken.digest != digest(keep_token))
    tx.execute(sessions)
    tx.execute(tokens)
