"""Payment events. Payloads: {"order_number", "out_trade_no", "provider", "amount_fen", ...}."""

PAYMENT_SUCCEEDED = "payments.payment_succeeded.v1"
PAYMENT_FAILED = "payments.payment_failed.v1"
# Money an order cannot keep (paid after cancelling, paid twice, or the order closed).
PAYMENT_REFUND_DUE = "payments.refund_due.v1"
PAYMENT_REFUNDED = "payments.payment_refunded.v1"
# Partial refunds asked by after-sales, one per refund number: {"refund_no", "order_number",
# "out_trade_no", "provider", "amount_fen", "refund_id"} (see payments.public.request_refund).
PAYMENT_REFUND_SUCCEEDED = "payments.refund_succeeded.v1"
PAYMENT_REFUND_FAILED = "payments.refund_failed.v1"
