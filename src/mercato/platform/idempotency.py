"""Idempotency keys with Stripe's semantics for POSTs that create things (orders, payments).

The first request with a key runs and its response (status and body, errors included) is
stored under (scope, key); a replay returns the stored response; the same key with another
request (compared parsed, not byte for byte) is refused (422). Keys are kept for 24 hours.

`run`: the claim, the work and the answer share ONE transaction, so a crash leaves nothing
behind, and a replay while the first runs waits for it on PostgreSQL (the unique index blocks
the second insert until the first commits). `run_outside`, for work that calls a provider
(never inside a transaction): the claim is committed first, with a lease (mercato.platform
.leases); a replay while the lease runs is refused (409 `idempotency.in_progress`), and once
it has run out the owner is taken to be gone (it crashed): a retry takes the key over and
resumes the work from the recovery point its owner noted. Deadlocks and serialization
failures are retried (mercato.platform.retry)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, cast

import orjson
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
from mercato.platform.retry import retrying
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

KEEP = timedelta(hours=24)
MAX_KEY = 255
# What check_key accepts, for the OpenAPI document (with maxLength MAX_KEY).
KEY_PATTERN = r"^[\x20-\x7e]+$"


class IdempotencyKey(Base):
    __tablename__ = "platform_idempotency"
    scope: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(MAX_KEY), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer, default=0)  # 0: still running
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    # run_outside's claim: who holds it (a random token) until when, and how far it got.
    owner: Mapped[str] = mapped_column(String(32), default="", server_default="")
    lease_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    recovery: Mapped[str] = mapped_column(String(120), default="", server_default="")


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


def request_hash(method: str, path: str, params: Any) -> str:
    """The fingerprint a key's requests are compared by: the parsed request (JSON-ready
    values), keys sorted, so the same JSON in another key order or spacing is the same."""
    canonical = orjson.dumps(params, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(method.encode() + b" " + path.encode() + b"\n" + canonical).hexdigest()


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# Core statements on the table, not the entity: an ORM-enabled INSERT or UPDATE goes through
# the ORM's bulk path, which cost more than the SQLite write itself.
TABLE = cast(Table, IdempotencyKey.__table__)


def _claim_stmt(ins: Any) -> Any:
    return (
        ins(TABLE)
        .values(
            scope=bindparam("b_scope"),
            key=bindparam("b_key"),
            request_hash=bindparam("digest"),
            status=0,
            body="",
            created_at=bindparam("at"),
            owner=bindparam("b_owner"),
            lease_until=bindparam("b_until"),
            recovery="",
        )
        .on_conflict_do_nothing()
        .returning(TABLE.c.key)
    )


# Built once: every keyed POST runs these (money path, docs/benchmarks.md).
_CLAIM = {
    "postgresql": Prepared(_claim_stmt(pg_insert)),
    "sqlite": Prepared(_claim_stmt(sqlite_insert)),
}
WHERE = (TABLE.c.scope == bindparam("b_scope"), TABLE.c.key == bindparam("b_key"))
_STORED = Prepared(select(TABLE.c.request_hash, TABLE.c.status, TABLE.c.body).where(*WHERE))
_SAVE = Prepared(update(TABLE).where(*WHERE).values(status=bindparam("st"), body=bindparam("b")))


def claim(
    tx: AnyTx, scope: str, key: str, digest: str, owner: str = "", until: datetime | None = None
) -> bool:
    """Insert the key as running; False when it exists already."""
    params = {
        "b_scope": scope,
        "b_key": key,
        "digest": digest,
        "at": utcnow(),
        "b_owner": owner,
        "b_until": until,
    }
    return execute(tx, _CLAIM[tx.get_bind().dialect.name], params).first() is not None


def key_reused() -> DomainError:
    return DomainError(
        "idempotency.key_reused",
        "This Idempotency-Key was used with a different request",
        "Idempotency-Key",
    )


def in_progress(retry_after: int = 1) -> Conflict:
    busy = Conflict(
        "idempotency.in_progress",
        "A request with this Idempotency-Key is still being processed",
        "Idempotency-Key",
    )
    busy.headers = {"Retry-After": str(max(retry_after, 1))}
    return busy


def _stored(tx: AnyTx, scope: str, key: str, digest: str) -> Stored:
    row = execute(tx, _STORED, {"b_scope": scope, "b_key": key}).one()
    if row[0] != digest:
        raise key_reused()
    if row[1] == 0:
        raise in_progress()
    return Stored(row[1], row[2], True)


def save(tx: AnyTx, scope: str, key: str, status: int, body: str) -> None:
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

    def attempt() -> Stored:
        with db.core_transaction() as tx:
            if not claim(tx, scope, key, digest):
                return _stored(tx, scope, key, digest)
            status, body = work(tx)
            save(tx, scope, key, status, body)
            return Stored(status, body, False)

    def keep_error(exc: DomainError) -> None:
        with db.core_transaction() as tx:
            if claim(tx, scope, key, digest):
                save(tx, scope, key, exc.status, error_body(exc))

    try:
        return retrying(attempt)
    except DomainError as exc:
        if not keeps(exc):
            raise
        retrying(partial(keep_error, exc))
        raise


def keeps(exc: DomainError) -> bool:
    """Whether an error is the answer to keep for the key. Stripe keeps the answer once the
    work ran, but not for a provider outage or a busy resource: a retry with the same key
    must be able to succeed then."""
    return not (exc.code.startswith("idempotency.") or exc.transient or exc.status >= 500)


def purge(db: Database, now: datetime | None = None) -> int:
    """Forget keys older than 24 hours (a periodic job)."""
    cutoff = (now or datetime.now(UTC)).replace(tzinfo=None) - KEEP
    with db.transaction() as tx:
        result = tx.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff))
        return int(cast(CursorResult[Any], result).rowcount)
