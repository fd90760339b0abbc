"""Today's live figures: the hub's notifications (in-process here; Redis and RabbitMQ in
tests/analytics/test_live_brokers.py), today's figures read from the lake, and the SSE stream
of a real server fed by an order paid through the bus."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from typing import Any

import httpx
import pytest

from mercato import events
from mercato.analytics import tasks
from mercato.analytics.adapters import queries
from mercato.analytics.adapters.lake import Lake
from mercato.analytics.services import live
from mercato.analytics.web import admin_overview
from mercato.platform import clock
from mercato.platform import live as notices
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, Event
from mercato.platform.settings import Settings
from tests.analytics.helpers import ev, write
from tests.browser.conftest import live_url  # noqa: F401  (the fixture: a real server)


def test_a_notification_reaches_the_listeners_of_its_topic_once() -> None:
    hub = notices.Hub()
    paid, other = hub.listen("paid"), hub.listen("other")
    hub.publish("paid")
    hub.publish("paid")  # before the listener looked: one wake-up for both
    assert paid.wait_sync(1) is True
    assert paid.wait_sync(0.05) is False
    assert other.wait_sync(0.05) is False
    assert hub.listening("paid") == 1
    paid.close()
    assert hub.listening("paid") == 0
    hub.publish("paid")  # nobody listens: gone, and nothing fails
    other.close()


def test_a_listener_waits_on_an_event_loop_for_a_notification_from_a_thread() -> None:
    hub = notices.Hub()

    async def scenario() -> tuple[bool, float, bool]:
        with hub.listen("t") as listener:
            timer = threading.Timer(0.2, hub.publish, ("t",))
            started = time.monotonic()
            timer.start()
            woken = await listener.wait(5)
            took = time.monotonic() - started
            return woken, took, await listener.wait(0.1)

    # A thread of its own: a browser test earlier in this worker may leave Playwright's loop
    # running in the main thread, where asyncio.run refuses to start another.
    with ThreadPoolExecutor(1) as pool:
        woken, took, again = pool.submit(asyncio.run, scenario()).result()
    assert woken is True and took < 2  # woken by the publish, not by the 5 s timeout
    assert again is False
    assert hub.listening("t") == 0


def _today_events(day: str) -> list[Any]:
    """Today: v1 (web, twice) and v2 (app) browse; orders T (web, ¥19.99) and U (app, ¥10.00)
    paid, T's payment read twice; V placed, not paid; yesterday's payment and visitor not
    today's."""
    paid_t = ev(day, "order_paid", None, id="paid-t", customer_id=1, order_number="T",
                value_fen=1999)
    return [
        ev(day, "page_view", "v1", path="/"), ev(day, "page_view", "v1", path="/p/a"),
        ev(day, "page_view", "v2", path="/", channel="app"),
        ev(day, "order_placed", None, customer_id=1, order_number="T", value_fen=1999),
        paid_t, paid_t,
        ev(day, "order_paid", None, customer_id=2, order_number="U", value_fen=1000,
           channel="app"),
        ev(day, "order_placed", None, customer_id=3, order_number="V", value_fen=5000),
        ev("2026-03-01", "order_paid", None, customer_id=2, order_number="Y", value_fen=700),
        ev("2026-03-01", "page_view", "v9", path="/"),
    ]


