"""The outbox, the relay step and the inbox, without any queue: record, relay_once, Bus."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from mercato.platform.db import run
from mercato.platform.outbox import (
    Bus,
    Event,
    InboxRow,
    OutboxRow,
    PayloadError,
    PeriodicJob,
    after_commit_nudge,
    claim_job,
    record,
)
from mercato.platform.relay import pending_count, relay_once

NAME = "test.thing_happened.v1"


def _rows(db):  # type: ignore[no-untyped-def]
    o = OutboxRow
    with db.reading() as s:
        return s.execute(select(o.name, o.published_at, o.attempts).order_by(o.id)).all()


def _inbox(db, event_id: str) -> set[str]:  # type: ignore[no-untyped-def]
    with db.reading() as s:
        q = select(InboxRow.consumer).where(InboxRow.event_id == event_id)
        return set(s.scalars(q))


def test_rolled_back_record_sends_nothing(db):
    with pytest.raises(RuntimeError), db.transaction() as tx:
        record(tx, NAME, {"n": 1})
        raise RuntimeError("the use case failed after recording")
    sent: list[Event] = []
    assert relay_once(db, sent.append) == 0
    assert sent == [] and _rows(db) == []


def test_committed_event_is_relayed_once_and_handled_once(db):
    bus, seen = Bus(), []
    bus.subscribe(NAME, "test.seen", lambda tx, e: seen.append(e))
    payload = {"order_id": 7, "note": "礼品", "paid": True, "lines": [{"sku": "A-1", "qty": 2}]}
    with db.transaction() as tx:
        event_id = record(tx, NAME, payload)
    sent: list[Event] = []
    assert relay_once(db, sent.append) == 1
    assert relay_once(db, sent.append) == 0  # a published row is not sent again
    assert [e.id for e in sent] == [event_id] and pending_count(db) == 0
    (e,) = sent
    assert e.name == NAME and e.payload == payload and isinstance(e.occurred_at, datetime)
    # What goes through the queue comes back equal.
    assert Event.from_message(json.loads(json.dumps(e.to_message()))) == e
    bus.handle(db, e)
    assert seen == [e] and _inbox(db, event_id) == {"test.seen"}
    assert _rows(db)[0].published_at is not None


def test_crash_between_send_and_mark_sends_twice_but_handles_once(db):
    bus, effects = Bus(), []
    bus.subscribe(NAME, "test.effect", lambda tx, e: effects.append(e.id))
    with db.transaction() as tx:
        event_id = record(tx, NAME, {"n": 1})
    sent: list[Event] = []

    def send_then_crash(e: Event) -> None:
        sent.append(e)  # the broker has it...
        raise ConnectionError("...but the relay dies before marking the row")

    assert relay_once(db, send_then_crash) == 0
    assert relay_once(db, sent.append) == 1
    assert [e.id for e in sent] == [event_id, event_id]
    for e in sent:
        bus.handle(db, e)
    assert effects == [event_id]


def test_failing_subscriber_rolls_back_alone_and_runs_again_on_redelivery(db):
    bus, calls, broken = Bus(), {"a": 0, "b": 0, "c": 0}, [True]

    def make(key: str):  # type: ignore[no-untyped-def]
        def handler(tx, e):  # type: ignore[no-untyped-def]
            calls[key] += 1
            record(tx, f"test.done_by_{key}.v1", {"of": e.id})
            if key == "b" and broken[0]:
                raise RuntimeError("payment provider down")

        return handler

    for key in "abc":
        bus.subscribe(NAME, f"test.{key}", make(key))
    with db.transaction() as tx:
        event_id = record(tx, NAME, {})
    sent: list[Event] = []
    relay_once(db, sent.append)
    with pytest.raises(RuntimeError, match="provider down"):
        bus.handle(db, sent[0])
    assert calls == {"a": 1, "b": 1, "c": 1}  # c still ran after b failed
    assert _inbox(db, event_id) == {"test.a", "test.c"}  # b's inbox row rolled back...
    assert {r.name for r in _rows(db)} == {NAME, "test.done_by_a.v1", "test.done_by_c.v1"}

    broken[0] = False
    bus.handle(db, sent[0])  # the redelivery
    assert calls == {"a": 1, "b": 2, "c": 1}
    assert _inbox(db, event_id) == {"test.a", "test.b", "test.c"}
    done = [f"test.done_by_{k}.v1" for k in "abc"]
    assert sorted(r.name for r in _rows(db)) == sorted([NAME, *done])  # b's effect once


def test_several_failures_are_raised_together(db):
    bus = Bus()
    for key in "xy":
        bus.subscribe(NAME, f"test.{key}", lambda tx, e: 1 / 0)
    e = Event("00000000-0000-0000-0000-000000000001", NAME, {}, datetime(2025, 1, 1))
    with pytest.raises(ExceptionGroup) as info:
        bus.handle(db, e)
    assert len(info.value.exceptions) == 2 and _inbox(db, e.id) == set()


def test_failed_send_counts_an_attempt_keeps_the_sent_and_stops(db):
    with db.transaction() as tx:
        ids = [record(tx, NAME, {"i": i}) for i in range(3)]
    sent: list[str] = []

    def flaky(e: Event) -> None:
        if e.payload["i"] == 1:
            raise ConnectionError("broker away")
        sent.append(e.id)

    assert relay_once(db, flaky) == 1
    rows = _rows(db)
    assert [r.published_at is not None for r in rows] == [True, False, False]
    assert [r.attempts for r in rows] == [0, 1, 0]
    assert relay_once(db, lambda e: sent.append(e.id)) == 2
    assert sent == ids  # in recording order


def test_relay_publishes_in_batches_of_limit(db):
    with db.transaction() as tx:
        for i in range(5):
            record(tx, NAME, {"i": i})
    sent: list[Event] = []
    assert [relay_once(db, sent.append, limit=2) for _ in range(4)] == [2, 2, 1, 0]
    assert [e.payload["i"] for e in sent] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("payload", "complaint"),
    [
        ({"amount": 9.99}, r"payload\['amount'\] is a float"),
        ({"at": datetime(2025, 1, 1)}, "is a datetime"),
        ({"lines": [{"price": Decimal("1")}]}, r"payload\['lines'\]\[0\]\['price'\] is a Decimal"),
        ({"pair": (1, 2)}, "is a tuple"),
        ({"by_sku": {1: 2}}, "int key 1"),
    ],
)
def test_payloads_that_do_not_survive_json_are_refused(db, payload, complaint):
    with db.transaction() as tx, pytest.raises(PayloadError, match=complaint):
        record(tx, NAME, payload)
    assert _rows(db) == []


def test_record_is_one_insert_and_flushes_nothing_else(db):
    with db.transaction() as tx:
        pending = InboxRow(consumer="test.pending", event_id="x", handled_at=datetime(2025, 1, 1))
        tx.add(pending)
        statements: list[str] = []
        tx.connection()  # BEGIN first, so only record's own statements are counted

        def seen(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            record(tx, NAME, {"n": 1})
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        assert len(statements) == 1 and statements[0].startswith("INSERT INTO platform_outbox")
        assert pending in tx.new
        tx.expunge(pending)


@pytest.mark.parametrize("kind", ["transaction", "core_transaction"])
def test_after_commit_nudge_fires_only_for_commits_that_recorded(db, kind):
    nudges: list[int] = []
    begin = getattr(db, kind)  # an ORM session or a Core transaction: the same nudges
    remove = after_commit_nudge(db, lambda: nudges.append(1))
    try:
        with begin() as tx:
            run(tx, select(1))
        assert nudges == []
        with pytest.raises(RuntimeError), begin() as tx:
            record(tx, NAME, {})
            raise RuntimeError
        with begin() as tx:
            run(tx, select(1))
        assert nudges == []  # the rolled-back record left no flag behind
        with begin() as tx:
            record(tx, NAME, {})
        assert nudges == [1]
    finally:
        remove()
    with begin() as tx:
        record(tx, NAME, {})
    assert nudges == [1]


def test_bus_registration_is_checked(db):
    bus = Bus()
    bus.subscribe(NAME, "test.a", lambda tx, e: None)
    with pytest.raises(ValueError, match="already subscribes"):
        bus.subscribe(NAME, "test.a", lambda tx, e: None)
    bus.every(60, "test.job", lambda d: None)
    with pytest.raises(ValueError):
        bus.every(60, "test.job", lambda d: None)
    with pytest.raises(ValueError):
        bus.every(0, "test.other", lambda d: None)
    assert bus.consumers(NAME) == ["test.a"] and bus.consumers("other") == []


def test_run_job_runs_now_and_unknown_jobs_are_named(db):
    bus, runs = Bus(), []
    bus.every(3600, "test.job", runs.append)
    bus.run_job(db, "test.job")
    assert runs == [db]
    with pytest.raises(LookupError, match=r"'nope' \(known: test.job\)"):
        bus.run_job(db, "nope")


def test_a_job_is_claimed_once_per_period_across_processes(db):
    job = PeriodicJob("test.job", 60, lambda d: None)
    t0 = datetime(2025, 1, 1, 12)

    def claim(at: datetime) -> bool:
        with db.transaction() as tx:
            return claim_job(tx, job, at)

    assert claim(t0) is True  # a new job is due at once
    assert claim(t0) is False  # a second process at the same moment
    assert claim(t0 + timedelta(seconds=30)) is False
    assert claim(t0 + timedelta(seconds=59.5)) is True  # within the slack
    assert claim(t0 + timedelta(seconds=61)) is False
    assert claim(t0 + timedelta(seconds=120)) is True
