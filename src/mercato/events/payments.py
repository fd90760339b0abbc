"""Payment events. Payloads: {"order_number", "out_trade_no", "provider", "amount_fen", ...}."""

PAYMENT_SUCCEEDED = "payments.payment_succeeded.v1"
PAYMENT_FAILED = "payments.payment_failed.v1"
PAYMENT_REFUND_DUE = "payments.refund_due.v1"  # money arrived for an order that cannot take it
PAYMENT_REFUNDED = "payments.payment_refunded.v1"