def test_today_is_read_from_the_lake_and_again_only_when_it_changed(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    lake = Lake(tmp_path / "lake")
    day = date(2026, 3, 2)
    write(lake, _today_events(day.isoformat()))
    monkeypatch.setattr(live, "RECHECK", 10**9)  # no periodic re-read during the test
    reads: list[date] = []
    traffic = queries.traffic
    monkeypatch.setattr(queries, "traffic", lambda *a: reads.append(a[1]) or traffic(*a))
    assert live.today(lake, day=day) == live.Today(day, 2999, 2, 2)
    assert live.today(lake, day=day).aov_fen == 1500  # 2999 / 2 = 1499.5, half up
    assert live.today(lake, "app", day=day) == live.Today(day, 1000, 1, 1)
    assert len(reads) == 2  # the second call of each channel read nothing
    write(lake, [ev(day.isoformat(), "page_view", "v3", path="/")])
    assert live.today(lake, day=day).visitors == 3
    assert len(reads) == 3
    message = live.Today(day, 2999, 2, 2).message(clock.utcnow())
    assert {k: message[k] for k in ("gmv_fen", "paid_orders", "visitors", "aov_fen")} == {
        "gmv_fen": 2999, "paid_orders": 2, "visitors": 2, "aov_fen": 1500}


def _paid_event(total_fen: int) -> Event:
    payload = {"number": "2603020000000001", "customer_id": 7, "total_fen": total_fen,
               "channel": "web"}
    return Event(str(uuid.uuid4()), events.ORDER_PAID, payload, clock.utcnow())


def _next_today(lines: Iterator[str]) -> dict[str, Any]:
    """The data of the next `today` event (a slow stream fails on the read timeout)."""
    for line in lines:
        if line == "event: today":
            data = next(lines)
            assert data.startswith("data: ")
            return dict(json.loads(data[6:]))
    raise AssertionError("the stream ended")


@contextmanager
def _signed_in(base: str, db: Database) -> Iterator[httpx.Client]:
    """A finance member (reports, no more) signed in to the admin on the real server."""
    from mercato.access import team

    with db.transaction() as tx:
        team.add_staff(tx, "finance@example.com", "correct-horse-9", "", "finance")
    with httpx.Client(base_url=base, timeout=httpx.Timeout(5, read=3)) as client:
        r = client.post("/admin/login", data={"email": "finance@example.com",
                                              "password": "correct-horse-9"})
        assert r.status_code == 303, r.text
        yield client


def test_an_order_paid_through_the_bus_reaches_the_stream_within_2_seconds(
    live_url: str, db: Database, settings: Settings,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The stream looks at the lake on its own only every 30 s here: only the notification
    # can bring the payment within 2 s.
    monkeypatch.setattr(admin_overview, "TICK", 30.0)
    bus = Bus()
    tasks.wire(bus, settings)
    hub = notices.hub(settings.broker_url, settings.queue_namespace)
    with _signed_in(live_url, db) as client, client.stream(
            "GET", "/admin/analytics/live", headers={"Accept": "text/event-stream"}) as r:
        assert r.headers["content-type"].startswith("text/event-stream")
        assert (r.headers["cache-control"], r.headers["x-accel-buffering"]) == ("no-store", "no")
        lines = r.iter_lines()
        first = _next_today(lines)
        assert (first["gmv_fen"], first["paid_orders"], first["day"]) == (
            0, 0, clock.today().isoformat())
        paid_at = time.monotonic()
        bus.handle(db, _paid_event(12345))
        moved = _next_today(lines)
        assert time.monotonic() - paid_at < 2
        assert (moved["gmv_fen"], moved["paid_orders"], moved["aov_fen"]) == (12345, 1, 12345)
        assert hub.listening(live.TOPIC) == 1
    deadline = time.monotonic() + 5
    while hub.listening(live.TOPIC) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert hub.listening(live.TOPIC) == 0  # the client left: the stream ended


def test_a_quiet_stream_sends_heartbeats_then_ends_for_the_browser_to_reconnect(
    live_url: str, db: Database, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
) -> None:
    monkeypatch.setattr(admin_overview, "HEARTBEAT", 0.3)
    monkeypatch.setattr(admin_overview, "TICK", 0.1)
    monkeypatch.setattr(admin_overview, "LIFETIME", 1.0)
    with _signed_in(live_url, db) as client, client.stream(
            "GET", "/admin/analytics/live?channel=app",
            headers={"Accept": "text/event-stream"}) as r:
        lines = list(r.iter_lines())  # ends by itself after LIFETIME
    assert lines[0] == "retry: 1000"
    assert [line for line in lines if line.startswith("event:")] == ["event: today"]
    assert ": heartbeat" in lines


def test_without_event_stream_the_figures_come_once_as_json(
    live_url: str, db: Database,  # noqa: F811
) -> None:
    with _signed_in(live_url, db) as client:
        r = client.get("/admin/analytics/live?channel=web")
        assert r.status_code == 200
        assert {k: r.json()[k] for k in ("gmv_fen", "paid_orders", "visitors")} == {
            "gmv_fen": 0, "paid_orders": 0, "visitors": 0}
        r = client.get("/admin/analytics/live?channel=tv", headers={"Accept": "application/json"})
        assert (r.status_code, r.json()["error"]["code"]) == (422, "analytics.invalid_channel")
