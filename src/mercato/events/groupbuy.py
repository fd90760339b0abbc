"""Group-buy events. Payloads: {"group_id", "code", "deal_id", "sku_id", "size",
"orders": [order numbers of the paid members], "customer_ids": [...]}."""

GROUP_FILLED = "groupbuy.group_filled.v1"  # every seat paid in time: the orders go ahead
GROUP_FAILED = "groupbuy.group_failed.v1"  # not full in time: the paid orders are refunded
