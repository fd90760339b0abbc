"""Web sessions and API bearer tokens. Only SHA-256 digests are stored, so a database leak
reveals no usable credential; deleting the row revokes it at once."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mercato.kernel.errors import Unauthorized
from mercato.members.adapters.tables import Customer, CustomerSession, CustomerToken
from mercato.members.services.clock import now

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


def customer_for_session(tx: Session, sid: str) -> Customer | None:
    stmt = (
        select(Customer)
        .join(CustomerSession, CustomerSession.customer_id == Customer.id)
        .where(
            CustomerSession.digest == digest(sid),
            CustomerSession.expires_at > now(),
            Customer.active.is_(True),
        )
    )
    return tx.scalars(stmt).first()


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


def customer_for_token(tx: Session, token: str) -> Customer:
    stmt = (
        select(Customer)
        .join(CustomerToken, CustomerToken.customer_id == Customer.id)
        .where(
            CustomerToken.digest == digest(token),
            CustomerToken.expires_at > now(),
            Customer.active.is_(True),
        )
    )
    customer = tx.scalars(stmt).first()
    if customer is None:
        raise Unauthorized("members.invalid_token", "Invalid, expired or revoked token")
    return customer


def revoke_token(tx: Session, token: str) -> None:
    tx.execute(delete(CustomerToken).where(CustomerToken.digest == digest(token)))
