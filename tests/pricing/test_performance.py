"""A big cart against a busy promotion calendar prices in one pass (no timing asserted: the
pipeline is O(lines × promotions) and checks each distinct scope against the lines once)."""

from __future__ import annotations

from mercato.pricing.public import (
    AMOUNT_OFF,
    EXCLUSIVE,
    KINDS,
    STACK,
    Coupon,
    Promotion,
    Rules,
    Scope,
    price,
)
from tests.pricing.helpers import GOLD, HOUR, NOW, line, request


def _promotion(i: int) -> Promotion:
    scope = (Scope(), Scope(categories=frozenset({i % 5})), Scope(brands=frozenset({"acme"})),
             Scope(products=frozenset(range(i, i + 10))))[i % 4]
    return Promotion(i, f"P{i}", KINDS[i % len(KINDS)], scope=scope, priority=i % 7,
                     stacking=EXCLUSIVE if i % 11 == 0 else STACK,
                     starts_at=NOW - HOUR if i % 13 else NOW + HOUR,
                     percent_off_bp=300, buy=3, pay=2, nth=2,
                     tiers=((5000 * (i % 9), 100), (900_000, 5000)), over_fen=10_000)


def test_fifty_lines_against_two_hundred_promotions() -> None:
    lines = [line(s, 1000 + 37 * s, 1 + s % 4, category=s % 5, brand=("acme", "pine")[s % 2])
             for s in range(1, 51)]
    priced = price(request(*lines, buyer=GOLD, promotions=tuple(map(_promotion, range(1, 201))),
                           coupon=Coupon(1, "C", "券", AMOUNT_OFF, off_fen=1000),
                           points=5000, shipping_fen=800,
                           rules=Rules(tier_discount_bp=(("gold", 500),))))
    assert len(priced.lines) == 50
    assert sum(p.paid_fen for p in priced.lines) == priced.total_fen
