"""Automatic promotions: which ones run, in what order, and what each kind takes off.

Rules:
- A promotion runs when request.now lies in [starts_at, ends_at) (a missing bound is open),
  its scope admits the buyer (tier, channel) and its kind is known. They run by priority,
  highest first, ties by id: the input order never matters.
- Item-level promotions (TIME_DISCOUNT, X_FOR_Y, NTH_DISCOUNT) all run first, in that order of
  priority, each on every covered line on its own; then SPEND_SAVE promotions; FREE_SHIPPING
  runs in the shipping step (shipping.py).
- Each measures a line by its current amount (after the price list, the tier and the
  promotions before it), and a discount is rounded down to the fen: the shop never gives
  more than it announced.
  TIME_DISCOUNT: floor(amount × percent_off_bp / 10,000).
  X_FOR_Y (buy x pay y): per x units of the line, x − y units are free; all units of a line
    cost the same, so free = floor(amount × free units / quantity).
  NTH_DISCOUNT: every n-th unit at percent_off_bp off:
    floor(amount × (quantity // n) × bp / (quantity × 10,000)).
  SPEND_SAVE (满减): the covered lines' amounts are summed; the highest tier whose threshold
    ≤ the sum takes its off_fen (at most the sum) off, spread over those lines in proportion
    to their amounts by largest remainder (allocate.py).
- Stacking: a STACK promotion combines with others. An EXCLUSIVE one skips lines another
  promotion already took money off, and the lines it takes money off take no later promotion.
  (Any stacking value but EXCLUSIVE stacks.) Price list and tier are not promotions.
- A promotion with no covered line, a zero rate or an unreached threshold does nothing. A
  SPEND_SAVE with covered lines below its next tier leaves a Hint: more_fen = that tier's
  threshold − the sum, save_fen = its off_fen (one hint per promotion, the nearest tier)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from mercato.pricing.domain.model import (
    EXCLUSIVE,
    ITEM_KINDS,
    KINDS,
    NTH_DISCOUNT,
    SPEND_SAVE,
    TIME_DISCOUNT,
    X_FOR_Y,
    Buyer,
    Hint,
    Promotion,
)
from mercato.pricing.domain.state import BP, State, clamp_bp

STEP = "promotion"


def in_window(starts_at: datetime | None, ends_at: datetime | None, now: datetime) -> bool:
    return (starts_at is None or starts_at <= now) and (ends_at is None or now < ends_at)


def running(promotions: Iterable[Promotion], buyer: Buyer, now: datetime) -> tuple[Promotion, ...]:
    """The promotions that run for this buyer now, in the order they apply."""
    kept = [p for p in promotions
            if p.kind in KINDS and in_window(p.starts_at, p.ends_at, now) and p.scope.admits(buyer)]
    return tuple(sorted(kept, key=lambda p: (-p.priority, p.id)))


def source(promotion: Promotion) -> str:
    return f"promotion:{promotion.id}"


def item_discount(promotion: Promotion, amount: int, quantity: int) -> int:
    """What an item-level promotion takes off a line of `quantity` units costing `amount`."""
    if promotion.kind == TIME_DISCOUNT:
        return amount * clamp_bp(promotion.percent_off_bp) // BP
    if promotion.kind == X_FOR_Y:
        buy, pay = promotion.buy, promotion.pay
        if buy < 1 or not 0 <= pay < buy:
            return 0
        return amount * (quantity // buy * (buy - pay)) // quantity
    if promotion.kind == NTH_DISCOUNT and promotion.nth >= 1:
        units = quantity // promotion.nth
        return amount * units * clamp_bp(promotion.percent_off_bp) // (quantity * BP)
    return 0


def _eligible(state: State, promotion: Promotion) -> list[int]:
    """Covered lines with money left that stacking lets this promotion touch."""
    exclusive = promotion.stacking == EXCLUSIVE
    return [i for i in state.covered(promotion.scope)
            if state.amounts[i] > 0 and i not in state.locked
            and not (exclusive and i in state.touched)]


def _mark(state: State, promotion: Promotion, index: int) -> None:
    state.touched.add(index)
    if promotion.stacking == EXCLUSIVE:
        state.locked.add(index)


def apply_item(state: State, promotion: Promotion) -> None:
    for i in _eligible(state, promotion):
        off = item_discount(promotion, state.amounts[i], state.request.lines[i].quantity)
        if off > 0:
            state.take(STEP, source(promotion), promotion.name, i, off)
            _mark(state, promotion, i)


def apply_spend_save(state: State, promotion: Promotion) -> None:
    indices = _eligible(state, promotion)
    if not indices:
        return
    base = sum(state.amounts[i] for i in indices)
    tiers = sorted((threshold, off) for threshold, off in promotion.tiers if off > 0)
    reached = [off for threshold, off in tiers if threshold <= base]
    if reached:
        shares = state.spread(STEP, source(promotion), promotion.name, indices,
                              min(reached[-1], base))
        for i, share in zip(indices, shares, strict=True):
            if share > 0:
                _mark(state, promotion, i)
    ahead = [(threshold, off) for threshold, off in tiers if threshold > base]
    if ahead:
        threshold, off = ahead[0]
        state.hints.append(Hint(source(promotion), promotion.name, threshold - base, off))


def apply_promotions(state: State) -> None:
    """The promotion step: item-level kinds, then spend-save; remembers the amounts after it
    (free shipping is measured on them)."""
    for promotion in state.promotions:
        if promotion.kind in ITEM_KINDS:
            apply_item(state, promotion)
    for promotion in state.promotions:
        if promotion.kind == SPEND_SAVE:
            apply_spend_save(state, promotion)
    state.after_promotions = tuple(state.amounts)
