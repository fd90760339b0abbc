"""The pipeline's working state: each line's amount so far, and what the steps did.

Steps read `amounts` (what each line costs after the earlier steps) and take money off through
`take`, which records the Adjustment and lowers the amount in one go, so the two never
disagree and no step can see a later step's work."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mercato.pricing.domain.allocate import allocate
from mercato.pricing.domain.model import (
    Adjustment,
    Hint,
    Priced,
    PricedLine,
    Promotion,
    Request,
    Scope,
)

BP = 10_000  # basis points in a whole


def clamp_bp(bp: int) -> int:
    """A rate outside 0..100% is a merchant's typo: never raise a price, never go below 0."""
    return min(max(bp, 0), BP)


def _none_in_cart(scope: Scope, products: frozenset[int], categories: frozenset[int | None],
                  brands: frozenset[str]) -> bool:
    return bool((scope.products and scope.products.isdisjoint(products))
                or (scope.categories and scope.categories.isdisjoint(categories))
                or (scope.brands and scope.brands.isdisjoint(brands)))


@dataclass(slots=True)
class State:
    request: Request
    promotions: tuple[Promotion, ...]  # in window, admitting the buyer, in applying order
    amounts: list[int]  # each line's amount after the steps run so far
    adjustments: list[Adjustment] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)  # lines a promotion took money off
    locked: set[int] = field(default_factory=set)  # lines an exclusive promotion took money off
    hints: list[Hint] = field(default_factory=list)
    after_promotions: tuple[int, ...] = ()  # amounts when the promotion step ended
    coupon_fen: int = 0
    coupon_error: str = ""
    points_used: int = 0
    shipping_discount_fen: int = 0
    _covered: dict[Scope, tuple[int, ...]] = field(default_factory=dict)
    # The cart's products, categories and brands: most promotions are scoped to a few of
    # them, and one set test tells that none of the lines is (no line looked at).
    _in_cart: tuple[frozenset[int], frozenset[int | None], frozenset[str]] | None = None

    @classmethod
    def start(cls, request: Request, promotions: tuple[Promotion, ...]) -> State:
        lines = request.lines
        amounts = [line.unit_price_fen * line.quantity for line in lines]
        in_cart = (frozenset(x.product_id for x in lines), frozenset(x.category_id for x in lines),
                   frozenset(x.brand for x in lines))
        return cls(request, promotions, amounts, _in_cart=in_cart)

    def covered(self, scope: Scope) -> tuple[int, ...]:
        """The indices of the lines `scope` covers. Promotions often share a scope (most have
        none), so each distinct scope is checked against the lines once."""
        found = self._covered.get(scope)
        if found is None:
            if self._in_cart is not None and _none_in_cart(scope, *self._in_cart):
                found = ()
            else:
                lines = self.request.lines
                found = tuple(i for i, line in enumerate(lines) if scope.covers(line))
            self._covered[scope] = found
        return found

    def take(self, step: str, source: str, label: str, index: int, amount: int) -> None:
        """Take `amount` off line `index` (nothing when amount ≤ 0)."""
        if amount <= 0:
            return
        if amount > self.amounts[index]:
            raise AssertionError("a step took more off a line than it had left")
        self.amounts[index] -= amount
        sku_id = self.request.lines[index].sku_id
        self.adjustments.append(Adjustment(step, source, label, amount, sku_id))

    def spread(self, step: str, source: str, label: str, indices: Sequence[int],
               total: int) -> list[int]:
        """Take `total` (≤ the lines' amounts) off `indices` in proportion to their amounts,
        by largest remainder; returns each line's share."""
        shares = allocate(total, [self.amounts[i] for i in indices])
        for i, share in zip(indices, shares, strict=True):
            self.take(step, source, label, i, share)
        return shares

    def result(self) -> Priced:
        lines = self.request.lines
        priced = tuple(
            PricedLine(line.sku_id, line.quantity, line.unit_price_fen,
                       line.unit_price_fen * line.quantity,
                       line.unit_price_fen * line.quantity - amount, amount)
            for line, amount in zip(lines, self.amounts, strict=True)
        )
        return Priced(
            lines=priced,
            adjustments=tuple(self.adjustments),
            goods_fen=sum(p.list_total_fen for p in priced),
            discount_fen=sum(p.discount_fen for p in priced),
            shipping_fen=self.request.shipping_fen,
            shipping_discount_fen=self.shipping_discount_fen,
            points_used=self.points_used,
            coupon_fen=self.coupon_fen,
            coupon_error=self.coupon_error,
            hints=tuple(self.hints),
        )
