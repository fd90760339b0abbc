"""The queue runtime end to end: outbox → relay → Dramatiq broker → worker → subscriber.

The embedded StubBroker always runs; RabbitMQ and Redis run when their servers answer (and
must, under CI=true). Each test uses its own queue names so leftovers never interfere."""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.app import create_app
from mercato.platform.outbox import Bus, Event, OutboxRow, record
from mercato.platform.queue import Runtime
from mercato.platform.relay import pending_count
from tests.conftest import need

NAME = "test.thing_happened.v1"
AMQP_URL = os.environ.get("MERCATO_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672")
REDIS_URL = os.environ.get("MERCATO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _answers(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 0), timeout=1).close()
        return True
    except OSError:
        return False


def _until(check: Callable[[], bool], seconds: float = 5) -> bool:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _listening() -> tuple[Bus, list[Event]]:
    bus, seen = Bus(), []
    bus.subscribe(NAME, "test.seen", lambda tx, e: seen.append(e))
    return bus, seen


@pytest.fixture
def runtimes() -> Iterator[list[Runtime]]:
    """Runtimes to stop at the end even when the test fails."""
    made: list[Runtime] = []
    yield made
    for r in made:
        r.stop()


def _our_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("mercato-")]


def test_embedded_runtime_delivers_a_committed_event(db, runtimes):
    bus, seen = _listening()
    runtime = Runtime(db, bus)
    runtimes.append(runtime)
    runtime.start()
    with db.transaction() as tx:
        event_id = record(tx, NAME, {"order_id": 1})
    runtime.drain(timeout=5)
    assert [e.id for e in seen] == [event_id] and pending_count(db) == 0
    runtime.stop()
    assert _our_threads() == []


def test_several_runtimes_one_after_another(db):
    for round_ in range(3):
        bus, seen = _listening()
        runtime = Runtime(db, bus)
        runtime.start()
        try:
            with db.transaction() as tx:
                record(tx, NAME, {"round": round_})
            runtime.drain(timeout=5)
        finally:
            runtime.stop()
        assert [e.payload for e in seen] == [{"round": round_}]


def test_a_commit_wakes_the_relay_without_waiting_for_the_poll(db, runtimes):
    bus, seen = _listening()
    runtime = Runtime(db, bus, poll=60)  # only the after-commit nudge can deliver in time
    runtimes.append(runtime)
    runtime.start()
    time.sleep(0.1)  # the relay thread is now asleep for a minute
    with db.transaction() as tx:
        record(tx, NAME, {})
    assert _until(lambda: len(seen) == 1, seconds=3)


def test_commits_close_together_go_out_in_one_relay_batch(db, runtimes, monkeypatch):
    from mercato.platform import queue

    batches: list[int] = []
    real = queue.relay_once

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        sent = real(*args, **kwargs)
        batches.append(sent)
        return sent

    monkeypatch.setattr(queue, "relay_once", counted)
    bus, seen = _listening()
    runtime = Runtime(db, bus, poll=60, gather=0.5)
    runtimes.append(runtime)
    runtime.start()
    time.sleep(0.1)
    for i in range(5):  # five orders' commits within the gathering window
        with db.transaction() as tx:
            record(tx, NAME, {"i": i})
    assert _until(lambda: len(seen) == 5, seconds=5)
    assert batches == [5] and pending_count(db) == 0
    assert sorted(e.payload["i"] for e in seen) == [0, 1, 2, 3, 4]


def test_a_failing_subscriber_is_retried_by_the_queue_and_others_run_once(db, runtimes):
    bus, seen = _listening()
    tries: list[str] = []

    def flaky(tx, e):  # type: ignore[no-untyped-def]
        tries.append(e.id)
        if len(tries) == 1:
            raise RuntimeError("first try fails")

    bus.subscribe(NAME, "test.flaky", flaky)
    runtime = Runtime(db, bus, retry_ms=100)
    runtimes.append(runtime)
    runtime.start()
    with db.transaction() as tx:
        event_id = record(tx, NAME, {})
    runtime.drain(timeout=8)  # includes the retry, 0.1-0.2 s later
    assert tries == [event_id, event_id] and [e.id for e in seen] == [event_id]


def test_periodic_jobs_run_from_the_ticker_and_on_demand(db, runtimes):
    bus, runs = Bus(), []
    bus.every(0.2, "test.tick", lambda d: runs.append(time.monotonic()))
    runtime = Runtime(db, bus)
    runtimes.append(runtime)
    runtime.run_job("test.tick")
    assert len(runs) == 1
    runtime.start()
    assert _until(lambda: len(runs) >= 4, seconds=5)
    with pytest.raises(LookupError):
        runtime.run_job("test.unknown")


