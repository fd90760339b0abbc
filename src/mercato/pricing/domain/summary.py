"""Adjustments as the shopper reads them: one row per source (a promotion, the coupon, the
points…), every line's share summed, in the order the pipeline took them."""

from __future__ import annotations

from collections.abc import Iterable


def by_source(rows: Iterable[tuple[str, str, str, int]]) -> tuple[tuple[str, str, int], ...]:
    """(source, step, label, fen) rows → (step, label, fen) per source, first seen first."""
    named: dict[str, tuple[str, str]] = {}
    fen: dict[str, int] = {}
    for source, step, label, amount in rows:
        named.setdefault(source, (step, label))
        fen[source] = fen.get(source, 0) + amount
    return tuple((*named[s], fen[s]) for s in named)
