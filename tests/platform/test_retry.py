"""Deadlocks and serialization failures (mercato.platform.retry): the unit of work runs again,
whole, and the client never sees a 500."""

from __future__ import annotations

import sqlite3
import threading
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from mercato.orders.adapters.tables import Order, TimelineEntry
from mercato.orders.services import transitions
from mercato.platform.db import Database
from mercato.platform.outbox import JobRow, utcnow
from mercato.platform.retry import ATTEMPTS, DatabaseBusy, is_transient
from tests.payments.order_helpers import placed_order


def deadlock() -> OperationalError:
    return OperationalError("UPDATE …", {}, psycopg.errors.DeadlockDetected("deadlock detected"))


def test_what_counts_as_transient() -> None:
    assert is_transient(deadlock())
    serial = psycopg.errors.SerializationFailure("could not serialize access")
    assert is_transient(OperationalError("SELECT", {}, serial))
    assert is_transient(
        OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
    )
    assert not is_transient(OperationalError("x", {}, sqlite3.OperationalError("no such table")))
    assert not is_transient(IntegrityError("INSERT", {}, psycopg.errors.UniqueViolation("dup")))
    assert not is_transient(ValueError("deadlock"))


def _job_names(db: Database) -> list[str]:
    with db.reading() as tx:
        return sorted(tx.scalars(select(JobRow.name)))


def test_a_unit_runs_again_whole_and_keeps_only_the_last_try(db: Database) -> None:
    tries: list[int] = []

    def work(tx: Session) -> str:
        tries.append(1)
        tx.execute(insert(JobRow).values(name=f"try-{len(tries)}", next_run_at=utcnow()))
        if len(tries) < 3:
            raise deadlock()
        return "done"

    assert db.unit(work) == "done"
    assert len(tries) == 3 and _job_names(db) == ["try-3"]  # tries 1 and 2 rolled back


def test_a_unit_that_keeps_failing_answers_busy_and_keeps_nothing(db: Database) -> None:
    tries: list[int] = []

    def work(tx: Session) -> None:
        tries.append(1)
        tx.execute(insert(JobRow).values(name=f"try-{len(tries)}", next_run_at=utcnow()))
        raise deadlock()

    with pytest.raises(DatabaseBusy) as caught:
        db.unit(work)
    assert len(tries) == ATTEMPTS and _job_names(db) == []
    assert (caught.value.status, caught.value.code, caught.value.transient) == (
        409,
        "db.busy",
        True,
    )


def test_other_errors_are_not_retried(db: Database) -> None:
    tries: list[int] = []

    def work(tx: Session) -> None:
        tries.append(1)
        raise IntegrityError("INSERT", {}, psycopg.errors.UniqueViolation("dup"))

    with pytest.raises(IntegrityError):
        db.unit(work)
    assert len(tries) == 1


def test_a_real_deadlock_on_postgresql_is_retried(pg_db: Database) -> None:
    """Two units lock rows a, b in opposite orders, meeting in the middle on their first try:
    PostgreSQL aborts one; it runs again and both finish."""
    with pg_db.transaction() as tx:
        tx.execute(insert(JobRow), [{"name": n, "next_run_at": utcnow()} for n in ("a", "b")])
    barrier = threading.Barrier(2, timeout=10)
    tries: dict[str, int] = {"ab": 0, "ba": 0}
    errors: list[BaseException] = []

    def unit(order: str) -> None:
        def work(tx: Session) -> None:
            tries[order] += 1
            lock = "SELECT name FROM platform_job WHERE name = :n FOR UPDATE"
            tx.execute(text(lock), {"n": order[0]})
            if tries[order] == 1:
                barrier.wait()  # both hold their first row
            tx.execute(text(lock), {"n": order[1]})

        try:
            pg_db.unit(work)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=unit, args=(o,)) for o in ("ab", "ba")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert sorted(tries.values()) == [1, 2]  # the aborted side ran once more


def test_a_deadlock_left_to_the_web_shell_is_409_not_500(
    client: TestClient, db: Database, market: Any, buyer: Any, api_headers: Any, monkeypatch: Any
) -> None:
    number, _total, _h = placed_order(client, db, market, buyer)

    def stuck(*args: Any) -> None:
        raise deadlock()

    monkeypatch.setattr(transitions, "add_note", stuck)  # a TxDep route: not retried itself
    r = client.post(
        f"/api/v1/admin/orders/{number}/notes", json={"note": "hello"}, headers=api_headers
    )
    assert r.status_code == 409 and r.headers["retry-after"] == "1"
    assert r.json()["error"]["code"] == "db.busy"


def test_cancel_meeting_a_deadlock_is_retried_and_cancels_once(
    client: TestClient, db: Database, market: Any, buyer: Any, monkeypatch: Any
) -> None:
    number, _total, headers = placed_order(client, db, market, buyer)
    real, calls = transitions.cancel_by_customer, []

    def first_try_deadlocks(tx: Any, *args: Any) -> Any:
        calls.append(1)
        result = real(tx, *args)  # its writes are rolled back with the deadlock
        if len(calls) == 1:
            raise deadlock()
        return result

    monkeypatch.setattr(transitions, "cancel_by_customer", first_try_deadlocks)
    r = client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=headers)
    assert r.status_code == 200 and r.json()["status"] == "cancelled"
    assert len(calls) == 2
    with db.reading() as tx:
        order_id = tx.scalar(select(Order.id).where(Order.number == number))
        cancelled = tx.scalar(
            select(func.count())
            .select_from(TimelineEntry)
            .where(TimelineEntry.order_id == order_id, TimelineEntry.to_status == "cancelled")
        )
    assert cancelled == 1
