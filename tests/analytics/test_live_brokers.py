"""The live notifications between processes, against the real servers: two hubs stand for
two processes (a worker that handled a payment, a web process streaming to a browser).
Redis and RabbitMQ must answer (MERCATO_TEST_REDIS_URL, MERCATO_TEST_AMQP_URL): skipped
without them, failed under CI=true, like tests/platform/test_queue.py."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest

from mercato.platform import live as notices
from tests.conftest import need
from tests.platform.test_queue import AMQP_URL, REDIS_URL, _answers


def _across(url: str, cleanup: Callable[[str], None]) -> None:
    namespace = f"mercato_test_{uuid.uuid4().hex[:8]}"
    web, worker = notices.make_hub(url, namespace), notices.make_hub(url, namespace)
    elsewhere = notices.make_hub(url, namespace + "_other")
    try:
        paid, other_topic = web.listen("analytics.today"), web.listen("other")
        stranger = elsewhere.listen("analytics.today")
        assert web.ready.wait(10) and elsewhere.ready.wait(10), "not listening in time"
        worker.publish("analytics.today")
        assert paid.wait_sync(5) is True
        assert other_topic.wait_sync(0.2) is False
        assert stranger.wait_sync(0.2) is False  # another namespace hears nothing
        worker.publish("analytics.today")  # the publisher's connection is reused
        assert paid.wait_sync(5) is True
    finally:
        for hub in (web, worker, elsewhere):
            hub.close()
        cleanup(namespace)


def test_redis_carries_a_notification_to_another_process() -> None:
    need(_answers(REDIS_URL), f"no Redis at {urlsplit(REDIS_URL).hostname}")
    _across(REDIS_URL, lambda _ns: None)  # pub/sub keeps nothing


def test_rabbitmq_carries_a_notification_to_another_process() -> None:
    need(_answers(AMQP_URL), f"no RabbitMQ at {urlsplit(AMQP_URL).hostname}")
    import pika

    def delete_exchange(namespace: str) -> None:
        connection = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
        for name in (f"{namespace}.live", f"{namespace}_other.live"):
            connection.channel().exchange_delete(name)
        connection.close()

    _across(AMQP_URL, delete_exchange)


def test_an_unreachable_server_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    for url in ("redis://127.0.0.1:1/0", "amqp://guest:guest@127.0.0.1:1"):
        hub = notices.make_hub(url, f"mercato_test_{uuid.uuid4().hex[:8]}")
        try:
            hub.publish("analytics.today")  # nobody hears it; the payment is not held up
        finally:
            hub.close()
    assert sum("not published" in r.getMessage() for r in caplog.records) == 2
