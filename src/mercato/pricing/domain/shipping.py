"""The shipping step: free-shipping promotions.

Rules:
- The fee is request.shipping_fen. A FREE_SHIPPING promotion that runs (window, buyer; see
  promotions.py) and covers a line takes the whole fee off when its covered lines' amounts
  reach over_fen. They are measured after the automatic promotions, before the coupon and
  points: paying part with a coupon or points does not cost the shopper free shipping.
- The first such promotion in priority order (ties by id) is the one recorded: one shipping
  adjustment, sku_id None, source "promotion:<id>", label labels.FREE_SHIPPING.
- Stacking does not apply to free shipping: it changes no line, so exclusive item promotions
  neither block it nor are blocked by it.
- When none applies and there is a fee, each free-shipping promotion with covered lines below
  its over_fen leaves a Hint: more_fen = over_fen − their amount, save_fen = the fee."""

from __future__ import annotations

from mercato.pricing.domain import labels
from mercato.pricing.domain.model import FREE_SHIPPING, Adjustment, Hint
from mercato.pricing.domain.promotions import source
from mercato.pricing.domain.state import State

STEP = "shipping"


def apply_shipping(state: State) -> None:
    fee = state.request.shipping_fen
    if fee <= 0:
        return
    short: list[Hint] = []
    for promotion in state.promotions:
        if promotion.kind != FREE_SHIPPING:
            continue
        indices = state.covered(promotion.scope)
        if not indices:
            continue
        base = sum(state.after_promotions[i] for i in indices)
        if base >= promotion.over_fen:
            state.adjustments.append(
                Adjustment(STEP, source(promotion), labels.FREE_SHIPPING, fee, None))
            state.shipping_discount_fen = fee
            return
        short.append(Hint(source(promotion), promotion.name, promotion.over_fen - base, fee))
    state.hints.extend(short)
