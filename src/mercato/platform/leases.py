"""Idempotency keys for work that manages its own transactions (it calls a provider over the
network, which must not happen inside one), after Stripe's and Brandur Leach's design.

The claim is committed first, with a lease: an owner token and a time it runs until. While
the lease runs a replay answers 409 `idempotency.in_progress` (with Retry-After). When it has
run out the owner is taken to be gone (the process died between the claim and the answer):
the next retry takes the key over (a new owner token, compare-and-set on the old one, so two
retries cannot both take it) and runs the work again from the recovery point the old owner
noted in the same transaction as the effect it names, so that effect is not made twice.
Every later write of the key is fenced by the owner token: a slow old owner that wakes after
a takeover changes nothing of the key (its own answer goes back to its own client)."""

from __future__ import annotations

import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select, update

from mercato.kernel.errors import DomainError
from mercato.platform.db import Database
from mercato.platform.db import run as execute
from mercato.platform.idempotency import (
    TABLE,
    WHERE,
    ErrorBody,
    Stored,
    check_key,
    claim,
    in_progress,
    keeps,
    key_reused,
    utcnow,
)
from mercato.platform.retry import retrying
from mercato.platform.tx import AnyTx

log = logging.getLogger(__name__)
# Longer than the work takes when its owner is alive (a provider call gives up after 10 s).
LEASE = timedelta(seconds=30)

_OWNED = (*WHERE, TABLE.c.owner == bindparam("b_owner"), TABLE.c.status == 0)
_READ = select(
    TABLE.c.request_hash,
    TABLE.c.status,
    TABLE.c.body,
    TABLE.c.owner,
    TABLE.c.lease_until,
    TABLE.c.recovery,
).where(*WHERE)
_TAKE = (
    update(TABLE)
    .where(*_OWNED)
    .values(owner=bindparam("b_new"), lease_until=bindparam("b_until"))
    .returning(TABLE.c.recovery)
)
_NOTE = update(TABLE).where(*_OWNED).values(recovery=bindparam("b_point")).returning(TABLE.c.key)
_FINISH = (
    update(TABLE)
    .where(*_OWNED)
    .values(status=bindparam("b_status"), body=bindparam("b_body"), lease_until=None)
    .returning(TABLE.c.key)
)
_FORGET = delete(TABLE).where(*_OWNED).returning(TABLE.c.key)
Statement = Any


class LeaseLost(DomainError):
    """Another request took the key over (this one outlived its lease): retry shortly."""

    status = 409
    transient = True

    def __init__(self) -> None:
        super().__init__(
            "idempotency.in_progress",
            "A request with this Idempotency-Key is still being processed",
            "Idempotency-Key",
        )


@dataclass(frozen=True, slots=True)
class Lease:
    """This request's hold on a key. `recovered`: the recovery point a previous owner noted
    ("" when the work starts afresh)."""

    scope: str
    key: str
    owner: str
    recovered: str

    def _params(self) -> dict[str, str]:
        return {"b_scope": self.scope, "b_key": self.key, "b_owner": self.owner}

    def note(self, tx: AnyTx, point: str) -> None:
        """Record how far the work got, in the transaction that makes that effect (so both
        or neither are kept). Raises LeaseLost if the key was taken over meanwhile."""
        if execute(tx, _NOTE, {**self._params(), "b_point": point[:120]}).first() is None:
            raise LeaseLost()


Work = Callable[[Lease], tuple[int, str]]


def _acquire(db: Database, scope: str, key: str, digest: str, ttl: timedelta) -> Stored | Lease:
    owner = secrets.token_hex(16)
    with db.core_transaction() as tx:
        now = utcnow()
        if claim(tx, scope, key, digest, owner, now + ttl):
            return Lease(scope, key, owner, "")
        params = {"b_scope": scope, "b_key": key}
        digest_was, status, body, holder, until, _point = execute(tx, _READ, params).one()
        if digest_was != digest:
            raise key_reused()
        if status:
            return Stored(status, body, True)
        if until is not None and until > now:
            raise in_progress(math.ceil((until - now).total_seconds()))
        took = execute(
            tx, _TAKE, {**params, "b_owner": holder, "b_new": owner, "b_until": now + ttl}
        )
        row = took.first()
        if row is None:  # another retry took it over first
            raise in_progress(math.ceil(ttl.total_seconds()))
        log.warning("idempotency key %s %s taken over from a gone owner", scope, key)
        return Lease(scope, key, owner, row[0])


def _fenced(db: Database, stmt: Statement, lease: Lease, **values: object) -> None:
    def write() -> None:
        with db.core_transaction() as tx:
            if execute(tx, stmt, {**lease._params(), **values}).first() is None:
                log.warning("idempotency key %s %s: lease lost", lease.scope, lease.key)

    retrying(write)


def run_outside(
    db: Database,
    scope: str,
    key: str,
    digest: str,
    work: Work,
    error_body: ErrorBody,
    ttl: timedelta = LEASE,
) -> Stored:
    """Run `work(lease)` once for (scope, key): it opens its own transactions, notes its
    recovery points through the lease, and returns (status, JSON body) to store. A DomainError
    worth keeping is stored as the answer too; any other failure frees the key for a retry."""
    check_key(key)
    got = retrying(lambda: _acquire(db, scope, key, digest, ttl))
    if isinstance(got, Stored):
        return got
    try:
        status, body = work(got)
    except DomainError as exc:
        if keeps(exc):
            _fenced(db, _FINISH, got, b_status=exc.status, b_body=error_body(exc))
        else:
            _fenced(db, _FORGET, got)
        raise
    except BaseException:
        _fenced(db, _FORGET, got)
        raise
    _fenced(db, _FINISH, got, b_status=status, b_body=body)
    return Stored(status, body, False)
