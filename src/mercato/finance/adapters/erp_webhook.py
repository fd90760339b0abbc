"""Entries to the merchant's ERP as a signed JSON webhook (docs/erp-webhook.md).

POST {"batch_id", "sent_at", "entries": [...]} with X-Mercato-Timestamp (unix seconds),
X-Mercato-Signature "sha256=" + hex HMAC-SHA256(secret, "<timestamp>.<raw body>") and
Idempotency-Key = batch_id. Only a 200 answer {"accepted": [...], "rejected": [{"entry_id",
"reason"}]} that names nothing we did not send acknowledges anything: a timeout, another
status, or an answer we cannot read leaves every entry to be sent again."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from mercato.finance.adapters.poster import PostFailed, PostResult

TIMEOUT = 30.0  # seconds; below posting.LEASE, so a slow ERP never sees a batch twice at once


@dataclass(frozen=True, slots=True)
class WebhookConfig:
    url: str
    secret: str


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """The X-Mercato-Signature of `body` sent at `timestamp` (unix seconds, as text)."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class ErpWebhook:
    name = "webhook"

    def __init__(self, config: WebhookConfig, client: httpx.Client | None = None, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.config, self.clock = config, clock
        # An injected client keeps its own timeout (httpx's default is 5 s): below LEASE too.
        self._client = client or httpx.Client(timeout=TIMEOUT)

    def request(self, entries: Sequence[dict[str, Any]]) -> tuple[str, bytes, dict[str, str]]:
        """(batch id, body, headers) of one delivery."""
        now = self.clock()
        batch_id = uuid.uuid4().hex
        sent_at = datetime.fromtimestamp(now, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        body = json.dumps({"batch_id": batch_id, "sent_at": sent_at, "entries": list(entries)},
                          ensure_ascii=False, separators=(",", ":")).encode()
        timestamp = str(int(now))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-Mercato-Timestamp": timestamp,
            "X-Mercato-Signature": signature(self.config.secret, timestamp, body),
            "Idempotency-Key": batch_id,
        }
        return batch_id, body, headers

    def post(self, entries: Sequence[dict[str, Any]]) -> PostResult:
        if not entries:
            return PostResult()
        batch_id, body, headers = self.request(entries)
        try:
            r = self._client.post(self.config.url, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise PostFailed(f"ERP unreachable: {type(exc).__name__}: {exc}") from exc
        if r.status_code != 200:
            raise PostFailed(f"ERP answered HTTP {r.status_code}: {r.text[:200]}")
        sent = [str(e["entry_id"]) for e in entries]
        return _answer(r.content, sent, batch_id)


def _answer(raw: bytes, sent: list[str], batch_id: str) -> PostResult:
    """The ERP's acknowledgement, or PostFailed if it is not one we can trust."""
    try:
        data = json.loads(raw)
        if not isinstance(data["accepted"], list) or not isinstance(data.get("rejected", []),
                                                                    list):
            raise TypeError("accepted and rejected must be lists")
        accepted = [str(i) for i in data["accepted"]]
        rejected = {str(r["entry_id"]): str(r.get("reason") or "rejected")
                    for r in data.get("rejected") or []}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PostFailed(f"ERP answer is not an acknowledgement: {exc}") from exc
    strangers = (set(accepted) | set(rejected)) - set(sent)
    if strangers:
        # An answer naming entries we did not send is someone else's, or broken.
        raise PostFailed(f"ERP answer names entries not sent: {sorted(strangers)[:5]}")
    both = set(accepted) & set(rejected)
    if both:
        raise PostFailed(f"ERP answer both accepts and rejects {sorted(both)[:5]}")
    return PostResult(accepted, rejected, ack=str(data.get("batch_id") or batch_id)[:128])
