"""Integration events: past-tense, versioned names. Payloads are plain JSON-able dicts."""

from mercato.events.catalog import CATALOG_CHANGED, PRODUCT_PUBLISHED
from mercato.events.logistics import (
    LOGISTICS_ISSUE_OPENED,
    SHIPMENT_SHIPPED,
    SHIPMENT_SIGNED,
)
from mercato.events.orders import (
    ORDER_CANCELLED,
    ORDER_CLOSED,
    ORDER_PAID,
    ORDER_PLACED,
    ORDER_STATUS_CHANGED,
)
from mercato.events.payments import (
    PAYMENT_FAILED,
    PAYMENT_REFUND_DUE,
    PAYMENT_REFUNDED,
    PAYMENT_SUCCEEDED,
)

__all__ = [
    "CATALOG_CHANGED",
    "LOGISTICS_ISSUE_OPENED",
    "ORDER_CANCELLED",
    "ORDER_CLOSED",
    "ORDER_PAID",
    "ORDER_PLACED",
    "ORDER_STATUS_CHANGED",
    "PAYMENT_FAILED",
    "PAYMENT_REFUNDED",
    "PAYMENT_REFUND_DUE",
    "PAYMENT_SUCCEEDED",
    "PRODUCT_PUBLISHED",
    "SHIPMENT_SHIPPED",
    "SHIPMENT_SIGNED",
]
