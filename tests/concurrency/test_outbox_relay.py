"""Relays and redeliveries racing: every event is published once, and handled once."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime

from sqlalchemy import event as sa_event

from mercato.platform.outbox import Bus, Event, record
from mercato.platform.relay import pending_count, relay_once

NAME = "test.thing_happened.v1"


def _two_relays(db, events: int, limit: int) -> tuple[Counter[str], list[int], list[str]]:  # type: ignore[no-untyped-def]
    with db.transaction() as tx:
        ids = [record(tx, NAME, {"i": i}) for i in range(events)]
    sent: Counter[str] = Counter()
    per_relay = [0, 0]
    lock, start = threading.Lock(), threading.Barrier(2)

    def relay(k: int) -> None:
        def send(e: Event) -> None:
            time.sleep(0.0005)  # a broker round trip, so the two batches overlap
            with lock:
                sent[e.id] += 1
                per_relay[k] += 1

        start.wait()
        while relay_once(db, send, limit=limit) or pending_count(db):
            pass

    threads = [threading.Thread(target=relay, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return sent, per_relay, ids


def test_two_relays_on_postgres_publish_each_of_500_events_once_and_handle_once(pg_db):
    statements: list[str] = []
    sa_event.listen(
        pg_db.engine, "before_cursor_execute", lambda c, cur, sql, *a: statements.append(sql)
    )
    sent, per_relay, ids = _two_relays(pg_db, 500, 25)
    assert set(sent) == set(ids) and set(sent.values()) == {1}  # none lost, none twice
    assert pending_count(pg_db) == 0
    assert all(n > 0 for n in per_relay)  # both relays did work side by side
    assert any("FOR UPDATE SKIP LOCKED" in s for s in statements)
    # Same scratch database (one is slow to make): a redelivery racing the first delivery.
    assert _racing_deliveries(pg_db) == 1


def test_two_relays_on_the_suite_database(db):
    sent, _, ids = _two_relays(db, 100, 10)
    assert set(sent) == set(ids) and set(sent.values()) == {1}


def _racing_deliveries(db) -> int:  # type: ignore[no-untyped-def]
    """The same event handed to two workers at once (a redelivery while the first is busy)."""
    bus, effects = Bus(), []

    def slow(tx, e):  # type: ignore[no-untyped-def]
        effects.append(e.id)
        time.sleep(0.2)  # hold the inbox row while the other delivery arrives

    bus.subscribe(NAME, "test.slow", slow)
    e = Event("00000000-0000-0000-0000-0000000000aa", NAME, {}, datetime(2025, 1, 1))
    threads = [threading.Thread(target=bus.handle, args=(db, e)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    return len(effects)


def test_concurrent_redelivery_on_the_suite_database_has_one_effect(db):
    assert _racing_deliveries(db) == 1
