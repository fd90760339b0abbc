"""The coupon step: the one coupon the buyer chose.

Rules:
- It applies when request.now lies in [starts_at, ends_at), the buyer is a customer (not a
  guest) whose tier and channel its scope admits, and it covers a line: a line its scope
  covers, with money left, and — when with_promotions is False — that no promotion touched.
- min_spend_fen is measured on the covered lines' amounts after the promotions (and the price
  list and tier before them).
- AMOUNT_OFF takes min(off_fen, that sum); PERCENT_OFF floor(sum × percent_off_bp / 10,000),
  at most cap_fen when cap_fen > 0. The money is spread over the covered lines in proportion
  to their amounts by largest remainder.
- When it does not apply, Priced.coupon_error says why (checked in this order):
  coupon.not_started, coupon.expired, coupon.not_eligible (guest, tier/channel, unknown kind,
  no covered line), coupon.min_spend; and coupon_fen is 0."""

from __future__ import annotations

from mercato.pricing.domain.model import (
    AMOUNT_OFF,
    COUPON_EXPIRED,
    COUPON_MIN_SPEND,
    COUPON_NOT_ELIGIBLE,
    COUPON_NOT_STARTED,
    PERCENT_OFF,
    Coupon,
)
from mercato.pricing.domain.state import BP, State, clamp_bp

STEP = "coupon"


def coupon_off(coupon: Coupon, base: int) -> int:
    """What the coupon takes off covered goods worth `base` (never more than base)."""
    if coupon.kind == AMOUNT_OFF:
        return min(max(coupon.off_fen, 0), base)
    off = base * clamp_bp(coupon.percent_off_bp) // BP
    return min(off, coupon.cap_fen) if coupon.cap_fen > 0 else off


def _refusal(state: State, coupon: Coupon) -> str:
    """Why the coupon cannot apply before looking at the lines ("" it may)."""
    now, buyer = state.request.now, state.request.buyer
    if coupon.starts_at is not None and now < coupon.starts_at:
        return COUPON_NOT_STARTED
    if coupon.ends_at is not None and now >= coupon.ends_at:
        return COUPON_EXPIRED
    if buyer.customer_id is None or not coupon.scope.admits(buyer):
        return COUPON_NOT_ELIGIBLE
    if coupon.kind not in (AMOUNT_OFF, PERCENT_OFF):
        return COUPON_NOT_ELIGIBLE
    return ""


def covered(state: State, coupon: Coupon) -> list[int]:
    return [i for i in state.covered(coupon.scope)
            if state.amounts[i] > 0 and (coupon.with_promotions or i not in state.touched)]


def apply_coupon(state: State) -> None:
    coupon = state.request.coupon
    if coupon is None:
        return
    state.coupon_error = _refusal(state, coupon)
    if state.coupon_error:
        return
    indices = covered(state, coupon)
    if not indices:
        state.coupon_error = COUPON_NOT_ELIGIBLE
        return
    base = sum(state.amounts[i] for i in indices)
    if base < coupon.min_spend_fen:
        state.coupon_error = COUPON_MIN_SPEND
        return
    off = coupon_off(coupon, base)
    state.spread(STEP, f"coupon:{coupon.id}", coupon.name, indices, off)
    state.coupon_fen = off
