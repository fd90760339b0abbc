"""Hypothesis strategies for whole pricing requests: lines, a buyer, a price list, promotions of
every kind and stacking mode with windows and scopes, a coupon, points, a fee and shop rules.
Values are kept small so that scopes overlap, windows straddle NOW and thresholds are reached
about as often as missed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypeVar

from hypothesis import strategies as st

from mercato.pricing.public import (
    AMOUNT_OFF,
    EXCLUSIVE,
    KINDS,
    PERCENT_OFF,
    STACK,
    Buyer,
    Coupon,
    Line,
    Promotion,
    Request,
    Rules,
    Scope,
)
from tests.pricing.helpers import HOUR, NOW

T = TypeVar("T")
PRODUCTS = (1, 2, 3, 4, 5, 6)
BRANDS = ("acme", "lotus", "pine")
TIERS = ("", "silver", "gold")
CHANNELS = ("web", "app")
SKUS = st.integers(1, 40)
FEN = st.one_of(st.integers(0, 300), st.integers(0, 60_000))
BP = st.one_of(st.sampled_from([0, 500, 1000, 5000, 10_000]), st.integers(0, 11_000))


def maybe_set(values: Sequence[T]) -> st.SearchStrategy[frozenset[T]]:
    return st.one_of(st.just(frozenset()), st.frozensets(st.sampled_from(values), max_size=2))


def moment(*hours: int) -> st.SearchStrategy[datetime | None]:
    """Mostly open (None), else NOW + one of `hours`: starts and ends straddle NOW."""
    return st.one_of(st.none(), st.sampled_from(hours).map(lambda h: NOW + h * HOUR))


STARTS = moment(-2, 0, 1)  # 0: starts right now (inclusive)
ENDS = moment(1, 2, 0, -1)  # 0: ended right now (exclusive)


lines = st.lists(
    st.builds(Line, sku_id=SKUS, product_id=st.sampled_from(PRODUCTS),
              category_id=st.one_of(st.none(), st.integers(1, 3)),
              brand=st.sampled_from(BRANDS), unit_price_fen=FEN, quantity=st.integers(1, 12)),
    min_size=1, max_size=6, unique_by=lambda line: line.sku_id,
).map(tuple)

scopes = st.one_of(
    st.just(Scope()),
    st.builds(Scope, products=maybe_set(PRODUCTS), categories=maybe_set((1, 2, 3)),
              brands=maybe_set(BRANDS), tiers=maybe_set(TIERS),
              channels=maybe_set(CHANNELS), exclude_products=maybe_set(PRODUCTS)),
)

spend_tiers = st.lists(st.tuples(FEN, FEN), max_size=3).map(tuple)

promotion = st.builds(
    Promotion, id=st.integers(1, 60), name=st.sampled_from(["满减", "限时折扣", "第二件半价"]),
    kind=st.sampled_from(KINDS), scope=scopes, starts_at=STARTS, ends_at=ENDS,
    priority=st.integers(0, 2), stacking=st.sampled_from([STACK, EXCLUSIVE]),
    percent_off_bp=BP, buy=st.integers(0, 4), pay=st.integers(0, 4), nth=st.integers(0, 4),
    tiers=spend_tiers, over_fen=FEN,
)
promotions = st.lists(promotion, max_size=8, unique_by=lambda p: p.id).map(tuple)

coupon = st.builds(
    Coupon, id=st.just(34), code=st.just("C34"), name=st.just("优惠券"),
    kind=st.sampled_from([AMOUNT_OFF, PERCENT_OFF]), off_fen=FEN, percent_off_bp=BP,
    cap_fen=st.one_of(st.just(0), FEN), min_spend_fen=st.one_of(st.just(0), FEN),
    scope=scopes, with_promotions=st.booleans(), starts_at=STARTS, ends_at=ENDS,
)

buyers = st.builds(Buyer, customer_id=st.sampled_from([None, 1, 2, 3]),
                   tier=st.sampled_from(TIERS), points=st.integers(0, 50_000),
                   channel=st.sampled_from(CHANNELS))

rules = st.builds(
    Rules,
    tier_discount_bp=st.lists(st.tuples(st.sampled_from(TIERS), BP), max_size=3,
                              unique_by=lambda t: t[0]).map(tuple),
    point_value_fen=st.one_of(st.just(1), st.integers(0, 20)),
    points_max_share_bp=BP,
)

requests = st.builds(
    Request, lines=lines, buyer=buyers, now=st.just(NOW),
    price_list=st.lists(st.tuples(SKUS, FEN), max_size=4, unique_by=lambda t: t[0]).map(tuple),
    price_list_name=st.sampled_from(["", "企业价"]), promotions=promotions,
    coupon=st.one_of(st.none(), coupon), points=st.one_of(st.just(0), st.integers(0, 60_000)),
    shipping_fen=st.one_of(st.just(0), st.integers(0, 2000)), rules=rules,
)
