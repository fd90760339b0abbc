"""The one interface every payment provider adapter implements."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from mercato.payments.domain import (
    Notification,
    PaymentIntent,
    ProviderResult,
    RefundResult,
    TradeStatus,
)

Ack = tuple[int, bytes, str]  # (HTTP status, body, content type)


@runtime_checkable
class PaymentGateway(Protocol):
    """A provider. Adapters raise `mercato.payments.domain` errors, never HTTP exceptions."""

    name: str

    def create(self, intent: PaymentIntent) -> ProviderResult:
        """Open a trade at the provider; returns what the shopper's client needs to pay."""
        ...

    def parse_notification(self, headers: Mapping[str, str], body: bytes) -> Notification:
        """Authenticate FIRST (signature, key, freshness), then decrypt/parse and check that it
        belongs to this merchant/app. Raises `NotificationRejected` with a payments.* code."""
        ...

    def notification_ack(self, ok: bool) -> Ack:
        """The answer the provider expects, so it stops (ok) or keeps retrying (not ok)."""
        ...

    def query(self, out_trade_no: str) -> TradeStatus: ...

    def close(self, out_trade_no: str) -> None: ...

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int
    ) -> RefundResult: ...
