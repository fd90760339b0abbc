"""The ERP webhook adapter against the fake ERP (which checks signatures on its own code):
accepted, rejected one by one, forged or stale requests refused (401) and never taken for an
acknowledgement, an ERP down twice retried with backoff until posted, an entry told twice
posted once; and the demo wiring (the fake mounted in the shop, the poster from settings)."""

from __future__ import annotations

import json
import time
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from mercato.finance import journal
from mercato.finance.adapters import erp_registry
from mercato.finance.adapters.erp_webhook import ErpWebhook, WebhookConfig, signature
from mercato.finance.adapters.poster import PostFailed
from mercato.finance.adapters.tables import FinanceEntry
from mercato.finance.services import posting
from mercato.platform.clock import utcnow
from mercato.platform.db import Database
from mercato.sandbox import erp as fake_erp

SECRET = "erp-secret-0123456789abcdef"
URL = "http://erp.test/entries"
AT = datetime(2026, 12, 14, 2, 30)


@pytest.fixture
def fake() -> fake_erp.FakeErp:
    return fake_erp.FakeErp(SECRET)


def adapter(fake: fake_erp.FakeErp, secret: str = SECRET, **kw: Any) -> ErpWebhook:
    return ErpWebhook(WebhookConfig(URL, secret), fake.client(), **kw)


def pay(n: str = "T1", amount: int = 12900) -> dict[str, Any]:
    return journal.to_json(journal.payment_entry(n, f"O{n}", "wechatpay", amount, AT))


def test_documented_signature_example():
    body = b'{"batch_id":"b1","sent_at":"2026-12-14T02:30:05Z","entries":[]}'
    assert signature(SECRET, "1797215405", body) == (
        "sha256=a4a58ba2737b562736793aab74ed96900f4cf22f0de4a6aad4494998643742c3")


def test_request_shape(fake):
    batch_id, body, headers = adapter(fake, clock=lambda: 1797215405.7).request([pay()])
    data = json.loads(body)
    assert data == {"batch_id": batch_id, "sent_at": "2026-12-14T02:30:05Z",
                    "entries": [pay()]}
    assert headers["X-Mercato-Timestamp"] == "1797215405"
    assert headers["Idempotency-Key"] == batch_id
    assert headers["X-Mercato-Signature"] == signature(SECRET, "1797215405", body)


def test_accepted_entries_are_booked_once(fake):
    result = adapter(fake).post([pay("T1"), pay("T2")])
    assert result.accepted == ["PAY-T1", "PAY-T2"] and result.rejected == {}
    again = adapter(fake).post([pay("T1")])  # a lost answer: the same entry again
    assert again.accepted == ["PAY-T1"]
    assert list(fake.booked) == ["PAY-T1", "PAY-T2"]
    assert fake.booked["PAY-T1"] == pay("T1")
    assert len(fake.requests) == 2 and fake.requests[0]["key"] == result.ack


def test_entries_are_rejected_one_by_one(fake):
    bad = pay("T2")
    bad["postings"][1]["credit_fen"] = 12899
    missing = {k: v for k, v in pay("T3").items() if k != "order_number"}
    changed = pay("T1", amount=1)
    adapter(fake).post([pay("T1")])
    result = adapter(fake).post([pay("T4"), bad, missing, changed])
    assert result.accepted == ["PAY-T4"]
    assert result.rejected == {
        "PAY-T2": "unbalanced: debits 12900 fen, credits 12899 fen",
        "PAY-T3": "order_number missing",
        "PAY-T1": "entry_id already booked with other content",
    }
    assert fake.booked["PAY-T1"] == pay("T1")


def test_forged_signature_is_refused_and_not_an_ack(fake, db: Database):
    with pytest.raises(PostFailed, match="401"):
        adapter(fake, secret="not-the-shops-secret").post([pay()])
    assert fake.refused == [401] and fake.booked == {}
    _, body, headers = adapter(fake).request([pay()])
    tampered = body.replace(b"12900", b"12901")
    assert fake.client().post(URL, content=tampered, headers=headers).status_code == 401
    with db.transaction() as tx:
        posting.record(tx, journal.payment_entry("T1", "OT1", "wechatpay", 12900, AT))
    forged = adapter(fake, secret="not-the-shops-secret")
    assert posting.post_pending(db, forged)["retrying"] == 1
    row = _row(db, "PAY-T1")
    assert row.status == "pending" and row.attempts == 1 and "401" in row.last_error


@pytest.mark.parametrize("skew", [-301, 301])
def test_stale_or_future_timestamp_is_refused(fake, skew):
    with pytest.raises(PostFailed, match="401"):
        adapter(fake, clock=lambda: time.time() + skew).post([pay()])
    assert fake.booked == {}
    assert adapter(fake, clock=lambda: time.time() - 250).post([pay()]).accepted == ["PAY-T1"]


