"""After-sales events. Payloads: {"number" (the request), "order_number", "customer_id", ...}."""

AFTERSALES_REQUESTED = "aftersales.requested.v1"
AFTERSALES_DECIDED = "aftersales.decided.v1"  # approved or rejected: {"approved", "reason"}
AFTERSALES_RECEIVED = "aftersales.received.v1"  # the goods came back and were inspected
# Money given back for the request: {"refund_no", "amount_fen", "shipping_fen",
# "lines": [{"sku_id", "product_id", "name", "quantity", "amount_fen"}]}.
AFTERSALES_REFUNDED = "aftersales.refunded.v1"
