"""What other contexts may use of pricing: the pipeline's model, its constants and `price`.

Build a Request (lines as the catalogue prices them, the buyer, the group's price list, the
running promotions, the chosen coupon, points, the shipping fee, the shop's Rules) and call
price(request) → Priced. Priced.adjustments explain every fen taken off, line by line, and
PricedLine.paid_fen is what a refund of the line gives back. The stated rules are in
domain/pipeline.py and the modules it names."""

from __future__ import annotations

from mercato.pricing.adapters.price_lists import group_prices
from mercato.pricing.domain import labels
from mercato.pricing.domain.allocate import allocate, refund_for_units
from mercato.pricing.domain.model import (
    AMOUNT_OFF,
    COUPON_ERRORS,
    COUPON_EXPIRED,
    COUPON_MIN_SPEND,
    COUPON_NOT_ELIGIBLE,
    COUPON_NOT_STARTED,
    EXCLUSIVE,
    FREE_SHIPPING,
    ITEM_KINDS,
    KINDS,
    NTH_DISCOUNT,
    PERCENT_OFF,
    SPEND_SAVE,
    STACK,
    STEPS,
    TIME_DISCOUNT,
    X_FOR_Y,
    Adjustment,
    Buyer,
    Coupon,
    Hint,
    Line,
    Priced,
    PricedLine,
    Promotion,
    Request,
    Rules,
    Scope,
)
from mercato.pricing.domain.pipeline import coupon_offs, price
from mercato.pricing.domain.promotions import in_window
from mercato.pricing.domain.summary import by_source

__all__ = [
    "AMOUNT_OFF",
    "COUPON_ERRORS",
    "COUPON_EXPIRED",
    "COUPON_MIN_SPEND",
    "COUPON_NOT_ELIGIBLE",
    "COUPON_NOT_STARTED",
    "EXCLUSIVE",
    "FREE_SHIPPING",
    "ITEM_KINDS",
    "KINDS",
    "NTH_DISCOUNT",
    "PERCENT_OFF",
    "SPEND_SAVE",
    "STACK",
    "STEPS",
    "TIME_DISCOUNT",
    "X_FOR_Y",
    "Adjustment",
    "Buyer",
    "Coupon",
    "Hint",
    "Line",
    "Priced",
    "PricedLine",
    "Promotion",
    "Request",
    "Rules",
    "Scope",
    "allocate",
    "by_source",
    "coupon_offs",
    "group_prices",
    "in_window",
    "labels",
    "price",
    "refund_for_units",
]
