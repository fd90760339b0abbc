"""Finance events. Payloads: {"number" (the invoice), "order_number", "kind", "total_fen"}."""

INVOICE_ISSUED = "finance.invoice_issued.v1"  # a blue invoice, or a red-letter one (kind)