def _row(db: Database, entry_id: str) -> FinanceEntry:
    with db.reading() as tx:
        row = tx.scalars(select(FinanceEntry).where(FinanceEntry.entry_id == entry_id)).one()
        tx.expunge(row)
        return row


def test_erp_down_twice_is_retried_with_backoff_until_posted(fake, db: Database):
    entry = journal.payment_entry("T1", "OT1", "alipay", 5000, AT)
    with db.transaction() as tx:
        posting.record(tx, entry)
    with db.transaction() as tx:
        assert posting.record(tx, entry) is False  # told twice: one entry
    fake.fail_next(2)
    poster, now = adapter(fake), utcnow()
    assert posting.post_pending(db, poster, now=now)["retrying"] == 1
    first = _row(db, "PAY-T1")
    assert first.next_attempt_at == now + timedelta(seconds=30) and "503" in first.last_error
    assert posting.post_pending(db, poster, now=now + timedelta(seconds=29))["sent"] == 0
    assert posting.post_pending(db, poster, now=now + timedelta(seconds=30))["retrying"] == 1
    assert _row(db, "PAY-T1").next_attempt_at == now + timedelta(seconds=90)
    assert posting.post_pending(db, poster, now=now + timedelta(seconds=90))["posted"] == 1
    row = _row(db, "PAY-T1")
    assert (row.status, row.attempts, row.ack) == ("posted", 2, fake.requests[0]["batch_id"])
    assert fake.refused == [503, 503] and list(fake.booked) == ["PAY-T1"]
    assert posting.post_pending(db, poster, now=now + timedelta(hours=2))["sent"] == 0
    assert len(fake.requests) == 1


def _answering(status: int, body: Any) -> ErpWebhook:
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(body, Exception):
            raise body
        return httpx.Response(status, content=body if isinstance(body, bytes) else
                              json.dumps(body).encode())
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return ErpWebhook(WebhookConfig(URL, SECRET), client)


@pytest.mark.parametrize("status,body", [
    (200, b"<html>ok</html>"),
    (200, {"accepted": "PAY-T1"}),
    (200, {"rejected": []}),
    (200, {"accepted": ["PAY-T1", "PAY-OTHER"], "rejected": []}),
    (200, {"accepted": [], "rejected": [{"entry_id": "PAY-ELSE", "reason": "?"}]}),
    (200, {"accepted": ["PAY-T1"], "rejected": [{"entry_id": "PAY-T1", "reason": "?"}]}),
    (202, {"accepted": ["PAY-T1"], "rejected": []}),
    (500, {"accepted": ["PAY-T1"], "rejected": []}),
    (0, httpx.ReadTimeout("timed out")),
    (0, httpx.ConnectError("refused")),
])
def test_anything_but_a_clean_answer_acknowledges_nothing(status, body):
    with pytest.raises(PostFailed):
        _answering(status, body).post([pay("T1")])


def test_ids_sent_but_not_answered_are_not_acknowledged():
    result = _answering(200, {"accepted": ["PAY-T1"]}).post([pay("T1"), pay("T2")])
    assert result.accepted == ["PAY-T1"] and result.rejected == {}


def test_demo_poster_posts_to_the_fake_mounted_in_the_shop(app, settings, db: Database):
    secret = erp_registry.sandbox_account(settings)["secret"]
    fake = getattr(app.state, "erp_sandbox", None) or fake_erp.install(app, secret=secret)
    with TestClient(app, base_url=settings.public_url) as shop:
        poster = erp_registry.build(settings, shop)
        assert isinstance(poster, ErpWebhook)
        with db.transaction() as tx:
            posting.record(tx, journal.invoice_entry("N1", "O1", 11416, 1484, AT))
        assert posting.post_pending(db, poster)["posted"] == 1
        assert list(fake.booked) == ["INV-N1"]
        page = shop.get("/sandbox/erp/")
        assert page.status_code == 200 and "INV-N1" in page.text and "22210106" in page.text
        assert shop.get("/sandbox/erp/entries.json").json()["items"][0]["total_fen"] == 12900
        assert shop.post("/sandbox/erp/fail", data={"n": "1"}, follow_redirects=False) \
            .status_code == 303
        with pytest.raises(PostFailed, match="503"):
            poster.post([pay()])


def test_the_fakes_page_lists_what_it_booked(fake):
    client = fake.client()
    assert "INV-" not in client.get("/").text
    adapter(fake).post([journal.to_json(journal.invoice_entry("N1", "O1", 11416, 1484, AT))])
    page = client.get("/")
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert page.text.count("data-testid='posting'") == 3
    assert "INV-N1" in page.text and "114.16" in page.text and "合同负债" in page.text
    assert client.post("/fail", data={"n": "2"}, follow_redirects=False).status_code == 303
    for _ in range(2):
        with pytest.raises(PostFailed, match="503"):
            adapter(fake).post([pay()])
    assert adapter(fake).post([pay()]).accepted == ["PAY-T1"]
