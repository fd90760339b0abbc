"""Events through the real runtime: an order cancelled → its pending payment attempts are
closed by the payments subscriber. Embedded broker, and RabbitMQ (a separate consuming
worker, as in production; required in CI)."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from mercato import bootstrap
from mercato.payments.adapters.tables import Payment
from mercato.platform.outbox import Bus
from mercato.platform.queue import Runtime
from tests.conftest import need
from tests.payments.order_helpers import placed_order
from tests.platform.test_queue import AMQP_URL, _answers


def _cleanup(namespace: str) -> None:
    import pika

    conn = pika.BlockingConnection(pika.URLParameters(AMQP_URL))
    channel = conn.channel()
    for q in ("events", "jobs"):
        for suffix in ("", ".DQ", ".XQ"):
            channel.queue_delete(f"{namespace}.{q}{suffix}")
    conn.close()


@pytest.mark.parametrize("broker", ["embedded", "rabbitmq"])
def test_cancelled_order_closes_its_payment_attempts(client, db, market, buyer, settings, broker):
    url = ""
    if broker == "rabbitmq":
        need(_answers(AMQP_URL), f"no RabbitMQ at {urlsplit(AMQP_URL).hostname}")
        url = AMQP_URL
    bus = Bus()
    bootstrap.wire_bus(bus, settings)
    assert {"orders.cancel_unpaid", "payments.reconcile", "platform.purge_idempotency_keys"} <= set(
        bus.jobs
    )
    namespace = f"mercato_test_{uuid.uuid4().hex[:8]}"
    worker = Runtime(db, bus, url, consume=True, namespace=namespace)
    worker.start()
    try:
        number, _, h = placed_order(client, db, market, buyer)
        r = client.post(
            f"/api/v1/orders/{number}/payments", json={"provider": "sandbox"}, headers=h
        )
        assert r.status_code == 201
        assert client.post(f"/api/v1/orders/{number}/cancel", json={}, headers=h).status_code == 200
        worker.drain(15)
        with db.reading() as tx:  # marked at once; closed at the provider by the job
            assert tx.scalars(select(Payment.status)).all() == ["closing"]
        bus.run_job(db, "payments.close_at_providers")
    finally:
        worker.stop()
        if url:
            _cleanup(namespace)
    with db.reading() as tx:
        assert tx.scalars(select(Payment.status)).all() == ["closed"]
