"""Order events. Payloads: {"number", "customer_id", "total_fen", "currency", ...}."""

ORDER_PLACED = "orders.order_placed.v1"
ORDER_PAID = "orders.order_paid.v1"
ORDER_CANCELLED = "orders.order_cancelled.v1"  # before payment: stock released
ORDER_CLOSED = "orders.order_closed.v1"  # after payment, not delivered: refund due
ORDER_STATUS_CHANGED = "orders.order_status_changed.v1"
ORDER_COMPLETED = "orders.order_completed.v1"  # signed for and past the change of mind
ORDER_RELEASED = "orders.order_released.v1"  # a held paid order may ship (its group filled)
ORDER_DEPOSIT_PAID = "orders.order_deposit_paid.v1"  # a presale order's deposit: balance next
