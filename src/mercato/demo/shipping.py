"""Demo shipping methods (SF Express, ZTO, EMS), written through the checkout services.
Idempotent: a method whose code is already stored is left as it is."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.checkout import provinces
from mercato.checkout.services import shipping
from mercato.checkout.services.shipping_input import MethodData, RuleData

REMOTE = ("新疆维吾尔自治区", "西藏自治区")
ANYWHERE = ("*",)

METHODS = (
    MethodData(
        code="sf",
        name_zh="顺丰标快",
        name_en="SF Express",
        carrier="sf",
        position=10,
        rules=(
            RuleData(ANYWHERE, 1000, 1200, 500, 200, free_over=19900),
            RuleData(REMOTE, 1000, 2500, 500, 800, free_over=19900),
        ),
    ),
    MethodData(
        code="zto",
        name_zh="中通快递",
        name_en="ZTO Express",
        carrier="zto",
        position=20,
        rules=(
            RuleData(
                tuple(p for p in provinces.MAINLAND if p not in REMOTE),
                1000,
                600,
                1000,
                100,
                free_over=9900,
            ),
        ),
    ),
    MethodData(
        code="ems",
        name_zh="EMS",
        name_en="EMS",
        carrier="ems",
        position=30,
        rules=(RuleData(ANYWHERE, 1000, 1500, 500, 300),),
    ),
)


def load_shipping(tx: Session) -> int:
    """Create the demo methods that are missing; returns how many were created."""
    stored = {m.code for m in shipping.list_methods(tx)}
    missing = [m for m in METHODS if m.code not in stored]
    for method in missing:
        shipping.create_method(tx, method)
    return len(missing)
