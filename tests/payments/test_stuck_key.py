"""A payment's Idempotency-Key whose request died mid-way (the web process was killed between
the key's claim and its answer): retried after the lease, it opens exactly one attempt, and
the stored answer is replayed afterwards. Keys compare the parsed request."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from mercato.payments.adapters.sandbox import SandboxGateway
from mercato.payments.adapters.tables import Payment
from mercato.payments.services import attempts
from mercato.platform import leases
from mercato.platform.db import Database
from mercato.platform.idempotency import IdempotencyKey, request_hash
from mercato.platform.outbox import utcnow
from tests.payments.order_helpers import placed_order

BODY = {"provider": "sandbox", "channel": "page"}


class Died(BaseException):
    """The process was killed here (nothing after it runs, no cleanup either)."""


def _claimed_by_a_dead_request(db: Database, customer_id: int, number: str) -> leases.Lease:
    path = f"/api/v1/orders/{number}/payments"
    scope = f"customer:{customer_id}:POST {path}"
    digest = request_hash("POST", path, {"provider": "sandbox", "channel": "page"})
    got = leases._acquire(db, scope, "pay-key", digest, leases.LEASE)
    assert isinstance(got, leases.Lease)
    return got


def _expire(db: Database) -> None:
    with db.transaction() as tx:
        tx.execute(update(IdempotencyKey).values(lease_until=utcnow() - timedelta(seconds=1)))


def _attempts(db: Database) -> list[tuple[str, str, str]]:
    with db.reading() as tx:
        return [
            (p.out_trade_no, p.status, p.action)
            for p in tx.scalars(select(Payment).order_by(Payment.attempt))
        ]


def _pay(client: Any, number: str, headers: dict[str, str], body: Any = None) -> Any:
    h = {**headers, "Idempotency-Key": "pay-key"}
    if isinstance(body, str):
        h["Content-Type"] = "application/json"
        return client.post(f"/api/v1/orders/{number}/payments", content=body, headers=h)
    return client.post(f"/api/v1/orders/{number}/payments", json=body or BODY, headers=h)


def test_key_stuck_before_the_work_is_retryable_after_the_lease(client, db, market, buyer):
    number, _total, h = placed_order(client, db, market, buyer)
    _claimed_by_a_dead_request(db, buyer["id"], number)
    busy = _pay(client, number, h)
    assert busy.status_code == 409 and busy.json()["error"]["code"] == "idempotency.in_progress"
    assert 1 <= int(busy.headers["retry-after"]) <= 30
    assert _attempts(db) == []
    _expire(db)
    first = _pay(client, number, h)
    assert first.status_code == 201, first.text
    replay = _pay(client, number, h)
    assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    assert replay.json() == first.json()
    assert _attempts(db) == [(f"{number}01", "pending", "redirect")]


def test_key_stuck_after_the_attempt_resumes_that_attempt(client, db, market, buyer, settings):
    """The dead request had recorded attempt 01 (and noted it with the key), then died while
    calling the provider: the retry opens attempt 01 again, not a second attempt."""
    number, _total, h = placed_order(client, db, market, buyer)
    lease = _claimed_by_a_dead_request(db, buyer["id"], number)

    class Dying(SandboxGateway):
        def create(self, intent: Any) -> Any:
            raise Died()

    with pytest.raises(Died):
        attempts.open_payment(
            db,
            Dying(settings.secret_key),
            buyer["id"],
            number,
            "page",
            settings.public_url,
            "",
            lease,
        )
    assert _attempts(db) == [(f"{number}01", "pending", "")]
    _expire(db)
    first = _pay(client, number, h)
    assert first.status_code == 201 and first.json()["out_trade_no"] == f"{number}01"
    assert _pay(client, number, h).json() == first.json()
    assert _attempts(db) == [(f"{number}01", "pending", "redirect")]


def test_the_same_json_in_another_form_is_the_same_request(client, db, market, buyer):
    number, _total, h = placed_order(client, db, market, buyer)
    first = _pay(client, number, h, '{"provider":"sandbox","channel":"page"}')
    assert first.status_code == 201
    for same in (
        '{"channel": "page", "provider": "sandbox"}',
        '{"provider":"sandbox","channel":"page"} ',
    ):
        replay = _pay(client, number, h, same)
        assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    other = _pay(client, number, h, {"provider": "sandbox", "channel": "wap"})
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency.key_reused"
    assert len(_attempts(db)) == 1
