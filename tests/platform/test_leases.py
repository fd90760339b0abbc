"""Idempotency keys claimed outside a transaction (mercato.platform.leases): a claim whose
owner died becomes retryable once its lease runs out, the retry does the work exactly once
(resuming from the recovery point the dead owner noted), and the stored answer is replayed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from mercato.kernel.errors import Conflict, DomainError
from mercato.platform import leases
from mercato.platform.db import Database
from mercato.platform.idempotency import IdempotencyKey, request_hash
from mercato.platform.leases import Lease, LeaseLost, run_outside
from mercato.platform.outbox import JobRow, utcnow

SCOPE, KEY = "customer:1:POST /things", "key-1"
DIGEST = request_hash("POST", "/things", {"n": 1})


def _error(exc: DomainError) -> str:
    return f'{{"error": "{exc.code}"}}'


def _things(db: Database) -> list[str]:
    with db.reading() as tx:
        return sorted(tx.scalars(select(JobRow.name)))


def _work(db: Database, calls: list[str]) -> Any:
    """Makes thing-N (noting it as the recovery point) unless a previous owner made one."""

    def work(lease: Lease) -> tuple[int, str]:
        calls.append(lease.recovered)
        name = lease.recovered
        if not name:
            name = f"thing-{len(_things(db)) + 1}"

            def make(tx: Any) -> None:
                tx.execute(insert(JobRow).values(name=name, next_run_at=utcnow()))
                lease.note(tx, name)

            db.unit(make)
        return 201, f'{{"made": "{name}"}}'

    return work


def _expire(db: Database) -> None:
    with db.transaction() as tx:
        tx.execute(update(IdempotencyKey).values(lease_until=utcnow() - timedelta(seconds=1)))


def _died_after_claim(db: Database) -> Lease:
    got = leases._acquire(db, SCOPE, KEY, DIGEST, leases.LEASE)
    assert isinstance(got, Lease)
    return got  # ... and the process was killed here: nothing else ran


def test_a_claim_whose_owner_died_is_retried_after_the_lease(db: Database) -> None:
    _died_after_claim(db)
    calls: list[str] = []
    with pytest.raises(Conflict) as busy:  # the lease still runs: maybe the owner is alive
        run_outside(db, SCOPE, KEY, DIGEST, _work(db, calls), _error)
    assert busy.value.code == "idempotency.in_progress" and calls == []
    assert busy.value.headers is not None and 25 <= int(busy.value.headers["Retry-After"]) <= 30
    _expire(db)
    first = run_outside(db, SCOPE, KEY, DIGEST, _work(db, calls), _error)
    assert (first.status, first.replayed, calls) == (201, False, [""])
    again = run_outside(db, SCOPE, KEY, DIGEST, _work(db, calls), _error)
    assert (again.body, again.replayed, len(calls)) == (first.body, True, 1)
    assert _things(db) == ["thing-1"]


def test_a_retry_resumes_from_the_recovery_point_and_makes_nothing_twice(db: Database) -> None:
    lease = _died_after_claim(db)
    calls: list[str] = []
    _work(db, calls)(lease)  # the dead owner made thing-1, then died before answering
    _expire(db)
    stored = run_outside(db, SCOPE, KEY, DIGEST, _work(db, calls), _error)
    assert calls == ["", "thing-1"] and stored.body == '{"made": "thing-1"}'
    assert _things(db) == ["thing-1"]


def test_only_one_retry_takes_a_dead_owners_key_over(db: Database) -> None:
    _died_after_claim(db)
    _expire(db)
    first = leases._acquire(db, SCOPE, KEY, DIGEST, leases.LEASE)
    assert isinstance(first, Lease)
    with pytest.raises(Conflict):
        leases._acquire(db, SCOPE, KEY, DIGEST, leases.LEASE)


def test_an_owner_that_outlived_its_lease_cannot_write_the_key(db: Database) -> None:
    slow = _died_after_claim(db)  # alive after all, only slow
    _expire(db)
    calls: list[str] = []
    stored = run_outside(db, SCOPE, KEY, DIGEST, _work(db, calls), _error)
    with pytest.raises(LeaseLost):
        db.unit(lambda tx: slow.note(tx, "late"))
    leases._fenced(db, leases._FINISH, slow, b_status=500, b_body="late")
    replay = run_outside(db, SCOPE, KEY, DIGEST, _work(db, calls), _error)
    assert replay.body == stored.body and replay.replayed


def test_errors_worth_keeping_are_stored_others_free_the_key(db: Database) -> None:
    def refused(lease: Lease) -> tuple[int, str]:
        raise DomainError("things.refused", "No")

    with pytest.raises(DomainError):
        run_outside(db, SCOPE, KEY, DIGEST, refused, _error)
    replay = run_outside(db, SCOPE, KEY, DIGEST, refused, _error)
    assert (replay.status, replay.body, replay.replayed) == (
        422,
        '{"error": "things.refused"}',
        True,
    )

    def crashed(lease: Lease) -> tuple[int, str]:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        run_outside(db, SCOPE, "key-2", DIGEST, crashed, _error)
    with db.reading() as tx:  # freed: a retry may run at once
        assert tx.scalar(select(func.count()).where(IdempotencyKey.key == "key-2")) == 0


def test_the_same_key_with_another_request_is_refused(db: Database) -> None:
    _died_after_claim(db)
    other = request_hash("POST", "/things", {"n": 2})
    with pytest.raises(DomainError) as refused:
        run_outside(db, SCOPE, KEY, other, _work(db, []), _error)
    assert refused.value.code == "idempotency.key_reused"


def test_requests_are_compared_parsed() -> None:
    assert request_hash("POST", "/p", {"a": 1, "b": [1, 2]}) == request_hash(
        "POST", "/p", {"b": [1, 2], "a": 1}
    )
    assert request_hash("POST", "/p", {"a": 1}) != request_hash("POST", "/p", {"a": 2})
    assert request_hash("POST", "/p", {"a": 1}) != request_hash("POST", "/q", {"a": 1})