def test_two_processes_ticking_run_a_job_once_per_period(db, runtimes):
    runs: list[float] = []
    for _ in range(2):
        bus = Bus()
        bus.every(0.25, "test.shared", lambda d: runs.append(time.monotonic()))
        runtimes.append(Runtime(db, bus))
    for r in runtimes:
        r.start()
    time.sleep(1.05)
    for r in runtimes:
        r.stop()
    # One process alone: at 0, 0.25, 0.5, 0.75, 1 s. Two without the shared claim: twice that.
    assert 2 <= len(runs) <= 6


def test_the_app_runs_the_runtime_when_jobs_are_on(db, settings):
    app = create_app(settings.model_copy(update={"jobs": True}), db)
    with TestClient(app):
        runtime = app.state.runtime
        assert isinstance(runtime, Runtime) and isinstance(app.state.bus, Bus)
        assert "mercato-relay" in _our_threads()
        with db.transaction() as tx:
            record(tx, NAME, {})
        runtime.drain(timeout=5)
        assert pending_count(db) == 0
    assert _our_threads() == []


def test_the_app_starts_no_threads_when_jobs_are_off(db, settings):
    app = create_app(settings, db)
    with TestClient(app):
        assert app.state.runtime is None and _our_threads() == []


def test_drain_gives_up_on_a_subscriber_that_keeps_failing(db, runtimes):
    bus = Bus()
    bus.subscribe(NAME, "test.broken", lambda tx, e: 1 / 0)
    runtime = Runtime(db, bus, retry_ms=100)
    runtimes.append(runtime)
    runtime.start()
    with db.transaction() as tx:
        record(tx, NAME, {})
    with pytest.raises(TimeoutError, match="not handled"):
        runtime.drain(timeout=0.5)
    assert pending_count(db) == 0  # published; the queue keeps retrying it


def test_an_unreachable_broker_keeps_events_in_the_outbox(db, runtimes):
    runtime = Runtime(db, Bus(), "redis://127.0.0.1:1/0", poll=0.05)  # nothing listens there
    runtimes.append(runtime)
    runtime.start()
    with db.transaction() as tx:
        record(tx, NAME, {})
    with pytest.raises(TimeoutError, match="1 events still unpublished"):
        runtime.drain(timeout=0.3)
    with db.reading() as s:
        attempts = s.scalar(select(OutboxRow.attempts))
    assert attempts and attempts >= 1
    assert all(t.is_alive() for t in runtime._threads)  # the relay backs off, never dies


def test_unknown_broker_urls_are_refused(db):
    with pytest.raises(ValueError, match="MERCATO_BROKER_URL"):
        Runtime(db, Bus(), "kafka://127.0.0.1")


def _through_a_real_broker(db, url: str, namespace: str) -> None:  # type: ignore[no-untyped-def]
    """A web process that only relays, and a separate worker that consumes."""
    bus, seen = _listening()
    worker = Runtime(db, bus, url, consume=True, namespace=namespace)
    web = Runtime(db, Bus(), url, namespace=namespace)
    worker.start()
    try:
        with db.transaction() as tx:
            ids = [record(tx, NAME, {"i": i}) for i in range(3)]
        web.drain(timeout=10)  # relayed, and the broker queue is empty again
        assert _until(lambda: len(seen) == 3, seconds=10)
        assert sorted(e.id for e in seen) == sorted(ids)
    finally:
        worker.stop()
        web.stop()


def test_rabbitmq_end_to_end(db):
    need(_answers(AMQP_URL), f"no RabbitMQ at {urlsplit(AMQP_URL).hostname}")
    import pika

    namespace = f"mercato_test_{uuid.uuid4().hex[:8]}"
    try:
        _through_a_real_broker(db, AMQP_URL, namespace)
    finally:
        conn = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
        channel = conn.channel()
        for q in ("events", "jobs"):
            for suffix in ("", ".DQ", ".XQ"):
                channel.queue_delete(f"{namespace}.{q}{suffix}")
        conn.close()


def test_redis_end_to_end(db):
    need(_answers(REDIS_URL), f"no Redis at {urlsplit(REDIS_URL).hostname}")
    import redis

    namespace = f"mercato_test_{uuid.uuid4().hex[:8]}"
    try:
        _through_a_real_broker(db, REDIS_URL, namespace)
    finally:
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"*{namespace}*"):
            client.delete(key)
        client.close()
