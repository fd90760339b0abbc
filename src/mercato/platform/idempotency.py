"""Idempotency keys with Stripe's semantics for POSTs that create things (orders, payments).

The first request with a key runs and its response (status and body, errors included) is
stored under (scope, key) in the SAME transaction as its effects; a replay returns the stored
response; the same key with a different request body is refused (422); a replay while the
first is still running is refused (409) on SQLite, and waits for it on PostgreSQL (the
unique index blocks the second insert until the first commits). Errors raised before any
effect (validation) are stored too, in their own transaction, so a retry gets the same answer.
Keys are kept for 24 hours (see `purge`)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    delete,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Mapped, mapped_column

from mercato.kernel.errors import Conflict, DomainError
from mercato.platform.db import Base, Database
from mercato.platform.db import run as execute
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

KEEP = timedelta(hours=24)
MAX_KEY = 255


class IdempotencyKey(Base):
    __tablename__ = "platform_idempotency"
    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(MAX_KEY), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer, default=0)  # 0: still running
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)


@dataclass(frozen=True, slots=True)
class Stored:
    status: int
    body: str
    replayed: bool


def check_key(key: str) -> str:
    if not key or len(key) > MAX_KEY or not key.isascii() or not key.isprintable():
        raise DomainError(
            "idempotency.invalid_key",
            "Idempotency-Key must be 1-255 printable ASCII characters",
            "Idempotency-Key",
        )
    return key


def request_hash(method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + body).hexdigest()


# Core statements on the table, not the entity: an ORM-enabled INSERT or UPDATE goes through
# the ORM's bulk path, which cost more than the SQLite write itself.
_TABLE = cast(Table, IdempotencyKey.__table__)


def _claim_stmt(ins: Any) -> Any:
    return (
        ins(_TABLE)
        .values(
            scope=bindparam("b_scope"),
            key=bindparam("b_key"),
            request_hash=bindparam("digest"),
            status=0,
            body="",
            created_at=bindparam("at"),
        )
        .on_conflict_do_nothing()
        .returning(_TABLE.c.key)
    )


# Built once: every keyed POST runs these (money path, docs/benchmarks.md).
_CLAIM = {
    "postgresql": Prepared(_claim_stmt(pg_insert)),
    "sqlite": Prepared(_claim_stmt(sqlite_insert)),
}
_WHERE = (_TABLE.c.scope == bindparam("b_scope"), _TABLE.c.key == bindparam("b_key"))
_STORED = Prepared(select(_TABLE.c.request_hash, _TABLE.c.status, _TABLE.c.body).where(*_WHERE))
_SAVE = Prepared(update(_TABLE).where(*_WHERE).values(status=bindparam("st"), body=bindparam("b")))


def _claim(tx: AnyTx, scope: str, key: str, digest: str) -> bool:
    at = datetime.now(UTC).replace(tzinfo=None)
    params = {"b_scope": scope, "b_key": key, "digest": digest, "at": at}
    return execute(tx, _CLAIM[tx.get_bind().dialect.name], params).first() is not None


def _stored(tx: AnyTx, scope: str, key: str, digest: str) -> Stored:
    row = execute(tx, _STORED, {"b_scope": scope, "b_key": key}).one()
    if row[0] != digest:
        raise DomainError(
            "idempotency.key_reused",
            "This Idempotency-Key was used with a different request",
            "Idempotency-Key",
        )
    if row[1] == 0:
        raise Conflict(
            "idempotency.in_progress",
            "A request with this Idempotency-Key is still being processed",
            "Idempotency-Key",
        )
    return Stored(row[1], row[2], True)


def _save(tx: AnyTx, scope: str, key: str, status: int, body: str) -> None:
    execute(tx, _SAVE, {"b_scope": scope, "b_key": key, "st": status, "b": body})


Work = Callable[[AnyTx], tuple[int, str]]
ErrorBody = Callable[[DomainError], str]


def run(
    db: Database, scope: str, key: str, digest: str, work: Work, error_body: ErrorBody
) -> Stored:
    """Run `work(tx)` once for (scope, key) in a Core transaction (no ORM Session); it
    returns (status, JSON body) to store. A DomainError from it rolls its effects back and is
    stored as the answer to replays."""
    check_key(key)
    try:
        with db.core_transaction() as tx:
            if not _claim(tx, scope, key, digest):
                return _stored(tx, scope, key, digest)
            status, body = work(tx)
            _save(tx, scope, key, status, body)
            return Stored(status, body, False)
    except DomainError as exc:
        if not _keeps(exc):
            raise
        with db.core_transaction() as tx:
            if _claim(tx, scope, key, digest):
                _save(tx, scope, key, exc.status, error_body(exc))
        raise


def _keeps(exc: DomainError) -> bool:
    # Stripe keeps the answer once the work ran, but not for a provider outage or a busy
    # resource: a retry with the same key must be able to succeed then.
    return not (exc.code.startswith("idempotency.") or exc.transient or exc.status >= 500)


def _forget(db: Database, scope: str, key: str) -> None:
    with db.transaction() as tx:
        tx.execute(
            delete(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.key == key)
        )


def run_outside(
    db: Database,
    scope: str,
    key: str,
    digest: str,
    work: Callable[[], tuple[int, str]],
    error_body: ErrorBody,
) -> Stored:
    """Like `run`, for work that manages its own transactions (it calls a provider over the
    network, which must not happen inside one): the key is claimed and committed first, so
    a concurrent replay answers 409 `idempotency.in_progress` until the answer is stored."""
    check_key(key)
    with db.transaction() as tx:
        if not _claim(tx, scope, key, digest):
            return _stored(tx, scope, key, digest)
    try:
        status, body = work()
    except DomainError as exc:
        if not _keeps(exc):
            _forget(db, scope, key)
            raise
        with db.transaction() as tx:
            _save(tx, scope, key, exc.status, error_body(exc))
        raise
    except BaseException:
        _forget(db, scope, key)
        raise
    with db.transaction() as tx:
        _save(tx, scope, key, status, body)
    return Stored(status, body, False)


def purge(db: Database, now: datetime | None = None) -> int:
    """Forget keys older than 24 hours (a periodic job)."""
    cutoff = (now or datetime.now(UTC)).replace(tzinfo=None) - KEEP
    with db.transaction() as tx:
        result = tx.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff))
        return int(cast(CursorResult[Any], result).rowcount)
