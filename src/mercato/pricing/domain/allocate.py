"""Splitting an amount of money over lines, to the fen.

Largest remainder: each line first gets floor(total × weight / Σ weights); the fen left over
(fewer than the number of lines) go one each to the lines with the largest remainders, ties to
the earlier line. The shares add up to the total exactly, are proportional to within one fen,
and when total ≤ Σ weights no line gets more than its weight (a discount never makes a line
negative), and a line of weight 0 gets nothing."""

from __future__ import annotations

from collections.abc import Sequence


def allocate(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` (≥ 0) in proportion to `weights` (each ≥ 0) by largest remainder."""
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("allocate needs a non-negative total and weights")
    whole = sum(weights)
    if total == 0:
        return [0] * len(weights)
    if whole == 0:
        raise ValueError("cannot allocate money over lines that weigh nothing")
    shares = [total * w // whole for w in weights]
    left = total - sum(shares)
    if left:
        # Remainders are total × w mod Σ: the larger, the closer the share was to the next fen.
        order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
        for i in order[:left]:
            shares[i] += 1
    return shares


def refund_for_units(paid_fen: int, quantity: int, refunded_units: int, units: int) -> int:
    """What returning `units` more of a line gives back, when `refunded_units` of its
    `quantity` were refunded before and the line was paid `paid_fen` in all.

    Each refund is the difference of floor(paid × units refunded so far / quantity), so the
    pieces of a line refunded in any number of steps add up to exactly what was paid."""
    if quantity < 1 or units < 0 or refunded_units < 0 or refunded_units + units > quantity:
        raise ValueError("units to refund must lie within the line's quantity")
    return paid_fen * (refunded_units + units) // quantity - paid_fen * refunded_units // quantity
