"""Flash-sale fixtures: events made through the public API, and the two seat paths.

The path is per process (flashsale.public.configure): every test starts on the database
path; `redis_path` switches to Redis under a namespace of its own (so runs never collide)
and deletes its keys after. MERCATO_TEST_REDIS_URL (default redis://127.0.0.1:6379/0) must
answer in CI; elsewhere the Redis tests skip without it."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import pytest

from mercato.flashsale import public as flashsale
from mercato.flashsale.services import backend, offers, waiting_room
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.platform.redis_seats import SeatPools
from tests.conftest import need

REDIS_URL = os.environ.get("MERCATO_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
SECRET = "flash-test-secret-key-0123456789abcdef"


def redis_answers(url: str = REDIS_URL) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
        return True
    except OSError:
        return False


def make_event(db: Database, quantity: int = 10, limit: int = 1, skus: tuple[int, ...] = (101,),
               starts: datetime | None = None, ends: datetime | None = None, rate: int = 0,
               publish: bool = True, price_fen: int = 990) -> int:
    now = utcnow()
    data = flashsale.EventData(
        "限时秒杀", starts or now - timedelta(hours=1), ends or now + timedelta(hours=1),
        per_customer_limit=limit, admit_per_second=rate,
        items=tuple(flashsale.ItemData(s, price_fen, quantity) for s in skus))
    with db.transaction() as tx:
        event_id = flashsale.create_event(tx, data).id
        if publish:
            flashsale.publish_event(tx, event_id)
    if publish:
        flashsale.load_event(db, event_id)
    return event_id


def _fresh() -> None:
    # Event ids come back after each test empties the tables: no per-process cache may
    # answer for the last test's event.
    backend.configure("", "", SECRET)
    offers._cache.clear()
    waiting_room._rates.clear()


@pytest.fixture(autouse=True)
def sql_path() -> Iterator[None]:
    _fresh()
    yield
    _fresh()


@pytest.fixture
def redis_path() -> Iterator[SeatPools]:
    need(redis_answers(), f"no Redis at {REDIS_URL} (set MERCATO_TEST_REDIS_URL)")
    namespace = f"mercato_test_{uuid.uuid4().hex[:10]}"
    pools = backend.configure(REDIS_URL, namespace, SECRET).pools
    assert pools is not None
    yield pools
    for key in pools.redis.scan_iter(f"{namespace}:*", count=1000):
        pools.redis.delete(key)
