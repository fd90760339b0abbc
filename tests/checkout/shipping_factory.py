"""Shipping methods for tests, made through the real services (like tests/factories.py).

    std      标准快递 / Standard: ¥10 for the first 1000 g, then ¥2 per started 1000 g;
             free from a ¥99 subtotal; delivers anywhere.
    express  特快专递 / Express: ¥20 for the first 1000 g, then ¥5 per started 500 g; never
             free; delivers to every province except 西藏自治区.

So a 2500 g parcel worth ¥50 to 广东省 costs std 1000 + 2×200 = 1400 fen and express
2000 + 3×500 = 3500 fen; to 西藏自治区 only std delivers."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.checkout import provinces
from mercato.checkout.services import shipping
from mercato.checkout.services.shipping_input import MethodData, RuleData

STD = MethodData(
    code="std",
    name_zh="标准快递",
    name_en="Standard",
    carrier="zto",
    position=1,
    rules=(RuleData(("*",), 1000, 1000, 1000, 200, free_over=9900),),
)
EXPRESS = MethodData(
    code="express",
    name_zh="特快专递",
    name_en="Express",
    carrier="sf",
    position=2,
    rules=(RuleData(tuple(p for p in provinces.ALL if p != "西藏自治区"), 1000, 2000, 500, 500),),
)


def shipping_methods(tx: Session) -> dict[str, int]:
    """Create `std` and `express`; returns their ids by code."""
    return {m.code: shipping.create_method(tx, m).id for m in (STD, EXPRESS)}
