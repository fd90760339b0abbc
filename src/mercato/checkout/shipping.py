"""Shipping fees, pure: a method has rules by destination province; a rule charges a first
weight band and then per extra step of weight, and ships free from a subtotal threshold.
All amounts are integer fen and weights integer grams, so a quote is exact."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mercato.kernel.errors import DomainError

ANYWHERE = "*"
MAX_WEIGHT_G = 1_000_000


@dataclass(frozen=True, slots=True)
class FeeRule:
    """Fee to `provinces` ("*" = anywhere not named by another rule of the method)."""

    provinces: frozenset[str]
    first_weight_g: int
    first_fee: int
    step_g: int
    step_fee: int
    free_over: int | None = None  # subtotal (fen) from which shipping is free

    def __post_init__(self) -> None:
        for name in ("first_weight_g", "first_fee", "step_fee"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DomainError("checkout.invalid_fee_rule", f"{name} must be ≥ 0", name)
        if isinstance(self.step_g, bool) or not isinstance(self.step_g, int) or self.step_g < 1:
            raise DomainError("checkout.invalid_fee_rule", "step_g must be ≥ 1", "step_g")
        if self.free_over is not None and self.free_over < 0:
            raise DomainError("checkout.invalid_fee_rule", "free_over must be ≥ 0", "free_over")
        if not self.provinces:
            raise DomainError(
                "checkout.invalid_fee_rule", "Name at least one province", "provinces"
            )

    def fee(self, weight_g: int, subtotal: int) -> int:
        if self.free_over is not None and subtotal >= self.free_over:
            return 0
        extra = max(weight_g - self.first_weight_g, 0)
        steps = -(-extra // self.step_g)  # ceiling division: a started step is charged
        return self.first_fee + steps * self.step_fee


@dataclass(frozen=True, slots=True)
class ShippingMethod:
    code: str
    name_zh: str
    name_en: str
    rules: tuple[FeeRule, ...]

    def rule_for(self, province: str) -> FeeRule:
        """The rule naming the province, else the "*" rule; none means no delivery there."""
        fallback = None
        for rule in self.rules:
            if province in rule.provinces:
                return rule
            if ANYWHERE in rule.provinces:
                fallback = rule
        if fallback is None:
            raise DomainError(
                "checkout.no_delivery", "This method does not deliver there", "province"
            )
        return fallback


def quote(method: ShippingMethod, province: str, weight_g: int, subtotal: int) -> int:
    """The shipping fee in fen for a parcel of `weight_g` grams and a goods subtotal."""
    if (
        isinstance(weight_g, bool)
        or not isinstance(weight_g, int)
        or not 0 <= weight_g <= MAX_WEIGHT_G
    ):
        raise DomainError("checkout.invalid_weight", "Parcel weight out of range", "weight_g")
    if isinstance(subtotal, bool) or not isinstance(subtotal, int) or subtotal < 0:
        raise DomainError("checkout.invalid_amount", "Subtotal must be ≥ 0 fen", "subtotal")
    return method.rule_for(province).fee(weight_g, subtotal)


def cheapest(
    methods: Sequence[ShippingMethod], province: str, weight_g: int, subtotal: int
) -> list[tuple[ShippingMethod, int]]:
    """Every method that delivers to the province with its fee, cheapest first."""
    out = []
    for m in methods:
        try:
            out.append((m, quote(m, province, weight_g, subtotal)))
        except DomainError as exc:
            if exc.code != "checkout.no_delivery":
                raise
    return sorted(out, key=lambda pair: (pair[1], pair[0].code))
