"""Group-buy events. Payloads: {"group_id", "code", "deal_id", "sku_id", "size" (paid seats
to succeed), "max_size" (the most people a group takes), "orders": [order numbers of the paid
members], "customer_ids": [...]}; group_completed adds "cashback_fen" (each paid member's)."""

GROUP_FILLED = "groupbuy.group_filled.v1"  # enough seats paid in time: the orders go ahead
GROUP_FAILED = "groupbuy.group_failed.v1"  # not filled in time: the paid orders are refunded
# A filled group at its most people paid, or at its time: the cashback is fixed and paid.
GROUP_COMPLETED = "groupbuy.group_completed.v1"
