"""Which running promotions can touch a cart. Every step skips a promotion that covers none
of the cart's lines, so a cart need only meet the promotions scoped to one of its products,
categories or brands, and those scoped to none of them: an index of the running set by the
axis that scopes each promotion (its products, else its categories, else its brands) finds
them without looking at the others. A shop runs hundreds of promotions; a cart meets a few.

The running set and its index are worked out once per set, buyer tier and channel, and kept
while `now` stays between the same two window boundaries: the promotions context hands the
same tuple back for as long as nothing changed (its cache), so the key is that tuple."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from threading import Lock

from mercato.pricing.domain.model import Buyer, Line, Promotion
from mercato.pricing.domain.promotions import running


@dataclass(frozen=True, slots=True)
class Index:
    anywhere: tuple[int, ...]  # positions of promotions no product, category or brand scopes
    by_product: dict[int, tuple[int, ...]]
    by_category: dict[int, tuple[int, ...]]
    by_brand: dict[str, tuple[int, ...]]


def index(promotions: Sequence[Promotion]) -> Index:
    anywhere: list[int] = []
    axes: tuple[dict[object, list[int]], ...] = ({}, {}, {})
    for i, p in enumerate(promotions):
        s = p.scope
        keys, axis = ((s.products, 0) if s.products else (s.categories, 1) if s.categories
                      else (s.brands, 2) if s.brands else ((), -1))
        if axis < 0:
            anywhere.append(i)
        for k in keys:
            axes[axis].setdefault(k, []).append(i)
    by_product, by_category, by_brand = ({k: tuple(v) for k, v in a.items()} for a in axes)
    return Index(tuple(anywhere), by_product, by_category, by_brand)  # type: ignore[arg-type]


def for_cart(promotions: Sequence[Promotion], ix: Index,
             lines: Iterable[Line]) -> tuple[Promotion, ...]:
    """The promotions that may cover one of the lines (a superset of those that do), in the
    order they apply."""
    picked = set(ix.anywhere)
    for line in lines:
        picked.update(ix.by_product.get(line.product_id, ()))
        if line.category_id is not None:
            picked.update(ix.by_category.get(line.category_id, ()))
        picked.update(ix.by_brand.get(line.brand, ()))
    return tuple(promotions[i] for i in sorted(picked))


def _bounds(promotions: Iterable[Promotion], now: datetime
            ) -> tuple[datetime | None, datetime | None]:
    """The last window boundary at or before `now` and the first after it: between them the
    running set cannot change."""
    marks = [t for p in promotions for t in (p.starts_at, p.ends_at) if t is not None]
    return (max((t for t in marks if t <= now), default=None),
            min((t for t in marks if t > now), default=None))


_Entry = tuple[tuple[Promotion, ...], datetime | None, datetime | None, tuple[Promotion, ...],
               Index]
_memo: dict[tuple[int, str, str], _Entry] = {}
_lock = Lock()


def prepared(promotions: tuple[Promotion, ...], buyer: Buyer,
             now: datetime) -> tuple[tuple[Promotion, ...], Index]:
    """running(promotions, buyer, now) and its index, worked out once while they hold."""
    key = (id(promotions), buyer.tier, buyer.channel)
    hit = _memo.get(key)
    if hit is not None and hit[0] is promotions and (hit[1] is None or hit[1] <= now) and (
            hit[2] is None or now < hit[2]):
        return hit[3], hit[4]
    run = running(promotions, buyer, now)
    ix = index(run)
    lo, hi = _bounds(promotions, now)
    with _lock:
        if len(_memo) > 256:
            _memo.clear()
        _memo[key] = (promotions, lo, hi, run, ix)  # the tuple kept: its id stays its own
    return run, ix
